//! Data stewardship: backups that restore exactly, and refuse what they cannot trust.
mod backup;
mod organisation;
mod portable;
