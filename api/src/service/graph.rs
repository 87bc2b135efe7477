//! Walking the supply-chain graph.
use crate::auth::Caller;
use crate::error::ApiResult;
use entity::{dependency, service};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet, VecDeque};
use uuid::Uuid;

/// The highest criticality among the services that depend on `node`, directly or through other
/// suppliers and services. Cycles are legal data: every node is visited once.
pub async fn highest_dependent_criticality<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    node: Uuid,
) -> ApiResult<Option<u8>> {
    let edges = dependency::Entity::find()
        .filter(dependency::Column::OrganisationId.eq(caller.organisation_id))
        .all(db)
        .await?;
    let services: HashMap<Uuid, i32> = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(caller.organisation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.criticality))
        .collect();
    let mut dependents: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for edge in &edges {
        dependents.entry(edge.provider_id).or_default().push(edge.dependent_id);
    }
    let mut highest: Option<i32> = None;
    let mut seen = HashSet::from([node]);
    let mut queue = VecDeque::from([node]);
    while let Some(current) = queue.pop_front() {
        for next in dependents.get(&current).into_iter().flatten() {
            if seen.insert(*next) {
                if let Some(criticality) = services.get(next) {
                    highest = highest.max(Some(*criticality));
                }
                queue.push_back(*next);
            }
        }
    }
    Ok(highest.map(|c| c.clamp(1, 5) as u8))
}
