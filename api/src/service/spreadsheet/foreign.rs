//! A supplier's own questionnaire (CAIQ, HECVAT, its Statement of Applicability) imported for
//! the supplier: the preview recognises the family and shows the coverage its answers give;
//! the commit writes the read-only template of the family, and an assessment holding the
//! answers, submitted for the analyst's review like any answered questionnaire.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::{AnswerSource, AssessmentStatus, ImportKind, ImportStatus};
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::answers::record_answers_in;
use crate::service::assessment::lifecycle::{Draft, insert_draft, move_to};
use crate::service::kernel::{audit, lookup, now};
use crate::service::register::supplier;
use crate::service::spreadsheet::import::{MAX_IMPORT_BYTES, answer_inputs};
use crate::service::spreadsheet::reader::SheetReader;
use crate::service::templates::generated;
use entity::import_batch;
use questionnaires::foreign::{Coverage, ForeignReading, MappedQuestion, Recognised};
use questionnaires::sheet::Limits;
use questionnaires::sheet::report::ImportReport;
use questionnaires::{Template, foreign};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// What a foreign batch keeps beside its import report.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Foreign {
    pub recognised: Recognised,
    pub template: Template,
    pub mapping: Vec<MappedQuestion>,
    pub coverage: Coverage,
    /// Where the workbook's own crosswalk was read, if it had one.
    pub read_from: Vec<String>,
}

impl Foreign {
    /// What a foreign batch keeps (`None` for other batches).
    pub fn of(batch: &import_batch::Model) -> Option<Foreign> {
        part(batch, None)
    }

    /// One part of it (`coverage`, `recognised`...), read without the rest: the template in it
    /// is as large as the questionnaire.
    pub fn part<T: serde::de::DeserializeOwned>(batch: &import_batch::Model, name: &str) -> Option<T> {
        part(batch, Some(name))
    }
}

fn part<T: serde::de::DeserializeOwned>(batch: &import_batch::Model, name: Option<&str>) -> Option<T> {
    let kept = batch.foreign.as_ref()?;
    let value = match name {
        Some(name) => kept.get(name)?,
        None => kept,
    };
    T::deserialize(value)
        .map_err(|e| tracing::error!(batch = %batch.id, error = %e, "a foreign import batch cannot be read back"))
        .ok()
}

/// The `based_on` of a family's read-only template.
pub fn family_origin(template: &Template) -> String {
    format!("family:{}", template.slug)
}

pub async fn preview(
    db: &DatabaseConnection,
    reader: &SheetReader,
    caller: &Caller,
    supplier_id: Uuid,
    file_name: &str,
    bytes: Vec<u8>,
) -> ApiResult<import_batch::Model> {
    caller.require(Permission::WriteRegister)?;
    supplier::get(db, caller, supplier_id).await.map_err(|e| match e {
        ApiError::NotFound(_) => ApiError::field("supplierId", "no supplier of your organisation has this id"),
        other => other,
    })?;
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ApiError::Limit(format!("a spreadsheet may have at most {} MiB", MAX_IMPORT_BYTES / 1024 / 1024)));
    }
    let sha256 = crate::auth::secret::sha256_hex(&bytes);
    let size = bytes.len() as i64;
    let limits = Limits { max_bytes: MAX_IMPORT_BYTES, ..Limits::default() };
    let ForeignReading { recognised, template, mapping, embedded, mut report, coverage } =
        reader.read_foreign(bytes, limits, now().date_naive()).await?;
    let earlier = lookup::scoped::<import_batch::Entity>(caller)
        .filter(import_batch::Column::SupplierId.eq(supplier_id))
        .filter(import_batch::Column::FileSha256.eq(&sha256))
        .filter(import_batch::Column::Status.eq(ImportStatus::Committed))
        .one(db)
        .await?;
    if let Some(earlier) = earlier {
        let when = earlier.committed_at.map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default();
        report.notes.push(format!("this same file was imported for this supplier on {when}"));
    }
    let layout = format!("{}: {}", recognised.name(), report.layout);
    let kept = Foreign { recognised, template, mapping, coverage, read_from: embedded.read_from };
    let name = std::path::Path::new(file_name.trim()).file_name().and_then(|n| n.to_str()).unwrap_or("upload");
    let txn = begin_write(db).await?;
    let batch = import_batch::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        assessment_id: Set(None),
        template_version_id: Set(None),
        file_name: Set(name.chars().take(200).collect()),
        file_sha256: Set(sha256),
        file_size: Set(size),
        format: Set(report.format.name().to_owned()),
        layout: Set(layout.chars().take(2000).collect()),
        report: Set(serde_json::to_value(&report).map_err(ApiError::internal)?),
        changes: Set(json!([])),
        status: Set(ImportStatus::Previewed),
        actor_label: Set(caller.actor_label()),
        created_at: Set(now()),
        committed_at: Set(None),
        kind: Set(ImportKind::Foreign),
        supplier_id: Set(Some(supplier_id)),
        foreign: Set(Some(serde_json::to_value(&kept).map_err(ApiError::internal)?)),
    }
    .insert(&txn)
    .await?;
    let summary = json!({"file": batch.file_name, "sha256": batch.file_sha256, "questionnaire": kept.recognised.name(),
        "answers": report.answers.len(), "controls_covered": kept.coverage.controls_covered});
    audit::record(&txn, caller, "import.preview", "import_batch", Some(batch.id), summary).await?;
    txn.commit().await?;
    Ok(batch)
}

/// Writes the family's template and the supplier's assessment with the answers, in one
/// transaction; the assessment waits in review.
pub async fn commit(
    db: &DatabaseConnection,
    caller: &Caller,
    batch: import_batch::Model,
) -> ApiResult<import_batch::Model> {
    let kept = Foreign::of(&batch).ok_or_else(|| ApiError::internal("a foreign batch without its reading"))?;
    let report: ImportReport = serde_json::from_value(batch.report.clone()).map_err(ApiError::internal)?;
    let supplier_id = batch.supplier_id.ok_or_else(|| ApiError::internal("a foreign batch without its supplier"))?;
    if report.answers.is_empty() {
        return Err(ApiError::field(
            "batchId",
            "the file holds no answers: it is a blank questionnaire; import the supplier's filled-in copy",
        ));
    }
    if kept.coverage.questions_mapped == 0 {
        // Nothing of it would count: recorded, it would only drag the supplier's score to 0.
        return Err(ApiError::field(
            "batchId",
            format!(
                "{}: none of its questions maps to an Annex A control ({}); import it into an assessment of one of your questionnaires with a column mapping instead",
                kept.recognised.name(),
                kept.recognised.evidence.join("; ")
            ),
        ));
    }
    let txn = begin_write(db).await?;
    super::claim::claim(&txn, caller, batch.id).await?;
    supplier::get(&txn, caller, supplier_id).await?;
    let version = generated::publish(&txn, caller, &kept.template, &family_origin(&kept.template)).await?;
    let draft = Draft {
        supplier_id,
        template_version_id: version.id,
        template: &kept.template,
        version: version.version,
        due_date: None,
        message: None,
        campaign_id: None,
        created_by: caller.user_id(),
        follows: None,
    };
    let created = insert_draft(&txn, caller, draft).await?;
    let note = format!("answers imported from {} ({})", batch.file_name, kept.recognised.name());
    let created = move_to(&txn, caller, created, AssessmentStatus::InProgress, None).await?;
    let inputs = answer_inputs(&report.answers, &kept.template);
    let written = inputs.len();
    record_answers_in(&txn, caller, created.id, inputs, AnswerSource::Spreadsheet).await?;
    let created = move_to(&txn, caller, created, AssessmentStatus::Submitted, Some(note)).await?;
    let created = move_to(&txn, caller, created, AssessmentStatus::InReview, None).await?;
    let mut row: import_batch::ActiveModel = batch.into();
    row.status = Set(ImportStatus::Committed);
    row.committed_at = Set(Some(now()));
    row.assessment_id = Set(Some(created.id));
    row.template_version_id = Set(Some(version.id));
    let committed = row.update(&txn).await?;
    let summary = json!({"written": written, "assessment_id": created.id, "questionnaire": kept.recognised.name(),
        "sha256": committed.file_sha256});
    audit::record(&txn, caller, "import.commit", "import_batch", Some(committed.id), summary).await?;
    txn.commit().await?;
    Ok(committed)
}

/// The coverage an assessment's answers give, when it holds a supplier's own questionnaire
/// (a template generated from a family); `None` for our own questionnaires.
pub async fn coverage_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: &entity::assessment::Model,
) -> ApiResult<Option<Coverage>> {
    if !generated::is_family_version(db, caller, assessment.template_version_id).await? {
        return Ok(None);
    }
    let (template, answers) = crate::service::scoring::combined::template_and_answers(db, caller, assessment).await?;
    Ok(Some(foreign::coverage::coverage(&template, &answers, now().date_naive())))
}
