//! Import batches: each preview is recorded with the file's SHA-256 and its report, read back
//! by the analyst or the respondent who made it, and committed once, in one transaction.
use crate::auth::{Actor, Caller, Permission};
use crate::db::begin_write;
use crate::domain::{AnswerSource, ImportKind, ImportStatus};
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::assessment;
use crate::service::assessment::answers;
use crate::service::kernel::{audit, lookup, now};
use crate::service::spreadsheet::import::answer_inputs;
use crate::service::templates::template;
use entity::import_batch;
use questionnaires::sheet::report::ImportReport;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, QueryFilter, QueryOrder};
use serde_json::json;
use std::collections::BTreeMap;
use uuid::Uuid;

pub async fn get(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<import_batch::Model> {
    let found = lookup::find::<import_batch::Entity>(db, caller, id).await?;
    match &caller.actor {
        Actor::Respondent { assessment_id, .. } if found.assessment_id != Some(*assessment_id) => {
            Err(ApiError::NotFound("import batch"))
        }
        Actor::Respondent { .. } => Ok(found),
        _ => caller.require(Permission::Read).map(|_| found),
    }
}

/// The imports of an assessment, newest first.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    assessment_id: Uuid,
) -> ApiResult<Vec<import_batch::Model>> {
    caller.require(Permission::Read)?;
    assessment::get(db, caller, assessment_id).await?;
    Ok(lookup::scoped::<import_batch::Entity>(caller)
        .filter(import_batch::Column::AssessmentId.eq(assessment_id))
        .order_by_desc(import_batch::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Applies a previewed batch in one transaction. Answers listed in `keep_existing` (changed
/// ones) keep what the assessment holds; unchanged answers are not rewritten.
pub async fn commit(
    db: &DatabaseConnection,
    caller: &Caller,
    batch_id: Uuid,
    keep_existing: Vec<String>,
) -> ApiResult<import_batch::Model> {
    let batch = get(db, caller, batch_id).await?;
    if !matches!(caller.actor, Actor::Respondent { .. }) {
        caller.require(Permission::WriteRegister)?;
    }
    match batch.kind {
        ImportKind::Answers => {}
        ImportKind::Register => {
            return Err(ApiError::field("batchId", "this is a register import; commit it with commitRegisterImport"));
        }
        ImportKind::Foreign if batch.status != ImportStatus::Previewed => {
            return Err(ApiError::field("batchId", format!("this import was already {}", batch.status)));
        }
        ImportKind::Foreign if !keep_existing.is_empty() => {
            return Err(ApiError::field("keepExisting", "a supplier's own questionnaire starts a new assessment"));
        }
        ImportKind::Foreign => return super::foreign::commit(db, caller, batch).await,
    }
    let Some(assessment_id) = batch.assessment_id else {
        return Err(ApiError::field(
            "batchId",
            "this preview was made against a template only; preview against an assessment to import",
        ));
    };
    if batch.status != ImportStatus::Previewed {
        return Err(ApiError::field("batchId", format!("this import was already {}", batch.status)));
    }
    let report: ImportReport = serde_json::from_value(batch.report.clone()).map_err(ApiError::internal)?;
    let change_of: BTreeMap<String, String> = batch
        .changes
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["question_id"].as_str()?.to_owned(), c["change"].as_str()?.to_owned())))
        .collect();
    let mut problems = Problems::default();
    for (i, id) in keep_existing.iter().enumerate() {
        if change_of.get(id).map(String::as_str) != Some("changed") {
            problems.add(format!("keepExisting[{i}]"), format!("{id} is not an answer this import would change"));
        }
    }
    problems.into_result()?;
    let txn = begin_write(db).await?;
    super::claim::claim(&txn, caller, batch_id).await?;
    let found = assessment::find(&txn, caller, assessment_id).await?;
    let (_, questionnaire) = template::published_template(&txn, caller, found.template_version_id).await?;
    let changed = report.answers.iter().filter(|a| {
        change_of.get(&a.question_id).is_some_and(|c| c != "unchanged") && !keep_existing.contains(&a.question_id)
    });
    let inputs = answer_inputs(changed, &questionnaire);
    let written = inputs.len();
    if written > 0 {
        answers::record_answers_in(&txn, caller, assessment_id, inputs, AnswerSource::Spreadsheet).await?;
    }
    let mut row: import_batch::ActiveModel = batch.into();
    row.status = Set(ImportStatus::Committed);
    row.committed_at = Set(Some(now()));
    let committed = row.update(&txn).await?;
    let summary = json!({"written": written, "kept": keep_existing, "sha256": committed.file_sha256});
    audit::record(&txn, caller, "import.commit", "import_batch", Some(committed.id), summary).await?;
    txn.commit().await?;
    Ok(committed)
}
