//! Argon2id password hashing, always on a blocking thread: one hash costs ~19 MiB and tens of
//! milliseconds of CPU, which must never stall the async runtime.
use crate::error::{ApiError, ApiResult};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};

pub const MIN_PASSWORD_LENGTH: usize = 12;

/// Argon2 runs at once per process (each ~19 MiB): a flood of sign-ins waits its turn instead of
/// exhausting memory, and is refused when the wait grows too long.
const CONCURRENT: usize = 4;
const LONGEST_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

async fn permit() -> ApiResult<tokio::sync::SemaphorePermit<'static>> {
    static PERMITS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT);
    match tokio::time::timeout(LONGEST_WAIT, PERMITS.acquire()).await {
        Ok(permit) => permit.map_err(ApiError::internal),
        Err(_) => Err(ApiError::Limit("too many sign-ins at once; try again in a moment".into())),
    }
}

pub async fn hash_password(password: String) -> ApiResult<String> {
    let _permit = permit().await?;
    tokio::task::spawn_blocking(move || {
        Argon2::default().hash_password(password.as_bytes()).map(|hash| hash.to_string()).map_err(ApiError::internal)
    })
    .await
    .map_err(ApiError::internal)?
}

/// True when `password` matches `hash`. A malformed stored hash counts as a mismatch (logged).
pub async fn verify_password(password: String, hash: String) -> ApiResult<bool> {
    let _permit = permit().await?;
    tokio::task::spawn_blocking(move || match PasswordHash::new(&hash) {
        Ok(parsed) => Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()),
        Err(err) => {
            tracing::error!(error = %err, "stored password hash is malformed");
            Ok(false)
        }
    })
    .await
    .map_err(ApiError::internal)?
}

/// Verifies against a throw-away hash when the e-mail is unknown, so that a login for a missing
/// account takes as long as one for an existing account (no account enumeration by timing).
pub async fn verify_decoy(password: String) -> ApiResult<()> {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let decoy = match DECOY.get() {
        Some(hash) => hash.clone(),
        None => {
            let hash = hash_password(super::secret::random_token()).await?;
            DECOY.get_or_init(|| hash).clone()
        }
    };
    verify_password(password, decoy).await.map(|_| ())
}
