//! What the organisation's services are exposed to through the supply-chain graph: the
//! findings they inherit from every supplier beneath them, the worst residual risk down there
//! and the path to it, and single points of failure.
use crate::domain::Rating;
use crate::service::supply_chain::graph::{FindingCounts, LoadedGraph};
use questionnaires::graph::{NodeKind, Reach};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a service inherits from every supplier beneath it, at any depth.
pub struct ServiceRollup {
    /// Suppliers and fourth parties beneath it.
    pub suppliers: usize,
    /// Their findings, summed.
    pub findings: FindingCounts,
    /// The supplier beneath with the highest residual risk (the nearest on a tie), with the
    /// shortest path to it, its residual risk and rating.
    pub worst: Option<(Reach<Uuid>, f64, Rating)>,
}

/// `risk`: a supplier's residual risk and rating from its latest score; `findings`: its
/// findings that still matter.
pub fn rollup(
    loaded: &LoadedGraph,
    service: Uuid,
    risk: impl Fn(Uuid) -> Option<(f64, Rating)>,
    findings: impl Fn(Uuid) -> FindingCounts,
) -> ServiceRollup {
    let beneath = loaded.graph.supply_chain(service, u32::MAX);
    let mut summed = FindingCounts::default();
    let mut worst: Option<(Reach<Uuid>, f64, Rating)> = None;
    for reach in &beneath {
        summed += findings(reach.node);
        if let Some((residual, rating)) = risk(reach.node)
            && worst.as_ref().is_none_or(|(_, w, _)| residual > *w)
        {
            worst = Some((reach.clone(), residual, rating));
        }
    }
    ServiceRollup { suppliers: beneath.len(), findings: summed, worst }
}

/// A critical service that relies on one supplier for a function, with no alternative marked.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SinglePoint {
    pub service: Uuid,
    pub function: String,
    pub supplier: Uuid,
}

/// Services that count as critical here: NIS 2 critical, or criticality 4 (high) or 5 (vital).
fn critical(kind: Option<NodeKind>) -> bool {
    matches!(kind, Some(NodeKind::Service { criticality, nis2_critical }) if nis2_critical || criticality >= 4)
}

/// Single points of failure: for each critical service, the functions served by exactly one
/// supplier with no alternative marked. Dependencies without a named function are not judged.
pub fn single_points_of_failure(loaded: &LoadedGraph) -> Vec<SinglePoint> {
    // (service, function) -> (primary providers, alternatives)
    let mut functions: BTreeMap<(Uuid, String), (Vec<Uuid>, usize)> = BTreeMap::new();
    for edge in &loaded.dependencies {
        let (Some(function), true) = (&edge.function, loaded.suppliers.contains_key(&edge.provider_id)) else {
            continue;
        };
        if !critical(loaded.graph.kind(edge.dependent_id)) {
            continue;
        }
        let entry = functions.entry((edge.dependent_id, function.clone())).or_default();
        if edge.alternative {
            entry.1 += 1;
        } else {
            entry.0.push(edge.provider_id);
        }
    }
    let mut found: Vec<SinglePoint> = functions
        .into_iter()
        .filter(|(_, (primary, alternatives))| primary.len() == 1 && *alternatives == 0)
        .map(|((service, function), (primary, _))| SinglePoint { service, function, supplier: primary[0] })
        .collect();
    let criticality = |id: &Uuid| loaded.services.get(id).map(|s| (s.nis2_critical, s.criticality)).unwrap_or_default();
    found.sort_by(|a, b| criticality(&b.service).cmp(&criticality(&a.service)).then(a.function.cmp(&b.function)));
    found
}
