//! Inherent risk from the supplier's exposure, confidence in the answers, and the rating.
use super::ScoringInput;
use super::aggregate::{QuestionResult, QuestionStatus};
use super::settings::{
    AccessLevel, DataSensitivity, FactorWeights, Rating, RatingBands, Substitutability, SupplierContext,
};
use serde::Serialize;

/// One factor of inherent risk, on a 1-5 scale.
#[derive(Clone, Debug, Serialize)]
pub struct RiskFactor {
    pub name: String,
    /// The profile value behind the level, e.g. "personal data".
    pub reason: String,
    pub level: u8,
    pub weight: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct InherentRisk {
    /// Weighted mean of the factor levels, 1.0-5.0.
    pub value: f64,
    /// `value` rounded, 1-5.
    pub level: u8,
    pub factors: Vec<RiskFactor>,
}

pub fn inherent(supplier: &SupplierContext, weights: &FactorWeights) -> InherentRisk {
    let (data_level, data_reason) = match supplier.data_sensitivity {
        DataSensitivity::None => (1, "no data of ours"),
        DataSensitivity::Internal => (2, "internal data"),
        DataSensitivity::Confidential => (3, "confidential data"),
        DataSensitivity::Personal => (4, "personal data"),
        DataSensitivity::SpecialCategory => (5, "special categories of personal data"),
    };
    let (access_level, access_reason) = match supplier.access_level {
        AccessLevel::None => (1, "no access to our systems"),
        AccessLevel::Data => (2, "access to our data"),
        AccessLevel::Network => (4, "access to our network"),
        AccessLevel::Privileged => (5, "privileged access to our systems"),
    };
    let (substitution_level, substitution_reason) = match supplier.substitutability {
        Substitutability::Easy => (1, "easy to replace"),
        Substitutability::Moderate => (3, "replaceable with a project"),
        Substitutability::Hard => (5, "hard to replace"),
    };
    let criticality = supplier.highest_service_criticality.map_or(1, |c| c.clamp(1, 5));
    let criticality_reason = match supplier.highest_service_criticality {
        Some(c) => format!("a service of criticality {c} depends on it"),
        None => "no service depends on it".to_owned(),
    };
    let (nis2_level, nis2_reason) =
        if supplier.nis2_relevant { (5, "supports a NIS 2 service") } else { (1, "outside NIS 2 scope") };
    let factors = vec![
        factor("data sensitivity", data_reason, data_level, weights.data_sensitivity),
        factor("access", access_reason, access_level, weights.access_level),
        RiskFactor {
            name: "service criticality".into(),
            reason: criticality_reason,
            level: criticality,
            weight: weights.service_criticality.max(0.0),
        },
        factor("substitutability", substitution_reason, substitution_level, weights.substitutability),
        factor("NIS 2 relevance", nis2_reason, nis2_level, weights.nis2_relevance),
    ];
    let total_weight: f64 = factors.iter().map(|f| f.weight).sum();
    let value = if total_weight > 0.0 {
        factors.iter().map(|f| f.weight * f64::from(f.level)).sum::<f64>() / total_weight
    } else {
        factors.iter().map(|f| f64::from(f.level)).sum::<f64>() / factors.len() as f64
    };
    let value = value.clamp(1.0, 5.0);
    InherentRisk { value, level: value.round() as u8, factors }
}

fn factor(name: &str, reason: &str, level: u8, weight: f64) -> RiskFactor {
    RiskFactor { name: name.into(), reason: reason.into(), level, weight: weight.max(0.0) }
}

/// How far the answers can be trusted, 0.25-1.0, and why not more.
#[derive(Clone, Debug, Serialize)]
pub struct Confidence {
    pub value: f64,
    pub reasons: Vec<String>,
}

/// Missing or expired evidence on questions that require it, and answers older than the
/// re-assessment interval, each lower confidence.
pub fn confidence(input: &ScoringInput<'_>, results: &[QuestionResult]) -> Confidence {
    let mut reasons = Vec::new();
    let needing: Vec<&QuestionResult> =
        results.iter().filter(|r| r.evidence_required && r.status == QuestionStatus::Answered).collect();
    let missing = needing.iter().filter(|r| r.valid_evidence == 0 && r.expired_evidence == 0).count();
    let expired = needing.iter().filter(|r| r.valid_evidence == 0 && r.expired_evidence > 0).count();
    let mut value = 1.0;
    if !needing.is_empty() && missing + expired > 0 {
        value -= 0.5 * (missing + expired) as f64 / needing.len() as f64;
        if missing > 0 {
            reasons.push(format!("{missing} of {} answers that need a document have none", needing.len()));
        }
        if expired > 0 {
            reasons.push(format!("{expired} of {} answers rely on an expired document", needing.len()));
        }
    }
    let age = (input.today - input.assessed_on).num_days().max(0) as f64;
    let interval = f64::from(input.settings.reassessment_days.max(1));
    if age > interval {
        let factor = (1.0 - 0.5 * (age - interval) / interval).max(0.5);
        value *= factor;
        reasons.push(format!(
            "the answers are {} days old, beyond the {} day re-assessment interval",
            age as i64, interval as i64
        ));
    }
    Confidence { value: value.clamp(0.25, 1.0), reasons }
}

/// The rating band of the residual risk; a failed knock-out keeps it at high or worse, and at
/// critical for suppliers of the highest inherent risk.
pub fn rating(residual: f64, bands: &RatingBands, knock_out_failed: bool, inherent: &InherentRisk) -> Rating {
    let banded = if residual < bands.low {
        Rating::Low
    } else if residual < bands.medium {
        Rating::Medium
    } else if residual < bands.high {
        Rating::High
    } else {
        Rating::Critical
    };
    if !knock_out_failed {
        return banded;
    }
    let floor = if inherent.level >= 5 { Rating::Critical } else { Rating::High };
    banded.max(floor)
}
