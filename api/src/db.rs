//! Opening the database: SQLite (embedded default) or PostgreSQL, with migrations applied.
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, TransactionOptions};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Counts SQL statements, exported on /metrics (and read by the tests that prove N+1 freedom).
#[derive(Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// `CHAINWARD_DB_MAX_CONNECTIONS`, or the backend's default. SQLite runs each connection on
/// its own thread and allows one writer, so a few connections serve best on small machines.
fn pool_size(default: u32) -> u32 {
    std::env::var("CHAINWARD_DB_MAX_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// Statements slower than this are logged at WARN level.
const SLOW_STATEMENT: Duration = Duration::from_millis(200);

pub async fn connect(url: &str, counter: &StatementCounter) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).connect_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        // One connection per in-memory database (each connection would get its own);
        // a file database gets a real pool, WAL and a busy timeout so that readers never wait.
        let pool = if url.contains(":memory:") || url.contains("mode=memory") { 1 } else { pool_size(4) };
        options.max_connections(pool).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
        });
    } else {
        options.max_connections(pool_size(16));
    }
    let mut db = Database::connect(options).await?;
    let statements = counter.0.clone();
    db.set_metric_callback(move |info| {
        statements.fetch_add(1, Ordering::Relaxed);
        // A slow-statement log: operators see what to index, without logging every query.
        if info.elapsed > SLOW_STATEMENT {
            tracing::warn!(elapsed_ms = info.elapsed.as_millis() as u64, sql = %info.statement.sql, "slow SQL statement");
        } else {
            tracing::trace!(elapsed_us = info.elapsed.as_micros() as u64, sql = %info.statement.sql, "SQL statement");
        }
    });
    Ok(db)
}

/// Applies pending migrations in one transaction, so that replicas starting together take
/// turns: on PostgreSQL the first holds an advisory lock, on SQLite the write lock (taken at
/// once); the others wait and then find nothing left to do. DDL is transactional on both, so
/// a failed upgrade leaves the schema as it was.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
    let txn = begin_write(db).await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let lock = format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})");
        txn.execute_raw(Statement::from_string(DatabaseBackend::Postgres, lock)).await?;
    }
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

/// The advisory lock key of migrations ("chainwar" in ASCII).
const MIGRATION_LOCK: i64 = 0x6368_6169_6e77_6172;

/// Starts a write transaction. On SQLite it takes the write lock at once (IMMEDIATE), because
/// a deferred transaction that reads first can fail with SQLITE_BUSY when it upgrades.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    use sea_orm::TransactionTrait;
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Statement};

    /// A register with twin services (from before the key) migrates, and the later twins are
    /// numbered rather than lost.
    #[tokio::test]
    async fn twin_services_from_before_the_unique_key_are_numbered() {
        let db = connect("sqlite::memory:", &StatementCounter::default()).await.unwrap();
        Migrator::up(&db, Some(13)).await.unwrap();
        let org = uuid::Uuid::new_v4();
        let backend = db.get_database_backend();
        let run = |sql: &str, values: Vec<sea_orm::Value>| Statement::from_sql_and_values(backend, sql, values);
        db.execute_raw(run(
            "INSERT INTO organisation (id, name, created_at) VALUES (?, 'acme', '2026-01-01T00:00:00Z')",
            vec![org.into()],
        ))
        .await
        .unwrap();
        for (name, at) in
            [("Payroll", "2026-01-01"), ("PAYROLL", "2026-01-02"), ("payroll", "2026-01-03"), ("Shop", "2026-01-04")]
        {
            let sql = "INSERT INTO service (id, organisation_id, name, criticality, nis2_critical, created_at, updated_at) \
                       VALUES (?, ?, ?, 3, false, ?, ?)";
            let at = format!("{at}T00:00:00Z");
            db.execute_raw(run(
                sql,
                vec![uuid::Uuid::new_v4().into(), org.into(), name.into(), at.clone().into(), at.into()],
            ))
            .await
            .unwrap();
        }
        migrate(&db).await.unwrap();
        let names: Vec<String> = entity::business_service::Entity::find()
            .order_by_asc(entity::business_service::Column::CreatedAt)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Payroll", "PAYROLL (2)", "payroll (3)", "Shop"]);
    }
}
