//! The part of the supply-chain graph around some nodes, read level by level from the
//! dependency indexes: what a supplier's page, a service's supply chain, a completion's
//! inherited criticality or a re-score needs costs what the neighbourhood holds, never what
//! the whole register holds.
use crate::auth::{Caller, Permission};
use crate::error::ApiResult;
use crate::service::supply_chain::graph::{LoadedGraph, SupplierNode};
use entity::{business_service, dependency, supplier};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Statement, Value};
use std::collections::HashSet;
use uuid::Uuid;

/// Which way to walk from the start nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards what depends on them: the services a supplier impacts.
    Dependents,
    /// Towards what they depend on: the suppliers beneath a service.
    Providers,
}

/// Ids per statement: well under SQLite's and PostgreSQL's parameter limits.
const CHUNK: usize = 500;

/// Every node within `max_depth` steps of `starts` in `direction`, with the edges walked, as a
/// graph on which `SupplyGraph`'s walks from `starts` give what they give on the whole graph.
pub async fn around<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    starts: &[Uuid],
    direction: Direction,
    max_depth: u32,
) -> ApiResult<LoadedGraph> {
    caller.require(Permission::Read)?;
    around_in(db, caller.organisation_id, starts, direction, max_depth).await
}

/// [`around`] for a loader already bound to the organisation. Rows are looked up by id and the
/// tenant checked here: an organisation condition in SQL makes SQLite's planner scan the
/// organisation's whole index.
pub async fn around_in<C: ConnectionTrait>(
    db: &C,
    org: Uuid,
    starts: &[Uuid],
    direction: Direction,
    max_depth: u32,
) -> ApiResult<LoadedGraph> {
    let mut seen: HashSet<Uuid> = starts.iter().copied().collect();
    if max_depth == UNBOUNDED {
        // The whole closure in one recursive statement per chunk of starts (UNION keeps each
        // node once, so cycles end), then the edges out of it.
        for chunk in starts.chunks(CHUNK) {
            seen.extend(closure(db, chunk, direction).await?);
        }
    }
    let mut frontier: Vec<Uuid> = seen.iter().copied().collect();
    let mut edges = Vec::new();
    let mut depth = 0;
    while !frontier.is_empty() && depth < max_depth {
        depth += 1;
        let mut next = Vec::new();
        for edge in edges_from(db, org, &frontier, direction).await? {
            if seen.insert(direction.far_end(&edge)) {
                next.push(direction.far_end(&edge));
            }
            edges.push(edge);
        }
        frontier = next;
    }
    let ids: Vec<Uuid> = seen.into_iter().collect();
    nodes(db, org, &ids, edges).await
}

impl Direction {
    /// The end of an edge a walk in this direction moves to.
    pub fn far_end(self, edge: &dependency::Model) -> Uuid {
        match self {
            Direction::Dependents => edge.dependent_id,
            Direction::Providers => edge.provider_id,
        }
    }
}

/// The organisation's edges out of `frontier` in `direction`.
pub async fn edges_from<C: ConnectionTrait>(
    db: &C,
    org: Uuid,
    frontier: &[Uuid],
    direction: Direction,
) -> ApiResult<Vec<dependency::Model>> {
    let column = match direction {
        Direction::Dependents => dependency::Column::ProviderId,
        Direction::Providers => dependency::Column::DependentId,
    };
    let mut edges = Vec::new();
    for chunk in frontier.chunks(CHUNK) {
        let found = dependency::Entity::find().filter(column.is_in(chunk.iter().copied())).all(db).await?;
        edges.extend(found.into_iter().filter(|e| e.organisation_id == org));
    }
    Ok(edges)
}

/// The graph of the organisation's nodes among `ids`, joined by `edges`.
pub async fn nodes<C: ConnectionTrait>(
    db: &C,
    org: Uuid,
    ids: &[Uuid],
    edges: Vec<dependency::Model>,
) -> ApiResult<LoadedGraph> {
    let mut services = Vec::new();
    let mut suppliers = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        services.extend(
            business_service::Entity::find()
                .filter(business_service::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .filter(|s| s.organisation_id == org),
        );
        suppliers.extend(
            SupplierNode::select()
                .filter(supplier::Column::Id.is_in(chunk.iter().copied()))
                .into_model::<SupplierNode>()
                .all(db)
                .await?
                .into_iter()
                .filter(|s| s.organisation_id == org),
        );
    }
    Ok(LoadedGraph::new(services, suppliers, edges))
}

/// A depth from which [`around`] reads the whole closure at once.
pub const UNBOUNDED: u32 = u32::MAX;

/// Every node reachable from `starts` in `direction`, by a recursive query on the dependency
/// indexes (other tenants' edges cannot join: ids are unique and edges never cross tenants).
async fn closure<C: ConnectionTrait>(db: &C, starts: &[Uuid], direction: Direction) -> ApiResult<Vec<Uuid>> {
    let (from, to) = match direction {
        Direction::Dependents => ("provider_id", "dependent_id"),
        Direction::Providers => ("dependent_id", "provider_id"),
    };
    let backend = db.get_database_backend();
    let placeholders: Vec<String> = (1..=starts.len())
        .map(|i| if backend == DatabaseBackend::Postgres { format!("${i}") } else { "?".to_owned() })
        .collect();
    let sql = format!(
        "WITH RECURSIVE reach(id) AS (\
           SELECT {to} FROM dependency WHERE {from} IN ({}) \
           UNION SELECT d.{to} FROM dependency d JOIN reach r ON d.{from} = r.id\
         ) SELECT id FROM reach",
        placeholders.join(", ")
    );
    let values: Vec<Value> = starts.iter().map(|id| (*id).into()).collect();
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    Ok(rows.iter().map(|row| row.try_get::<Uuid>("", "id")).collect::<Result<_, _>>()?)
}

/// The highest criticality among the services that depend on `node`, directly or through other
/// suppliers and services.
pub async fn highest_dependent_criticality<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    node: Uuid,
) -> ApiResult<Option<u8>> {
    let above = around(db, caller, &[node], Direction::Dependents, UNBOUNDED).await?;
    Ok(above.graph.inherited_criticality().get(&node).copied())
}
