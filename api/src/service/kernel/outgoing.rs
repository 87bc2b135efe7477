//! How a message to a respondent leaves: queued in `mail_message` in the transaction of the
//! change that causes it, from the organisation by name with a person to reply to, and with a
//! working link of its own (tokens are kept only as hashes, so a later message cannot repeat
//! the invitation's link: it gets another key to the same invitation).
use crate::auth::secret::{random_token, token_hash};
use crate::domain::{MailKind, MailStatus};
use crate::error::ApiResult;
use crate::mail::PUBLIC_URL;
use crate::service::kernel::now;
use crate::service::kernel::settings::OrganisationSettings;
use entity::{assessment, invitation, invitation_link, mail_message, organisation, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// One message to an invitation's respondent.
pub struct Outgoing {
    pub kind: MailKind,
    pub subject: String,
    pub body: String,
    /// (file name, bytes), e.g. the answers workbook of a receipt.
    pub attachment: Option<(String, Vec<u8>)>,
}

/// Who a message comes from, in the words the supplier knows them by.
pub struct Sender {
    /// The organisation's name.
    pub organisation: String,
    /// Shown as the sender's name; the address is the installation's (for SPF and DKIM).
    pub display_name: String,
    /// `Name <address>` of the person (or mailbox) replies reach.
    pub reply_to: Option<String>,
}

/// The sender of messages about `assessment`: the organisation's configured name and reply
/// address, else its name and the analyst who created the assessment.
pub async fn sender<C: ConnectionTrait>(db: &C, assessment: &assessment::Model) -> ApiResult<Sender> {
    let found = organisation::Entity::find_by_id(assessment.organisation_id).one(db).await?;
    let name = found.as_ref().map(|o| o.name.clone()).unwrap_or_default();
    let settings = found.as_ref().map(OrganisationSettings::of).unwrap_or_default();
    let display_name = settings.mail_sender_name.clone().unwrap_or_else(|| format!("{name} via Chainward"));
    let reply_to = match settings.mail_reply_to.clone() {
        Some(address) => Some(format!("{} <{address}>", clean(&name))),
        None => match assessment.created_by {
            Some(id) => user::Entity::find_by_id(id).one(db).await?.filter(|u| u.active).map(|u| {
                let person = u.display_name.clone().unwrap_or_else(|| u.email.clone());
                format!("{} <{}>", clean(&person), u.email)
            }),
            None => None,
        },
    };
    Ok(Sender { organisation: name, display_name, reply_to })
}

/// A name as it may stand before an address: no quotes, brackets or line breaks.
fn clean(name: &str) -> String {
    name.replace(['<', '>', '"', '\r', '\n'], "").trim().to_owned()
}

/// A new working link to `to`'s assessment, valid while the invitation is.
pub async fn fresh_link<C: ConnectionTrait>(db: &C, to: &invitation::Model) -> ApiResult<String> {
    let token = random_token();
    invitation_link::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(to.organisation_id),
        invitation_id: Set(to.id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now()),
    }
    .insert(db)
    .await?;
    Ok(link(&token))
}

/// The link that opens the questionnaire with `token`.
pub fn link(token: &str) -> String {
    format!("{PUBLIC_URL}/respond#token={token}")
}

/// Queues `mail` to `to`, signed with who sent it and whom a reply reaches.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    to: &invitation::Model,
    sender: &Sender,
    mail: Outgoing,
) -> ApiResult<()> {
    let signature = match &sender.reply_to {
        Some(person) => format!(
            "\n--\n{} sent this through Chainward. Reply to this e-mail to reach {person}.\n",
            sender.organisation
        ),
        None => format!("\n--\n{} sent this through Chainward.\n", sender.organisation),
    };
    let (attachment_name, attachment) = mail.attachment.map(|(n, b)| (Some(n), Some(b))).unwrap_or_default();
    mail_message::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(to.organisation_id),
        kind: Set(mail.kind),
        assessment_id: Set(Some(to.assessment_id)),
        recipient: Set(format!("{} <{}>", clean(&to.name), to.email)),
        subject: Set(mail.subject),
        body: Set(format!("{}{signature}", mail.body)),
        status: Set(MailStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now()),
        locked_until: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now()),
        sender_name: Set(Some(sender.display_name.clone())),
        reply_to: Set(sender.reply_to.clone()),
        attachment_name: Set(attachment_name),
        attachment: Set(attachment),
    }
    .insert(db)
    .await?;
    Ok(())
}
