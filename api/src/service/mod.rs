//! Business rules and persistence, free of GraphQL and HTTP. Every function takes the caller
//! (whose organisation scopes every query) and a connection; writes run in one transaction
//! together with their audit event.
//!
//! One folder per domain. Imports point one way, from the top of this list down, never up and
//! never in a circle (`layers::tests` checks every `use crate::service::` path):
//!
//! ```text
//!          stewardship  reports           the whole organisation: export, erasure; PDF reports
//!                  |
//! spreadsheet  remediation  portfolio     what is built on assessments
//!        \          |         /
//!             assessment                  questionnaires sent, answered, reviewed
//!            /          \
//!      register      organisation         suppliers, services, dependencies; settings, webhooks
//!            \          /
//!              scoring                    scores, snapshots, rescoring
//!          /      |       \
//!  templates  supply_chain  identity      questionnaires; the graph read whole; who is calling
//!          \      |       /
//!               kernel                    tenant lookup, audit, outbox, paging, checks, mail
//! ```
//!
//! Naming: `find` reads a row of the caller's organisation without a permission check (for
//! other services); `get` checks the caller's permission first (for resolvers).
pub mod assessment;
pub mod identity;
pub mod kernel;
pub mod organisation;
pub mod portfolio;
pub mod register;
pub mod remediation;
pub mod reports;
pub mod scoring;
pub mod spreadsheet;
pub mod stewardship;
pub mod supply_chain;
pub mod templates;

#[cfg(test)]
mod layers;
