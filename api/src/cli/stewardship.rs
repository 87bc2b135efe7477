//! `chainward backup` and `chainward restore`: the database of `DATABASE_URL` and the document
//! store of `CHAINWARD_OBJECT_STORE_URL` (or `<data dir>/evidence`), as the server uses them.
use crate::config::DatabaseArgs;
use crate::db::StatementCounter;
use crate::service::stewardship::{backup, restore};
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
