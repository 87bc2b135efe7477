//! Remediation with the supplier: where a finding came from and which supplier contact answers
//! for it, the comments exchanged on it and the documents proving the fix; the business
//! function a dependency serves and whether it is a marked alternative (single points of
//! failure); a supplier's pending re-score after its place in the graph changed, and why each
//! score snapshot was taken.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite alters one column per statement.
async fn add_column(manager: &SchemaManager<'_>, table: &'static str, column: ColumnDef) -> Result<(), DbErr> {
    manager.alter_table(Table::alter().table(table).add_column(column).to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(manager, "finding", string("source").default("assessment").to_owned()).await?;
        add_column(manager, "finding", uuid_null("contact_id")).await?;
        add_column(manager, "evidence", uuid_null("finding_id")).await?;
        add_column(manager, "dependency", string_null("function")).await?;
        add_column(manager, "dependency", boolean("alternative").default(false).to_owned()).await?;
        add_column(manager, "supplier", timestamp_with_time_zone_null("rescore_requested_at")).await?;
        add_column(manager, "score_snapshot", string("reason").default("assessment completed").to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table("finding_comment")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("finding_id"))
                    .col(string("author"))
                    .col(string("author_kind"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_finding_comment_finding")
                            .from("finding_comment", "finding_id")
                            .to("finding", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_finding_comment_finding")
                    .table("finding_comment")
                    .col("finding_id")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_evidence_finding").table("evidence").col("finding_id").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_evidence_finding").table("evidence").to_owned()).await?;
        manager.drop_table(Table::drop().table("finding_comment").to_owned()).await?;
        for (table, column) in [
            ("score_snapshot", "reason"),
            ("supplier", "rescore_requested_at"),
            ("dependency", "alternative"),
            ("dependency", "function"),
            ("evidence", "finding_id"),
            ("finding", "contact_id"),
            ("finding", "source"),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
