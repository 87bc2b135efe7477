//! The supply-chain graph over GraphQL: which services a supplier impacts, which suppliers lie
//! beneath a service, and where dependencies concentrate. The graph (with every service and
//! supplier) is loaded once per request however many suppliers or services ask.
use crate::domain::Rating;
use crate::error::GqlResultExt;
use crate::graphql::kernel::loaders::GraphAbove;
use crate::graphql::kernel::page::{PageConnection, connection};
use crate::graphql::remediation::workflow::Finding;
use crate::graphql::{BusinessService, Supplier, caller, db, loaded, loader, supplier_by_id};
use crate::service::kernel::page::PageRequest;
use crate::service::portfolio::view::{Concentrated, MAX_CONCENTRATION, PortfolioView};
use crate::service::remediation::board::FindingFilter;
use crate::service::supply_chain::graph::{GraphFormat, LoadedGraph};
use crate::service::supply_chain::neighbourhood::{self, Direction};
use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use questionnaires::graph::NodeKind;
use std::sync::Arc;
use uuid::Uuid;

/// The portfolio read model of one request, loaded on first use (pages read neighbourhoods or
/// the read model, never the whole graph).
#[derive(Default)]
pub struct GraphCache {
    view: tokio::sync::OnceCell<Arc<PortfolioView>>,
}

/// The portfolio read model (see `service::portfolio::freshness` for how current it is).
pub(crate) async fn portfolio_view(ctx: &Context<'_>) -> Result<Arc<PortfolioView>> {
    let cache = ctx.data_unchecked::<GraphCache>();
    let load = || async { crate::service::portfolio::freshness::read(db(ctx), caller(ctx)?).await.gql() };
    Ok(cache.view.get_or_try_init(load).await?.clone())
}

/// A node on a path.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum GraphNodeKind {
    /// A service of your organisation.
    Service,
    /// A supplier or fourth party.
    Supplier,
}

/// One step of a path through the graph.
#[derive(SimpleObject)]
pub struct PathStep {
    /// The service's or supplier's id.
    pub id: Uuid,
    /// Service or supplier.
    pub kind: GraphNodeKind,
    /// Its name.
    pub name: String,
}

pub(crate) fn steps(graph: &LoadedGraph, path: &[Uuid]) -> Vec<PathStep> {
    path.iter()
        .map(|id| PathStep {
            id: *id,
            kind: match graph.graph.kind(*id) {
                Some(NodeKind::Service { .. }) => GraphNodeKind::Service,
                _ => GraphNodeKind::Supplier,
            },
            name: graph.names.get(id).cloned().unwrap_or_default(),
        })
        .collect()
}

/// A service that depends on a supplier, directly or through others.
pub struct ImpactedService {
    service: Option<BusinessService>,
    depth: u32,
    path: Vec<PathStep>,
}

/// A service that depends on a supplier, directly or through others.
#[Object]
impl ImpactedService {
    /// The service.
    async fn service(&self) -> Option<&BusinessService> {
        self.service.as_ref()
    }
    /// 1 for a direct dependency, 2 through one supplier, and so on.
    async fn depth(&self) -> u32 {
        self.depth
    }
    /// The shortest path: service -> supplier -> ... -> this supplier.
    async fn path(&self) -> &[PathStep] {
        &self.path
    }
}

/// A supplier beneath a service.
pub struct SupplyChainEntry {
    supplier: Uuid,
    depth: u32,
    path: Vec<PathStep>,
    rating: Option<Rating>,
    residual_risk: Option<f64>,
    open_findings: usize,
    overdue_findings: usize,
}

/// A supplier beneath a service.
#[Object]
impl SupplyChainEntry {
    /// The supplier or fourth party.
    async fn supplier(&self, ctx: &Context<'_>) -> Result<Option<Supplier>> {
        supplier_by_id(ctx, self.supplier).await
    }
    /// 1 for a direct supplier, 2 for a fourth party, and so on.
    async fn depth(&self) -> u32 {
        self.depth
    }
    /// The shortest path: service -> supplier -> ... -> this supplier.
    async fn path(&self) -> &[PathStep] {
        &self.path
    }
    /// The rating of its latest completed assessment.
    async fn rating(&self) -> Option<Rating> {
        self.rating
    }
    /// Its residual risk from that assessment.
    async fn residual_risk(&self) -> Option<f64> {
        self.residual_risk
    }
    /// Its findings not yet resolved.
    async fn open_findings(&self) -> usize {
        self.open_findings
    }
    /// Of those, the ones past their due date.
    async fn overdue_findings(&self) -> usize {
        self.overdue_findings
    }
}

/// How much of your organisation depends on one supplier.
pub struct SupplierConcentration(Concentrated);

/// How much of your organisation depends on one supplier.
#[Object]
impl SupplierConcentration {
    /// The supplier or fourth party.
    async fn supplier(&self, ctx: &Context<'_>) -> Result<Option<Supplier>> {
        supplier_by_id(ctx, self.0.supplier).await
    }
    /// Services that depend on it, directly or through others.
    async fn services(&self) -> usize {
        self.0.services
    }
    /// The sum of those services' criticality.
    async fn weighted_criticality(&self) -> u32 {
        self.0.weighted
    }
    /// Of those, the services marked NIS 2 critical.
    async fn nis2_critical_services(&self) -> usize {
        self.0.nis2_critical_services
    }
}

/// For `Supplier.impactedServices`: read from the graph above the page's suppliers only.
pub(crate) async fn impacted_services(ctx: &Context<'_>, supplier: Uuid) -> Result<Vec<ImpactedService>> {
    caller(ctx)?.require(crate::auth::Permission::Read).gql()?;
    let Some(above) = loaded(loader(ctx).load_one(GraphAbove(supplier)).await)? else { return Ok(Vec::new()) };
    Ok(above
        .graph
        .impacted_services(supplier)
        .into_iter()
        .map(|r| ImpactedService {
            service: above.services.get(&r.node).cloned().map(BusinessService),
            depth: r.depth,
            path: steps(&above, &r.path),
        })
        .collect())
}

/// Deepest walk allowed below a service.
pub const MAX_DEPTH: u32 = 20;

/// For `Service.supplyChain`: read from the graph beneath the service only.
pub(crate) async fn supply_chain(ctx: &Context<'_>, service: Uuid, max_depth: u32) -> Result<Vec<SupplyChainEntry>> {
    let depth = max_depth.clamp(1, MAX_DEPTH);
    let beneath = neighbourhood::around(db(ctx), caller(ctx)?, &[service], Direction::Providers, depth).await.gql()?;
    let reached = beneath.graph.supply_chain(service, depth);
    let ids: Vec<Uuid> = reached.iter().map(|r| r.node).collect();
    let standing = crate::service::supply_chain::graph::standing_of(db(ctx), caller(ctx)?, &ids).await.gql()?;
    Ok(reached
        .into_iter()
        .map(|r| {
            let latest = standing.latest.get(&r.node);
            let counts = standing.findings.get(&r.node).copied().unwrap_or_default();
            SupplyChainEntry {
                supplier: r.node,
                depth: r.depth,
                path: steps(&beneath, &r.path),
                rating: latest.map(|s| s.rating),
                residual_risk: latest.map(|s| s.residual_risk),
                open_findings: counts.open,
                overdue_findings: counts.overdue,
            }
        })
        .collect())
}

/// The graph as text for other tools.
#[derive(SimpleObject)]
pub struct GraphExport {
    /// application/json, application/graphml+xml or text/vnd.graphviz.
    pub content_type: String,
    /// The graph.
    pub content: String,
}

#[derive(Default)]
pub struct GraphQuery;

#[Object]
impl GraphQuery {
    /// Findings across suppliers, most urgent (earliest due) first: by supplier, by service
    /// (every supplier beneath it), severity, status and overdue.
    async fn findings_board(
        &self,
        ctx: &Context<'_>,
        filter: Option<FindingFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<PageConnection<Finding>> {
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let found = crate::service::remediation::board::board(db(ctx), caller(ctx)?, filter.unwrap_or_default(), page)
            .await
            .gql()?;
        let selection = ctx.look_ahead();
        let nodes = [selection.field("edges").field("node"), selection.field("nodes")];
        crate::graphql::kernel::prefetch::finding_relations(ctx, &nodes, &found.items).await?;
        Ok(connection(found, Finding))
    }
    /// The whole graph (services, suppliers, dependencies) as JSON, GraphML or DOT, for GRC
    /// tools. Registers of more than 10,000 suppliers are refused (LIMIT): download
    /// `/api/exports/graph?format=json|graphml|dot` with the same bearer token instead, streamed
    /// at any size.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn supply_chain_graph(&self, ctx: &Context<'_>, format: GraphFormat) -> Result<GraphExport> {
        use crate::service::supply_chain::graph_export::GraphPages;
        let (db, caller) = (db(ctx), caller(ctx)?);
        let downloads = format!("/api/exports/graph?format={}", format.extension());
        crate::service::kernel::in_response::fits(db, caller, &downloads).await.gql()?;
        let content = GraphPages::open(caller.clone(), format).gql()?.collect(db).await.gql()?;
        Ok(GraphExport { content_type: format.content_type().into(), content })
    }
    /// Suppliers and fourth parties ranked by the services that depend on them: NIS 2 critical
    /// services first, then by summed criticality (at most 200; from the portfolio read model,
    /// current or at most a few seconds behind on large registers).
    async fn supplier_concentration(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
    ) -> Result<Vec<SupplierConcentration>> {
        let view = portfolio_view(ctx).await?;
        Ok(view.concentration.iter().take(first.min(MAX_CONCENTRATION)).cloned().map(SupplierConcentration).collect())
    }
}
