//! Spreadsheets in and out: workbooks for download, imports into an assessment or the register
//! (read by an isolated worker process), blank foreign questionnaires as templates, and saved layouts.
pub mod batch;
pub mod claim;
pub mod export;
pub mod foreign;
pub mod gap;
pub mod import;
pub mod profile;
pub mod reader;
pub mod receipt;
pub mod register;
pub mod register_import;
pub mod template;
