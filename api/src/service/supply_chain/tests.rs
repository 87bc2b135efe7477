//! The neighbourhood of a node, read from the database level by level or in one recursive
//! query, walks exactly as the whole graph does: same services, suppliers, depths and paths,
//! on a graph with cycles, and never across tenants.
use super::graph;
use super::neighbourhood::{Direction, UNBOUNDED, around};
use crate::auth::Caller;
use crate::domain::NodeKind as Kind;
use crate::service::scoring::tests::{register_of, supplier};
use chrono::Utc;
use entity::{business_service, dependency, organisation};
use sea_orm::{ActiveModelTrait, DatabaseConnection, IntoActiveModel};
use uuid::Uuid;

/// A small deterministic generator, so that a failing graph can be rebuilt.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

async fn service(db: &DatabaseConnection, org: Uuid, name: &str, criticality: i32) -> Uuid {
    let now = Utc::now();
    let row = business_service::Model {
        id: Uuid::new_v4(),
        organisation_id: org,
        name: name.into(),
        description: None,
        criticality,
        nis2_critical: false,
        created_at: now,
        updated_at: now,
    };
    row.clone().into_active_model().reset_all().insert(db).await.unwrap();
    row.id
}

async fn edge(db: &DatabaseConnection, org: Uuid, dependent: (Kind, Uuid), provider: Uuid) {
    let row = dependency::Model {
        id: Uuid::new_v4(),
        organisation_id: org,
        dependent_kind: dependent.0,
        dependent_id: dependent.1,
        provider_kind: Kind::Supplier,
        provider_id: provider,
        description: None,
        created_at: Utc::now(),
        function: None,
        alternative: false,
    };
    row.into_active_model().reset_all().insert(db).await.unwrap();
}

#[tokio::test]
async fn neighbourhoods_walk_as_the_whole_graph_does() {
    let (db, caller, suppliers) = register_of(60).await;
    let org = caller.organisation_id;
    let mut services = Vec::new();
    for i in 0..6 {
        services.push(service(&db, org, &format!("Service {i}"), i % 5 + 1).await);
    }
    let mut random = Lcg(7);
    for service in &services {
        for _ in 0..4 {
            edge(&db, org, (Kind::Service, *service), suppliers[random.below(suppliers.len())]).await;
        }
    }
    // Fourth parties, with cycles among suppliers.
    let mut pairs = std::collections::HashSet::new();
    for _ in 0..90 {
        let (a, b) = (random.below(suppliers.len()), random.below(suppliers.len()));
        if a != b && pairs.insert((a, b)) {
            edge(&db, org, (Kind::Supplier, suppliers[a]), suppliers[b]).await;
        }
    }
    // Another tenant's supplier depending on one of ours must never show.
    let other =
        organisation::Model { id: Uuid::new_v4(), name: "other".into(), settings: None, created_at: Utc::now() };
    other.clone().into_active_model().reset_all().insert(&db).await.unwrap();
    let stranger = supplier(other.id);
    stranger.clone().into_active_model().reset_all().insert(&db).await.unwrap();
    edge(&db, other.id, (Kind::Supplier, stranger.id), suppliers[0]).await;

    let whole = graph::load(&db, &caller).await.unwrap();
    for supplier in &suppliers {
        let above = around(&db, &caller, &[*supplier], Direction::Dependents, UNBOUNDED).await.unwrap();
        assert_eq!(above.graph.impacted_services(*supplier), whole.graph.impacted_services(*supplier));
        assert!(
            !around(&db, &caller, &[*supplier], Direction::Dependents, UNBOUNDED)
                .await
                .unwrap()
                .suppliers
                .contains_key(&stranger.id)
        );
    }
    let inherited = whole.graph.inherited_criticality();
    for supplier in suppliers.iter().step_by(7) {
        let above = around(&db, &caller, &[*supplier], Direction::Dependents, UNBOUNDED).await.unwrap();
        assert_eq!(above.graph.inherited_criticality().get(supplier), inherited.get(supplier));
    }
    for service in &services {
        for depth in [1, 2, 3, UNBOUNDED] {
            let beneath = around(&db, &caller, &[*service], Direction::Providers, depth).await.unwrap();
            assert_eq!(beneath.graph.supply_chain(*service, depth), whole.graph.supply_chain(*service, depth));
        }
    }
    // Many starts at once (a page of suppliers): each walks as if alone.
    let page = &suppliers[..20];
    let above = around(&db, &caller, page, Direction::Dependents, UNBOUNDED).await.unwrap();
    for supplier in page {
        assert_eq!(above.graph.impacted_services(*supplier), whole.graph.impacted_services(*supplier));
    }
    // Another tenant's caller sees nothing of ours.
    let outsider = Caller::system(other.id, "test");
    let seen = around(&db, &outsider, &[suppliers[0]], Direction::Dependents, UNBOUNDED).await.unwrap();
    assert!(seen.services.is_empty() && !seen.suppliers.contains_key(&suppliers[0]));
}
