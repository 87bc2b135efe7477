//! Organisations, people and credentials, the audit log, and the supplier register with its
//! supply-chain dependencies.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `organisation_id` column with its foreign key: every tenant-owned table starts with these.
fn tenant_table(name: &'static str) -> TableCreateStatement {
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

fn index(table: &'static str, name: &str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(*col);
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("organisation")
                    .col(pk_uuid("id"))
                    .col(string_uniq("name"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("app_user")
                    .col(string_uniq("email"))
                    .col(string_null("display_name"))
                    .col(string("password_hash"))
                    .col(string("role"))
                    .col(boolean("active"))
                    .col(integer("failed_logins"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("refresh_token")
                    .col(uuid("user_id"))
                    .col(uuid("family_id"))
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_refresh_token_user")
                            .from("refresh_token", "user_id")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("api_token")
                    .col(string("name"))
                    .col(string("prefix"))
                    .col(string_uniq("token_hash"))
                    .col(string("scope"))
                    .col(uuid("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("audit_event")
                    .col(string("actor_kind"))
                    .col(uuid_null("actor_id"))
                    .col(string("actor_label"))
                    .col(string("action"))
                    .col(string("object_type"))
                    .col(uuid_null("object_id"))
                    .col(json("changes"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("supplier")
                    .col(string("legal_name"))
                    .col(string_null("lei"))
                    .col(string_null("vat_number"))
                    .col(string_null("duns"))
                    .col(string_null("national_registry_number"))
                    .col(string_len("country", 2))
                    .col(string_null("website"))
                    .col(string("category"))
                    .col(text_null("description"))
                    .col(string("status"))
                    .col(uuid_null("owner_id"))
                    .col(string("data_sensitivity"))
                    .col(string("access_level"))
                    .col(string("substitutability"))
                    .col(boolean("nis2_relevant"))
                    .col(json("ict_services"))
                    .col(date_null("contract_start"))
                    .col(date_null("contract_end"))
                    .col(string("clause_security_requirements"))
                    .col(string("clause_staff_training"))
                    .col(string("clause_background_checks"))
                    .col(string("clause_incident_notification"))
                    .col(string("clause_right_to_audit"))
                    .col(string("clause_vulnerability_handling"))
                    .col(string("clause_subcontracting"))
                    .col(string("clause_termination"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("supplier_contact")
                    .col(uuid("supplier_id"))
                    .col(string("name"))
                    .col(string("email"))
                    .col(string_null("phone"))
                    .col(string_null("role"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supplier_contact_supplier")
                            .from("supplier_contact", "supplier_id")
                            .to("supplier", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("service")
                    .col(string("name"))
                    .col(text_null("description"))
                    .col(integer("criticality"))
                    .col(boolean("nis2_critical"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                tenant_table("dependency")
                    .col(string("dependent_kind"))
                    .col(uuid("dependent_id"))
                    .col(string("provider_kind"))
                    .col(uuid("provider_id"))
                    .col(text_null("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        let indexes = [
            index("app_user", "ix_app_user_organisation", &["organisation_id"], false),
            index("refresh_token", "ix_refresh_token_family", &["family_id"], false),
            index("api_token", "ix_api_token_organisation", &["organisation_id"], false),
            index("audit_event", "ix_audit_event_organisation_time", &["organisation_id", "created_at", "id"], false),
            index("audit_event", "ix_audit_event_object", &["object_id"], false),
            // The register's default order (name, then id) walks this index instead of sorting.
            index("supplier", "ix_supplier_organisation_name", &["organisation_id", "legal_name", "id"], false),
            index("supplier", "ix_supplier_organisation_status", &["organisation_id", "status"], false),
            index("supplier_contact", "ix_supplier_contact_supplier", &["supplier_id"], false),
            index("service", "ix_service_organisation_name", &["organisation_id", "name", "id"], false),
            // UUIDs are unique across kinds, so the pair of ids identifies an edge.
            index("dependency", "ux_dependency_edge", &["dependent_id", "provider_id"], true),
            index("dependency", "ix_dependency_provider", &["provider_id"], false),
        ];
        for statement in indexes {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "dependency",
            "service",
            "supplier_contact",
            "supplier",
            "audit_event",
            "api_token",
            "refresh_token",
            "app_user",
            "organisation",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
