//! Attempts per address (sign-in, token refresh, invitation links) counted in the database, so
//! that every replica of `chainward serve` sees the same count: a guesser spread over replicas
//! meets one limit, not one per replica.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("rate_limit")
                    .col(string_len("key", 200).primary_key())
                    .col(timestamp_with_time_zone("window_started_at"))
                    .col(integer("hits"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("rate_limit").to_owned()).await
    }
}
