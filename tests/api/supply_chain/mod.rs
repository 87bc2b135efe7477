//! The supply-chain graph: impact, concentration and findings through services.
mod export;
mod graph;
mod portion;
