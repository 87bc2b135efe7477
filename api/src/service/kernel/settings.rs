//! The organisation's settings as they are in force: how often suppliers are re-assessed, by
//! their latest rating, when respondents are reminded, how long findings may take to remediate,
//! by severity, and the scoring weights and bands. Stored as JSON on the organisation; absent
//! values take the defaults below. Every domain reads them here; `organisation` changes them.
use crate::auth::Caller;
use crate::domain::Rating;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use async_graphql::{InputObject, SimpleObject};
use entity::organisation;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

/// Months between two assessments of a supplier, by the rating of its latest completed one;
/// none: that rating is not re-assessed automatically.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, SimpleObject, InputObject)]
#[graphql(input_name = "ReassessmentMonthsInput")]
#[serde(default)]
pub struct ReassessmentMonths {
    /// Suppliers rated critical, e.g. 6.
    pub critical: Option<i32>,
    /// Suppliers rated high, e.g. 12.
    pub high: Option<i32>,
    /// Suppliers rated medium, e.g. 24.
    pub medium: Option<i32>,
    /// Suppliers rated low, e.g. 36.
    pub low: Option<i32>,
}

impl ReassessmentMonths {
    pub fn for_rating(&self, rating: Rating) -> Option<i32> {
        match rating {
            Rating::Critical => self.critical,
            Rating::High => self.high,
            Rating::Medium => self.medium,
            Rating::Low => self.low,
        }
    }

    pub fn any(&self) -> bool {
        [self.critical, self.high, self.medium, self.low].iter().any(Option::is_some)
    }
}

/// Days to remediate a finding, by its severity: a new finding is due this many days after
/// the assessment is completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, SimpleObject, InputObject)]
#[graphql(input_name = "FindingSlaDaysInput")]
#[serde(default)]
pub struct FindingSlaDays {
    /// Critical findings, e.g. 14.
    pub critical: i32,
    /// High findings, e.g. 30.
    pub high: i32,
    /// Medium findings, e.g. 90.
    pub medium: i32,
    /// Low findings, e.g. 180.
    pub low: i32,
}

impl Default for FindingSlaDays {
    fn default() -> Self {
        let days = questionnaires::scoring::SlaDays::default();
        FindingSlaDays {
            critical: days.critical as i32,
            high: days.high as i32,
            medium: days.medium as i32,
            low: days.low as i32,
        }
    }
}

impl FindingSlaDays {
    /// The scoring engine's form.
    pub fn for_scoring(&self) -> questionnaires::scoring::SlaDays {
        let days = |d: i32| d.clamp(1, 730) as u32;
        questionnaires::scoring::SlaDays {
            critical: days(self.critical),
            high: days(self.high),
            medium: days(self.medium),
            low: days(self.low),
        }
    }
}

/// How much each factor weighs in a supplier's inherent risk (only the ratios matter).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, SimpleObject, InputObject)]
#[graphql(input_name = "InherentRiskWeightsInput")]
#[serde(default)]
pub struct InherentRiskWeights {
    /// The data the supplier handles, e.g. 0.25.
    pub data_sensitivity: f64,
    /// Its access to your systems, e.g. 0.20.
    pub access_level: f64,
    /// The highest criticality of the services that depend on it, e.g. 0.30.
    pub service_criticality: f64,
    /// How hard it is to replace, e.g. 0.10.
    pub substitutability: f64,
    /// Its NIS 2 relevance, e.g. 0.15.
    pub nis2_relevance: f64,
}

impl Default for InherentRiskWeights {
    fn default() -> Self {
        let w = questionnaires::scoring::FactorWeights::default();
        InherentRiskWeights {
            data_sensitivity: w.data_sensitivity,
            access_level: w.access_level,
            service_criticality: w.service_criticality,
            substitutability: w.substitutability,
            nis2_relevance: w.nis2_relevance,
        }
    }
}

/// Residual risk (0-5) thresholds of the ratings: below `low` is low, below `medium` medium,
/// below `high` high, the rest critical.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, SimpleObject, InputObject)]
#[graphql(input_name = "RatingBandsInput")]
#[serde(default)]
pub struct RatingBands {
    /// e.g. 1.0.
    pub low: f64,
    /// e.g. 2.0.
    pub medium: f64,
    /// e.g. 3.0.
    pub high: f64,
}

impl Default for RatingBands {
    fn default() -> Self {
        let b = questionnaires::scoring::RatingBands::default();
        RatingBands { low: b.low, medium: b.medium, high: b.high }
    }
}

/// How the organisation runs its assessments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, SimpleObject, InputObject)]
#[graphql(input_name = "OrganisationSettingsInput")]
#[serde(default)]
pub struct OrganisationSettings {
    /// Re-assessment intervals by rating; the worker creates due re-assessments.
    pub reassessment_months: ReassessmentMonths,
    /// Days a supplier gets to answer an automatic re-assessment (7 to 180).
    pub reassessment_response_days: i32,
    /// Send automatic re-assessments to the contacts invited last time; otherwise they wait as
    /// drafts for an analyst.
    pub reassessment_auto_send: bool,
    /// Days before the due date when respondents get a first reminder (0: none before the due
    /// date; reminders on the due date and when overdue are always sent).
    pub reminder_days_before: i32,
    /// Days to remediate a finding, by severity (each 1 to 730); the defaults when absent.
    #[graphql(default)]
    pub finding_sla_days: FindingSlaDays,
    /// Weights of the inherent risk factors (each 0 to 1, not all 0); the defaults when absent.
    #[graphql(default)]
    pub inherent_risk_weights: InherentRiskWeights,
    /// Residual risk thresholds of the ratings (0 < low < medium < high <= 5).
    #[graphql(default)]
    pub rating_bands: RatingBands,
    /// The sender's name on e-mails to suppliers, e.g. "Northwind Procurement" (at most 80
    /// characters); null: "<organisation> via Chainward". The address stays the installation's.
    pub mail_sender_name: Option<String>,
    /// Where suppliers' replies go, e.g. a shared procurement mailbox; null: the analyst who
    /// created the assessment.
    pub mail_reply_to: Option<String>,
    /// How long what is no longer needed is kept (changed with `updateRetention`).
    #[graphql(skip_input)]
    pub retention: super::retention::Retention,
}

impl OrganisationSettings {
    /// The scoring engine's settings under these rules.
    pub fn scoring(&self) -> questionnaires::scoring::ScoringSettings {
        let w = &self.inherent_risk_weights;
        let b = &self.rating_bands;
        questionnaires::scoring::ScoringSettings {
            factor_weights: questionnaires::scoring::FactorWeights {
                data_sensitivity: w.data_sensitivity,
                access_level: w.access_level,
                service_criticality: w.service_criticality,
                substitutability: w.substitutability,
                nis2_relevance: w.nis2_relevance,
            },
            rating_bands: questionnaires::scoring::RatingBands { low: b.low, medium: b.medium, high: b.high },
            sla_days: self.finding_sla_days.for_scoring(),
            ..Default::default()
        }
    }

    /// Whether a change from `before` moves scores (weights or bands).
    pub fn rescores(&self, before: &OrganisationSettings) -> bool {
        self.inherent_risk_weights != before.inherent_risk_weights || self.rating_bands != before.rating_bands
    }
}

impl Default for OrganisationSettings {
    fn default() -> Self {
        OrganisationSettings {
            reassessment_months: ReassessmentMonths::default(),
            reassessment_response_days: 30,
            reassessment_auto_send: true,
            reminder_days_before: 7,
            finding_sla_days: FindingSlaDays::default(),
            inherent_risk_weights: InherentRiskWeights::default(),
            rating_bands: RatingBands::default(),
            mail_sender_name: None,
            mail_reply_to: None,
            retention: Default::default(),
        }
    }
}

impl OrganisationSettings {
    /// The settings stored on an organisation row (absent: the defaults). Unreadable JSON means
    /// the row was written by something else: it is logged, and the defaults apply meanwhile.
    pub fn of(organisation: &organisation::Model) -> OrganisationSettings {
        let Some(stored) = organisation.settings.clone() else { return OrganisationSettings::default() };
        serde_json::from_value(stored).unwrap_or_else(|e| {
            tracing::error!(organisation = %organisation.id, error = %e, "unreadable organisation settings");
            OrganisationSettings::default()
        })
    }
}

/// The settings of the caller's organisation, for the rules that apply them (no permission
/// needed: they are not shown to the caller).
pub async fn in_force<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<OrganisationSettings> {
    Ok(OrganisationSettings::of(&lookup::organisation(db, caller).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_weights_and_bands_move_scores() {
        let before = OrganisationSettings::default();
        let mut after = before.clone();
        after.reminder_days_before = 3;
        after.reassessment_months.critical = Some(3);
        after.finding_sla_days = FindingSlaDays { critical: 3, ..FindingSlaDays::default() };
        assert!(!after.rescores(&before), "reminders, intervals and SLAs leave scores alone");
        after.inherent_risk_weights.nis2_relevance += 0.05;
        assert!(after.rescores(&before));
        let mut banded = before.clone();
        banded.rating_bands.high = 2.5;
        assert!(banded.rescores(&before));
        let scoring = banded.scoring();
        assert_eq!(scoring.rating_bands.high, 2.5, "the engine scores with the organisation's bands");
    }

    #[test]
    fn unreadable_stored_settings_fall_back_to_the_defaults() {
        let organisation = |settings| organisation::Model {
            id: uuid::Uuid::nil(),
            name: "acme".into(),
            settings,
            created_at: chrono::Utc::now(),
        };
        let partial = serde_json::json!({"reminder_days_before": 2});
        let read = OrganisationSettings::of(&organisation(Some(partial)));
        assert_eq!(read.reminder_days_before, 2);
        assert_eq!(read.rating_bands, RatingBands::default(), "absent fields keep their defaults");
        let garbage = OrganisationSettings::of(&organisation(Some(serde_json::json!({"rating_bands": "high"}))));
        assert_eq!(garbage.rating_bands, RatingBands::default());
        assert_eq!(OrganisationSettings::of(&organisation(None)).reminder_days_before, 7);
    }
}
