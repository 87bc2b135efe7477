//! Sending e-mail. With `CHAINWARD_SMTP_URL` set, messages go through that SMTP server;
//! otherwise every message is written as an .eml file to the mail folder under the data
//! directory (and logged), so that a new user sees exactly what would be sent. Messages are
//! queued in the `mail_message` table by the services and sent by the worker.
use lettre::message::header::{ContentTransferEncoding, ContentType, MIME_VERSION_1_0};
use lettre::message::{Attachment, Body, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::{Path, PathBuf};

mod html;

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
#[derive(Default)]
pub struct Message {
    /// `Name <address>`
    pub to: String,
    pub subject: String,
    /// Plain text; an HTML alternative is made from it when sent.
    pub body: String,
    /// The sender's display name beside the installation's address.
    pub sender_name: Option<String>,
    /// `Name <address>` replies go to.
    pub reply_to: Option<String>,
    /// (file name, bytes) of one attachment.
    pub attachment: Option<(String, Vec<u8>)>,
    /// The organisation it is sent for: the mail folder names its copy after it, so that an
    /// erasure touches that organisation's copies only.
    pub organisation: Option<uuid::Uuid>,
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

    /// Sends one message; the error says why, for the delivery log. The message is built by
    /// lettre in both modes, so a line break in a subject can never start a header of its own.
    pub async fn send(&self, message: &Message) -> Result<(), String> {
        let text = message.body.replace(PUBLIC_URL, &self.public_url);
        let subject: String = message.subject.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let mut from: lettre::message::Mailbox = self.from.parse().map_err(|e| format!("sender address: {e}"))?;
        if let Some(name) = message.sender_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            from.name = Some(name.chars().filter(|c| !c.is_control()).collect());
        }
        let mut builder = lettre::Message::builder()
            .from(from)
            .to(mailbox(&message.to).map_err(|e| format!("recipient address {}: {e}", message.to))?)
            .subject(subject)
            .header(MIME_VERSION_1_0);
        if let Some(reply_to) = &message.reply_to {
            builder = builder.reply_to(mailbox(reply_to).map_err(|e| format!("reply-to address {reply_to}: {e}"))?);
        }
        let alternative = MultiPart::alternative()
            .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(eight_bit(text.clone())))
            .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(html::page(&text)));
        let body = match &message.attachment {
            Some((name, bytes)) => MultiPart::mixed()
                .multipart(alternative)
                .singlepart(Attachment::new(name.clone()).body(bytes.clone(), attachment_type(name))),
            None => alternative,
        };
        let email = builder.multipart(body).map_err(|e| format!("message cannot be built: {e}"))?;
        match &self.transport {
            Transport::Folder(dir) => {
                write_file(dir, message.organisation, &message.to, &message.subject, &email.formatted())
            }
            Transport::Smtp(smtp) => {
                smtp.send(email).await.map_err(|e| format!("SMTP: {e}"))?;
                tracing::info!(to = %message.to, subject = %message.subject, "mail sent");
                Ok(())
            }
        }
    }
}

/// `Name <address>` as a mailbox whatever the name holds (an e-mail address, parentheses,
/// accents): the name is taken as written and quoted by lettre, not parsed as RFC 5322 syntax.
fn mailbox(written: &str) -> Result<lettre::message::Mailbox, String> {
    let written = written.trim();
    let (name, address) = match (written.rfind('<'), written.strip_suffix('>')) {
        (Some(open), Some(_)) => (Some(written[..open].trim()), &written[open + 1..written.len() - 1]),
        _ => (None, written),
    };
    let address = address.trim().parse::<lettre::Address>().map_err(|e| e.to_string())?;
    let name = name.filter(|n| !n.is_empty()).map(|n| n.chars().filter(|c| !c.is_control()).collect());
    Ok(lettre::message::Mailbox::new(name, address))
}

/// The content type of an attachment, by its name (Chainward only attaches what it wrote).
fn attachment_type(name: &str) -> ContentType {
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let kind = if name.ends_with(".xlsx") { xlsx } else { "application/octet-stream" };
    ContentType::parse(kind).unwrap_or(ContentType::TEXT_PLAIN)
}

/// The body as 8-bit text when it is valid as such (RFC 2045: lines of at most 998 bytes, no
/// NUL, CRLF line ends), so that links stay whole and readable in any client; otherwise lettre
/// chooses an encoding.
fn eight_bit(body: String) -> Body {
    let text = body.replace("\r\n", "\n").replace('\r', "\n");
    if text.contains('\0') || text.lines().any(|line| line.len() > 998) {
        return Body::new(body);
    }
    Body::dangerous_pre_encoded(text.replace('\n', "\r\n").into_bytes(), ContentTransferEncoding::EightBit)
}

/// Writes a message to the mail folder, readable by this user only: invitation links in it
/// are live keys to an assessment.
fn write_file(
    dir: &Path,
    organisation: Option<uuid::Uuid>,
    to: &str,
    subject: &str,
    formatted: &[u8],
) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let time = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f");
    let owner = organisation.map(|o| o.simple().to_string()).unwrap_or_else(|| "instance".into());
    let name = format!("{time}-{owner}-{}.eml", uuid::Uuid::new_v4().simple());
    let path = dir.join(name);
    let written = std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).and_then(|_| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path)?;
        file.write_all(formatted)
    });
    written.map_err(|e| {
        tracing::error!(to = %to, error = %e, "mail could not be written");
        format!("mail folder {}: {e}", dir.display())
    })?;
    tracing::info!(to = %to, subject = %subject, path = %path.display(), "mail written");
    Ok(())
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
    #[tokio::test]
    async fn a_line_break_in_a_subject_starts_no_header_and_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("chainward-mail-test-{}", uuid::Uuid::new_v4().simple()));
        let mailer =
            super::Mailer::new(&dir, "https://chainward.test", None, "Chainward <no-reply@chainward.test>").unwrap();
        let message = super::Message {
            to: "Ines <ines@supplier.example>".into(),
            subject: "Questionnaire\r\nBcc: thief@evil.example".into(),
            body: "Open {public_url}/respond#token=abc\nThanks, Jürgen".into(),
            ..Default::default()
        };
        mailer.send(&message).await.unwrap();
        let folder = mailer.folder().unwrap();
        let file = std::fs::read_dir(folder).unwrap().next().unwrap().unwrap().path();
        let text = std::fs::read_to_string(&file).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.lines().all(|l| !l.to_lowercase().starts_with("bcc")), "{head}");
        assert!(head.contains("Subject: Questionnaire  Bcc: thief@evil.example"), "{head}");
        assert!(body.contains("https://chainward.test/respond#token=abc") && body.contains("Jürgen"), "{body}");
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(folder).unwrap().permissions().mode() & 0o777, 0o700);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn a_message_names_its_sender_takes_replies_has_html_and_carries_its_attachment() {
        let dir = std::env::temp_dir().join(format!("chainward-mail-test-{}", uuid::Uuid::new_v4().simple()));
        let mailer = super::Mailer::new(&dir, "https://cw.test", None, "Chainward <no-reply@cw.test>").unwrap();
        let message = super::Message {
            to: "Ines <ines@supplier.example>".into(),
            subject: "Received".into(),
            body: "Hello <Ines>,\n\nOpen your questionnaire:\n{public_url}/respond#token=abc\n".into(),
            sender_name: Some("Acme Procurement".into()),
            reply_to: Some("ola@acme.example <ola@acme.example>".into()),
            attachment: Some(("answers.xlsx".into(), b"PK\x03\x04workbook".to_vec())),
            organisation: None,
        };
        mailer.send(&message).await.unwrap();
        let file = std::fs::read_dir(mailer.folder().unwrap()).unwrap().next().unwrap().unwrap().path();
        let text = std::fs::read_to_string(&file).unwrap().replace("=\r\n", "");
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("From: \"Acme Procurement\" <no-reply@cw.test>"), "{head}");
        assert!(
            head.contains("Reply-To: ") && head.contains("<ola@acme.example>"),
            "a name holding an address: {head}"
        );
        assert!(head.contains("multipart/mixed"), "{head}");
        assert!(body.contains("multipart/alternative") && body.contains("text/plain") && body.contains("text/html"));
        assert!(body.contains("https://cw.test/respond#token=abc"), "the text part keeps the link whole");
        assert!(body.contains("filename=\"answers.xlsx\""), "{body}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
