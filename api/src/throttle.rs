//! Throttling of guesses by address: sign-ins, token refreshes and invitation links. Every
//! attempt is counted and checked in one statement in the database (so every replica sees the
//! same count and parallel requests cannot slip past a read-then-write); an attempt that
//! succeeds is taken back, so only failures use up the allowance.
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};
use std::future::Future;
use std::net::IpAddr;

/// One kind of attempt and its allowance per address.
pub struct Throttle {
    kind: &'static str,
    max: i32,
    window_minutes: i64,
    refusal: &'static str,
}

/// Wrong passwords from one address (over all accounts) within ten minutes.
pub const LOGIN: Throttle = Throttle {
    kind: "login",
    max: 20,
    window_minutes: 10,
    refusal: "too many failed sign-ins from your address; try again later",
};

/// Invalid refresh tokens from one address within ten minutes.
pub const REFRESH: Throttle = Throttle {
    kind: "refresh",
    max: 20,
    window_minutes: 10,
    refusal: "too many invalid session renewals from your address; sign in again later",
};

/// Ten wrong invitation links from one address in ten minutes is guessing, not typos.
pub const INVITATION: Throttle = Throttle {
    kind: "invitation",
    max: 10,
    window_minutes: 10,
    refusal: "too many invalid invitation links from your address; try again later",
};

/// Single sign-on started or returned from one address within ten minutes: each start keeps a
/// row until it is finished or expires, so a flood is cut off here.
pub const SSO: Throttle = Throttle {
    kind: "sso",
    max: 60,
    window_minutes: 10,
    refusal: "too many single sign-on attempts from your address; try again later",
};

const UPSERT_POSTGRES: &str = "INSERT INTO rate_limit (key, window_started_at, hits) VALUES ($1, $2, 1) \
    ON CONFLICT (key) DO UPDATE SET \
    hits = CASE WHEN rate_limit.window_started_at < $3 THEN 1 ELSE rate_limit.hits + 1 END, \
    window_started_at = CASE WHEN rate_limit.window_started_at < $3 THEN $2 ELSE rate_limit.window_started_at END \
    RETURNING hits";
const UPSERT_SQLITE: &str = "INSERT INTO rate_limit (key, window_started_at, hits) VALUES (?1, ?2, 1) \
    ON CONFLICT (key) DO UPDATE SET \
    hits = CASE WHEN rate_limit.window_started_at < ?3 THEN 1 ELSE rate_limit.hits + 1 END, \
    window_started_at = CASE WHEN rate_limit.window_started_at < ?3 THEN ?2 ELSE rate_limit.window_started_at END \
    RETURNING hits";

impl Throttle {
    fn key(&self, address: IpAddr) -> String {
        format!("{}:{address}", self.kind)
    }

    /// Counts an attempt from `address`; `false` when it is past the allowance.
    pub async fn attempt<C: ConnectionTrait>(&self, db: &C, address: IpAddr, now: DateTime<Utc>) -> ApiResult<bool> {
        let backend = db.get_database_backend();
        let sql = if backend == DatabaseBackend::Postgres { UPSERT_POSTGRES } else { UPSERT_SQLITE };
        let since = now - Duration::minutes(self.window_minutes);
        let values: [Value; 3] = [self.key(address).into(), now.into(), since.into()];
        let row = db.query_one_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
        let hits: i32 = row.map(|r| r.try_get("", "hits")).transpose()?.unwrap_or(1);
        Ok(hits <= self.max)
    }

    /// Counts an attempt from `address` that stands whatever its outcome (it leaves a row
    /// behind); past the allowance, the refusal.
    pub async fn count<C: ConnectionTrait>(&self, db: &C, address: IpAddr) -> ApiResult<()> {
        if self.attempt(db, address, Utc::now()).await? { Ok(()) } else { Err(ApiError::Limit(self.refusal.into())) }
    }

    /// Takes back an attempt that succeeded.
    pub async fn forgive<C: ConnectionTrait>(&self, db: &C, address: IpAddr) -> ApiResult<()> {
        let backend = db.get_database_backend();
        let sql = if backend == DatabaseBackend::Postgres {
            "UPDATE rate_limit SET hits = hits - 1 WHERE key = $1 AND hits > 0"
        } else {
            "UPDATE rate_limit SET hits = hits - 1 WHERE key = ?1 AND hits > 0"
        };
        db.execute_raw(Statement::from_sql_and_values(backend, sql, [self.key(address).into()])).await?;
        Ok(())
    }

    /// Runs `attempt` if `address` still has allowance, counting it; a success is taken back.
    pub async fn guard<C: ConnectionTrait, T>(
        &self,
        db: &C,
        address: Option<IpAddr>,
        attempt: impl Future<Output = ApiResult<T>>,
    ) -> ApiResult<T> {
        let Some(address) = address else { return attempt.await };
        if !self.attempt(db, address, Utc::now()).await? {
            return Err(ApiError::Limit(self.refusal.into()));
        }
        let outcome = attempt.await;
        if outcome.is_ok() {
            self.forgive(db, address).await?;
        }
        outcome
    }
}

/// Forgets windows that ended a day ago (run by the scheduler).
pub async fn forget_stale<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> ApiResult<u64> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let deleted = entity::rate_limit::Entity::delete_many()
        .filter(entity::rate_limit::Column::WindowStartedAt.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
