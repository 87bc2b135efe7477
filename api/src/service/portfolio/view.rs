//! What the portfolio read model holds, and how it is built from the organisation's data: the
//! whole graph as slim rows, the latest score of each supplier without its report, and
//! findings as a few columns, so that building it for 100,000 suppliers stays within a few
//! tens of megabytes. Pages read the result; only the worker, or a request on a small
//! register, pays for a build.
use super::{BurnDownWeek, HeatCell, MAX_WEEKS, Nis2Coverage, RatingDistribution};
use crate::auth::Caller;
use crate::domain::{AssessmentStatus, FindingStatus, Rating, SupplierStatus, UNRESOLVED_FINDINGS};
use crate::error::ApiResult;
use crate::service::supply_chain::exposure::{self, SinglePoint};
use crate::service::supply_chain::graph::{self, FindingCounts, LoadedGraph};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{assessment, finding, score_snapshot};
use questionnaires::graph::NodeKind;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Suppliers ranked by concentration kept in the view; `supplierConcentration` serves at most these.
pub const MAX_CONCENTRATION: usize = 200;
/// Suppliers kept as the biggest movers; `scoreTrends` serves at most these.
pub const MAX_MOVERS: usize = 500;

/// The portfolio's aggregates at `built_at`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PortfolioView {
    pub built_at: DateTime<Utc>,
    pub heat_map: Vec<HeatCell>,
    pub rating_distribution: RatingDistribution,
    pub nis2_coverage: Vec<Nis2Coverage>,
    /// The last [`MAX_WEEKS`] weeks up to `built_at`, oldest first.
    pub burn_down: Vec<BurnDownWeek>,
    /// Suppliers with a score, those whose security score moved most first.
    pub movers: Vec<Uuid>,
    pub campaigns_in_flight: Vec<Uuid>,
    pub single_points: Vec<SinglePoint>,
    pub concentration: Vec<Concentrated>,
    /// Service -> what it inherits from the suppliers beneath it.
    pub exposure: HashMap<Uuid, Exposure>,
    /// How the register's suppliers sit in the graph.
    pub reach: Reach,
}

/// How the register's suppliers sit in the graph.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Reach {
    pub suppliers: usize,
    /// Suppliers no service reaches, directly or through other suppliers.
    pub unlinked: usize,
    /// Of those, the ones without any dependency at all.
    pub isolated: usize,
}

/// How many services depend on a supplier, directly or through others.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Concentrated {
    pub supplier: Uuid,
    pub services: usize,
    pub weighted: u32,
    pub nis2_critical_services: usize,
}

/// What a service inherits from every supplier beneath it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Exposure {
    pub suppliers: usize,
    pub findings: FindingCounts,
    pub worst: Option<Worst>,
}

/// The supplier beneath a service with the highest residual risk, and the path to it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Worst {
    pub supplier: Uuid,
    pub residual_risk: f64,
    pub rating: Rating,
    pub path: Vec<Step>,
}

/// One node of a path, named as it was when the view was built.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Step {
    pub id: Uuid,
    pub service: bool,
    pub name: String,
}

/// A supplier's latest score, without its report, and how far its security score moved.
struct Latest {
    snapshot: Uuid,
    inherent: f64,
    residual: f64,
    rating: Rating,
    first_security: f64,
    last_security: f64,
}

/// Builds the view from the data `db` shows (run it in one snapshot transaction, so that the
/// version read with it matches).
pub async fn build<C: ConnectionTrait>(db: &C, caller: &Caller, now: DateTime<Utc>) -> ApiResult<PortfolioView> {
    let loaded = graph::load(db, caller).await?;
    let latest = latest_scores(db, caller).await?;
    let current: Vec<Uuid> =
        loaded.suppliers.values().filter(|s| s.status != SupplierStatus::Terminated).map(|s| s.id).collect();
    let heat_map =
        super::heat_map(current.iter().filter_map(|id| latest.get(id)).map(|l| (l.inherent, l.residual, l.rating)));
    let rating_distribution = super::rating_distribution(current.iter().map(|id| latest.get(id).map(|l| l.rating)));
    let nis2_coverage = super::nis2_coverage(latest.len(), nis2_scores(db, &latest).await?);
    let findings = finding_counts(db, caller, now.date_naive()).await?;
    let exposure = exposures(&loaded, &latest, &findings);
    let history: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = finding::Entity::find()
        .select_only()
        .columns([finding::Column::CreatedAt, finding::Column::VerifiedAt])
        .filter(finding::Column::OrganisationId.eq(caller.organisation_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(PortfolioView {
        built_at: now,
        heat_map,
        rating_distribution,
        nis2_coverage,
        burn_down: super::burn_down(&history, MAX_WEEKS, now.date_naive()),
        movers: movers(&latest),
        campaigns_in_flight: campaigns_in_flight(db, caller).await?,
        single_points: exposure::single_points_of_failure(&loaded),
        concentration: loaded
            .graph
            .concentration()
            .into_iter()
            .take(MAX_CONCENTRATION)
            .map(|c| Concentrated {
                supplier: c.supplier,
                services: c.services,
                weighted: c.weighted,
                nis2_critical_services: c.nis2_critical_services,
            })
            .collect(),
        exposure,
        reach: reach(&loaded),
    })
}

fn reach(loaded: &LoadedGraph) -> Reach {
    // Every node some service reaches has an inherited criticality: one walk of the graph,
    // rather than a walk per service.
    let reached = loaded.graph.inherited_criticality();
    let linked: std::collections::HashSet<Uuid> =
        loaded.dependencies.iter().flat_map(|e| [e.dependent_id, e.provider_id]).collect();
    let unlinked: Vec<&Uuid> = loaded.suppliers.keys().filter(|id| !reached.contains_key(id)).collect();
    Reach {
        suppliers: loaded.suppliers.len(),
        unlinked: unlinked.len(),
        isolated: unlinked.iter().filter(|id| !linked.contains(id)).count(),
    }
}

/// Each supplier's latest score (snapshots in order, without their reports).
async fn latest_scores<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<BTreeMap<Uuid, Latest>> {
    use score_snapshot::Column;
    let rows: Vec<(Uuid, Uuid, f64, f64, Rating, f64)> = score_snapshot::Entity::find()
        .select_only()
        .columns([
            Column::Id,
            Column::SupplierId,
            Column::InherentRisk,
            Column::ResidualRisk,
            Column::Rating,
            Column::SecurityScore,
        ])
        .filter(Column::OrganisationId.eq(caller.organisation_id))
        .order_by_asc(Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await?;
    let mut latest: BTreeMap<Uuid, Latest> = BTreeMap::new();
    for (snapshot, supplier, inherent, residual, rating, security) in rows {
        let entry = latest.entry(supplier).or_insert(Latest {
            snapshot,
            inherent,
            residual,
            rating,
            first_security: security,
            last_security: security,
        });
        (entry.snapshot, entry.inherent, entry.residual, entry.rating) = (snapshot, inherent, residual, rating);
        entry.last_security = security;
    }
    Ok(latest)
}

/// Each NIS 2 point's scores over the latest reports, read a page of reports at a time.
async fn nis2_scores<C: ConnectionTrait>(
    db: &C,
    latest: &BTreeMap<Uuid, Latest>,
) -> ApiResult<HashMap<String, Vec<f64>>> {
    let ids: Vec<Uuid> = latest.values().map(|l| l.snapshot).collect();
    let mut scores: HashMap<String, Vec<f64>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let reports: Vec<serde_json::Value> = score_snapshot::Entity::find()
            .select_only()
            .column(score_snapshot::Column::Report)
            .filter(score_snapshot::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for report in &reports {
            for (point, score) in super::nis2_points(report) {
                scores.entry(point).or_default().push(score);
            }
        }
    }
    Ok(scores)
}

/// Each supplier's findings that still matter, counted from three columns.
async fn finding_counts<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    today: NaiveDate,
) -> ApiResult<HashMap<Uuid, FindingCounts>> {
    let statuses = UNRESOLVED_FINDINGS.map(FindingStatus::as_db).into_iter().chain(["risk_accepted"]);
    let rows: Vec<(Uuid, FindingStatus, NaiveDate)> = finding::Entity::find()
        .select_only()
        .columns([finding::Column::SupplierId, finding::Column::Status, finding::Column::DueDate])
        .filter(finding::Column::OrganisationId.eq(caller.organisation_id))
        .filter(finding::Column::Status.is_in(statuses))
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<Uuid, FindingCounts> = HashMap::new();
    for (supplier, status, due) in rows {
        let entry = counts.entry(supplier).or_default();
        if status == FindingStatus::RiskAccepted {
            entry.accepted += 1;
        } else {
            entry.open += 1;
            entry.overdue += usize::from(due < today);
        }
    }
    Ok(counts)
}

fn exposures(
    loaded: &LoadedGraph,
    latest: &BTreeMap<Uuid, Latest>,
    findings: &HashMap<Uuid, FindingCounts>,
) -> HashMap<Uuid, Exposure> {
    let step = |id: &Uuid| Step {
        id: *id,
        service: matches!(loaded.graph.kind(*id), Some(NodeKind::Service { .. })),
        name: loaded.names.get(id).cloned().unwrap_or_default(),
    };
    loaded
        .services
        .keys()
        .map(|service| {
            let rollup = exposure::rollup(
                loaded,
                *service,
                |id| latest.get(&id).map(|l| (l.residual, l.rating)),
                |id| findings.get(&id).copied().unwrap_or_default(),
            );
            let worst = rollup.worst.map(|(reach, residual_risk, rating)| Worst {
                supplier: reach.node,
                residual_risk,
                rating,
                path: reach.path.iter().map(step).collect(),
            });
            (*service, Exposure { suppliers: rollup.suppliers, findings: rollup.findings, worst })
        })
        .collect()
}

/// Suppliers with a score, the biggest movers of their security score first (by id on a tie).
fn movers(latest: &BTreeMap<Uuid, Latest>) -> Vec<Uuid> {
    let mut moved: Vec<(Uuid, f64)> =
        latest.iter().map(|(id, l)| (*id, (l.last_security - l.first_security).abs())).collect();
    moved.sort_by(|a, b| b.1.total_cmp(&a.1));
    moved.into_iter().take(MAX_MOVERS).map(|(id, _)| id).collect()
}

/// Campaigns with assessments still out with suppliers or in review.
async fn campaigns_in_flight<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<Uuid>> {
    let done = [AssessmentStatus::Draft, AssessmentStatus::Completed, AssessmentStatus::Cancelled].map(|s| s.as_db());
    Ok(assessment::Entity::find()
        .select_only()
        .column(assessment::Column::CampaignId)
        .distinct()
        .filter(assessment::Column::OrganisationId.eq(caller.organisation_id))
        .filter(assessment::Column::CampaignId.is_not_null())
        .filter(assessment::Column::Status.is_not_in(done))
        .into_tuple::<Option<Uuid>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect())
}
