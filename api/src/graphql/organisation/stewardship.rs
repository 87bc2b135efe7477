//! The organisation's data: erasing a person (GDPR Art. 17), exporting the whole organisation.
use crate::error::{ApiError, GqlResultExt};
use crate::graphql::spreadsheet::workbook::SpreadsheetFile;
use crate::graphql::{caller, db};
use crate::service::stewardship::erasure::{self, Person};
use crate::service::stewardship::portable;
use async_graphql::{Context, Object, Result, SimpleObject};
use uuid::Uuid;

/// What erasing a person did.
#[derive(SimpleObject)]
pub struct PersonErasure {
    /// The name the person goes by from now on, e.g. "Erased person 3f2a9c1b"; their e-mail
    /// address became `erased-3f2a9c1b@erased.invalid`.
    pub pseudonym: String,
    /// Rows of the organisation whose texts named the person and were rewritten.
    pub rows_changed: u64,
    /// Copies of e-mails in the mail folder (the transport without SMTP) removed or rewritten.
    pub mail_copies: u64,
}

#[derive(Default)]
pub struct StewardshipMutation;

#[Object]
impl StewardshipMutation {
    /// Erases a person (admins only): give `contactId` (a supplier contact) or `userId` (a user,
    /// not yourself). Their e-mail address, name (of four characters or more) and phone number
    /// are replaced by a stable pseudonym in every text the organisation holds, the audit trail,
    /// event payloads and e-mail copies included, in one transaction; a user can no longer sign
    /// in. The audit trail keeps who did what under the pseudonym. Documents they uploaded are
    /// not rewritten. Cannot be undone.
    async fn erase_person(
        &self,
        ctx: &Context<'_>,
        contact_id: Option<Uuid>,
        user_id: Option<Uuid>,
    ) -> Result<PersonErasure> {
        let person = match (contact_id, user_id) {
            (Some(id), None) => Person::Contact(id),
            (None, Some(id)) => Person::User(id),
            _ => return Err(ApiError::field("contactId", "give contactId or userId, one of them").into_graphql()),
        };
        let folder = ctx.data_opt::<std::sync::Arc<crate::mail::Mailer>>().and_then(|m| m.folder());
        let done = erasure::erase(db(ctx), caller(ctx)?, person, folder).await.gql()?;
        Ok(PersonErasure { pseudonym: done.pseudonym, rows_changed: done.rows, mail_copies: done.mail_copies as u64 })
    }
    /// Your whole organisation (admins only) as the archive `chainward import-organisation`
    /// loads into another Chainward: every table's rows, the documents, a manifest of SHA-256
    /// hashes. Recorded in the audit trail. Organisations of more than 10,000 suppliers are
    /// refused (LIMIT): download `/api/exports/organisation` instead, streamed at any size.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn export_organisation(&self, ctx: &Context<'_>) -> Result<SpreadsheetFile> {
        let documents = ctx.data_unchecked::<crate::storage::DocumentStore>();
        portable::export_in_response(db(ctx), documents, caller(ctx)?).await.map(Into::into).gql()
    }
}
