//! Spreadsheet imports: every upload as a batch (file hash, layout, dry-run report, committed or
//! not), and the import profiles that remember a foreign layout.
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
            owned("import_batch")
                .col(uuid_null("assessment_id"))
                .col(uuid_null("template_version_id"))
                .col(string("file_name"))
                .col(string("file_sha256"))
                .col(big_integer("file_size"))
                .col(string("format"))
                .col(string("layout"))
                .col(json("report"))
                .col(json("changes"))
                .col(string("status"))
                .col(string("actor_label"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("committed_at"))
                .to_owned(),
            owned("import_profile")
                .col(string("name"))
                .col(json("layout"))
                .col(json("mapping"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_import_batch_assessment")
                    .table("import_batch")
                    .col("assessment_id")
                    .col("file_sha256")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_import_profile_name")
                    .table("import_profile")
                    .col("organisation_id")
                    .col("name")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["import_profile", "import_batch"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
