//! The portfolio read model: one row per organisation with the dashboard's aggregates (heat
//! map, ratings, NIS 2 coverage, exposure per service, concentration, single points of
//! failure) and the data version they were built from, so that a dashboard of 100,000
//! suppliers costs a few row reads.
//!
//! The data version is counted, not stored in one row: every write that changes an input adds a
//! `portfolio_change` row in its own transaction (an insert, so concurrent writers never wait
//! on one another or deadlock on a counter row), and the version is `compacted` plus the rows
//! visible. A build reads the version and the data in one snapshot, so the version it records
//! is exactly the data it saw, whatever order concurrent writers commit in.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("portfolio_change")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_portfolio_change_organisation")
                    .table("portfolio_change")
                    .col("organisation_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("portfolio_view")
                    .col(pk_uuid("organisation_id"))
                    .col(big_integer("compacted").default(0))
                    .col(big_integer("built_version").default(-1))
                    .col(timestamp_with_time_zone_null("built_at"))
                    .col(integer("build_ms").default(0))
                    .col(text_null("payload"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_portfolio_view_organisation")
                            .from("portfolio_view", "organisation_id")
                            .to("organisation", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("portfolio_view").to_owned()).await?;
        manager.drop_table(Table::drop().table("portfolio_change").to_owned()).await
    }
}
