//! Reports as files over GraphQL: supplier and portfolio reports as PDF, the NIS 2 audit pack as a zip.
use crate::error::GqlResultExt;
use crate::graphql::spreadsheet::workbook::SpreadsheetFile;
use crate::graphql::{caller, db};
use crate::service::spreadsheet::export::ExportFile;
use crate::service::{self};
use async_graphql::{Context, Enum, Object, Result};
use chrono::NaiveDate;
use uuid::Uuid;

/// Formats of a report.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// PDF/A-2b, tagged.
    Pdf,
}

#[derive(Default)]
pub struct ReportsQuery;

#[Object]
impl ReportsQuery {
    /// A supplier's report for auditors: profile and tier, score with coverage and rating, the
    /// explanation by ISO theme and NIS 2 point, what cost points, knock-outs, findings,
    /// accepted risks, evidence and its validity, the services that depend on it, score
    /// history and the assessment trail.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn supplier_report(&self, ctx: &Context<'_>, id: Uuid, format: ReportFormat) -> Result<SpreadsheetFile> {
        let ReportFormat::Pdf = format;
        let (file_name, bytes) = service::reports::supplier::pdf(db(ctx), caller(ctx)?, id).await.gql()?;
        Ok(ExportFile { file_name, content_type: "application/pdf", bytes }.into())
    }

    /// The portfolio report for the board: a page in plain words, then the heat map, rating
    /// distribution, biggest movers, remediation burn-down, overdue findings by owner, single
    /// points of failure and concentration, NIS 2 coverage per point and campaign progress.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn portfolio_report(&self, ctx: &Context<'_>, format: ReportFormat) -> Result<SpreadsheetFile> {
        let ReportFormat::Pdf = format;
        let (file_name, bytes) = service::reports::portfolio::pdf(db(ctx), caller(ctx)?).await.gql()?;
        Ok(ExportFile { file_name, content_type: "application/pdf", bytes }.into())
    }

    /// The NIS 2 supply-chain audit pack (IR 2024/2690 section 5) for a period, as a zip: the
    /// register, the tiering criteria and weights in force, the review schedule, the report of
    /// every supplier assessed in the period, the 5.1.4 clause coverage, the audit log of the
    /// period, and `manifest.csv` with every file's SHA-256.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn audit_pack(&self, ctx: &Context<'_>, from: NaiveDate, until: NaiveDate) -> Result<SpreadsheetFile> {
        let (file_name, bytes) = service::reports::audit_pack::build(db(ctx), caller(ctx)?, from, until).await.gql()?;
        Ok(ExportFile { file_name, content_type: "application/zip", bytes }.into())
    }
}
