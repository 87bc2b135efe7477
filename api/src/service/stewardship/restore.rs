//! `chainward restore FILE`: checks the backup whole before it touches anything (its format,
//! that its schema is one this Chainward knows, every file against the manifest's SHA-256),
//! then brings an empty database to the backup's schema, loads every table in one transaction,
//! puts the documents in the store, and migrates to this version's schema.
use super::archive;
use super::tables::{self, Row};
use crate::storage::DocumentStore;
use anyhow::{Context, bail, ensure};
use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::io::{BufRead, Read};
use std::path::Path;

/// Rows read from a table's file before they are inserted.
const CHUNK: usize = 1_000;

/// What a restore brought back.
#[derive(Debug)]
pub struct RestoreReport {
    pub tables: usize,
    pub rows: u64,
    pub documents: usize,
    /// The schema the backup had, and the one the database has now.
    pub from_schema: String,
    pub to_schema: String,
}

pub async fn restore(db: &DatabaseConnection, store: &DocumentStore, file: &Path) -> anyhow::Result<RestoreReport> {
    let opened = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let mut zip = zip::ZipArchive::new(opened).context("the file is not a Chainward backup (not a zip)")?;
    let manifest = archive::verify(&mut zip, archive::BACKUP)?;
    prepare(db, &manifest.migrations).await?;

    for document in &manifest.documents {
        let mut content = Vec::new();
        zip.by_name(&document.file)?.read_to_end(&mut content)?;
        store.put(&document.sha256, &content).await.with_context(|| format!("storing {}", document.file))?;
    }

    let txn = crate::db::begin_write(db).await?;
    let all = tables::all();
    // What migrations wrote into the tables the backup has goes; tables of a later schema do
    // not exist yet.
    for table in all.iter().rev().filter(|t| manifest.tables.iter().any(|listed| listed.table == t.name)) {
        table.clear(&txn).await.with_context(|| format!("emptying {}", table.name))?;
    }
    let mut rows = 0;
    for table in &all {
        // A table the backup's schema did not have yet stays empty.
        let Some(listed) = manifest.tables.iter().find(|t| t.table == table.name) else { continue };
        let reader = std::io::BufReader::new(zip.by_name(&listed.file)?);
        let mut chunk: Vec<Row> = Vec::with_capacity(CHUNK);
        let mut first = 1;
        let mut loaded = 0;
        for (index, line) in reader.lines().enumerate() {
            let row = serde_json::from_str(&line?).with_context(|| format!("{} line {}", listed.file, index + 1))?;
            chunk.push(row);
            loaded += 1;
            if chunk.len() == CHUNK {
                let done = std::mem::take(&mut chunk);
                load(&txn, table, &listed.file, first, done).await?;
                first = index + 2;
            }
        }
        load(&txn, table, &listed.file, first, chunk).await?;
        ensure!(loaded == listed.rows, "{} holds {loaded} rows, its manifest says {}", listed.file, listed.rows);
        rows += loaded;
    }
    txn.commit().await?;
    crate::db::migrate(db).await.context("migrating the restored database to this version's schema")?;
    let known = migration::Migrator::migrations();
    Ok(RestoreReport {
        tables: manifest.tables.len(),
        rows,
        documents: manifest.documents.len(),
        from_schema: manifest.migrations.last().cloned().unwrap_or_default(),
        to_schema: known.last().map(|m| m.name().to_owned()).unwrap_or_default(),
    })
}

async fn load(
    txn: &sea_orm::DatabaseTransaction,
    table: &tables::Table,
    file: &str,
    first: usize,
    rows: Vec<Row>,
) -> anyhow::Result<()> {
    let last = first + rows.len().saturating_sub(1);
    table.load(txn, rows).await.map_err(|e| anyhow::anyhow!("{file} lines {first}-{last}: {e}"))
}

/// Brings an empty database to the backup's schema; refuses one that holds data or is ahead.
async fn prepare(db: &DatabaseConnection, snapshot: &[String]) -> anyhow::Result<()> {
    let schema = migration::SchemaManager::new(db);
    // A database never migrated has no migration table: nothing applied.
    let applied = if schema.has_table("seaql_migrations").await? { tables::migrations(db).await? } else { Vec::new() };
    if !snapshot.starts_with(&applied) {
        bail!(
            "the database is at schema {}, which the backup ({}) is not at or beyond: restore into an empty database",
            applied.last().map(String::as_str).unwrap_or("none"),
            snapshot.last().map(String::as_str).unwrap_or("none")
        );
    }
    if schema.has_table("organisation").await? {
        let count =
            sea_orm::Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) AS n FROM organisation");
        let organisations: i64 = match db.query_one_raw(count).await? {
            Some(row) => row.try_get("", "n")?,
            None => 0,
        };
        ensure!(
            organisations == 0,
            "the database already holds {organisations} organisation{}: restore into an empty database",
            if organisations == 1 { "" } else { "s" }
        );
    }
    let pending = (snapshot.len() - applied.len()) as u32;
    if pending > 0 {
        let txn = crate::db::begin_write(db).await?;
        migration::Migrator::up(&txn, Some(pending)).await?;
        txn.commit().await?;
    }
    Ok(())
}
