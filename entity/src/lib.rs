//! sea-orm entities of Chainward: one module per table, and in `enums` the enumerations its
//! columns hold (stored as the same snake_case strings, read as Rust and GraphQL enums).

pub mod api_token;
pub mod assessment;
pub mod assessment_answer;
pub mod assessment_reminder;
pub mod audit_event;
pub mod business_service;
pub mod campaign;
pub mod campaign_target;
pub mod dependency;
pub mod enums;
pub mod evidence;
pub mod finding;
pub mod finding_comment;
pub mod import_batch;
pub mod import_profile;
pub mod invitation;
pub mod invitation_link;
pub mod mail_message;
pub mod organisation;
pub mod outbox_event;
pub mod portfolio_change;
pub mod portfolio_view;
pub mod questionnaire_template;
pub mod rate_limit;
pub mod refresh_token;
pub mod score_snapshot;
pub mod supplier;
pub mod supplier_contact;
pub mod template_version;
pub mod user;
pub mod webhook_delivery;
pub mod webhook_subscription;
pub mod worker_lease;
