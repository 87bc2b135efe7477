//! The supplier's side of remediation. Through its invitation link a respondent sees the
//! findings of its assessment, reports progress, attaches documents proving the fix and
//! marks a finding resolved; analysts then verify it. Comments go both ways. A delegated
//! colleague, limited to some sections, has no part in remediation.
use crate::auth::{Actor, Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult};
use crate::service::evidence::{MAX_FILES_PER_QUESTION, Placement, check_document, keep};
use crate::service::{audit, now, validate};
use entity::{evidence, finding, finding_comment};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use std::path::Path;
use uuid::Uuid;

/// Where a respondent may move a finding from each status; verifying and accepting the risk
/// are the organisation's.
pub fn respondent_next(from: &str) -> &'static [&'static str] {
    match from {
        "open" => &["in_progress", "resolved"],
        "in_progress" => &["resolved"],
        _ => &[],
    }
}

/// The assessment whose findings a respondent may touch; delegated colleagues may not.
fn respondent_assessment(caller: &Caller) -> ApiResult<Option<Uuid>> {
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
    finding::Entity::find_by_id(id)
        .filter(finding::Column::OrganisationId.eq(caller.organisation_id))
        .one(db)
        .await?
        .filter(|f| own.is_none() || f.assessment_id == own)
        .ok_or(ApiError::NotFound("finding"))
}

/// The findings of the respondent's assessment, soonest due first.
pub async fn respondent_findings(db: &DatabaseConnection, caller: &Caller) -> ApiResult<Vec<finding::Model>> {
    let Some(own) = respondent_assessment(caller)? else {
        return Err(ApiError::Forbidden("only a respondent with an invitation link can do this"));
    };
    Ok(finding::Entity::find()
        .filter(finding::Column::OrganisationId.eq(caller.organisation_id))
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
    to: &str,
) -> ApiResult<finding::Model> {
    if respondent_assessment(caller)?.is_none() {
        return Err(ApiError::Forbidden("only a respondent with an invitation link can do this"));
    }
    crate::service::remediation::move_status(db, caller, id, to).await
}

/// Documents proving a finding's fix, counted before a respondent may mark it resolved.
pub async fn fix_documents<C: ConnectionTrait>(db: &C, finding_id: Uuid) -> ApiResult<u64> {
    Ok(evidence::Entity::find().filter(evidence::Column::FindingId.eq(finding_id)).count(db).await?)
}

/// Adds a comment to a finding, by an analyst or by the respondent of its assessment.
pub async fn comment(
    db: &DatabaseConnection,
    caller: &Caller,
    finding_id: Uuid,
    body: &str,
) -> ApiResult<finding_comment::Model> {
    let body = validate::required_text(body, 5000).map_err(|m| ApiError::field("body", m))?;
    let txn = begin_write(db).await?;
    let found = reachable(&txn, caller, finding_id, true).await?;
    let author_kind = match caller.actor {
        Actor::Respondent { .. } => "respondent",
        Actor::System { .. } => "system",
        _ => "user",
    };
    let created = finding_comment::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        finding_id: Set(found.id),
        author: Set(caller.actor_label()),
        author_kind: Set(author_kind.to_owned()),
        body: Set(body),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "finding.comment", "finding", Some(found.id), json!({"comment": created.body})).await?;
    txn.commit().await?;
    Ok(created)
}

/// Attaches a document proving a finding's fix, while the finding is not yet verified.
pub async fn upload_fix_evidence(
    db: &DatabaseConnection,
    caller: &Caller,
    data_dir: &Path,
    finding_id: Uuid,
    file_name: &str,
    bytes: &[u8],
) -> ApiResult<evidence::Model> {
    let (file_name, content_type) = check_document(file_name, bytes)?;
    let txn = begin_write(db).await?;
    let found = reachable(&txn, caller, finding_id, true).await?;
    if !matches!(found.status.as_str(), "open" | "in_progress" | "resolved") {
        return Err(ApiError::field(
            "findingId",
            format!("the finding is {}; it takes no more documents", found.status),
        ));
    }
    let Some(assessment_id) = found.assessment_id else {
        return Err(ApiError::field("findingId", "only findings from an assessment take documents"));
    };
    if fix_documents(&txn, found.id).await? >= MAX_FILES_PER_QUESTION {
        return Err(ApiError::Limit(format!("at most {MAX_FILES_PER_QUESTION} documents per finding")));
    }
    let question = found.question_id.clone().unwrap_or_default();
    let place = Placement { assessment_id, question_id: &question, finding_id: Some(found.id), valid_until: None };
    let created = keep(&txn, caller, data_dir, place, file_name, content_type, bytes).await?;
    let changes = json!({"file_name": created.file_name, "sha256": created.sha256});
    audit::record(&txn, caller, "finding.evidence_upload", "finding", Some(found.id), changes).await?;
    txn.commit().await?;
    Ok(created)
}
