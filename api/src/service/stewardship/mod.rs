//! Data stewardship: backups that restore. Every table goes through one list (`tables`), read
//! and written as logical rows (`values`), so that what is saved is exactly what comes back, on
//! either database.
pub mod archive;
pub mod backup;
pub mod restore;
pub mod tables;
pub mod values;
