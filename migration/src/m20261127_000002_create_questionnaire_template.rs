//! Organisations' own questionnaire templates and their versions.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("questionnaire_template")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string("slug"))
                    .col(string("title"))
                    .col(text("description"))
                    .col(string_null("based_on"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_questionnaire_template_organisation")
                            .from("questionnaire_template", "organisation_id")
                            .to("organisation", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("template_version")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("template_id"))
                    .col(integer("version"))
                    .col(string("status"))
                    .col(json("content"))
                    .col(integer("question_count"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_template_version_template")
                            .from("template_version", "template_id")
                            .to("questionnaire_template", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let indexes = [
            Index::create()
                .name("ux_questionnaire_template_slug")
                .table("questionnaire_template")
                .col("organisation_id")
                .col("slug")
                .unique()
                .to_owned(),
            Index::create()
                .name("ux_template_version_number")
                .table("template_version")
                .col("template_id")
                .col("version")
                .unique()
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("template_version").to_owned()).await?;
        manager.drop_table(Table::drop().table("questionnaire_template").to_owned()).await?;
        Ok(())
    }
}
