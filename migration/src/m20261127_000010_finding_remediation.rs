//! Remediation of findings: an internal owner, the plan, when it was resolved and verified,
//! and accepted risk with its reason and expiry.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite alters one column per statement.
async fn add_column(manager: &SchemaManager<'_>, column: ColumnDef) -> Result<(), DbErr> {
    manager.alter_table(Table::alter().table("finding").add_column(column).to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(manager, uuid_null("owner_id")).await?;
        add_column(manager, text_null("remediation_plan")).await?;
        add_column(manager, timestamp_with_time_zone_null("resolved_at")).await?;
        add_column(manager, timestamp_with_time_zone_null("verified_at")).await?;
        add_column(manager, text_null("risk_reason")).await?;
        add_column(manager, date_null("risk_accepted_until")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in
            ["risk_accepted_until", "risk_reason", "verified_at", "resolved_at", "remediation_plan", "owner_id"]
        {
            manager.alter_table(Table::alter().table("finding").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
