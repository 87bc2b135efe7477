//! The supplier's side of remediation. Through its invitation link a respondent sees the
//! findings of its assessment, reports progress, attaches documents proving the fix and
//! marks a finding resolved; analysts then verify it. Comments go both ways. A delegated
//! colleague, limited to some sections, has no part in remediation.
use crate::auth::Caller;
use crate::db::begin_write;
use crate::domain::FindingStatus;
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::evidence::{MAX_FILES_PER_QUESTION, Placement, check_document, keep, within_quota};
use crate::service::kernel::audit;
use crate::service::kernel::lookup;
use crate::service::remediation;
use crate::storage::DocumentStore;
use entity::{evidence, finding};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

/// The findings of the respondent's assessment, soonest due first.
pub async fn respondent_findings(db: &DatabaseConnection, caller: &Caller) -> ApiResult<Vec<finding::Model>> {
    let Some(own) = remediation::respondent_assessment(caller)? else {
        return Err(ApiError::Forbidden("only a respondent with an invitation link can do this"));
    };
    Ok(lookup::scoped::<finding::Entity>(caller)
        .filter(finding::Column::AssessmentId.eq(own))
        .order_by_asc(finding::Column::DueDate)
        .order_by_asc(finding::Column::Id)
        .all(db)
        .await?)
}

/// The respondent moves a finding of its assessment (analysts use `changeFindingStatus`).
pub async fn respondent_change_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    to: FindingStatus,
) -> ApiResult<finding::Model> {
    if remediation::respondent_assessment(caller)?.is_none() {
        return Err(ApiError::Forbidden("only a respondent with an invitation link can do this"));
    }
    crate::service::remediation::workflow::move_status(db, caller, id, to, None).await
}

/// Whether a document of `size` bytes may prove the finding's fix now; the finding and its
/// assessment.
async fn admit_fix<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    finding_id: Uuid,
    size: usize,
) -> ApiResult<(finding::Model, Uuid)> {
    let found = remediation::reachable(db, caller, finding_id, true).await?;
    if !matches!(found.status, FindingStatus::Open | FindingStatus::InProgress | FindingStatus::Resolved) {
        return Err(ApiError::field(
            "findingId",
            format!("the finding is {}; it takes no more documents", found.status),
        ));
    }
    let Some(assessment_id) = found.assessment_id else {
        return Err(ApiError::field("findingId", "only findings from an assessment take documents"));
    };
    if remediation::fix_documents(db, found.id).await? >= MAX_FILES_PER_QUESTION {
        return Err(ApiError::Limit(format!("at most {MAX_FILES_PER_QUESTION} documents per finding")));
    }
    within_quota(db, assessment_id, size).await?;
    Ok((found, assessment_id))
}

/// Attaches a document proving a finding's fix, while the finding is not yet verified.
pub async fn upload_fix_evidence(
    db: &DatabaseConnection,
    caller: &Caller,
    documents: &DocumentStore,
    finding_id: Uuid,
    file_name: &str,
    bytes: &[u8],
) -> ApiResult<evidence::Model> {
    let (file_name, content_type) = check_document(file_name, bytes)?;
    // Admitted before the store and again in the transaction, as answers' documents are.
    admit_fix(db, caller, finding_id, bytes.len()).await?;
    let sha256 = documents.put_content(bytes).await?;
    let txn = begin_write(db).await?;
    let (found, assessment_id) = admit_fix(&txn, caller, finding_id, bytes.len()).await?;
    let question = found.question_id.clone().unwrap_or_default();
    let place = Placement { assessment_id, question_id: &question, finding_id: Some(found.id), valid_until: None };
    let created = keep(&txn, caller, &sha256, place, file_name, content_type, bytes.len()).await?;
    let changes = json!({"file_name": created.file_name, "sha256": created.sha256});
    audit::record(&txn, caller, "finding.evidence_upload", "finding", Some(found.id), changes).await?;
    txn.commit().await?;
    Ok(created)
}
