//! Chainward database migrations. A migration that has landed is never edited: add a new one.
pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_register;
mod m20261127_000002_create_questionnaire_template;
mod m20261127_000003_create_assessment;
mod m20261127_000004_create_invitation;
mod m20261127_000005_create_outbox;
mod m20261127_000006_create_evidence;
mod m20261127_000007_create_campaign;
mod m20261127_000008_create_notifications;
mod m20261127_000009_create_import;
mod m20261127_000010_finding_remediation;
mod m20261128_000011_supplier_remediation;
mod m20261128_000012_supplier_rating;
mod m20261206_000013_rate_limit;
mod m20261206_000014_unique_service_name;
mod m20261206_000015_mail_links;
mod m20261206_000016_campaign_targets;
mod m20261206_000017_portfolio_view;
mod m20261206_000018_import_kind;
mod m20261206_000019_single_sign_on;
mod m20261206_000020_import_rows;
mod m20261206_000021_foreign_questionnaires;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_register::Migration),
            Box::new(m20261127_000002_create_questionnaire_template::Migration),
            Box::new(m20261127_000003_create_assessment::Migration),
            Box::new(m20261127_000004_create_invitation::Migration),
            Box::new(m20261127_000005_create_outbox::Migration),
            Box::new(m20261127_000006_create_evidence::Migration),
            Box::new(m20261127_000007_create_campaign::Migration),
            Box::new(m20261127_000008_create_notifications::Migration),
            Box::new(m20261127_000009_create_import::Migration),
            Box::new(m20261127_000010_finding_remediation::Migration),
            Box::new(m20261128_000011_supplier_remediation::Migration),
            Box::new(m20261128_000012_supplier_rating::Migration),
            Box::new(m20261206_000013_rate_limit::Migration),
            Box::new(m20261206_000014_unique_service_name::Migration),
            Box::new(m20261206_000015_mail_links::Migration),
            Box::new(m20261206_000016_campaign_targets::Migration),
            Box::new(m20261206_000017_portfolio_view::Migration),
            Box::new(m20261206_000018_import_kind::Migration),
            Box::new(m20261206_000019_single_sign_on::Migration),
            Box::new(m20261206_000020_import_rows::Migration),
            Box::new(m20261206_000021_foreign_questionnaires::Migration),
        ]
    }
}
