//! End-to-end tests of Chainward: the real application on a free port, spoken to over HTTP.
//! One test binary (each extra binary would link the whole dependency graph again).
mod assessment;
mod helpers;
mod identity;
mod kernel;
mod organisation;
mod portfolio;
mod register;
mod remediation;
mod reports;
mod spreadsheet;
mod stewardship;
mod supply_chain;
mod templates;
