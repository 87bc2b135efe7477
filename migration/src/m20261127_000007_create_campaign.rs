//! Campaigns, and the link from an assessment to the campaign that created it.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("campaign")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string("name"))
                    .col(uuid("template_version_id"))
                    .col(string("template_title"))
                    .col(json("filter"))
                    .col(date_null("due_date"))
                    .col(text_null("message"))
                    .col(uuid_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_campaign_organisation")
                            .from("campaign", "organisation_id")
                            .to("organisation", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table("assessment").add_column(uuid_null("campaign_id")).to_owned()).await?;
        manager
            .create_index(
                Index::create().name("ix_assessment_campaign").table("assessment").col("campaign_id").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_assessment_campaign").table("assessment").to_owned()).await?;
        manager.alter_table(Table::alter().table("assessment").drop_column("campaign_id").to_owned()).await?;
        manager.drop_table(Table::drop().table("campaign").to_owned()).await
    }
}
