//! Business rules and persistence, free of GraphQL and HTTP. Every function takes the caller
//! (whose organisation scopes every query) and a connection; writes run in one transaction
//! together with their audit event.
pub mod api_token;
pub mod assessment;
pub mod assessment_review;
pub mod assessment_scoring;
pub mod audit;
pub mod auth;
pub mod business_service;
pub mod campaign;
pub mod catalog;
pub mod contact;
pub mod delegation;
pub mod dependency;
pub mod evidence;
pub mod exposure;
pub mod finding_board;
pub mod finding_overdue;
pub mod graph;
pub mod import_profile;
pub mod invitation;
pub mod manual_finding;
pub mod notification;
pub mod outbox;
pub mod page;
pub mod portfolio;
pub mod reassessment;
pub mod remediation;
pub mod reminder;
pub mod rescoring;
pub mod respondent;
pub mod settings;
pub mod spreadsheet_export;
pub mod spreadsheet_import;
pub mod spreadsheet_reader;
pub mod spreadsheet_template;
pub mod supplier;
pub mod supplier_input;
pub mod supplier_remediation;
pub mod template;
pub mod template_content;
pub mod user;
pub mod validate;
pub mod webhook;

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
