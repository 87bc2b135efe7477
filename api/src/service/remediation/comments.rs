//! The conversation on a finding: remarks by analysts and by the supplier's respondent, and the
//! comment an analyst gives with a status change, all in one thread.
use crate::auth::{Actor, Caller};
use crate::db::begin_write;
use crate::domain::AuthorKind;
use crate::error::{ApiError, ApiResult};
use crate::service::remediation;
use crate::service::{kernel::audit, kernel::now, kernel::validate};
use entity::{finding, finding_comment};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection};
use serde_json::json;
use uuid::Uuid;

/// Adds a comment to a finding, by an analyst or by the respondent of its assessment.
pub async fn comment(
    db: &DatabaseConnection,
    caller: &Caller,
    finding_id: Uuid,
    body: &str,
) -> ApiResult<finding_comment::Model> {
    let body = checked(body, "body")?;
    let txn = begin_write(db).await?;
    let found = remediation::reachable(&txn, caller, finding_id, true).await?;
    let created = insert(&txn, caller, &found, body).await?;
    audit::record(&txn, caller, "finding.comment", "finding", Some(found.id), json!({"comment": created.body})).await?;
    txn.commit().await?;
    Ok(created)
}

/// A comment's text, trimmed, or the error naming `field`.
pub(crate) fn checked(body: &str, field: &str) -> ApiResult<String> {
    validate::required_text(body, 5000).map_err(|m| ApiError::field(field, m))
}

/// Writes a comment by `caller` on `found` (inside the caller's transaction; auditing is the
/// caller's, which knows why it was written).
pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    found: &finding::Model,
    body: String,
) -> ApiResult<finding_comment::Model> {
    let author_kind = match caller.actor {
        Actor::Respondent { .. } => AuthorKind::Respondent,
        Actor::System { .. } => AuthorKind::System,
        _ => AuthorKind::User,
    };
    Ok(finding_comment::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        finding_id: Set(found.id),
        author: Set(caller.actor_label()),
        author_kind: Set(author_kind),
        body: Set(body),
        created_at: Set(now()),
    }
    .insert(db)
    .await?)
}
