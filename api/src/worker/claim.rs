//! Claiming queued work (webhook deliveries, e-mails) so that each item is handled by one worker:
//! rows are selected and marked in one short transaction, `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL (replicas skip each other's rows) and under SQLite's single writer otherwise. A
//! claim is a lease: if the worker dies, the row becomes due again when the lease ends.
use chrono::Duration;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// Items claimed at once.
const BATCH: u64 = 20;

/// The columns every queue table shares.
pub(super) struct Queue<E: EntityTrait> {
    pub id: E::Column,
    pub status: E::Column,
    pub next_attempt_at: E::Column,
    pub locked_until: E::Column,
    /// The stored status of a row waiting for its turn (the queue's `Pending`).
    pub pending: &'static str,
    /// The stored status of a claimed row (`Delivering`, `Sending`).
    pub working: &'static str,
    pub key: fn(&E::Model) -> Uuid,
    /// How long a worker holds a claimed item before another may retry it (the worker died).
    pub lease: std::time::Duration,
}

pub(super) async fn claim<E: EntityTrait>(
    db: &DatabaseConnection,
    queue: &Queue<E>,
) -> Result<Vec<E::Model>, sea_orm::DbErr> {
    claim_where(db, queue, Condition::all()).await
}

/// [`claim`] of the due rows that also meet `only` (e.g. not of a busy organisation).
pub(super) async fn claim_where<E: EntityTrait>(
    db: &DatabaseConnection,
    queue: &Queue<E>,
    only: Condition,
) -> Result<Vec<E::Model>, sea_orm::DbErr> {
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let due = Condition::any()
        .add(Condition::all().add(queue.status.eq(queue.pending)).add(queue.next_attempt_at.lte(now)))
        .add(Condition::all().add(queue.status.eq(queue.working)).add(queue.locked_until.lt(now)));
    let mut select = E::find().filter(due).filter(only).order_by_asc(queue.next_attempt_at).limit(BATCH);
    if db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = select.all(&txn).await?;
    if !rows.is_empty() {
        E::update_many()
            .col_expr(queue.status, Expr::value(queue.working))
            .col_expr(queue.locked_until, Expr::value(now + Duration::milliseconds(queue.lease.as_millis() as i64)))
            .filter(queue.id.is_in(rows.iter().map(queue.key)))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(rows)
}

/// Puts claimed rows back in the queue untouched (no attempt counted), for another worker or
/// a later turn.
pub(super) async fn release<E: EntityTrait>(
    db: &DatabaseConnection,
    queue: &Queue<E>,
    ids: Vec<Uuid>,
) -> Result<(), sea_orm::DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    E::update_many()
        .col_expr(queue.status, Expr::value(queue.pending))
        .col_expr(queue.locked_until, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .filter(queue.id.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}

/// Wait before the next attempt: 10 s, 20 s, 40 s ... at most an hour.
pub(super) fn backoff(attempts: i32) -> Duration {
    Duration::seconds((10i64 << (attempts.max(1) - 1).min(9)).min(3600))
}
