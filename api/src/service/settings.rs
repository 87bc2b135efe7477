//! Organisation settings: how often suppliers are re-assessed, by their latest rating, when
//! respondents are reminded, and how long findings may take to remediate, by severity. Stored as JSON on the organisation; absent values take the
//! defaults below.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::audit;
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

/// How the organisation runs its assessments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, SimpleObject, InputObject)]
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
}

impl Default for OrganisationSettings {
    fn default() -> Self {
        OrganisationSettings {
            reassessment_months: ReassessmentMonths::default(),
            reassessment_response_days: 30,
            reassessment_auto_send: true,
            reminder_days_before: 7,
            finding_sla_days: FindingSlaDays::default(),
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
    txn.commit().await?;
    Ok(input)
}
