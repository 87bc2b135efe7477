//! A supplier's own questionnaire (CAIQ, HECVAT, SoA) imported for a supplier rather than into
//! an assessment: the batch names the supplier and keeps what was recognised (family, template,
//! mapping, coverage); a follow-up assessment names the imported one it completes, so that its
//! score combines both.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("import_batch").add_column(uuid_null("supplier_id")).to_owned())
            .await?;
        manager.alter_table(Table::alter().table("import_batch").add_column(json_null("foreign")).to_owned()).await?;
        // The preview looks for the same file imported for the supplier before.
        manager
            .create_index(
                Index::create()
                    .name("ix_import_batch_supplier")
                    .table("import_batch")
                    .col("organisation_id")
                    .col("supplier_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("assessment").add_column(uuid_null("follows_assessment_id")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("assessment").drop_column("follows_assessment_id").to_owned()).await?;
        manager.drop_index(Index::drop().name("ix_import_batch_supplier").table("import_batch").to_owned()).await?;
        manager.alter_table(Table::alter().table("import_batch").drop_column("foreign").to_owned()).await?;
        manager.alter_table(Table::alter().table("import_batch").drop_column("supplier_id").to_owned()).await
    }
}
