//! Mails a supplier can act on and trust: every message to a respondent carries a working link
//! of its own (`invitation_link`: more keys to the same invitation, dead with it when it is
//! revoked, resent or expires), and says who sends it and to whom replies go; a receipt carries
//! the answers as a workbook.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("invitation_link")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(uuid("invitation_id"))
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_link_invitation")
                            .from("invitation_link", "invitation_id")
                            .to("invitation", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_invitation_link_invitation")
                    .table("invitation_link")
                    .col("invitation_id")
                    .to_owned(),
            )
            .await?;
        for column in [
            string_null("sender_name"),
            string_null("reply_to"),
            string_null("attachment_name"),
            blob_null("attachment"),
        ] {
            manager.alter_table(Table::alter().table("mail_message").add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["sender_name", "reply_to", "attachment_name", "attachment"] {
            manager.alter_table(Table::alter().table("mail_message").drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table("invitation_link").to_owned()).await
    }
}
