//! Keeping the portfolio read model current. A write that changes an input records a
//! `portfolio_change` row in its own transaction (see the migration for why a row and not a
//! counter); the version is `compacted` plus those rows. A read serves the stored view when
//! it is current; a stale view is rebuilt by the request itself when the last build took under
//! [`INLINE_BUILD_MS`] (small registers always see their latest data), otherwise served as it is
//! while the worker rebuilds it, a few seconds after the change.
use crate::auth::{Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::portfolio::view::{self, PortfolioView};
use chrono::{DateTime, Utc};
use entity::{portfolio_change, portfolio_view};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, IsolationLevel,
    PaginatorTrait, QueryFilter, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use uuid::Uuid;

/// A stale view whose last build took less than this is rebuilt by the request that reads it.
pub const INLINE_BUILD_MS: i32 = 250;
/// Change rows per organisation before the worker folds them into `compacted`.
const COMPACT_AFTER: u64 = 1000;

/// The organisation's data version as `db` sees it, and its view row (created when missing).
async fn version<C: ConnectionTrait>(db: &C, organisation: Uuid) -> ApiResult<(i64, portfolio_view::Model)> {
    let row = match portfolio_view::Entity::find_by_id(organisation).one(db).await? {
        Some(row) => row,
        None => {
            let blank = portfolio_view::ActiveModel {
                organisation_id: Set(organisation),
                compacted: Set(0),
                built_version: Set(-1),
                built_at: Set(None),
                build_ms: Set(0),
                payload: Set(None),
            };
            portfolio_view::Entity::insert(blank)
                .on_conflict(OnConflict::column(portfolio_view::Column::OrganisationId).do_nothing().to_owned())
                .exec_without_returning(db)
                .await?;
            portfolio_view::Entity::find_by_id(organisation)
                .one(db)
                .await?
                .ok_or(ApiError::NotFound("portfolio view"))?
        }
    };
    Ok((crate::service::kernel::changes::version(db, organisation).await?, row))
}

/// Whether `row` was built from `version` today (overdue counts and the burn-down follow the date).
fn current(row: &portfolio_view::Model, version: i64, now: DateTime<Utc>) -> bool {
    row.built_version == version && row.built_at.is_some_and(|at| at.date_naive() == now.date_naive())
}

/// Organisation -> the view decoded last in this process, with the version and build time it
/// holds (a view rebuilt for a new day keeps its version).
type Decoded = Mutex<HashMap<Uuid, ((i64, Option<DateTime<Utc>>), Arc<PortfolioView>)>>;

/// Views already decoded in this process.
fn decoded() -> &'static Decoded {
    static DECODED: OnceLock<Decoded> = OnceLock::new();
    DECODED.get_or_init(Default::default)
}

fn decode(row: &portfolio_view::Model) -> ApiResult<Option<Arc<PortfolioView>>> {
    if let Some((version, view)) =
        decoded().lock().map_err(|_| ApiError::internal("view cache"))?.get(&row.organisation_id)
        && *version == (row.built_version, row.built_at)
    {
        return Ok(Some(view.clone()));
    }
    let Some(payload) = &row.payload else { return Ok(None) };
    // A payload from an older release that no longer reads is rebuilt, not an error.
    let Ok(view) = serde_json::from_str::<PortfolioView>(payload) else { return Ok(None) };
    let view = Arc::new(view);
    decoded()
        .lock()
        .map_err(|_| ApiError::internal("view cache"))?
        .insert(row.organisation_id, ((row.built_version, row.built_at), view.clone()));
    Ok(Some(view))
}

/// One build at a time per organisation in this process: requests that find the view stale
/// together wait for one build instead of each starting their own.
fn build_lock(organisation: Uuid) -> ApiResult<Arc<tokio::sync::Mutex<()>>> {
    static LOCKS: OnceLock<Mutex<HashMap<Uuid, Arc<tokio::sync::Mutex<()>>>>> = OnceLock::new();
    let mut locks = LOCKS.get_or_init(Default::default).lock().map_err(|_| ApiError::internal("build locks"))?;
    Ok(locks.entry(organisation).or_default().clone())
}

/// The caller's portfolio view: current, or (on a large register) the last one built while the
/// worker builds the next.
pub async fn read(db: &DatabaseConnection, caller: &Caller) -> ApiResult<Arc<PortfolioView>> {
    caller.require(Permission::Read)?;
    let organisation = caller.organisation_id;
    let servable = |row: &portfolio_view::Model, version: i64, now: DateTime<Utc>| {
        current(row, version, now) || row.build_ms >= INLINE_BUILD_MS
    };
    let (version, row) = version(db, organisation).await?;
    if servable(&row, version, Utc::now())
        && let Some(view) = decode(&row)?
    {
        return Ok(view);
    }
    let lock = build_lock(organisation)?;
    let _building = lock.lock().await;
    // Another request may have built it while this one waited.
    let (version, row) = self::version(db, organisation).await?;
    if servable(&row, version, Utc::now())
        && let Some(view) = decode(&row)?
    {
        return Ok(view);
    }
    rebuild(db, organisation, Utc::now()).await
}

/// Builds the organisation's view in one snapshot and stores it unless a newer one landed first.
pub async fn rebuild(db: &DatabaseConnection, organisation: Uuid, now: DateTime<Utc>) -> ApiResult<Arc<PortfolioView>> {
    let started = std::time::Instant::now();
    let caller = Caller::system(organisation, "portfolio view");
    // One snapshot for the version and the data: REPEATABLE READ on PostgreSQL, a read
    // transaction on SQLite (WAL readers see one snapshot from their first read).
    let isolation = (db.get_database_backend() == DatabaseBackend::Postgres).then_some(IsolationLevel::RepeatableRead);
    let snapshot = db.begin_with_config(isolation, None).await?;
    let (version, _) = version(&snapshot, organisation).await?;
    let built = view::build(&snapshot, &caller, now).await?;
    snapshot.commit().await?;
    let payload = serde_json::to_string(&built).map_err(|err| ApiError::internal(format!("view: {err}")))?;
    let build_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    portfolio_view::Entity::update_many()
        .col_expr(portfolio_view::Column::BuiltVersion, Expr::value(version))
        .col_expr(portfolio_view::Column::BuiltAt, Expr::value(now))
        .col_expr(portfolio_view::Column::BuildMs, Expr::value(build_ms))
        .col_expr(portfolio_view::Column::Payload, Expr::value(payload))
        .filter(portfolio_view::Column::OrganisationId.eq(organisation))
        .filter(portfolio_view::Column::BuiltVersion.lte(version))
        .exec(db)
        .await?;
    tracing::debug!(%organisation, version, build_ms, "portfolio view built");
    let built = Arc::new(built);
    if let Ok(mut decoded) = decoded().lock() {
        decoded.insert(organisation, ((version, Some(now)), built.clone()));
    }
    Ok(built)
}

/// The worker's part: rebuilds stale views (at most one build per organisation every few
/// seconds, however busy it is) and folds long change logs into `compacted`. An organisation
/// that fails is logged and the others go on. Returns how many views it rebuilt.
pub async fn refresh(db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<usize> {
    let mut organisations: Vec<Uuid> = portfolio_view::Entity::find()
        .select_only()
        .column(portfolio_view::Column::OrganisationId)
        .into_tuple()
        .all(db)
        .await?;
    // Organisations read only through the API have changes but maybe no view row yet.
    organisations.extend(
        portfolio_change::Entity::find()
            .select_only()
            .column(portfolio_change::Column::OrganisationId)
            .distinct()
            .into_tuple::<Uuid>()
            .all(db)
            .await?,
    );
    organisations.sort();
    organisations.dedup();
    let mut rebuilt = 0;
    for organisation in organisations {
        match refresh_one(db, organisation, now).await {
            Ok(true) => rebuilt += 1,
            Ok(false) => {}
            Err(err) => tracing::warn!(%organisation, error = %err, "worker: refreshing a portfolio view failed"),
        }
    }
    Ok(rebuilt)
}

async fn refresh_one(db: &DatabaseConnection, organisation: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    compact(db, organisation).await?;
    let (version, row) = version(db, organisation).await?;
    let rested = row.built_at.is_none_or(|at| {
        let pause = chrono::Duration::milliseconds(i64::from(Ord::max(row.build_ms, 400)) * 5);
        now - at >= pause
    });
    // A view nobody has read yet is built on first read, not ahead of it.
    if row.payload.is_none() || current(&row, version, now) || !rested {
        return Ok(false);
    }
    rebuild(db, organisation, now).await?;
    Ok(true)
}

/// Folds an organisation's change rows into `compacted`, in one transaction, when there are
/// many; only the rows it deleted are added, so two workers folding at once count each once.
async fn compact(db: &DatabaseConnection, organisation: Uuid) -> ApiResult<()> {
    let filter = portfolio_change::Column::OrganisationId.eq(organisation);
    if portfolio_change::Entity::find().filter(filter.clone()).count(db).await? < COMPACT_AFTER {
        return Ok(());
    }
    // The row that holds `compacted` must exist before any change is folded into it.
    version(db, organisation).await?;
    let txn = crate::db::begin_write(db).await?;
    let ids: Vec<Uuid> = portfolio_change::Entity::find()
        .select_only()
        .column(portfolio_change::Column::Id)
        .filter(filter)
        .into_tuple()
        .all(&txn)
        .await?;
    let mut folded = 0;
    for chunk in ids.chunks(500) {
        folded += portfolio_change::Entity::delete_many()
            .filter(portfolio_change::Column::Id.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    portfolio_view::Entity::update_many()
        .col_expr(portfolio_view::Column::Compacted, Expr::col(portfolio_view::Column::Compacted).add(folded as i64))
        .filter(portfolio_view::Column::OrganisationId.eq(organisation))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
