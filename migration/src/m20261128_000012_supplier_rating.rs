//! A supplier's current rating and inherent and residual risk on its row, so that the register
//! can filter and show them without reading the score history; filled in from each supplier's
//! newest snapshot.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [string_null("rating"), double_null("inherent_risk"), double_null("residual_risk")] {
            manager.alter_table(Table::alter().table("supplier").add_column(column).to_owned()).await?;
        }
        for column in ["rating", "inherent_risk", "residual_risk"] {
            let newest = format!(
                "UPDATE supplier SET {column} = (SELECT s.{column} FROM score_snapshot s \
                 WHERE s.supplier_id = supplier.id ORDER BY s.created_at DESC LIMIT 1)"
            );
            manager.get_connection().execute_unprepared(&newest).await?;
        }
        manager
            .create_index(Index::create().name("ix_supplier_rating").table("supplier").col("rating").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_supplier_rating").table("supplier").to_owned()).await?;
        for column in ["residual_risk", "inherent_risk", "rating"] {
            manager.alter_table(Table::alter().table("supplier").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
