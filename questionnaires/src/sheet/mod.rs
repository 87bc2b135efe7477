//! Spreadsheets: reading any workbook (xlsx, xlsm, xlsb, xls, ods, csv) into plain grids of
//! cells within limits, writing Chainward's own answer workbooks, and importing answers from
//! them. Pure and synchronous: callers run it on a blocking thread.
mod cells;
mod columns;
pub mod csv;
pub mod detect;
pub mod draft;
pub mod export;
pub mod format;
pub mod grid;
mod ids;
pub mod import;
pub mod layout;
pub mod matching;
mod ods;
pub mod own;
pub mod report;
pub mod rows;
pub mod validation;
pub mod vocab;
pub mod worker;
mod xlsx;
mod xml;

#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod tests_foreign;
#[cfg(test)]
mod tests_fuzz;
#[cfg(test)]
mod tests_layouts;
#[cfg(test)]
pub(crate) mod tests_samples;

pub use format::{Format, Limits};
pub use grid::{Cell, Sheet, Workbook, read_workbook};

/// Why a file cannot be read at all (as opposed to problems in single cells, which an
/// import report lists).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum SheetError {
    #[error("the file is too large: {0}")]
    TooLarge(String),
    #[error("the file is empty or has no content: {0}")]
    Empty(String),
    #[error("not a spreadsheet: {0}")]
    NotASpreadsheet(String),
    #[error("the workbook is protected by a password; save it without one and upload it again")]
    Encrypted,
    #[error("the file is damaged: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Layout(String),
}
