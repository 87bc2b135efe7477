//! Spreadsheets over GraphQL: workbooks to download (base64), imports previewed and committed,
//! import profiles, and templates made from a blank foreign questionnaire.
use super::import_batch::{ImportBatch, ImportProfile};
use crate::error::GqlResultExt;
use crate::graphql::assessment::evidence::read_upload;
use crate::graphql::templates::template::QuestionnaireTemplate;
use crate::graphql::{caller, db, sheet_reader};
use crate::service::spreadsheet::export::ExportFile;
use crate::service::spreadsheet::import::{MAX_IMPORT_BYTES, PreviewImportInput};
use crate::service::spreadsheet::profile::SaveImportProfileInput;
use crate::service::{self};
use async_graphql::{Context, Enum, Object, Result, SimpleObject, Upload};
use base64::Engine;
use uuid::Uuid;

/// A file to download: a workbook, a CSV table or an archive.
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
    /// dates, clauses and latest rating. The file travels in this response, so registers of
    /// more than 10,000 suppliers are refused (LIMIT): download `/api/exports/register.xlsx`
    /// or `/api/exports/register.csv` with the same bearer token instead, streamed at any size.
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
