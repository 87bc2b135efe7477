//! The supply-chain graph: impact, supply chains, concentration, the portion the portal
//! draws, the graph export.
pub mod graph;
pub mod portion;

use async_graphql::MergedObject;

/// The supply chain queries.
#[derive(MergedObject, Default)]
pub struct SupplyChainQuery(graph::GraphQuery, portion::PortionQuery);
