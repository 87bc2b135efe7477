//! Scores: an assessment scored on completion (snapshot and findings), and scores kept current
//! when a fix is verified, the graph or a tier profile changes, or the weights are tuned.
pub mod completion;
pub mod history;
pub mod rescoring;
