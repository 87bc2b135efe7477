//! The organisation's supply-chain graph, loaded whole (a few statements, whatever its size)
//! for exports and the portfolio read model, or around some nodes (`neighbourhood`) for a
//! page, and walked in memory by `questionnaires::graph`: impact, supply chain, inherited
//! criticality, concentration.
use crate::auth::{Caller, Permission};
use crate::domain::{FindingStatus, Rating, SupplierStatus, UNRESOLVED_FINDINGS};
use crate::error::ApiResult;
use entity::{business_service, dependency, finding, score_snapshot, supplier};
use questionnaires::graph::{NodeKind, SupplyGraph};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use std::collections::HashMap;
use uuid::Uuid;

/// The graph, with the services and suppliers it joins.
pub struct LoadedGraph {
    pub graph: SupplyGraph<Uuid>,
    /// Node -> its name (service name or supplier legal name).
    pub names: HashMap<Uuid, String>,
    pub services: HashMap<Uuid, business_service::Model>,
    pub suppliers: HashMap<Uuid, SupplierNode>,
    /// Every edge, with its function and alternative mark.
    pub dependencies: Vec<dependency::Model>,
}

/// A supplier as the graph needs it: no profile, contacts or texts, so that a register of
/// 100,000 stays small in memory. Pages that show suppliers load them by id.
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub struct SupplierNode {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub legal_name: String,
    pub status: SupplierStatus,
    pub rating: Option<Rating>,
}

impl SupplierNode {
    /// The columns of a [`SupplierNode`].
    pub fn select() -> Select<supplier::Entity> {
        use supplier::Column;
        supplier::Entity::find().select_only().columns([
            Column::Id,
            Column::OrganisationId,
            Column::LegalName,
            Column::Status,
            Column::Rating,
        ])
    }
}

impl LoadedGraph {
    /// Nodes and edges are put in id order first, so that a walk breaks ties between equally
    /// short paths the same way on the whole graph and on a neighbourhood read from indexes.
    pub fn new(
        mut services: Vec<business_service::Model>,
        mut suppliers: Vec<SupplierNode>,
        mut dependencies: Vec<dependency::Model>,
    ) -> LoadedGraph {
        services.sort_by_key(|s| s.id);
        suppliers.sort_by_key(|s| s.id);
        dependencies.sort_by_key(|e| (e.dependent_id, e.provider_id));
        let mut names = HashMap::with_capacity(services.len() + suppliers.len());
        let mut nodes = Vec::with_capacity(services.len() + suppliers.len());
        for s in &services {
            let kind =
                NodeKind::Service { criticality: s.criticality.clamp(1, 5) as u8, nis2_critical: s.nis2_critical };
            nodes.push((s.id, kind));
            names.insert(s.id, s.name.clone());
        }
        for s in &suppliers {
            nodes.push((s.id, NodeKind::Supplier));
            names.insert(s.id, s.legal_name.clone());
        }
        let graph = SupplyGraph::new(nodes, dependencies.iter().map(|e| (e.dependent_id, e.provider_id)));
        LoadedGraph {
            graph,
            names,
            services: services.into_iter().map(|s| (s.id, s)).collect(),
            suppliers: suppliers.into_iter().map(|s| (s.id, s)).collect(),
            dependencies,
        }
    }
}

/// Where each supplier stands: its latest score and its unresolved findings. Loaded apart
/// from the graph, by the views that report them.
pub struct Standing {
    /// Supplier -> its latest score snapshot.
    pub latest: HashMap<Uuid, score_snapshot::Model>,
    /// Supplier -> its findings waiting for remediation, and its accepted risks.
    pub findings: HashMap<Uuid, FindingCounts>,
}

/// A supplier's (or a service's inherited) findings that still matter.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, async_graphql::SimpleObject, serde::Serialize, serde::Deserialize,
)]
pub struct FindingCounts {
    /// Not yet resolved (open or in progress).
    pub open: usize,
    /// Of those, past their due date.
    pub overdue: usize,
    /// Risk accepted by an administrator, until a date.
    pub accepted: usize,
}

impl std::ops::AddAssign for FindingCounts {
    fn add_assign(&mut self, other: FindingCounts) {
        self.open += other.open;
        self.overdue += other.overdue;
        self.accepted += other.accepted;
    }
}

/// The organisation's whole graph: for whole-graph exports and the portfolio read model, never
/// for one page (see `neighbourhood`).
pub async fn load<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<LoadedGraph> {
    caller.require(Permission::Read)?;
    let org = caller.organisation_id;
    let services =
        business_service::Entity::find().filter(business_service::Column::OrganisationId.eq(org)).all(db).await?;
    let suppliers =
        SupplierNode::select().filter(supplier::Column::OrganisationId.eq(org)).into_model().all(db).await?;
    let edges = dependency::Entity::find().filter(dependency::Column::OrganisationId.eq(org)).all(db).await?;
    Ok(LoadedGraph::new(services, suppliers, edges))
}

pub async fn standing<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Standing> {
    standing_where(db, caller, None).await
}

/// [`standing`] of some suppliers only (a page of the register), so its cost follows the page.
pub async fn standing_of<C: ConnectionTrait>(db: &C, caller: &Caller, suppliers: &[Uuid]) -> ApiResult<Standing> {
    standing_where(db, caller, Some(suppliers)).await
}

async fn standing_where<C: ConnectionTrait>(db: &C, caller: &Caller, only: Option<&[Uuid]>) -> ApiResult<Standing> {
    caller.require(Permission::Read)?;
    let mut standing = Standing { latest: HashMap::new(), findings: HashMap::new() };
    match only {
        // Some suppliers: a statement per 500, well under the databases' limits on bound values.
        Some(ids) => {
            for chunk in ids.chunks(500) {
                add_standing(db, caller, Some(chunk), &mut standing).await?;
            }
        }
        None => add_standing(db, caller, None, &mut standing).await?,
    }
    Ok(standing)
}

async fn add_standing<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    only: Option<&[Uuid]>,
    standing: &mut Standing,
) -> ApiResult<()> {
    let org = caller.organisation_id;
    let mut snapshots = score_snapshot::Entity::find().filter(score_snapshot::Column::OrganisationId.eq(org));
    let mut open = finding::Entity::find().filter(finding::Column::OrganisationId.eq(org));
    if let Some(ids) = only {
        snapshots = snapshots.filter(score_snapshot::Column::SupplierId.is_in(ids.iter().copied()));
        open = open.filter(finding::Column::SupplierId.is_in(ids.iter().copied()));
    }
    for snapshot in snapshots.order_by_asc(score_snapshot::Column::CreatedAt).all(db).await? {
        standing.latest.insert(snapshot.supplier_id, snapshot);
    }
    let today = chrono::Utc::now().date_naive();
    for found in open
        .filter(
            finding::Column::Status
                .is_in(UNRESOLVED_FINDINGS.map(FindingStatus::as_db).into_iter().chain(["risk_accepted"])),
        )
        .all(db)
        .await?
    {
        let counts = standing.findings.entry(found.supplier_id).or_default();
        if found.status == FindingStatus::RiskAccepted {
            counts.accepted += 1;
        } else {
            counts.open += 1;
            counts.overdue += usize::from(found.due_date < today);
        }
    }
    Ok(())
}

/// Formats the graph can be exported in, for other tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, async_graphql::Enum)]
pub enum GraphFormat {
    /// `{"nodes": [{id, kind, name, criticality, rating}], "edges": [{dependent, provider}]}`.
    Json,
    /// GraphML (yEd, Gephi, NetworkX).
    Graphml,
    /// Graphviz DOT.
    Dot,
}
