//! The backup file: a zip holding one JSON-lines file per table, the documents by their
//! SHA-256, and `manifest.json` listing every other file with its SHA-256, so that a restore
//! (or an auditor) can tell that nothing was altered or lost.
use anyhow::{Context, bail, ensure};
use chrono::{DateTime, Utc};
use migration::MigratorTrait;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::Write;

/// A whole instance's backup.
pub const BACKUP: &str = "chainward-backup";
/// One organisation's export.
pub const ORGANISATION: &str = "chainward-organisation";
pub const VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The Chainward that wrote it.
    pub chainward: String,
    pub created_at: DateTime<Utc>,
    /// `sqlite` or `postgres`: where it was taken (a restore may go to either).
    pub backend: String,
    /// The schema: the migrations applied, oldest first.
    pub migrations: Vec<String>,
    /// The organisation an export holds (none in a backup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Named>,
    pub tables: Vec<TableFile>,
    pub documents: Vec<DocumentFile>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Named {
    pub id: uuid::Uuid,
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct TableFile {
    pub table: String,
    pub file: String,
    pub rows: u64,
    pub sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct DocumentFile {
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

/// The file a document is kept under.
pub fn document_file(sha256: &str) -> String {
    format!("documents/{sha256}")
}

/// Writes through to `inner` while hashing what passes.
pub struct Hashing<W> {
    pub inner: W,
    hasher: Sha256,
    pub bytes: u64,
}

impl<W: Write> Hashing<W> {
    pub fn new(inner: W) -> Self {
        Hashing { inner, hasher: Sha256::new(), bytes: 0 }
    }

    pub fn sha256(&self) -> String {
        hex(&self.hasher.clone().finalize())
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The manifest of an archive of `format`, once it is known to be whole, unaltered and of a
/// schema this Chainward knows. Checks everything before anything is written.
pub fn verify(zip: &mut zip::ZipArchive<std::fs::File>, format: &str) -> anyhow::Result<Manifest> {
    let manifest: Manifest = serde_json::from_reader(
        zip.by_name(MANIFEST).context("the file is not a Chainward archive (no manifest.json)")?,
    )
    .context("manifest.json cannot be read")?;
    ensure!(
        manifest.format == format && manifest.version == VERSION,
        "the file is a {} version {} file, not the {format} version {VERSION} this Chainward reads",
        manifest.format,
        manifest.version,
    );
    let known: Vec<String> = migration::Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    if let Some(unknown) = manifest.migrations.iter().find(|m| !known.contains(m)) {
        bail!(
            "the file was made by a newer Chainward ({}; schema {unknown}): this one knows the schema up to {}; restore it with Chainward {} or later",
            manifest.chainward,
            known.last().map(String::as_str).unwrap_or("none"),
            manifest.chainward
        );
    }
    ensure!(known.starts_with(&manifest.migrations), "the file's schema is not one this Chainward went through");
    let mut listed: BTreeSet<&str> = BTreeSet::from([MANIFEST]);
    let files = manifest
        .tables
        .iter()
        .map(|t| (&t.file, &t.sha256))
        .chain(manifest.documents.iter().map(|d| (&d.file, &d.sha256)));
    for (file, sha256) in files {
        let entry = zip.by_name(file).with_context(|| format!("the file lacks {file}, which its manifest lists"))?;
        let (actual, _) = sha256_of(entry).with_context(|| format!("reading {file}"))?;
        ensure!(
            &actual == sha256,
            "{file} was altered or damaged: its SHA-256 is {actual}, the manifest says {sha256}"
        );
        listed.insert(file);
    }
    for document in &manifest.documents {
        ensure!(document.file == document_file(&document.sha256), "{} is not named by its hash", document.file);
    }
    for name in zip.file_names() {
        let name = name?;
        ensure!(listed.contains(name.as_ref()), "the file holds {name}, which its manifest does not list");
    }
    Ok(manifest)
}

/// The SHA-256 of everything `reader` yields, and its length.
pub fn sha256_of(mut reader: impl std::io::Read) -> std::io::Result<(String, u64)> {
    let mut hashing = Hashing::new(std::io::sink());
    let bytes = std::io::copy(&mut reader, &mut hashing)?;
    Ok((hashing.sha256(), bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
