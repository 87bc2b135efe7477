//! Workbooks for download: a template version blank, an assessment pre-filled with its
//! answers (for offline answering and re-import), and the supplier register that IR 2024/2690
//! 5.2 asks for, as xlsx or csv.
use crate::auth::{Actor, Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::{self};
use crate::service::kernel::in_response;
use crate::service::spreadsheet::register;
use crate::service::templates::template;
use entity::{assessment_answer, evidence};
use questionnaires::AnswerValue;
use questionnaires::sheet::export::{Filled, Prefill, TableWorkbook, export_template, table_csv};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use uuid::Uuid;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV: &str = "text/csv; charset=utf-8";

/// A file to hand to the user.
pub struct ExportFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

fn written<E: std::fmt::Display>(result: Result<Vec<u8>, E>) -> ApiResult<Vec<u8>> {
    result.map_err(ApiError::internal)
}

/// A published template version, blank.
pub async fn template_workbook(db: &DatabaseConnection, caller: &Caller, version_id: Uuid) -> ApiResult<ExportFile> {
    caller.require(Permission::Read)?;
    let (version, questionnaire) = template::published_template(db, caller, version_id).await?;
    let bytes = written(export_template(&questionnaire, &Prefill::default()))?;
    Ok(ExportFile { file_name: format!("{}-v{version}.xlsx", questionnaire.slug), content_type: XLSX, bytes })
}

/// An assessment's questionnaire with the answers given so far; its hidden sheet names the
/// assessment, so that the filled file comes back to it.
pub async fn assessment_workbook(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<ExportFile> {
    match &caller.actor {
        Actor::Respondent { assessment_id, .. } if *assessment_id != id => {
            return Err(ApiError::NotFound("assessment"));
        }
        Actor::Respondent { .. } => {}
        _ => caller.require(Permission::Read)?,
    }
    let found = assessment::find(db, caller, id).await?;
    let (_, questionnaire) = template::published_template(db, caller, found.template_version_id).await?;
    // A delegated colleague's workbook holds their sections only.
    let questionnaire = template::as_seen_by(caller, questionnaire);
    let visible: std::collections::HashSet<&str> = questionnaire.questions().map(|q| q.id.as_str()).collect();
    let answers =
        assessment_answer::Entity::find().filter(assessment_answer::Column::AssessmentId.eq(id)).all(db).await?;
    let answers = answers.into_iter().filter(|a| visible.contains(a.question_id.as_str()));
    let documents = evidence::Entity::find()
        .filter(evidence::Column::AssessmentId.eq(id))
        .filter(evidence::Column::FindingId.is_null())
        .all(db)
        .await?;
    let mut prefill = Prefill { assessment_id: Some(id.to_string()), answers: BTreeMap::new() };
    for answer in answers {
        let names: Vec<&str> =
            documents.iter().filter(|d| d.question_id == answer.question_id).map(|d| d.file_name.as_str()).collect();
        let filled = Filled {
            value: serde_json::from_value::<AnswerValue>(answer.value).ok(),
            comment: answer.comment,
            evidence: (!names.is_empty()).then(|| names.join(", ")),
        };
        prefill.answers.insert(answer.question_id, filled);
    }
    let bytes = written(export_template(&questionnaire, &prefill))?;
    let file_name = format!("{}-{}.xlsx", questionnaire.slug, &id.simple().to_string()[..8]);
    Ok(ExportFile { file_name, content_type: XLSX, bytes })
}

/// The streamed downloads of the register, named when it is too large for a response.
const DOWNLOADS: &str = "/api/exports/register.xlsx or /api/exports/register.csv";

/// Register as CSV.
pub async fn register_csv(db: &DatabaseConnection, caller: &Caller) -> ApiResult<ExportFile> {
    in_response::fits(db, caller, DOWNLOADS).await?;
    let rows = register::all_rows(db, caller).await?;
    let bytes = table_csv(&register::COLUMNS, &rows);
    Ok(ExportFile { file_name: "supplier-register.csv".into(), content_type: CSV, bytes })
}

/// Register as xlsx.
pub async fn register_xlsx(db: &DatabaseConnection, caller: &Caller) -> ApiResult<ExportFile> {
    in_response::fits(db, caller, DOWNLOADS).await?;
    let mut bytes = Vec::new();
    register_table(db, caller, None).await?.finish(&mut bytes).map_err(ApiError::internal)?;
    Ok(ExportFile { file_name: "supplier-register.xlsx".into(), content_type: XLSX, bytes })
}

/// The register as an xlsx table, read a page of suppliers at a time and written to a
/// temporary file in `temp_dir` as it is read: memory stays flat whatever the register's size.
pub async fn register_table(
    db: &DatabaseConnection,
    caller: &Caller,
    temp_dir: Option<&std::path::Path>,
) -> ApiResult<TableWorkbook> {
    let mut pages = register::RegisterPages::open(caller.clone())?;
    let mut table = TableWorkbook::new("Register", &register::COLUMNS, temp_dir).map_err(ApiError::internal)?;
    while let Some(rows) = pages.next_rows(db).await? {
        for row in &rows {
            table.push(row).map_err(ApiError::internal)?;
        }
    }
    Ok(table)
}
