//! Data stewardship: backups that restore exactly, and refuse what they cannot trust.
mod backup;
mod erasure;
mod organisation;
mod portable;
mod retention;
