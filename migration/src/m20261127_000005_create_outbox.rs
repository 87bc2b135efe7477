//! The outbox of events, webhook subscriptions and their deliveries.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn owned(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(pk_uuid("id"))
        .col(uuid("organisation_id"))
        .foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_organisation"))
                .from(name, "organisation_id")
                .to("organisation", "id")
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            owned("outbox_event")
                .col(string("event_type"))
                .col(json("payload"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            owned("webhook_subscription")
                .col(string("url"))
                .col(json("event_types"))
                .col(string("secret"))
                .col(boolean("active"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            owned("webhook_delivery")
                .col(uuid("subscription_id"))
                .col(uuid("event_id"))
                .col(string("status"))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(integer_null("last_status_code"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone_null("delivered_at"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_delivery_due")
                    .table("webhook_delivery")
                    .col("status")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_delivery_subscription")
                    .table("webhook_delivery")
                    .col("subscription_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["webhook_delivery", "webhook_subscription", "outbox_event"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
