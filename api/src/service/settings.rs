//! Organisation settings: how often suppliers are re-assessed, by their latest rating, when
//! respondents are reminded, and how long findings may take to remediate, by severity. Stored as JSON on the organisation; absent values take the
//! defaults below.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::{audit, rescoring};
use async_graphql::{InputObject, SimpleObject};
use entity::organisation;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
    pub fn for_rating(&self, rating: &str) -> Option<i32> {
        match rating {
            "critical" => self.critical,
            "high" => self.high,
            "medium" => self.medium,
            "low" => self.low,
            _ => None,
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
        }
    }
}

impl OrganisationSettings {
    /// The settings stored on an organisation row; unreadable JSON falls back to defaults.
    pub fn of(organisation: &organisation::Model) -> OrganisationSettings {
        organisation.settings.clone().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default()
    }

    fn check(&self) -> ApiResult<()> {
        let mut problems = Problems::default();
        let months = &self.reassessment_months;
        for (name, value) in
            [("critical", months.critical), ("high", months.high), ("medium", months.medium), ("low", months.low)]
        {
            if value.is_some_and(|m| !(1..=60).contains(&m)) {
                problems.add(format!("input.reassessmentMonths.{name}"), "between 1 and 60 months, or null");
            }
        }
        if !(7..=180).contains(&self.reassessment_response_days) {
            problems.add("input.reassessmentResponseDays", "between 7 and 180 days");
        }
        if !(0..=60).contains(&self.reminder_days_before) {
            problems.add("input.reminderDaysBefore", "between 0 and 60 days");
        }
        let w = &self.inherent_risk_weights;
        let weights = [
            ("dataSensitivity", w.data_sensitivity),
            ("accessLevel", w.access_level),
            ("serviceCriticality", w.service_criticality),
            ("substitutability", w.substitutability),
            ("nis2Relevance", w.nis2_relevance),
        ];
        for (name, value) in weights {
            if !(0.0..=1.0).contains(&value) {
                problems.add(format!("input.inherentRiskWeights.{name}"), "between 0 and 1");
            }
        }
        if weights.iter().all(|(_, v)| *v <= 0.0) {
            problems.add("input.inherentRiskWeights", "at least one factor must weigh something");
        }
        let b = &self.rating_bands;
        if !(0.0 < b.low && b.low < b.medium && b.medium < b.high && b.high <= 5.0) {
            problems.add("input.ratingBands", "0 < low < medium < high <= 5");
        }
        let sla = &self.finding_sla_days;
        for (name, value) in [("critical", sla.critical), ("high", sla.high), ("medium", sla.medium), ("low", sla.low)]
        {
            if !(1..=730).contains(&value) {
                problems.add(format!("input.findingSlaDays.{name}"), "between 1 and 730 days");
            }
        }
        problems.into_result()
    }
}

async fn organisation_of<C: ConnectionTrait>(db: &C, organisation_id: Uuid) -> ApiResult<organisation::Model> {
    organisation::Entity::find_by_id(organisation_id).one(db).await?.ok_or(ApiError::NotFound("organisation"))
}

/// The settings of the caller's organisation, for the rules that apply them (no permission
/// needed: they are not shown to the caller).
pub async fn in_force<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<OrganisationSettings> {
    Ok(OrganisationSettings::of(&organisation_of(db, caller.organisation_id).await?))
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<OrganisationSettings> {
    caller.require(Permission::Read)?;
    Ok(OrganisationSettings::of(&organisation_of(db, caller.organisation_id).await?))
}

/// Replaces the settings (admins only); audited with before and after.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    input: OrganisationSettings,
) -> ApiResult<OrganisationSettings> {
    caller.require(Permission::Administer)?;
    input.check()?;
    let txn = begin_write(db).await?;
    let found = organisation_of(&txn, caller.organisation_id).await?;
    let before = OrganisationSettings::of(&found);
    let mut row = found.into_active_model();
    row.settings = Set(Some(serde_json::to_value(&input).map_err(ApiError::internal)?));
    row.update(&txn).await?;
    let changes = audit::diff(Some(&before), Some(&input));
    audit::record(&txn, caller, "organisation.settings_update", "organisation", Some(caller.organisation_id), changes)
        .await?;
    if input.rescores(&before) {
        let scored: Vec<Uuid> = rescoring::scored(&txn, caller).await?.into_iter().collect();
        rescoring::rescore_or_queue(&txn, caller, &scored, "scoring settings changed").await?;
    }
    txn.commit().await?;
    Ok(input)
}
