//! The part of the graph the portal draws, with the register-wide figures around it: the
//! portal never downloads the whole graph (that stays an export for other tools).
use crate::domain::Rating;
use crate::error::GqlResultExt;
use crate::graphql::supply_chain::graph::{GraphNodeKind, portfolio_view};
use crate::graphql::{caller, db};
use crate::service::supply_chain::portion::{self, MAX_NODES, Portion};
use async_graphql::{Context, Object, Result, SimpleObject};
use questionnaires::graph::NodeKind;
use uuid::Uuid;

/// A service or supplier of a drawn portion of the graph.
#[derive(SimpleObject)]
pub struct GraphNode {
    /// The service's or supplier's id.
    pub id: Uuid,
    /// Service or supplier.
    pub kind: GraphNodeKind,
    /// Service name or supplier legal name.
    pub name: String,
    /// A service's criticality (1-5).
    pub criticality: Option<i32>,
    /// A service marked NIS 2 critical.
    pub nis2_critical: bool,
    /// A supplier's rating from its latest score.
    pub rating: Option<Rating>,
}

/// A dependency of a drawn portion: `dependent` relies on `provider`.
#[derive(SimpleObject)]
pub struct GraphEdge {
    /// The service or supplier that relies on the provider.
    pub dependent: Uuid,
    /// The supplier relied on.
    pub provider: Uuid,
    /// The business function served, when named.
    pub function: Option<String>,
    /// A marked fallback provider for that function.
    pub alternative: bool,
}

/// A portion of the graph: around a node, or the overview from the services down.
pub struct GraphPortion(Portion);

/// A portion of the graph: around a node, or the overview from the services down.
#[Object]
impl GraphPortion {
    /// Services and suppliers of the portion.
    async fn nodes(&self) -> Vec<GraphNode> {
        let graph = &self.0.graph;
        graph
            .graph
            .nodes()
            .map(|(id, kind)| {
                let service = graph.services.get(&id);
                GraphNode {
                    id,
                    kind: match kind {
                        NodeKind::Service { .. } => GraphNodeKind::Service,
                        NodeKind::Supplier => GraphNodeKind::Supplier,
                    },
                    name: graph.names.get(&id).cloned().unwrap_or_default(),
                    criticality: service.map(|s| s.criticality),
                    nis2_critical: service.is_some_and(|s| s.nis2_critical),
                    rating: graph.suppliers.get(&id).and_then(|s| s.rating),
                }
            })
            .collect()
    }
    /// Dependencies between the portion's nodes.
    async fn edges(&self) -> Vec<GraphEdge> {
        self.0
            .graph
            .dependencies
            .iter()
            .map(|e| GraphEdge {
                dependent: e.dependent_id,
                provider: e.provider_id,
                function: e.function.clone(),
                alternative: e.alternative,
            })
            .collect()
    }
    /// Every node within reach is here: both ways from the focus, or down from every service.
    async fn complete(&self) -> bool {
        self.0.complete
    }
    /// Steps walked each way from the focus (or down from the services).
    async fn depth(&self) -> u32 {
        self.0.depth
    }
    /// Nodes of the first step left out when even it was more than `maxNodes` (the least
    /// important: best rated suppliers first); 0 when the portion was cut at a depth instead.
    async fn left_out(&self) -> usize {
        self.0.cut
    }
    /// Suppliers in the register (from the portfolio read model).
    async fn supplier_count(&self, ctx: &Context<'_>) -> Result<usize> {
        Ok(portfolio_view(ctx).await?.reach.suppliers)
    }
    /// Suppliers no service reaches, directly or through other suppliers (from the portfolio
    /// read model).
    async fn unlinked(&self, ctx: &Context<'_>) -> Result<usize> {
        Ok(portfolio_view(ctx).await?.reach.unlinked)
    }
    /// Of those, the ones without any dependency at all (from the portfolio read model).
    async fn isolated(&self, ctx: &Context<'_>) -> Result<usize> {
        Ok(portfolio_view(ctx).await?.reach.isolated)
    }
}

/// Nodes drawn unless the caller asks for another budget.
const DEFAULT_NODES: usize = 2000;

#[derive(Default)]
pub struct PortionQuery;

#[Object]
impl PortionQuery {
    /// The part of the graph to draw around `focus` (a supplier or service: what depends on it
    /// and what it depends on), or without it the overview from the services down: whole when
    /// within `maxNodes` (2000 unless given, at most 5000), else cut at the depth that fits. Costs what the
    /// portion holds, whatever the register's size.
    async fn supply_chain_neighbourhood(
        &self,
        ctx: &Context<'_>,
        focus: Option<Uuid>,
        max_nodes: Option<usize>,
    ) -> Result<GraphPortion> {
        let max_nodes = max_nodes.unwrap_or(DEFAULT_NODES).min(MAX_NODES);
        let portion = portion::portion(db(ctx), caller(ctx)?, focus, max_nodes).await.gql()?;
        Ok(GraphPortion(portion))
    }
}
