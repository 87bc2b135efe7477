//! Where documents are kept: files under the data directory by default (embedded), or any
//! S3-compatible store with `CHAINWARD_OBJECT_STORE_URL=s3://bucket/prefix`, so that every
//! replica serves every document. Credentials, region and endpoint come from the standard
//! `AWS_*` environment variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
//! `AWS_ENDPOINT` for a store other than AWS, `AWS_ALLOW_HTTP=true` for one without TLS).
//!
//! Content is addressed by its SHA-256 (`ab/abcdef…`): a document is written once, whoever
//! uploads it again, and a write that races another writes the same bytes.
use crate::error::{ApiError, ApiResult};
use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use std::path::Path;
use std::sync::Arc;

/// A document's content, chunk by chunk.
pub type DocumentStream = futures_util::stream::BoxStream<'static, std::io::Result<bytes::Bytes>>;

/// The document store of the running application; cheap to clone.
#[derive(Clone)]
pub struct DocumentStore {
    store: Arc<dyn ObjectStore>,
    prefix: Option<Key>,
    /// For logs and the start-up line: where documents go (never credentials).
    pub described: String,
}

impl std::fmt::Debug for DocumentStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.described)
    }
}

impl DocumentStore {
    /// `url`: `s3://bucket/prefix`, or None for `<data_dir>/evidence` (the layout documents
    /// always had there).
    pub fn open(url: Option<&str>, data_dir: &Path) -> anyhow::Result<DocumentStore> {
        let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
            let dir = data_dir.join("evidence");
            std::fs::create_dir_all(&dir)?;
            let store = LocalFileSystem::new_with_prefix(&dir)?;
            return Ok(DocumentStore { store: Arc::new(store), prefix: None, described: dir.display().to_string() });
        };
        let Some(rest) = url.strip_prefix("s3://") else {
            anyhow::bail!("CHAINWARD_OBJECT_STORE_URL must look like s3://bucket/prefix, not {url:?}");
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        anyhow::ensure!(!bucket.is_empty(), "CHAINWARD_OBJECT_STORE_URL names no bucket");
        let store = AmazonS3Builder::from_env().with_bucket_name(bucket).build()?;
        let prefix = prefix.trim_matches('/');
        Ok(DocumentStore {
            store: Arc::new(store),
            prefix: (!prefix.is_empty()).then(|| Key::from(prefix)),
            described: format!("s3://{bucket}/{prefix}"),
        })
    }

    fn key(&self, sha256: &str) -> ApiResult<Key> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ApiError::internal(format!("not a SHA-256: {sha256:?}")));
        }
        let own = Key::from_iter([&sha256[..2], sha256]);
        Ok(match &self.prefix {
            Some(prefix) => prefix.parts().chain(own.parts()).collect(),
            None => own,
        })
    }

    /// Keeps `bytes` under their SHA-256 (returned), unless they are there already.
    pub async fn put_content(&self, bytes: &[u8]) -> ApiResult<String> {
        let sha256 = crate::auth::secret::sha256_hex(bytes);
        self.put(&sha256, bytes).await?;
        Ok(sha256)
    }

    /// Keeps `bytes` under their hash, unless they are there already.
    pub async fn put(&self, sha256: &str, bytes: &[u8]) -> ApiResult<()> {
        let key = self.key(sha256)?;
        let options = PutOptions { mode: PutMode::Create, ..Default::default() };
        match self.store.put_opts(&key, PutPayload::from(bytes.to_vec()), options).await {
            Ok(_) | Err(object_store::Error::AlreadyExists { .. }) => Ok(()),
            // Stores without conditional writes: the same hash is the same bytes, so overwrite.
            Err(object_store::Error::NotImplemented { .. }) => {
                self.store.put(&key, PutPayload::from(bytes.to_vec())).await.map_err(ApiError::internal)?;
                Ok(())
            }
            Err(err) => Err(ApiError::internal(format!("storing a document: {err}"))),
        }
    }

    /// The document's bytes as a stream of chunks, never whole in memory.
    pub async fn stream(&self, sha256: &str) -> ApiResult<DocumentStream> {
        let found = self.store.get(&self.key(sha256)?).await.map_err(|err| match err {
            object_store::Error::NotFound { .. } => {
                ApiError::internal(format!("document {sha256} is recorded but missing from the store"))
            }
            err => ApiError::internal(format!("reading a document: {err}")),
        })?;
        Ok(found.into_stream().map(|chunk| chunk.map_err(std::io::Error::other)).boxed())
    }

    /// Removes a document (no longer named by any row); one already gone is not an error.
    pub async fn delete(&self, sha256: &str) -> ApiResult<()> {
        match self.store.delete(&self.key(sha256)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(ApiError::internal(format!("deleting a document: {err}"))),
        }
    }

    /// The whole document (for exports that pack several into one file).
    pub async fn read(&self, sha256: &str) -> ApiResult<Vec<u8>> {
        let found = self.store.get(&self.key(sha256)?).await.map_err(ApiError::internal)?;
        Ok(found.bytes().await.map_err(ApiError::internal)?.to_vec())
    }
}
