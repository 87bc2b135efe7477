//! The part of the graph the portal draws: around a supplier or a service (what depends on it
//! and what it depends on), or from the services down (the overview), never more than a node
//! budget. Walked a step at a time both ways, it stops at the last step that fits: whole when
//! the walk ends by itself, otherwise cut at a depth (and, when even one step is too many, cut
//! to the most important nodes: the focus, services, then the worst rated suppliers).
use crate::auth::{Caller, Permission};
use crate::domain::Rating;
use crate::error::{ApiError, ApiResult};
use crate::service::supply_chain::graph::LoadedGraph;
use crate::service::supply_chain::neighbourhood::{Direction, edges_from, nodes};
use entity::{business_service, dependency};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashSet;
use uuid::Uuid;

/// Most nodes a portion may hold, whatever the caller asks.
pub const MAX_NODES: usize = 5000;
/// Deepest walk from the focus (as `Service.supplyChain`).
const MAX_DEPTH: u32 = 20;

/// A portion of the graph, and how much of the neighbourhood it holds.
pub struct Portion {
    pub graph: LoadedGraph,
    /// Every node within reach is here (both ways from the focus, or down from every service).
    pub complete: bool,
    /// Steps walked each way.
    pub depth: u32,
    /// Nodes of the first step left out to keep within the budget (a cut at a depth leaves
    /// out whole steps, which `complete` and `depth` say).
    pub cut: usize,
}

/// The portion around `focus`, or the overview without one, within `max_nodes`.
pub async fn portion<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    focus: Option<Uuid>,
    max_nodes: usize,
) -> ApiResult<Portion> {
    caller.require(Permission::Read)?;
    let org = caller.organisation_id;
    let budget = max_nodes.clamp(1, MAX_NODES);
    let starts: Vec<Uuid> = match focus {
        Some(node) => vec![node],
        None => {
            business_service::Entity::find()
                .select_only()
                .column(business_service::Column::Id)
                .filter(business_service::Column::OrganisationId.eq(org))
                .into_tuple()
                .all(db)
                .await?
        }
    };
    let directions: &[Direction] =
        if focus.is_some() { &[Direction::Providers, Direction::Dependents] } else { &[Direction::Providers] };
    // Each direction walks on from what it reached itself (a node found going down is still
    // walked up from); the portion is the union.
    let mut seen: HashSet<Uuid> = starts.iter().copied().collect();
    let mut reached: Vec<HashSet<Uuid>> = directions.iter().map(|_| seen.clone()).collect();
    let mut frontiers: Vec<Vec<Uuid>> = directions.iter().map(|_| starts.clone()).collect();
    let mut edges: Vec<dependency::Model> = Vec::new();
    let mut depth = 0;
    let mut complete = true;
    while frontiers.iter().any(|f| !f.is_empty()) && depth < MAX_DEPTH {
        let mut step_edges = Vec::new();
        let mut step_nodes = HashSet::new();
        let mut next_frontiers = Vec::new();
        for (way, direction) in directions.iter().enumerate() {
            let mut next = Vec::new();
            let mut queued = HashSet::new();
            for edge in edges_from(db, org, &frontiers[way], *direction).await? {
                let far = direction.far_end(&edge);
                if !reached[way].contains(&far) && queued.insert(far) {
                    next.push(far);
                }
                if !seen.contains(&far) {
                    step_nodes.insert(far);
                }
                step_edges.push(edge);
            }
            next_frontiers.push(next);
        }
        if seen.len() + step_nodes.len() > budget {
            complete = false;
            if depth == 0 {
                // Even one step is too many: keep the most important of it.
                let ids: Vec<Uuid> = seen.iter().copied().chain(step_nodes).collect();
                let near = nodes(db, org, &ids, step_edges).await?;
                let (graph, cut) = cut_to(near, &starts, budget);
                return Ok(Portion { graph, complete, depth: 1, cut });
            }
            break;
        }
        seen.extend(step_nodes);
        edges.extend(step_edges);
        for (way, next) in next_frontiers.iter().enumerate() {
            reached[way].extend(next.iter().copied());
        }
        frontiers = next_frontiers;
        depth += 1;
    }
    complete &= frontiers.iter().all(|f| f.is_empty());
    let ids: Vec<Uuid> = seen.into_iter().collect();
    let mut unique = HashSet::new();
    edges.retain(|e| unique.insert(e.id));
    let graph = nodes(db, org, &ids, edges).await?;
    if focus.is_some_and(|node| graph.graph.kind(node).is_none()) {
        return Err(ApiError::NotFound("supplier or service"));
    }
    Ok(Portion { graph, complete, depth, cut: 0 })
}

/// Keeps the starts, then services, then suppliers worst rated first (by name on a tie).
fn cut_to(graph: LoadedGraph, starts: &[Uuid], budget: usize) -> (LoadedGraph, usize) {
    // Rating::ALL runs from low to critical: worst first, unrated last.
    let rank = |rating: Option<Rating>| {
        std::cmp::Reverse(rating.and_then(|r| Rating::ALL.iter().position(|known| *known == r)))
    };
    let mut services: Vec<_> = graph.services.into_values().collect();
    services.sort_by_key(|s| (!starts.contains(&s.id), -s.criticality, s.name.clone()));
    let services_cut = services.len().saturating_sub(budget);
    services.truncate(budget);
    let mut suppliers: Vec<_> = graph.suppliers.into_values().collect();
    suppliers.sort_by(|a, b| {
        let later = |id: &Uuid| !starts.contains(id);
        (later(&a.id), rank(a.rating), &a.legal_name).cmp(&(later(&b.id), rank(b.rating), &b.legal_name))
    });
    let room = budget.saturating_sub(services.len());
    let cut = suppliers.len().saturating_sub(room);
    suppliers.truncate(room);
    let kept: HashSet<Uuid> = services.iter().map(|s| s.id).chain(suppliers.iter().map(|s| s.id)).collect();
    let edges = graph
        .dependencies
        .into_iter()
        .filter(|e| kept.contains(&e.dependent_id) && kept.contains(&e.provider_id))
        .collect();
    (LoadedGraph::new(services, suppliers, edges), cut + services_cut)
}
