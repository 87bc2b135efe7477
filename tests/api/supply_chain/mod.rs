//! The supply-chain graph: impact, concentration and findings through services.
mod graph;
mod portion;
