//! Campaigns of any size: the suppliers a campaign selected at launch, each sent by the worker
//! in batches (a row is processed once, in the transaction that writes its assessment).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("campaign_target")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("campaign_id"))
                    .col(uuid("supplier_id"))
                    .col(integer("position"))
                    .col(timestamp_with_time_zone_null("processed_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_campaign_target_campaign")
                            .from("campaign_target", "campaign_id")
                            .to("campaign", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The worker's question: what is left to send, in launch order.
        manager
            .create_index(
                Index::create()
                    .name("ix_campaign_target_pending")
                    .table("campaign_target")
                    .col("processed_at")
                    .col("campaign_id")
                    .col("position")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_campaign_target_supplier")
                    .table("campaign_target")
                    .col("campaign_id")
                    .col("supplier_id")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("campaign_target").to_owned()).await
    }
}
