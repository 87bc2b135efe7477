//! Sign-in through an organisation's own identity provider (OpenID Connect): the provider's
//! settings per organisation, the sign-ins under way (state, nonce and PKCE verifier, used
//! once), the one-time tickets that hand a finished sign-in to the portal, the subject a user
//! is known by at the provider, and what the provider provisions through SCIM (groups, and
//! users it deleted).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn organisation_key(table: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_organisation"))
        .from(table, "organisation_id")
        .to("organisation", "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("identity_provider")
                    .col(pk_uuid("organisation_id"))
                    .col(string("issuer_url"))
                    .col(string("client_id"))
                    .col(string("client_secret"))
                    .col(json("allowed_domains"))
                    .col(string("groups_claim"))
                    .col(json("role_mapping"))
                    .col(string_null("default_role"))
                    .col(boolean("sso_required").default(false))
                    .col(json("break_glass"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut organisation_key("identity_provider"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sso_attempt")
                    .col(string("state").primary_key())
                    .col(uuid("organisation_id"))
                    .col(string("nonce"))
                    .col(string("pkce_verifier"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut organisation_key("sso_attempt"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sso_ticket")
                    .col(string("ticket_hash").primary_key())
                    .col(uuid("organisation_id"))
                    .col(uuid("user_id"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(&mut organisation_key("sso_ticket"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("app_user").add_column(string_null("external_subject")).to_owned())
            .await?;
        // A user the identity provider deleted through SCIM: deactivated, kept for the audit
        // trail and the owners of record, and no longer a SCIM resource.
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(timestamp_with_time_zone_null("deprovisioned_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("scim_group")
                    .col(pk_uuid("id"))
                    .col(uuid("organisation_id"))
                    .col(string("display_name"))
                    .col(string_null("external_id"))
                    .col(json("members"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut organisation_key("scim_group"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_app_user_external_subject")
                    .table("app_user")
                    .col("organisation_id")
                    .col("external_subject")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ux_app_user_external_subject").table("app_user").to_owned()).await?;
        manager.alter_table(Table::alter().table("app_user").drop_column("external_subject").to_owned()).await?;
        manager.alter_table(Table::alter().table("app_user").drop_column("deprovisioned_at").to_owned()).await?;
        for table in ["scim_group", "sso_ticket", "sso_attempt", "identity_provider"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
