//! The organisation's data version: every write that changes what reads show records one
//! `portfolio_change` row in its own transaction, through the audit log (every action but
//! token churn) and the outbox (every event). The portfolio read model (`portfolio::freshness`)
//! and the register's response cache (`http::response_cache`) are keyed by it.
use crate::error::ApiResult;
use entity::portfolio_change;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseBackend, EntityTrait, Statement};
use uuid::Uuid;

/// Audit actions that change nothing a read shows: the churn of tokens and failed sign-ins
/// (a sign-in itself moves `lastLoginAt`, so it counts).
const NOT_DATA: &[&str] = &["auth.refresh", "auth.logout", "auth.login_failed"];

/// Whether an audited `action` changes data that reads show (the portfolio read model and
/// the cached register responses are keyed by these changes).
pub fn affects(action: &str) -> bool {
    !NOT_DATA.iter().any(|prefix| action.starts_with(prefix))
}

/// The organisation's data version: changes folded by the worker plus those still listed, in
/// one statement (so a fold between two reads cannot be seen half done).
pub async fn version<C: ConnectionTrait>(db: &C, organisation: Uuid) -> ApiResult<i64> {
    let backend = db.get_database_backend();
    let sql = if backend == DatabaseBackend::Postgres {
        "SELECT COALESCE((SELECT compacted FROM portfolio_view WHERE organisation_id = $1), 0) \
         + (SELECT COUNT(*) FROM portfolio_change WHERE organisation_id = $1) AS version"
    } else {
        "SELECT COALESCE((SELECT compacted FROM portfolio_view WHERE organisation_id = ?1), 0) \
         + (SELECT COUNT(*) FROM portfolio_change WHERE organisation_id = ?1) AS version"
    };
    let row = db.query_one_raw(Statement::from_sql_and_values(backend, sql, [organisation.into()])).await?;
    Ok(row.map(|r| r.try_get::<i64>("", "version")).transpose()?.unwrap_or(0))
}

/// Records that the caller's transaction changes the organisation's portfolio.
pub async fn changed<C: ConnectionTrait>(db: &C, organisation: Uuid) -> ApiResult<()> {
    let row = portfolio_change::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation),
        created_at: Set(crate::service::kernel::now()),
    };
    portfolio_change::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}
