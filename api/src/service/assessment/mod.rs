//! Assessments: a questionnaire sent to a supplier, its invitations and respondents (and their
//! delegated colleagues), answers and evidence, the analyst's review, campaigns, reminders and
//! periodic re-assessment. The reads every file of the domain shares are here.
pub mod answers;
pub mod campaign;
pub mod campaign_send;
pub mod delegation;
pub mod evidence;
pub mod invitation;
pub mod lifecycle;
pub mod reassessment;
pub mod reminder;
pub mod respondent;
pub mod review;

use crate::auth::{Caller, Permission};
use crate::domain::AssessmentStatus;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use entity::{assessment, assessment_answer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// The assessment, for a caller who may read the register.
pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<assessment::Model> {
    caller.require(Permission::Read)?;
    find(db, caller, id).await
}

/// The assessment, in the caller's organisation, without a permission check.
pub(crate) async fn find<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<assessment::Model> {
    lookup::find::<assessment::Entity>(db, caller, id).await
}

/// Newest first, optionally for one supplier and some statuses.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    supplier_id: Option<Uuid>,
    statuses: Option<Vec<AssessmentStatus>>,
) -> ApiResult<Vec<assessment::Model>> {
    caller.require(Permission::Read)?;
    let mut select = lookup::scoped::<assessment::Entity>(caller);
    if let Some(supplier_id) = supplier_id {
        select = select.filter(assessment::Column::SupplierId.eq(supplier_id));
    }
    if let Some(statuses) = statuses {
        select = select.filter(assessment::Column::Status.is_in(statuses.iter().copied()));
    }
    Ok(select.order_by_desc(assessment::Column::CreatedAt).order_by_desc(assessment::Column::Id).all(db).await?)
}

/// The answers of an assessment of the caller's organisation; the caller's right has been checked.
pub(crate) async fn answers<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<Vec<assessment_answer::Model>> {
    find(db, caller, id).await?;
    Ok(assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(id))
        .order_by_asc(assessment_answer::Column::QuestionId)
        .all(db)
        .await?)
}
