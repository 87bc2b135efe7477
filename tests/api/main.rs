//! End-to-end tests of Chainward: the real application on a free port, spoken to over HTTP.
//! One test binary (each extra binary would link the whole dependency graph again).
mod assessments;
mod auth;
mod campaigns;
mod catalogue;
mod delegation;
mod evidence;
mod helpers;
mod hostile_files;
mod http;
mod imports;
mod notifications;
mod register;
mod remediation;
mod respondents;
mod roles;
mod schema;
mod security;
mod statements;
mod subscriptions;
mod supply_chain;
mod templates;
mod tenancy;
mod webhooks;
