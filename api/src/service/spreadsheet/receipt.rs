//! The receipt a respondent gets on submitting: what was submitted, as the answers workbook, so
//! that the supplier keeps its own copy of what it told the organisation.
use crate::auth::{Actor, Caller};
use crate::error::ApiResult;
use crate::service::kernel::notification;
use crate::service::spreadsheet::export;
use entity::{assessment, invitation};
use sea_orm::{DatabaseConnection, EntityTrait};

/// Queues the receipt of the submission `caller` (the invited respondent) just made. The
/// submission stands whatever happens here: a receipt that cannot be written is logged.
pub async fn send(db: &DatabaseConnection, caller: &Caller) {
    if let Err(error) = queue(db, caller).await {
        tracing::error!(%error, "the receipt of a submission could not be queued");
    }
}

async fn queue(db: &DatabaseConnection, caller: &Caller) -> ApiResult<()> {
    let Actor::Respondent { invitation_id, assessment_id, .. } = &caller.actor else { return Ok(()) };
    let file = export::assessment_workbook(db, caller, *assessment_id).await?;
    let (Some(submitted), Some(to)) = (
        assessment::Entity::find_by_id(*assessment_id).one(db).await?,
        invitation::Entity::find_by_id(*invitation_id).one(db).await?,
    ) else {
        return Ok(());
    };
    notification::receipt_mail(db, &submitted, &to, (file.file_name, file.bytes)).await
}
