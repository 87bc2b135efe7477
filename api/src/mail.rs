//! Sending e-mail. With `CHAINWARD_SMTP_URL` set, messages go through that SMTP server;
//! otherwise every message is written as an .eml file to the mail folder under the data
//! directory (and logged), so that a new user sees exactly what would be sent. Messages are
//! queued in the `mail_message` table by the services and sent by the worker.
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::{Path, PathBuf};

/// Stands for the public address in queued bodies; filled in when the message is sent, so that
/// the services need not know where Chainward is reachable.
pub const PUBLIC_URL: &str = "{public_url}";

enum Transport {
    Folder(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

pub struct Mailer {
    transport: Transport,
    from: String,
    /// Base of the links in messages, e.g. `https://chainward.example.com`.
    pub public_url: String,
}

/// One message to one recipient.
pub struct Message {
    /// `Name <address>`
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mailer {
    /// A mailer writing to `<data_dir>/mail`, or sending through `smtp_url`
    /// (`smtps://user:pass@host:465`, `smtp://host:587?tls=required`).
    pub fn new(data_dir: &Path, public_url: &str, smtp_url: Option<&str>, from: &str) -> anyhow::Result<Mailer> {
        let transport = match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
                    .map_err(|e| anyhow::anyhow!("CHAINWARD_SMTP_URL is not a usable SMTP URL: {e}"))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build(),
            ),
            None => Transport::Folder(data_dir.join("mail")),
        };
        from.parse::<lettre::message::Mailbox>()
            .map_err(|e| anyhow::anyhow!("CHAINWARD_MAIL_FROM is not a mail address ({from}): {e}"))?;
        Ok(Mailer { transport, from: from.to_owned(), public_url: public_url.trim_end_matches('/').to_owned() })
    }

    /// Where messages are written when no SMTP server is configured.
    pub fn folder(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Folder(dir) => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    /// Sends one message; the error says why, for the delivery log.
    pub async fn send(&self, message: &Message) -> Result<(), String> {
        let body = message.body.replace(PUBLIC_URL, &self.public_url);
        match &self.transport {
            Transport::Folder(dir) => self.write_file(dir, message, &body),
            Transport::Smtp(smtp) => {
                let email = lettre::Message::builder()
                    .from(self.from.parse().map_err(|e| format!("sender address: {e}"))?)
                    .to(message.to.parse().map_err(|e| format!("recipient address {}: {e}", message.to))?)
                    .subject(message.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(body)
                    .map_err(|e| format!("message cannot be built: {e}"))?;
                smtp.send(email).await.map_err(|e| format!("SMTP: {e}"))?;
                tracing::info!(to = %message.to, subject = %message.subject, "mail sent");
                Ok(())
            }
        }
    }

    fn write_file(&self, dir: &Path, message: &Message, body: &str) -> Result<(), String> {
        let name = format!("{}-{}.eml", chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"), uuid::Uuid::new_v4().simple());
        let path = dir.join(name);
        let text = format!(
            "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
            self.from,
            message.to,
            message.subject,
            chrono::Utc::now().to_rfc2822(),
            body.replace('\n', "\r\n")
        );
        std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, text)).map_err(|e| {
            tracing::error!(to = %message.to, error = %e, "mail could not be written");
            format!("mail folder {}: {e}", dir.display())
        })?;
        tracing::info!(to = %message.to, subject = %message.subject, path = %path.display(), "mail written");
        Ok(())
    }
}

/// Removes invitation tokens from a sent body: the database keeps what was said, not the key.
pub fn redact_tokens(body: &str) -> String {
    const MARK: &str = "#token=";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at + MARK.len()]);
        rest = &rest[at + MARK.len()..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        out.push_str("[removed once sent]");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_removed_from_sent_bodies() {
        let body = "Open:\n{public_url}/respond#token=abc-DEF_123\nBye #token=x";
        assert_eq!(
            super::redact_tokens(body),
            "Open:\n{public_url}/respond#token=[removed once sent]\nBye #token=[removed once sent]"
        );
        assert_eq!(super::redact_tokens("no link"), "no link");
    }
}
