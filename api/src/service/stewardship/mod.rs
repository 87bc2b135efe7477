//! Data stewardship: backups that restore, an organisation exported whole (and imported into
//! another Chainward) or deleted, and a person erased. Every table goes through one list (`tables`), read and written
//! as logical rows (`values`), so that what is saved is exactly what comes back, on either
//! database, and nothing of an organisation is left out.
pub mod archive;
pub mod backup;
pub mod columns;
pub mod erasure;
pub mod organisation;
pub mod portable;
pub mod restore;
pub mod retention;
pub mod rewrite;
pub mod tables;
pub mod values;
