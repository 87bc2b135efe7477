//! The backup file: a zip holding one JSON-lines file per table, the documents by their
//! SHA-256, and `manifest.json` listing every other file with its SHA-256, so that a restore
//! (or an auditor) can tell that nothing was altered or lost.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;

pub const FORMAT: &str = "chainward-backup";
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
    pub tables: Vec<TableFile>,
    pub documents: Vec<DocumentFile>,
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

/// The SHA-256 of everything `reader` yields, and its length.
pub fn sha256_of(mut reader: impl std::io::Read) -> std::io::Result<(String, u64)> {
    let mut hashing = Hashing::new(std::io::sink());
    let bytes = std::io::copy(&mut reader, &mut hashing)?;
    Ok((hashing.sha256(), bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
