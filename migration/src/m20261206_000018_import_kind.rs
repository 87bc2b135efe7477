//! Import batches of a second kind: a supplier register, beside answers to an assessment. The
//! flow is the same (a previewed batch with its file's SHA-256, committed once); what it writes
//! differs, so the batch says which it is.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("import_batch").add_column(string("kind").default("answers")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("import_batch").drop_column("kind").to_owned()).await
    }
}
