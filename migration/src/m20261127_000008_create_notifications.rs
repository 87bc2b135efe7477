//! Notifications and schedules: the mail outbox, reminders already sent, the lease that lets
//! one worker at a time run scheduled jobs, organisation settings, delegated invitations and
//! the overdue mark on findings.
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

/// SQLite alters one column per statement.
async fn add_column(manager: &SchemaManager<'_>, table: &'static str, column: ColumnDef) -> Result<(), DbErr> {
    manager.alter_table(Table::alter().table(table).add_column(column).to_owned()).await
}

async fn drop_column(manager: &SchemaManager<'_>, table: &'static str, column: &'static str) -> Result<(), DbErr> {
    manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            owned("mail_message")
                .col(string("kind"))
                .col(uuid_null("assessment_id"))
                .col(string("recipient"))
                .col(string("subject"))
                .col(text("body"))
                .col(string("status"))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            owned("assessment_reminder")
                .col(uuid("assessment_id"))
                .col(string("kind"))
                .col(date("due_date"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            Table::create()
                .table("worker_lease")
                .col(string("name").primary_key())
                .col(string("holder"))
                .col(timestamp_with_time_zone("until"))
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_message_due")
                    .table("mail_message")
                    .col("status")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_message_assessment")
                    .table("mail_message")
                    .col("assessment_id")
                    .to_owned(),
            )
            .await?;
        // One reminder of each kind per due date, even if two workers race.
        manager
            .create_index(
                Index::create()
                    .name("ux_assessment_reminder")
                    .table("assessment_reminder")
                    .col("assessment_id")
                    .col("kind")
                    .col("due_date")
                    .unique()
                    .to_owned(),
            )
            .await?;
        add_column(manager, "organisation", json_null("settings")).await?;
        add_column(manager, "finding", timestamp_with_time_zone_null("overdue_notified_at")).await?;
        add_column(manager, "invitation", json_null("sections")).await?;
        add_column(manager, "invitation", uuid_null("delegated_by")).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_column(manager, "invitation", "delegated_by").await?;
        drop_column(manager, "invitation", "sections").await?;
        drop_column(manager, "finding", "overdue_notified_at").await?;
        drop_column(manager, "organisation", "settings").await?;
        for table in ["worker_lease", "assessment_reminder", "mail_message"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
