//! Workbooks out (exports) and in (imports, import profiles, templates from a sheet).
pub mod foreign;
pub mod import_batch;
pub mod register_import;
pub mod workbook;

use async_graphql::MergedObject;

/// The spreadsheet queries.
#[derive(MergedObject, Default)]
pub struct SpreadsheetQuery(workbook::WorkbookQuery, register_import::RegisterImportQuery);

/// The spreadsheet mutations.
#[derive(MergedObject, Default)]
pub struct SpreadsheetMutation(
    workbook::WorkbookMutation,
    register_import::RegisterImportMutation,
    foreign::ForeignMutation,
);
