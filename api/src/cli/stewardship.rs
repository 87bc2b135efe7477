//! `chainward backup` and `chainward restore`: the database of `DATABASE_URL` and the document
//! store of `CHAINWARD_OBJECT_STORE_URL` (or `<data dir>/evidence`), as the server uses them.
use crate::config::DatabaseArgs;
use crate::db::StatementCounter;
use crate::service::stewardship::{backup, organisation, portable, restore};
use crate::storage::DocumentStore;
use std::path::Path;

fn store(database: &DatabaseArgs) -> anyhow::Result<DocumentStore> {
    let url = std::env::var("CHAINWARD_OBJECT_STORE_URL").ok();
    DocumentStore::open(url.as_deref(), &database.data_dir)
}

/// Backs up while the server may go on running; never migrates the database it reads.
pub async fn backup(database: &DatabaseArgs, out: &Path) -> anyhow::Result<()> {
    let db = crate::db::connect(database.url(), &StatementCounter::default()).await?;
    let report = backup::backup(&db, &store(database)?, out).await?;
    println!(
        "Backed up {} rows of {} tables and {} documents ({} bytes) to {}",
        report.rows,
        report.tables,
        report.documents,
        report.bytes,
        out.display()
    );
    Ok(())
}

/// Restores into an empty database, then migrates it to this version's schema.
pub async fn restore(database: &DatabaseArgs, file: &Path) -> anyhow::Result<()> {
    let db = crate::db::connect(database.url(), &StatementCounter::default()).await?;
    let report = restore::restore(&db, &store(database)?, file).await?;
    println!(
        "Restored {} rows of {} tables and {} documents from {} (schema {}, now {})",
        report.rows,
        report.tables,
        report.documents,
        file.display(),
        report.from_schema,
        report.to_schema
    );
    Ok(())
}

/// Exports an organisation while the server may go on running.
pub async fn export_organisation(database: &DatabaseArgs, name: &str, out: &Path) -> anyhow::Result<()> {
    let db = crate::db::connect(database.url(), &StatementCounter::default()).await?;
    let found =
        organisation::find(&db, name).await.map_err(|_| anyhow::anyhow!("no organisation is called {name:?}"))?;
    let report = portable::export(&db, &store(database)?, &found, out).await?;
    println!(
        "Exported organisation \"{}\": {} rows of {} tables and {} documents to {}",
        found.name,
        report.rows,
        report.tables,
        report.documents,
        out.display()
    );
    Ok(())
}

/// Imports an organisation export into this instance (migrated to its version first).
pub async fn import_organisation(database: &DatabaseArgs, file: &Path, name: Option<&str>) -> anyhow::Result<()> {
    let db = crate::db::connect(database.url(), &StatementCounter::default()).await?;
    crate::db::migrate(&db).await?;
    let imported = portable::import(&db, &store(database)?, file, name).await?;
    println!(
        "Imported organisation \"{}\" ({}): {} rows and {} documents",
        imported.organisation.name, imported.organisation.id, imported.rows, imported.documents
    );
    Ok(())
}

/// Deletes an organisation, or says what deleting it would remove.
pub async fn delete_organisation(database: &DatabaseArgs, name: &str, yes: bool) -> anyhow::Result<()> {
    let db = crate::db::connect(database.url(), &StatementCounter::default()).await?;
    let found =
        organisation::find(&db, name).await.map_err(|_| anyhow::anyhow!("no organisation is called {name:?}"))?;
    let deleted = organisation::delete(&db, &store(database)?, &found, !yes).await?;
    let verb = if yes { "Deleted" } else { "Deleting would remove" };
    println!("{verb} organisation \"{}\" ({}):", deleted.organisation, found.id);
    for (table, rows) in &deleted.rows {
        println!("  {table}: {rows} rows");
    }
    println!("  documents no other organisation uses: {}", deleted.documents);
    if !yes {
        println!("Nothing was changed; add --yes to delete.");
    }
    Ok(())
}
