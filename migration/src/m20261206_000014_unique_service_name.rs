//! A service's name is unique in its organisation, whatever its case, in the database and not
//! only in the check before an insert: two requests racing past that check created twins.
//! Twins already there keep their rows; the later ones get a numbered name so the key can hold.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, prelude::Uuid};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // Row by row in Rust: an UPDATE that counts twins sees its own earlier renames on
        // SQLite and not on PostgreSQL, so it numbers differently on each.
        let query = Query::select()
            .columns(["id", "organisation_id", "name"])
            .from("service")
            .order_by("created_at", Order::Asc)
            .order_by("id", Order::Asc)
            .to_owned();
        let mut seen = std::collections::HashMap::<(Uuid, String), usize>::new();
        for row in db.query_all(&query).await? {
            let id: Uuid = row.try_get("", "id")?;
            let organisation: Uuid = row.try_get("", "organisation_id")?;
            let name: String = row.try_get("", "name")?;
            let twins = seen.entry((organisation, name.to_lowercase())).or_default();
            *twins += 1;
            if *twins > 1 {
                let renamed = format!("{name} ({twins})");
                let update = Query::update()
                    .table("service")
                    .value("name", renamed)
                    .and_where(Expr::col("id").eq(id))
                    .to_owned();
                db.execute(&update).await?;
            }
        }
        // On an expression, which sea-query's index builder does not write: hence plain SQL,
        // the same on SQLite and PostgreSQL.
        db.execute_unprepared("CREATE UNIQUE INDEX ux_service_name ON service (organisation_id, lower(name))").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ux_service_name").table("service").to_owned()).await
    }
}
