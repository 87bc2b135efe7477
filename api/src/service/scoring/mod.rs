//! Scores: an assessment scored on completion (snapshot and findings), and scores kept current
//! when a fix is verified, the graph or a tier profile changes, or the weights are tuned.
pub mod combined;
pub mod completion;
pub mod history;
pub mod rescoring;

use crate::domain::{Rating, Severity};
use questionnaires::scoring;

/// The register's rating for the scoring engine's.
pub fn rating_of(rating: scoring::Rating) -> Rating {
    match rating {
        scoring::Rating::Low => Rating::Low,
        scoring::Rating::Medium => Rating::Medium,
        scoring::Rating::High => Rating::High,
        scoring::Rating::Critical => Rating::Critical,
    }
}

/// The register's severity for the scoring engine's.
pub fn severity_of(severity: scoring::Severity) -> Severity {
    match severity {
        scoring::Severity::Low => Severity::Low,
        scoring::Severity::Medium => Severity::Medium,
        scoring::Severity::High => Severity::High,
        scoring::Severity::Critical => Severity::Critical,
    }
}

#[cfg(test)]
pub(crate) mod tests;
