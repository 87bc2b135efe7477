use crate::enums::{MailKind, MailStatus};
use sea_orm::entity::prelude::*;

/// One e-mail to one recipient, written in the transaction of the change that causes it and
/// sent by the worker (SMTP, or an .eml file in the mail folder).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "mail_message")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// invitation | reminder | returned | completed | delegation
    pub kind: MailKind,
    pub assessment_id: Option<Uuid>,
    /// `Name <address>`
    pub recipient: String,
    pub subject: String,
    /// Plain text; links holding invitation tokens are removed once sent.
    pub body: String,
    /// pending | sending | sent | dead
    pub status: MailStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// Display name of the sender, e.g. "Northwind Logistics via Chainward"; the address is
    /// the installation's.
    pub sender_name: Option<String>,
    /// Where replies go: a person at the organisation, `Name <address>`.
    pub reply_to: Option<String>,
    /// File name of the one attachment, e.g. the answers workbook of a receipt.
    pub attachment_name: Option<String>,
    /// Its bytes; removed once sent, like the links' tokens.
    #[serde(skip)]
    pub attachment: Option<Vec<u8>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
