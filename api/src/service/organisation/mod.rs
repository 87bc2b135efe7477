//! The organisation's own configuration: settings (re-assessment, reminders, SLAs, scoring
//! weights) and webhook subscriptions for GRC tools.
pub mod settings;
pub mod webhook;
