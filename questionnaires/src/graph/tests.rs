//! Hand-built graphs with known answers, and a property: the services impacted by a supplier
//! are exactly those from which it can be reached.
use super::{NodeKind, SupplyGraph};
use proptest::prelude::*;
use std::collections::{BTreeSet, VecDeque};

fn service(criticality: u8) -> NodeKind {
    NodeKind::Service { criticality, nis2_critical: criticality == 5 }
}

/// Services A (5) and B (2); suppliers s1..s6. A -> s1 -> s3, A -> s2 -> s3 (a diamond),
/// s3 -> s4 -> s5 -> s3 (a cycle), B -> s4; s6 stands alone.
fn sample() -> SupplyGraph<&'static str> {
    let nodes = [("A", service(5)), ("B", service(2))]
        .into_iter()
        .chain(["s1", "s2", "s3", "s4", "s5", "s6"].map(|s| (s, NodeKind::Supplier)));
    let edges =
        [("A", "s1"), ("A", "s2"), ("s1", "s3"), ("s2", "s3"), ("s3", "s4"), ("s4", "s5"), ("s5", "s3"), ("B", "s4")];
    SupplyGraph::new(nodes, edges)
}

#[test]
fn impact_follows_the_shortest_path_through_diamonds_and_cycles() {
    let graph = sample();
    let impacted = graph.impacted_services("s5");
    let found: Vec<(&str, u32, Vec<&str>)> = impacted.iter().map(|r| (r.node, r.depth, r.path.clone())).collect();
    assert_eq!(found, [("B", 2, vec!["B", "s4", "s5"]), ("A", 4, vec!["A", "s1", "s3", "s4", "s5"])]);
    assert!(graph.impacted_services("s6").is_empty(), "a disconnected supplier impacts nothing");
    assert!(graph.impacted_services("nobody").is_empty());
}

#[test]
fn the_supply_chain_of_a_service_respects_the_depth_limit() {
    let graph = sample();
    let chain: Vec<(&str, u32)> = graph.supply_chain("A", 10).iter().map(|r| (r.node, r.depth)).collect();
    assert_eq!(chain, [("s1", 1), ("s2", 1), ("s3", 2), ("s4", 3), ("s5", 4)], "each once despite the cycle");
    let near: Vec<&str> = graph.supply_chain("A", 2).iter().map(|r| r.node).collect();
    assert_eq!(near, ["s1", "s2", "s3"]);
    assert_eq!(graph.supply_chain("A", 10)[4].path, ["A", "s1", "s3", "s4", "s5"]);
}

#[test]
fn inherited_criticality_is_the_highest_service_above() {
    let graph = sample();
    let levels = graph.inherited_criticality();
    for supplier in ["s1", "s2", "s3", "s4", "s5"] {
        assert_eq!(levels.get(supplier), Some(&5), "{supplier} is reached by A");
    }
    assert_eq!(levels.get("s6"), None);
    // Without A, only B (2) remains above s4, s5 and s3.
    let without_a = SupplyGraph::new(
        [("B", service(2)), ("s3", NodeKind::Supplier), ("s4", NodeKind::Supplier), ("s5", NodeKind::Supplier)],
        [("s3", "s4"), ("s4", "s5"), ("s5", "s3"), ("B", "s4")],
    );
    let levels = without_a.inherited_criticality();
    assert_eq!([levels["s3"], levels["s4"], levels["s5"]], [2, 2, 2]);
}

#[test]
fn concentration_ranks_suppliers_by_the_services_above_them() {
    let ranked = sample().concentration();
    let top: Vec<(&str, usize, u32, usize)> =
        ranked.iter().map(|c| (c.supplier, c.services, c.weighted, c.nis2_critical_services)).collect();
    // s3, s4, s5 serve both A (5, NIS 2 critical) and B (2); s1 and s2 only A.
    assert_eq!(&top[..3], &[("s3", 2, 7, 1), ("s4", 2, 7, 1), ("s5", 2, 7, 1)]);
    assert_eq!(top.len(), 5, "s6 serves nobody");
}

/// Every service that can reach `target` by following dependencies, by brute force.
fn reaching(services: &[u32], edges: &[(u32, u32)], target: u32) -> BTreeSet<u32> {
    services
        .iter()
        .copied()
        .filter(|&s| {
            let mut seen = BTreeSet::from([s]);
            let mut queue = VecDeque::from([s]);
            while let Some(n) = queue.pop_front() {
                for &(d, p) in edges {
                    if d == n && seen.insert(p) {
                        queue.push_back(p);
                    }
                }
            }
            s != target && seen.contains(&target)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn impacted_services_are_exactly_those_that_reach_the_supplier(
        edges in proptest::collection::vec((0u32..30, 0u32..30), 0..80),
        target in 5u32..30,
    ) {
        // Nodes 0-4 are services, 5-29 suppliers.
        let services: Vec<u32> = (0..5).collect();
        let nodes = (0..30u32).map(|n| (n, if n < 5 { service((n % 5 + 1) as u8) } else { NodeKind::Supplier }));
        let graph = SupplyGraph::new(nodes, edges.iter().copied());
        let impacted: BTreeSet<u32> = graph.impacted_services(target).iter().map(|r| r.node).collect();
        prop_assert_eq!(impacted, reaching(&services, &edges, target));
        for reach in graph.impacted_services(target) {
            prop_assert_eq!(reach.path.len() as u32, reach.depth + 1);
            prop_assert_eq!(reach.path.first(), Some(&reach.node));
            prop_assert_eq!(reach.path.last(), Some(&target));
        }
    }
}
