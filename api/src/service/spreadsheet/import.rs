//! Spreadsheet imports into an assessment: always a dry run first (a report of the layout and
//! of every row, and the difference to the answers already there), recorded as a batch with
//! the file's SHA-256; committing applies the batch in one transaction (`batch`). The same file twice
//! changes nothing. Respondents import into their own assessment the same way.
use crate::auth::{Actor, Caller, Permission};
use crate::db::begin_write;
use crate::domain::{ImportKind, ImportStatus};
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::{self};
use crate::service::spreadsheet::profile::IdMapping;
use crate::service::spreadsheet::reader::SheetReader;
use crate::service::{kernel::audit, kernel::now, spreadsheet::profile as import_profile, templates::template};
use entity::{assessment_answer, import_batch};
use questionnaires::Template;
use questionnaires::sheet::Limits;
use questionnaires::sheet::import::ImportChoices;
use questionnaires::sheet::report::ImportReport;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Largest spreadsheet accepted (the GraphQL multipart limit admits it).
pub const MAX_IMPORT_BYTES: usize = crate::service::assessment::evidence::MAX_EVIDENCE_BYTES;

/// What to import into and how to read it.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct PreviewImportInput {
    /// The assessment to fill (a respondent's own, for respondents).
    pub assessment_id: Option<Uuid>,
    /// Or only a published template version, to see how a file would match.
    pub template_version_id: Option<Uuid>,
    /// A saved import profile for this layout.
    pub profile_id: Option<Uuid>,
    /// A corrected layout: the `columns` of an earlier preview, edited.
    pub layout: Option<async_graphql::Json<Value>>,
    /// Corrections: which template question a foreign id is.
    pub mapping: Option<Vec<IdMapping>>,
}

/// The assessment (or template version) an import is for, and its questionnaire.
async fn target(
    db: &DatabaseConnection,
    caller: &Caller,
    input: &PreviewImportInput,
) -> ApiResult<(Option<entity::assessment::Model>, Uuid, Template)> {
    if let Actor::Respondent { assessment_id, .. } = &caller.actor {
        if input.assessment_id != Some(*assessment_id) {
            return Err(ApiError::field("input.assessmentId", "respondents import into their own assessment"));
        }
    } else {
        caller.require(Permission::WriteRegister)?;
    }
    match (input.assessment_id, input.template_version_id) {
        (Some(id), _) => {
            let found = assessment::find(db, caller, id).await?;
            let (_, questionnaire) = template::published_template(db, caller, found.template_version_id).await?;
            let version = found.template_version_id;
            Ok((Some(found), version, questionnaire))
        }
        (None, Some(version)) => {
            let (_, questionnaire) = template::published_template(db, caller, version).await?;
            Ok((None, version, questionnaire))
        }
        (None, None) => Err(ApiError::field("input", "name the assessmentId (or a templateVersionId to try a file)")),
    }
}

/// The layout and mapping to read with: a profile's, overridden by the input's corrections.
async fn choices(db: &DatabaseConnection, caller: &Caller, input: &PreviewImportInput) -> ApiResult<ImportChoices> {
    let mut choices = ImportChoices::default();
    if let Some(id) = input.profile_id {
        // Profiles are the organisation's own working material, not the supplier's.
        if matches!(caller.actor, crate::auth::Actor::Respondent { .. }) {
            return Err(ApiError::NotFound("import profile"));
        }
        let profile = import_profile::get(db, caller, id).await?;
        choices.layout = serde_json::from_value(profile.layout).ok();
        choices.mapping = serde_json::from_value(profile.mapping).unwrap_or_default();
    }
    if let Some(layout) = &input.layout {
        choices.layout = Some(
            serde_json::from_value(layout.0.clone())
                .map_err(|e| ApiError::field("input.layout", format!("not a layout: {e}")))?,
        );
    }
    for pair in input.mapping.iter().flatten() {
        choices.mapping.insert(pair.foreign_id.trim().to_owned(), pair.question_id.trim().to_owned());
    }
    Ok(choices)
}

/// Reads the file in an import worker (see `spreadsheet_reader`): it comes from outside.
pub(crate) async fn read_report(
    reader: &SheetReader,
    bytes: Vec<u8>,
    questionnaire: Option<Template>,
    choices: ImportChoices,
) -> ApiResult<ImportReport> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ApiError::Limit(format!("a spreadsheet may have at most {} MiB", MAX_IMPORT_BYTES / 1024 / 1024)));
    }
    let limits = Limits { max_bytes: MAX_IMPORT_BYTES, ..Limits::default() };
    reader.read(bytes, questionnaire, choices, limits).await
}

/// How each answer of the report differs from what the assessment holds.
async fn changes(db: &DatabaseConnection, assessment_id: Option<Uuid>, report: &ImportReport) -> ApiResult<Value> {
    let existing: BTreeMap<String, assessment_answer::Model> = match assessment_id {
        Some(id) => assessment_answer::Entity::find()
            .filter(assessment_answer::Column::AssessmentId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.question_id.clone(), a))
            .collect(),
        None => BTreeMap::new(),
    };
    let list: Vec<Value> = report
        .answers
        .iter()
        .map(|answer| {
            let value = serde_json::to_value(&answer.value).unwrap_or_default();
            let comment = comment_of(answer.comment.as_deref(), answer.evidence.as_deref());
            match existing.get(&answer.question_id) {
                None => json!({"question_id": answer.question_id, "change": "new"}),
                Some(old) if old.value == value && old.comment == comment => {
                    json!({"question_id": answer.question_id, "change": "unchanged"})
                }
                Some(old) => json!({"question_id": answer.question_id, "change": "changed", "from": old.raw, "from_comment": old.comment}),
            }
        })
        .collect();
    Ok(Value::Array(list))
}

/// The answers of an import, as the assessment records them (rows of no question left out).
pub(crate) fn answer_inputs<'a>(
    answers: impl IntoIterator<Item = &'a questionnaires::sheet::report::ImportedAnswer>,
    questionnaire: &Template,
) -> Vec<crate::service::assessment::answers::AnswerInput> {
    answers
        .into_iter()
        .filter_map(|a| {
            let question = questionnaire.question(&a.question_id)?;
            Some(crate::service::assessment::answers::AnswerInput {
                question_id: a.question_id.clone(),
                value: questionnaires::answer::display_answer(question, &a.value),
                comment: comment_of(a.comment.as_deref(), a.evidence.as_deref()),
            })
        })
        .collect()
}

/// The comment recorded: the row's comment, and its evidence reference if any.
pub(crate) fn comment_of(comment: Option<&str>, evidence: Option<&str>) -> Option<String> {
    match (comment, evidence) {
        (Some(c), Some(e)) => Some(format!("{c}\nEvidence: {e}")),
        (None, Some(e)) => Some(format!("Evidence: {e}")),
        (Some(c), None) => Some(c.to_owned()),
        (None, None) => None,
    }
}

pub async fn preview(
    db: &DatabaseConnection,
    reader: &SheetReader,
    caller: &Caller,
    input: PreviewImportInput,
    file_name: &str,
    bytes: Vec<u8>,
) -> ApiResult<import_batch::Model> {
    let (found, version_id, questionnaire) = target(db, caller, &input).await?;
    // A delegated colleague imports into their sections only: rows of other sections are
    // foreign to them, and nothing of what the others answered shows in the preview.
    let questionnaire = template::as_seen_by(caller, questionnaire);
    let choices = choices(db, caller, &input).await?;
    let sha256 = crate::auth::secret::sha256_hex(&bytes);
    let size = bytes.len() as i64;
    let mut report = read_report(reader, bytes, Some(questionnaire), choices).await?;
    if let (Some(exported_for), Some(found)) = (&report.assessment_id, &found)
        && *exported_for != found.id.to_string()
    {
        return Err(ApiError::field("file", "this workbook was exported for another assessment"));
    }
    let assessment_id = found.as_ref().map(|a| a.id);
    if let Some(id) = assessment_id {
        let earlier = import_batch::Entity::find()
            .filter(import_batch::Column::AssessmentId.eq(id))
            .filter(import_batch::Column::FileSha256.eq(&sha256))
            .filter(import_batch::Column::Status.eq("committed"))
            .one(db)
            .await?;
        if let Some(earlier) = earlier {
            let when = earlier.committed_at.map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default();
            report.notes.push(format!("this same file was imported on {when}; importing it again changes nothing"));
        }
    }
    let changes = changes(db, assessment_id, &report).await?;
    let name =
        std::path::Path::new(file_name.trim()).file_name().and_then(|n| n.to_str()).unwrap_or("upload").to_owned();
    let txn = begin_write(db).await?;
    let batch = import_batch::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        assessment_id: Set(assessment_id),
        template_version_id: Set(Some(version_id)),
        file_name: Set(name.chars().take(200).collect()),
        file_sha256: Set(sha256),
        file_size: Set(size),
        format: Set(report.format.name().to_owned()),
        layout: Set(report.layout.clone()),
        report: Set(serde_json::to_value(&report).map_err(ApiError::internal)?),
        changes: Set(changes),
        status: Set(ImportStatus::Previewed),
        actor_label: Set(caller.actor_label()),
        created_at: Set(now()),
        committed_at: Set(None),
        kind: Set(ImportKind::Answers),
        supplier_id: Set(None),
        foreign: Set(None),
    }
    .insert(&txn)
    .await?;
    let summary = json!({"file": batch.file_name, "sha256": batch.file_sha256, "answers": report.answers.len(),
        "invalid": report.invalid.len(), "unmatched": report.unmatched.len()});
    audit::record(&txn, caller, "import.preview", "import_batch", Some(batch.id), summary).await?;
    txn.commit().await?;
    Ok(batch)
}
