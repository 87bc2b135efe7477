//! A blank foreign questionnaire (a HECVAT, a customer's own sheet) as a new template: its
//! questions, sections and guidance become the draft; the analyst adds control mappings
//! before publishing.
use crate::auth::{Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::spreadsheet::import::read_report;
use crate::service::spreadsheet::reader::SheetReader;
use crate::service::templates::draft::{self, NewQuestionnaireTemplate};
use crate::service::templates::template::{self, TemplateView};
use questionnaires::sheet::draft::draft_sections;
use questionnaires::sheet::import::ImportChoices;
use sea_orm::DatabaseConnection;
use serde_json::json;

pub async fn create(
    db: &DatabaseConnection,
    reader: &SheetReader,
    caller: &Caller,
    title: String,
    bytes: Vec<u8>,
) -> ApiResult<TemplateView> {
    caller.require(Permission::WriteRegister)?;
    let report = read_report(reader, bytes, None, ImportChoices::default()).await?;
    let sections = draft_sections(&report.rows);
    if sections.is_empty() {
        return Err(ApiError::field("file", "no question with a text was found in the workbook"));
    }
    let description = format!("Taken from a spreadsheet ({}); add control mappings before publishing.", report.layout);
    let input = NewQuestionnaireTemplate {
        title,
        slug: None,
        description: Some(description.chars().take(1000).collect()),
        clone_of: None,
    };
    let created = draft::create(db, caller, input).await?;
    draft::update_draft(db, caller, created.id, json!({"sections": sections})).await?;
    template::get(db, caller, created.id).await
}
