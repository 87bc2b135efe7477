//! A register import's rows, one database row each (what the file said and what importing it
//! does), so that a preview of ten thousand suppliers is paged by the database and a commit
//! reads them a page at a time, instead of one document the size of the file in every request.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("import_row")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("batch_id"))
                    .col(integer("position"))
                    .col(string("kind"))
                    .col(string("change"))
                    .col(json("data"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_import_row_batch")
                            .from("import_row", "batch_id")
                            .to("import_batch", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_import_row_batch")
                    .table("import_row")
                    .col("batch_id")
                    .col("kind")
                    .col("change")
                    .col("position")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("import_row").to_owned()).await
    }
}
