//! The organisation's supply-chain graph, read whole, and what it tells: impact, inherited
//! criticality, concentration, and the exposure of services to the findings beneath them.
//! Read-only: the register records services and dependencies.
pub mod exposure;
pub mod graph;
pub mod graph_export;
pub mod neighbourhood;
pub mod portion;

#[cfg(test)]
mod tests;
