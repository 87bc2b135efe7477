//! Outgoing e-mail. Without an SMTP server configured, every message is written as an .eml
//! file to the mail folder under the data directory (and logged), so that a new user sees
//! exactly what would be sent.
use std::path::{Path, PathBuf};

pub struct Mailer {
    dir: PathBuf,
    from: String,
    /// Base of the links in messages, e.g. `https://chainward.example.com`.
    pub public_url: String,
}

/// One message to one recipient.
pub struct Message {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mailer {
    pub fn new(data_dir: &Path, public_url: &str) -> Mailer {
        Mailer {
            dir: data_dir.join("mail"),
            from: "Chainward <no-reply@chainward.invalid>".into(),
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the message as an RFC 5322 file; failures are logged, never fatal to the change
    /// that caused the message (it has already been committed).
    pub fn deliver(&self, message: &Message) {
        let name = format!("{}-{}.eml", chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"), uuid::Uuid::new_v4().simple());
        let path = self.dir.join(name);
        let text = format!(
            "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
            self.from,
            message.to,
            message.subject,
            chrono::Utc::now().to_rfc2822(),
            message.body.replace('\n', "\r\n")
        );
        let written = std::fs::create_dir_all(&self.dir).and_then(|_| std::fs::write(&path, text));
        match written {
            Ok(()) => {
                tracing::info!(to = %message.to, subject = %message.subject, path = %path.display(), "mail written")
            }
            Err(err) => tracing::error!(to = %message.to, error = %err, "mail could not be written"),
        }
    }
}
