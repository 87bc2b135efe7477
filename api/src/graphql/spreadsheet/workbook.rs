//! Spreadsheets over GraphQL: workbooks to download (base64), imports previewed and committed,
//! import profiles, and templates made from a blank foreign questionnaire.
use crate::domain::ImportStatus;
use crate::error::GqlResultExt;
use crate::graphql::assessment::evidence::read_upload;
use crate::graphql::templates::template::QuestionnaireTemplate;
use crate::graphql::{caller, db, sheet_reader};
use crate::service::spreadsheet::export::ExportFile;
use crate::service::spreadsheet::import::{MAX_IMPORT_BYTES, PreviewImportInput};
use crate::service::spreadsheet::profile::SaveImportProfileInput;
use crate::service::{self};
use async_graphql::{Context, Enum, Json, Object, Result, SimpleObject, Upload};
use base64::Engine;
use chrono::{DateTime, Utc};
use entity::{import_batch, import_profile};
use questionnaires::sheet::report::ImportReport;
use serde_json::Value;
use uuid::Uuid;

/// A workbook or CSV file.
#[derive(SimpleObject)]
pub struct SpreadsheetFile {
    /// A file name to save it under.
    pub file_name: String,
    /// Its media type.
    pub content_type: String,
    /// Size in bytes.
    pub size: usize,
    /// The file, base64-encoded.
    pub base64: String,
}

impl From<ExportFile> for SpreadsheetFile {
    fn from(file: ExportFile) -> Self {
        SpreadsheetFile {
            file_name: file.file_name,
            content_type: file.content_type.to_owned(),
            size: file.bytes.len(),
            base64: base64::engine::general_purpose::STANDARD.encode(&file.bytes),
        }
    }
}

/// Formats of the supplier register.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    /// An Excel workbook.
    Xlsx,
    /// Comma-separated text (UTF-8).
    Csv,
}

/// One answer an import would record.
#[derive(SimpleObject)]
pub struct ImportAnswer {
    /// The template question.
    pub question_id: String,
    /// Where it was read, e.g. `Answers!E12`.
    pub cell: String,
    /// The cell as written.
    pub raw: String,
    /// Its comment (and evidence reference).
    pub comment: Option<String>,
    /// new, changed or unchanged against the answers already there.
    pub change: String,
    /// For a changed answer: what the assessment holds now.
    pub previous: Option<String>,
}

/// A row whose id is no question of the template.
#[derive(SimpleObject)]
pub struct ImportUnmatched {
    /// Where its id is.
    pub cell: String,
    /// The id as written.
    pub id: String,
    /// Its question text.
    pub text: String,
}

/// A cell that cannot be used.
#[derive(SimpleObject)]
pub struct ImportProblem {
    /// e.g. `Answers!C12`.
    pub cell: String,
    /// The question, if the row matched one.
    pub question_id: Option<String>,
    /// What is wrong, e.g. `"Maybe" is not one of yes, no, partial, n/a`.
    pub message: String,
}

/// A spreadsheet upload: what it holds, how it matches, and whether it was applied.
pub struct ImportBatch(pub import_batch::Model);

impl ImportBatch {
    fn report(&self) -> Option<ImportReport> {
        serde_json::from_value(self.0.report.clone()).ok()
    }
}

/// A spreadsheet upload: what it holds, how it matches, and whether it was applied.
#[Object]
impl ImportBatch {
    /// Pass it to commitImport.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The assessment it is for (none for a try against a template version).
    async fn assessment_id(&self) -> Option<Uuid> {
        self.0.assessment_id
    }
    /// The file name as uploaded.
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    /// SHA-256 of the file, hex.
    async fn sha256(&self) -> &str {
        &self.0.file_sha256
    }
    /// xlsx, xlsm, xlsb, xls, ods or csv, told by the bytes.
    async fn format(&self) -> &str {
        &self.0.format
    }
    /// The layout found, in words.
    async fn layout(&self) -> &str {
        &self.0.layout
    }
    /// The layout itself: edit it and pass it back as `input.layout`, or save it as a profile.
    async fn columns(&self) -> Json<Value> {
        Json(self.0.report.get("columns").cloned().unwrap_or_default())
    }
    /// Previewed, or committed (its answers written).
    async fn status(&self) -> ImportStatus {
        self.0.status
    }
    /// Who uploaded it.
    async fn uploaded_by(&self) -> &str {
        &self.0.actor_label
    }
    /// When it was previewed.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was applied.
    async fn committed_at(&self) -> Option<DateTime<Utc>> {
        self.0.committed_at
    }
    /// Question rows read.
    async fn rows_read(&self) -> usize {
        self.report().map_or(0, |r| r.rows.len())
    }
    /// Answers it would record, with the difference to the answers already there.
    async fn answers(&self) -> Vec<ImportAnswer> {
        let changes: Vec<Value> = self.0.changes.as_array().cloned().unwrap_or_default();
        let change_of = |id: &str| changes.iter().find(|c| c["question_id"] == id).cloned().unwrap_or_default();
        self.report()
            .map(|r| r.answers)
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                let change = change_of(&a.question_id);
                ImportAnswer {
                    change: change["change"].as_str().unwrap_or("new").to_owned(),
                    previous: change["from"].as_str().map(str::to_owned),
                    comment: a.comment,
                    question_id: a.question_id,
                    cell: a.cell,
                    raw: a.raw,
                }
            })
            .collect()
    }
    /// Questions in the file left unanswered.
    async fn unanswered(&self) -> Vec<String> {
        self.report().map(|r| r.unanswered).unwrap_or_default()
    }
    /// Rows that match no question (map them with `input.mapping` or a profile).
    async fn unmatched(&self) -> Vec<ImportUnmatched> {
        let rows = self.report().map(|r| r.unmatched).unwrap_or_default();
        rows.into_iter().map(|u| ImportUnmatched { cell: u.cell, id: u.id, text: u.text }).collect()
    }
    /// Cells that cannot be used, each named by sheet and cell.
    async fn invalid(&self) -> Vec<ImportProblem> {
        let problems = self.report().map(|r| r.invalid).unwrap_or_default();
        problems
            .into_iter()
            .map(|p| ImportProblem { cell: p.cell, question_id: p.question_id, message: p.message })
            .collect()
    }
    /// Questions of the template the file does not have.
    async fn missing(&self) -> Vec<String> {
        self.report().map(|r| r.missing).unwrap_or_default()
    }
    /// Remarks, e.g. that the same file was imported before.
    async fn notes(&self) -> Vec<String> {
        self.report().map(|r| r.notes).unwrap_or_default()
    }
}

/// A saved foreign layout.
pub struct ImportProfile(pub import_profile::Model);

/// A saved foreign layout.
#[Object]
impl ImportProfile {
    /// Pass it as `input.profileId`.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Its name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The layout.
    async fn columns(&self) -> Json<Value> {
        Json(self.0.layout.clone())
    }
    /// Foreign id -> question id.
    async fn mapping(&self) -> Json<Value> {
        Json(self.0.mapping.clone())
    }
}

#[derive(Default)]
pub struct WorkbookQuery;

#[Object]
impl WorkbookQuery {
    /// A published template version as a blank answer workbook.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn export_template_workbook(&self, ctx: &Context<'_>, template_version_id: Uuid) -> Result<SpreadsheetFile> {
        service::spreadsheet::export::template_workbook(db(ctx), caller(ctx)?, template_version_id)
            .await
            .map(Into::into)
            .gql()
    }
    /// An assessment's workbook with the answers so far (respondents: their own).
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn export_assessment_workbook(&self, ctx: &Context<'_>, assessment_id: Uuid) -> Result<SpreadsheetFile> {
        service::spreadsheet::export::assessment_workbook(db(ctx), caller(ctx)?, assessment_id)
            .await
            .map(Into::into)
            .gql()
    }
    /// The supplier register (IR 2024/2690 5.2): contact points, ICT services, tier, contract
    /// dates, clauses and latest rating.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn export_supplier_register(&self, ctx: &Context<'_>, format: RegisterFormat) -> Result<SpreadsheetFile> {
        let (db, caller) = (db(ctx), caller(ctx)?);
        let file = match format {
            RegisterFormat::Xlsx => service::spreadsheet::export::register_xlsx(db, caller).await,
            RegisterFormat::Csv => service::spreadsheet::export::register_csv(db, caller).await,
        };
        file.map(Into::into).gql()
    }
    /// The spreadsheet imports of an assessment, newest first.
    async fn import_batches(&self, ctx: &Context<'_>, assessment_id: Uuid) -> Result<Vec<ImportBatch>> {
        service::spreadsheet::batch::list(db(ctx), caller(ctx)?, assessment_id)
            .await
            .map(|v| v.into_iter().map(ImportBatch).collect())
            .gql()
    }
    /// One import.
    async fn import_batch(&self, ctx: &Context<'_>, id: Uuid) -> Result<ImportBatch> {
        service::spreadsheet::batch::get(db(ctx), caller(ctx)?, id).await.map(ImportBatch).gql()
    }
    /// Saved import profiles.
    async fn import_profiles(&self, ctx: &Context<'_>) -> Result<Vec<ImportProfile>> {
        service::spreadsheet::profile::list(db(ctx), caller(ctx)?)
            .await
            .map(|v| v.into_iter().map(ImportProfile).collect())
            .gql()
    }
}

#[derive(Default)]
pub struct WorkbookMutation;

#[Object]
impl WorkbookMutation {
    /// Reads a spreadsheet (multipart upload) and reports what importing it would do; nothing
    /// changes until commitImport.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn preview_import(&self, ctx: &Context<'_>, file: Upload, input: PreviewImportInput) -> Result<ImportBatch> {
        let (name, bytes) = read_upload(ctx, &file, MAX_IMPORT_BYTES).await.gql()?;
        service::spreadsheet::import::preview(db(ctx), sheet_reader(ctx), caller(ctx)?, input, &name, bytes)
            .await
            .map(ImportBatch)
            .gql()
    }
    /// Applies a previewed import in one transaction; `keepExisting` names changed answers
    /// whose current value stays.
    async fn commit_import(
        &self,
        ctx: &Context<'_>,
        batch_id: Uuid,
        keep_existing: Option<Vec<String>>,
    ) -> Result<ImportBatch> {
        let keep = keep_existing.unwrap_or_default();
        service::spreadsheet::batch::commit(db(ctx), caller(ctx)?, batch_id, keep).await.map(ImportBatch).gql()
    }
    /// Makes a draft template from a blank foreign questionnaire (multipart upload).
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn create_template_from_spreadsheet(
        &self,
        ctx: &Context<'_>,
        file: Upload,
        title: String,
    ) -> Result<QuestionnaireTemplate> {
        let (_, bytes) = read_upload(ctx, &file, MAX_IMPORT_BYTES).await.gql()?;
        service::spreadsheet::template::create(db(ctx), sheet_reader(ctx), caller(ctx)?, title, bytes)
            .await
            .map(QuestionnaireTemplate)
            .gql()
    }
    /// Saves a layout and id mapping under a name (replacing one of the same name).
    async fn save_import_profile(&self, ctx: &Context<'_>, input: SaveImportProfileInput) -> Result<ImportProfile> {
        service::spreadsheet::profile::save(db(ctx), caller(ctx)?, input).await.map(ImportProfile).gql()
    }
    /// Deletes an import profile; returns its id.
    async fn delete_import_profile(&self, ctx: &Context<'_>, id: Uuid) -> Result<Uuid> {
        service::spreadsheet::profile::delete(db(ctx), caller(ctx)?, id).await.gql()
    }
}
