//! Register imports over GraphQL: a spreadsheet of suppliers previewed (rows new, changed
//! field by field, unchanged and invalid, paged), its layout corrected, and committed.
use crate::domain::ImportStatus;
use crate::error::GqlResultExt;
use crate::graphql::assessment::evidence::read_upload;
use crate::graphql::{caller, db, sheet_reader};
use crate::service::spreadsheet::import::MAX_IMPORT_BYTES;
use crate::service::spreadsheet::register_import::commit::commit;
use crate::service::spreadsheet::register_import::links::LinkPreview;
use crate::service::spreadsheet::register_import::rows::{CellIssue, RowChange, RowPreview};
use crate::service::spreadsheet::register_import::{self, ImportCounts, RegisterPreview, stored};
use async_graphql::{Context, Json, Object, Result, SimpleObject, Upload};
use chrono::{DateTime, Utc};
use entity::import_batch;
use serde_json::Value;
use uuid::Uuid;

/// Rows of a page unless asked otherwise, and at most.
const PAGE: u64 = 100;
const MAX_PAGE: u64 = 500;

/// A spreadsheet of suppliers: what importing it does to the register.
pub struct RegisterImport {
    batch: import_batch::Model,
    preview: RegisterPreview,
}

impl RegisterImport {
    fn of(batch: import_batch::Model) -> Result<RegisterImport> {
        // The batch keeps only the counts and remarks; the rows are read a page at a time.
        let preview = serde_json::from_value(batch.changes.clone()).map_err(crate::error::ApiError::internal).gql()?;
        Ok(RegisterImport { batch, preview })
    }

    async fn page<T: serde::de::DeserializeOwned>(
        &self,
        ctx: &Context<'_>,
        kind: &str,
        change: Option<RowChange>,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> Result<(u64, Vec<T>)> {
        let change = change
            .map(|c| serde_json::to_value(c).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default());
        let offset = offset.unwrap_or(0).max(0) as u64;
        let limit = limit.map_or(PAGE, |l| (l.max(0) as u64).min(MAX_PAGE));
        stored::page(db(ctx), self.batch.id, kind, change.as_deref(), offset, limit).await.gql()
    }
}

/// A page of rows.
#[derive(SimpleObject)]
pub struct RegisterImportRows {
    /// Rows of the asked kind in all.
    pub total: u64,
    /// This page's rows.
    pub items: Vec<RowPreview>,
}

/// A page of dependency rows.
#[derive(SimpleObject)]
pub struct RegisterImportLinks {
    /// Rows of the asked kind in all.
    pub total: u64,
    /// This page's rows.
    pub items: Vec<LinkPreview>,
}

/// A spreadsheet of suppliers: what importing it does to the register.
#[Object]
impl RegisterImport {
    /// The import batch's id, for commitRegisterImport.
    async fn id(&self) -> Uuid {
        self.batch.id
    }
    /// The file's name as uploaded.
    async fn file_name(&self) -> &str {
        &self.batch.file_name
    }
    /// SHA-256 of the file, hex.
    async fn file_sha256(&self) -> &str {
        &self.batch.file_sha256
    }
    /// xlsx, xlsm, xlsb, xls, ods or csv.
    async fn format(&self) -> &str {
        &self.batch.format
    }
    /// The sheets read, in words.
    async fn layout(&self) -> &str {
        &self.batch.layout
    }
    /// The layout itself (sheets, header rows, what each column means), to correct and send
    /// back to previewRegisterImport.
    async fn columns(&self) -> Json<Value> {
        Json(self.batch.report.get("layout").cloned().unwrap_or_default())
    }
    /// Previewed, or committed.
    async fn status(&self) -> ImportStatus {
        self.batch.status
    }
    /// When the file was previewed.
    async fn created_at(&self) -> DateTime<Utc> {
        self.batch.created_at
    }
    /// When it was committed.
    async fn committed_at(&self) -> Option<DateTime<Utc>> {
        self.batch.committed_at
    }
    /// Rows new, changed, unchanged and invalid; dependencies and services to add.
    async fn counts(&self) -> &ImportCounts {
        &self.preview.counts
    }
    /// Remarks that are not errors: columns not imported, sheets left out.
    async fn notes(&self) -> &[String] {
        &self.preview.notes
    }
    /// Contact rows that name no supplier of the file.
    async fn problems(&self, ctx: &Context<'_>) -> Result<Vec<CellIssue>> {
        Ok(self.page(ctx, stored::PROBLEMS, None, None, Some(MAX_PAGE as i32)).await?.1)
    }
    /// The suppliers rows, in the file's order; only those of one kind if `change` is given.
    async fn rows(
        &self,
        ctx: &Context<'_>,
        change: Option<RowChange>,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> Result<RegisterImportRows> {
        let (total, items) = self.page(ctx, stored::ROWS, change, offset, limit).await?;
        Ok(RegisterImportRows { total, items })
    }
    /// The dependency rows, in the file's order.
    async fn dependencies(
        &self,
        ctx: &Context<'_>,
        change: Option<RowChange>,
        offset: Option<i32>,
        limit: Option<i32>,
    ) -> Result<RegisterImportLinks> {
        let (total, items) = self.page(ctx, stored::DEPENDENCIES, change, offset, limit).await?;
        Ok(RegisterImportLinks { total, items })
    }
}

#[derive(Default)]
pub struct RegisterImportQuery;

#[Object]
impl RegisterImportQuery {
    /// A register import of your organisation.
    async fn register_import(&self, ctx: &Context<'_>, id: Uuid) -> Result<RegisterImport> {
        RegisterImport::of(register_import::get(db(ctx), caller(ctx)?, id).await.gql()?)
    }
}

#[derive(Default)]
pub struct RegisterImportMutation;

#[Object]
impl RegisterImportMutation {
    /// Reads a spreadsheet of suppliers (xlsx, xlsm, ods, csv; multipart upload) and reports
    /// what importing it would do, row by row; nothing changes until commitRegisterImport.
    /// `layout` is the `columns` of an earlier preview, corrected.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn preview_register_import(
        &self,
        ctx: &Context<'_>,
        file: Upload,
        layout: Option<Json<Value>>,
    ) -> Result<RegisterImport> {
        let (name, bytes) = read_upload(ctx, &file, MAX_IMPORT_BYTES).await.gql()?;
        let layout = layout.map(|l| l.0);
        let batch =
            register_import::preview(db(ctx), sheet_reader(ctx), caller(ctx)?, &name, bytes, layout).await.gql()?;
        RegisterImport::of(batch)
    }
    /// Applies a previewed register import in one transaction, planned again against the
    /// register as it is now. Rows with problems refuse the commit unless `skipInvalid`.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn commit_register_import(
        &self,
        ctx: &Context<'_>,
        batch_id: Uuid,
        skip_invalid: Option<bool>,
    ) -> Result<RegisterImport> {
        let skip = skip_invalid.unwrap_or(false);
        RegisterImport::of(commit(db(ctx), caller(ctx)?, batch_id, skip).await.gql()?)
    }
}
