//! A supplier's current rating on its row, so that the register can filter and show it without
//! reading the score history; filled in from each supplier's newest snapshot.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("supplier").add_column(string_null("rating")).to_owned()).await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE supplier SET rating = (SELECT s.rating FROM score_snapshot s WHERE s.supplier_id = supplier.id \
                 ORDER BY s.created_at DESC LIMIT 1)",
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_supplier_rating").table("supplier").col("rating").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_supplier_rating").table("supplier").to_owned()).await?;
        manager.alter_table(Table::alter().table("supplier").drop_column("rating").to_owned()).await
    }
}
