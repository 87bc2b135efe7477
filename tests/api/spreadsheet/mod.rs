//! Spreadsheets in and out: answer imports and hostile workbooks.
mod foreign_questionnaires;
mod hostile_files;
mod imports;
mod register_export;
mod register_import;
