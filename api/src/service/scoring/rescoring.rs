//! Keeping scores current after an assessment was completed. A supplier's score moves when a
//! fix to one of its findings is verified (or a verified finding reopens), and when its place
//! in the graph changes (a dependency added or removed, a service's criticality changed), its
//! tier profile changes, or the organisation tunes its risk weights or rating bands. Then
//! its latest assessment is scored again as things stand, and a new snapshot is stored with
//! `score.changed` when anything moved. A few suppliers are re-scored in the change's own
//! transaction; a larger change marks them and the worker catches up within a minute.
use crate::auth::Caller;
use crate::db::begin_write;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::supply_chain::neighbourhood::{self, Direction};
use crate::service::{kernel::settings, scoring::completion as assessment_scoring};
use chrono::{DateTime, Utc};
use entity::{assessment, score_snapshot, supplier};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Most suppliers re-scored inside the change's transaction; more go to the worker.
pub const SYNC_LIMIT: usize = 20;
/// Suppliers the worker re-scores per transaction.
const WORKER_BATCH: usize = 100;

/// How a change was handled: re-scored now, or left to the worker.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rescored {
    pub now: usize,
    pub queued: usize,
}

/// Re-scores the given suppliers' latest assessments with `reason`; returns how many scores
/// moved (and got a new snapshot). Reads only the graph above them, for their inherited
/// criticality.
pub async fn rescore<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    suppliers: &[Uuid],
    reason: &str,
) -> ApiResult<usize> {
    if suppliers.is_empty() {
        return Ok(0);
    }
    let above = neighbourhood::around(db, caller, suppliers, Direction::Dependents, u32::MAX).await?;
    let inherited = above.graph.inherited_criticality();
    let scoring = settings::in_force(db, caller).await?.scoring();
    let mut latest: HashMap<Uuid, score_snapshot::Model> = HashMap::new();
    for snapshot in lookup::scoped::<score_snapshot::Entity>(caller)
        .filter(score_snapshot::Column::SupplierId.is_in(suppliers.iter().copied()))
        .order_by_asc(score_snapshot::Column::CreatedAt)
        .all(db)
        .await?
    {
        latest.insert(snapshot.supplier_id, snapshot);
    }
    let profiles: HashMap<Uuid, supplier::Model> = supplier::Entity::find()
        .filter(supplier::Column::Id.is_in(suppliers.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| s.organisation_id == caller.organisation_id)
        .map(|s| (s.id, s))
        .collect();
    let mut moved = 0;
    for supplier_id in suppliers {
        let Some(previous) = latest.get(supplier_id) else { continue };
        let Some(assessed) = assessment::Entity::find_by_id(previous.assessment_id).one(db).await? else { continue };
        let Some(supplier) = profiles.get(supplier_id) else { continue };
        let context = assessment_scoring::context_of(supplier, inherited.get(supplier_id).copied());
        let report = assessment_scoring::score_assessment(db, caller, &assessed, &context, &scoring).await?;
        let same = |a: f64, b: f64| (a - b).abs() < 1e-9;
        if same(report.security_score, previous.security_score)
            && same(report.residual_risk, previous.residual_risk)
            && same(report.inherent_risk.value, previous.inherent_risk)
            && super::rating_of(report.rating) == previous.rating
        {
            continue;
        }
        assessment_scoring::store_snapshot(db, caller, &assessed, &report, reason).await?;
        moved += 1;
    }
    Ok(moved)
}

/// Suppliers with a score at `node` or beneath it: those whose inherited criticality a change
/// at `node` can move. Taken before a node is deleted, after any other change; reads only
/// the graph beneath `node`.
pub async fn scored_beneath<C: ConnectionTrait>(db: &C, caller: &Caller, node: Uuid) -> ApiResult<Vec<Uuid>> {
    scored_beneath_any(db, caller, &[node]).await
}

/// [`scored_beneath`] for several nodes at once (an import's new edges), in one graph read.
pub async fn scored_beneath_any<C: ConnectionTrait>(db: &C, caller: &Caller, nodes: &[Uuid]) -> ApiResult<Vec<Uuid>> {
    if nodes.is_empty() {
        return Ok(Vec::new());
    }
    let beneath = neighbourhood::around(db, caller, nodes, Direction::Providers, u32::MAX).await?;
    let mut reached: Vec<Uuid> = Vec::new();
    for &node in nodes {
        reached.extend(beneath.graph.supply_chain(node, u32::MAX).into_iter().map(|r| r.node));
        if beneath.suppliers.contains_key(&node) {
            reached.push(node);
        }
    }
    reached.sort();
    reached.dedup();
    let mut affected = Vec::new();
    for chunk in reached.chunks(500) {
        affected.extend(
            score_snapshot::Entity::find()
                .select_only()
                .column(score_snapshot::Column::SupplierId)
                .distinct()
                .filter(score_snapshot::Column::SupplierId.is_in(chunk.iter().copied()))
                .filter(score_snapshot::Column::OrganisationId.eq(caller.organisation_id))
                .into_tuple::<Uuid>()
                .all(db)
                .await?,
        );
    }
    affected.sort();
    affected.dedup();
    Ok(affected)
}

/// Every supplier of the caller's organisation that has a score.
pub async fn scored<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<HashSet<Uuid>> {
    Ok(score_snapshot::Entity::find()
        .select_only()
        .column(score_snapshot::Column::SupplierId)
        .distinct()
        .filter(score_snapshot::Column::OrganisationId.eq(caller.organisation_id))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// After the graph changed at `node` (an edge to it added or removed, its criticality
/// changed), re-scores the scored suppliers at and beneath it.
pub async fn after_graph_change<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    node: Uuid,
    reason: &str,
) -> ApiResult<Rescored> {
    let affected = scored_beneath(db, caller, node).await?;
    rescore_or_queue(db, caller, &affected, reason).await
}

/// Re-scores `affected` now when they are few, else marks them for the worker.
pub async fn rescore_or_queue<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    affected: &[Uuid],
    reason: &str,
) -> ApiResult<Rescored> {
    if affected.len() <= SYNC_LIMIT {
        rescore(db, caller, affected, reason).await?;
        return Ok(Rescored { now: affected.len(), queued: 0 });
    }
    queue(db, caller, affected).await?;
    Ok(Rescored { now: 0, queued: affected.len() })
}

/// Marks `affected` for the worker to re-score (a bulk change: an import).
pub async fn queue<C: ConnectionTrait>(db: &C, caller: &Caller, affected: &[Uuid]) -> ApiResult<()> {
    for chunk in affected.chunks(500) {
        supplier::Entity::update_many()
            .col_expr(supplier::Column::RescoreRequestedAt, Expr::value(crate::service::kernel::now()))
            .filter(supplier::Column::OrganisationId.eq(caller.organisation_id))
            .filter(supplier::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The worker's part: re-scores suppliers marked up to `now`, a batch per transaction, and
/// clears their marks; a mark set after `now` waits for the next run. Returns how many.
pub async fn run_queued(db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<usize> {
    let mut done = 0;
    loop {
        let marked = supplier::Entity::find()
            .filter(supplier::Column::RescoreRequestedAt.lte(now))
            .order_by_asc(supplier::Column::OrganisationId)
            .limit(WORKER_BATCH as u64)
            .all(db)
            .await?;
        if marked.is_empty() {
            return Ok(done);
        }
        let mut by_organisation: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for row in &marked {
            by_organisation.entry(row.organisation_id).or_default().push(row.id);
        }
        for (organisation, ids) in by_organisation {
            let caller = Caller::system(organisation, "scheduler");
            let txn = begin_write(db).await?;
            rescore(&txn, &caller, &ids, "dependencies changed").await?;
            supplier::Entity::update_many()
                .col_expr(supplier::Column::RescoreRequestedAt, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(supplier::Column::Id.is_in(ids.iter().copied()))
                .filter(supplier::Column::RescoreRequestedAt.lte(now))
                .exec(&txn)
                .await?;
            txn.commit().await?;
            done += ids.len();
        }
    }
}
