//! Evidence documents attached to answers.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("evidence")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("assessment_id"))
                    .col(string("question_id"))
                    .col(string("file_name"))
                    .col(string("content_type"))
                    .col(big_integer("size"))
                    .col(string("sha256"))
                    .col(string("uploaded_by"))
                    .col(date_null("valid_until"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_evidence_organisation")
                            .from("evidence", "organisation_id")
                            .to("organisation", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_evidence_assessment")
                    .table("evidence")
                    .col("assessment_id")
                    .col("question_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("evidence").to_owned()).await
    }
}
