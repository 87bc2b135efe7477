//! `chainward backup --out FILE`: every table read in one snapshot while the server goes on
//! writing (a read-only REPEATABLE READ transaction on PostgreSQL, a read transaction on
//! SQLite's WAL), then the documents those rows name, into one file ([`super::archive`]). The
//! rows are logical (JSON), so a backup of SQLite restores into PostgreSQL and back. An
//! organisation's export is the same file of its own rows and documents.
use super::archive::{self, DocumentFile, Hashing, Manifest, TableFile};
use super::tables::{self, Row, RowSink};
use crate::error::{ApiError, ApiResult};
use crate::storage::DocumentStore;
use anyhow::Context;
use entity::{evidence, organisation};
use sea_orm::{
    AccessMode, ColumnTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, EntityTrait, IsolationLevel,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::fs::File;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

/// What a backup holds.
#[derive(Debug)]
pub struct BackupReport {
    pub tables: usize,
    pub rows: u64,
    pub documents: usize,
    pub bytes: u64,
}

/// What an archive holds: the whole database, or one organisation's rows and documents.
#[derive(Clone, Copy)]
pub enum Scope<'a> {
    Everything,
    Organisation(&'a organisation::Model),
}

/// Writes the backup to `out`.
pub async fn backup(db: &DatabaseConnection, store: &DocumentStore, out: &Path) -> anyhow::Result<BackupReport> {
    write_file(db, store, out, Scope::Everything).await
}

/// Writes the archive of `scope` to `out` (by way of `out.partial`, so that one that fails
/// half-way never leaves a file that looks whole).
pub async fn write_file(
    db: &DatabaseConnection,
    store: &DocumentStore,
    out: &Path,
    scope: Scope<'_>,
) -> anyhow::Result<BackupReport> {
    let partial = out.with_file_name(format!(
        "{}.partial",
        out.file_name().context("the backup needs a file name")?.to_string_lossy()
    ));
    // Readable by this user only: it holds every organisation's data. A file left by a backup
    // that was killed goes first.
    let _ = std::fs::remove_file(&partial);
    let file = private_file(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let written = write(db, store, zip::ZipWriter::new(file), scope).await;
    let report = match written {
        Ok(report) => report,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    std::fs::rename(&partial, out).with_context(|| format!("moving the backup to {}", out.display()))?;
    Ok(report)
}

async fn write(
    db: &DatabaseConnection,
    store: &DocumentStore,
    mut zip: zip::ZipWriter<File>,
    scope: Scope<'_>,
) -> anyhow::Result<BackupReport> {
    let (format, tables, only) = match scope {
        Scope::Everything => (archive::BACKUP, tables::all(), None),
        Scope::Organisation(o) => (archive::ORGANISATION, tables::portable(), Some(o.id)),
    };
    let txn = snapshot(db).await?;
    let migrations = tables::migrations(&txn).await?;
    let rows_options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut listed = Vec::new();
    let mut rows = 0;
    for (position, table) in tables.iter().enumerate() {
        let file = format!("tables/{:02}-{}.jsonl", position + 1, table.name);
        zip.start_file(&file, rows_options.large_file(true))?;
        let mut sink = Lines(Hashing::new(&mut zip));
        let count = table.dump(&txn, only, &mut sink).await.with_context(|| format!("reading {}", table.name))?;
        let sha256 = sink.0.sha256();
        listed.push(TableFile { table: table.name.clone(), file, rows: count, sha256 });
        rows += count;
    }
    let mut documents = evidence::Entity::find();
    if let Some(organisation) = only {
        documents = documents.filter(evidence::Column::OrganisationId.eq(organisation));
    }
    let documents: Vec<String> = documents
        .select_only()
        .column(evidence::Column::Sha256)
        .distinct()
        .order_by_asc(evidence::Column::Sha256)
        .into_tuple()
        .all(&txn)
        .await
        .map_err(ApiError::from)?;
    txn.rollback().await.map_err(ApiError::from)?;

    let mut kept = Vec::new();
    let mut bytes = 0;
    for sha256 in documents {
        let content = store.read(&sha256).await.with_context(|| format!("reading document {sha256}"))?;
        let (actual, size) = archive::sha256_of(&content[..])?;
        anyhow::ensure!(actual == sha256, "document {sha256} in the store does not match its hash (it is {actual})");
        let file = archive::document_file(&sha256);
        zip.start_file(&file, SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored))?;
        zip.write_all(&content)?;
        kept.push(DocumentFile { file, bytes: size, sha256 });
        bytes += size;
    }
    let manifest = Manifest {
        format: format.into(),
        version: archive::VERSION,
        chainward: env!("CARGO_PKG_VERSION").into(),
        created_at: chrono::Utc::now(),
        backend: match db.get_database_backend() {
            DatabaseBackend::Postgres => "postgres",
            _ => "sqlite",
        }
        .into(),
        migrations,
        organisation: match scope {
            Scope::Everything => None,
            Scope::Organisation(o) => Some(archive::Named { id: o.id, name: o.name.clone() }),
        },
        tables: listed,
        documents: kept,
    };
    zip.start_file(archive::MANIFEST, SimpleFileOptions::default())?;
    serde_json::to_writer_pretty(&mut zip, &manifest)?;
    let file = zip.finish()?;
    file.sync_all()?;
    Ok(BackupReport { tables: manifest.tables.len(), rows, documents: manifest.documents.len(), bytes })
}

/// A new file only this user may read or write.
pub(super) fn private_file(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

/// A transaction that sees one moment of the database however long it reads.
async fn snapshot(db: &DatabaseConnection) -> ApiResult<DatabaseTransaction> {
    Ok(match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
        }
        // SQLite's WAL gives a reading transaction the database as of its first read.
        _ => db.begin().await?,
    })
}

/// Rows as JSON lines.
struct Lines<W: Write + Send>(Hashing<W>);

impl<W: Write + Send> RowSink for Lines<W> {
    fn row(&mut self, row: &Row) -> ApiResult<()> {
        serde_json::to_writer(&mut self.0, row).map_err(ApiError::internal)?;
        self.0.write_all(b"\n").map_err(ApiError::internal)
    }
}
