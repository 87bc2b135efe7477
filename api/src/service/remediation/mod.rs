//! Findings and their remediation: the status workflow and risk acceptance, the supplier's side
//! through its link, the comment thread, what a finding rests on, findings raised by hand, the
//! findings board, and overdue notices. Who may reach a finding is decided here, for every file
//! of the domain.
pub mod basis;
pub mod board;
pub mod comments;
pub mod manual;
pub mod overdue;
pub mod supplier_side;
pub mod workflow;

use crate::auth::{Actor, Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::lookup;
use entity::{evidence, finding};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

/// The assessment whose findings a respondent may touch; delegated colleagues may not.
pub(crate) fn respondent_assessment(caller: &Caller) -> ApiResult<Option<Uuid>> {
    match &caller.actor {
        Actor::Respondent { sections: Some(_), .. } => {
            Err(ApiError::Forbidden("remediation is for the invited respondent, not for delegated colleagues"))
        }
        Actor::Respondent { assessment_id, .. } => Ok(Some(*assessment_id)),
        _ => Ok(None),
    }
}

/// A finding the caller may read (`write`: change): any of the organisation's for its users
/// with the permission, only those of their own assessment for a respondent.
pub async fn reachable<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
    write: bool,
) -> ApiResult<finding::Model> {
    let own = respondent_assessment(caller)?;
    if own.is_none() {
        caller.require(if write { Permission::WriteRegister } else { Permission::Read })?;
    }
    lookup::find_optional::<finding::Entity>(db, caller, id)
        .await?
        .filter(|f| own.is_none() || f.assessment_id == own)
        .ok_or(ApiError::NotFound("finding"))
}

/// One finding of the caller's organisation, for its users; a respondent reads the findings of
/// its own assessment through `respondentFindings`, which shows what the supplier may see.
pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<finding::Model> {
    caller.require(Permission::Read)?;
    lookup::find::<finding::Entity>(db, caller, id).await
}

/// Documents proving a finding's fix, counted before a respondent may mark it resolved.
pub async fn fix_documents<C: ConnectionTrait>(db: &C, finding_id: Uuid) -> ApiResult<u64> {
    Ok(evidence::Entity::find().filter(evidence::Column::FindingId.eq(finding_id)).count(db).await?)
}
