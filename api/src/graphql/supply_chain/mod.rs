//! The supply-chain graph: impact, supply chains, concentration, the graph export.
pub mod graph;

use async_graphql::MergedObject;

/// The supply chain queries.
#[derive(MergedObject, Default)]
pub struct SupplyChainQuery(graph::GraphQuery);
