//! The supplier's exposure and the organisation's tunable scoring settings.
use serde::{Deserialize, Serialize};

/// The most sensitive data the supplier processes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataSensitivity {
    #[default]
    None,
    Internal,
    Confidential,
    Personal,
    SpecialCategory,
}

/// The deepest access the supplier has to the organisation's systems.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessLevel {
    #[default]
    None,
    Data,
    Network,
    Privileged,
}

/// How hard the supplier would be to replace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Substitutability {
    #[default]
    Easy,
    Moderate,
    Hard,
}

/// The supplier's tier profile and its place in the supply chain.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct SupplierContext {
    pub data_sensitivity: DataSensitivity,
    pub access_level: AccessLevel,
    pub substitutability: Substitutability,
    pub nis2_relevant: bool,
    /// The highest criticality (1-5) among the services that depend on the supplier, directly
    /// or through other suppliers; `None` when no service depends on it.
    pub highest_service_criticality: Option<u8>,
}

/// How much each factor weighs in inherent risk (normalised, so only ratios matter).
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct FactorWeights {
    pub data_sensitivity: f64,
    pub access_level: f64,
    pub service_criticality: f64,
    pub substitutability: f64,
    pub nis2_relevance: f64,
}

impl Default for FactorWeights {
    fn default() -> Self {
        FactorWeights {
            data_sensitivity: 0.25,
            access_level: 0.20,
            service_criticality: 0.30,
            substitutability: 0.10,
            nis2_relevance: 0.15,
        }
    }
}

/// Residual risk thresholds (0-5 scale): below `low` is low, below `medium` is medium, below
/// `high` is high, the rest critical.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct RatingBands {
    pub low: f64,
    pub medium: f64,
    pub high: f64,
}

impl Default for RatingBands {
    fn default() -> Self {
        RatingBands { low: 1.0, medium: 2.0, high: 3.0 }
    }
}

/// Days to remediate a finding, by severity.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct SlaDays {
    pub low: u32,
    pub medium: u32,
    pub high: u32,
    pub critical: u32,
}

impl Default for SlaDays {
    fn default() -> Self {
        SlaDays { low: 180, medium: 90, high: 30, critical: 14 }
    }
}

/// An organisation's scoring settings, with sensible defaults.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct ScoringSettings {
    pub factor_weights: FactorWeights,
    pub rating_bands: RatingBands,
    pub sla_days: SlaDays,
    /// Answers older than this many days lower confidence.
    #[serde(default = "default_reassessment_days")]
    pub reassessment_days: u32,
}

fn default_reassessment_days() -> u32 {
    365
}

impl Default for ScoringSettings {
    fn default() -> Self {
        ScoringSettings {
            factor_weights: FactorWeights::default(),
            rating_bands: RatingBands::default(),
            sla_days: SlaDays::default(),
            reassessment_days: default_reassessment_days(),
        }
    }
}

/// Rating of a supplier's residual risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Low,
    Medium,
    High,
    Critical,
}

impl Rating {
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Low => "low",
            Rating::Medium => "medium",
            Rating::High => "high",
            Rating::Critical => "critical",
        }
    }
}
