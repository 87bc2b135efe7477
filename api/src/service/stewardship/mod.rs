//! Data stewardship: backups that restore, an organisation exported whole (and imported into
//! another Chainward) or deleted. Every table goes through one list (`tables`), read and written
//! as logical rows (`values`), so that what is saved is exactly what comes back, on either
//! database, and nothing of an organisation is left out.
pub mod archive;
pub mod backup;
pub mod organisation;
pub mod portable;
pub mod restore;
pub mod tables;
pub mod values;
