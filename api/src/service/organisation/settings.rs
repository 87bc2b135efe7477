//! Changing the organisation's settings (administrators), audited with before and after; a
//! change of weights or bands rescores every scored supplier. The settings themselves, and how
//! every domain reads them, are in `kernel::settings`.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::kernel::retention::Retention;
use crate::service::kernel::settings::{self, OrganisationSettings};
use crate::service::kernel::{audit, lookup, validate};
use crate::service::scoring::rescoring;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, IntoActiveModel};
use uuid::Uuid;

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<OrganisationSettings> {
    caller.require(Permission::Read)?;
    settings::in_force(db, caller).await
}

/// Replaces the settings (admins only); audited with before and after.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    input: OrganisationSettings,
) -> ApiResult<OrganisationSettings> {
    caller.require(Permission::Administer)?;
    let input = normalised(input)?;
    check(&input)?;
    let txn = begin_write(db).await?;
    let found = lookup::organisation(&txn, caller).await?;
    let before = OrganisationSettings::of(&found);
    // Retention is changed on its own (`update_retention`).
    let input = OrganisationSettings { retention: before.retention.clone(), ..input };
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

/// Replaces the retention periods (admins only); audited with before and after. The worker
/// applies them at its next daily purge.
pub async fn update_retention(db: &DatabaseConnection, caller: &Caller, input: Retention) -> ApiResult<Retention> {
    caller.require(Permission::Administer)?;
    let mut problems = Problems::default();
    input.check("input", &mut problems);
    problems.into_result()?;
    let txn = begin_write(db).await?;
    let found = lookup::organisation(&txn, caller).await?;
    let before = OrganisationSettings::of(&found);
    let after = OrganisationSettings { retention: input.clone(), ..before.clone() };
    let mut row = found.into_active_model();
    row.settings = Set(Some(serde_json::to_value(&after).map_err(ApiError::internal)?));
    row.update(&txn).await?;
    let changes = audit::diff(Some(&before.retention), Some(&input));
    audit::record(&txn, caller, "organisation.retention_update", "organisation", Some(caller.organisation_id), changes)
        .await?;
    txn.commit().await?;
    Ok(input)
}

/// The mail sender's name and reply address as stored: trimmed, blank as none, the address in
/// lower case; either refused with its field named when it cannot stand in a mail header.
fn normalised(mut input: OrganisationSettings) -> ApiResult<OrganisationSettings> {
    let mut problems = Problems::default();
    input.mail_sender_name = input.mail_sender_name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if let Some(name) = &input.mail_sender_name
        && (name.chars().count() > 80 || name.chars().any(|c| c.is_control() || "<>\"@".contains(c)))
    {
        problems.add("input.mailSenderName", "one line of at most 80 characters, without <, >, \" or @");
    }
    input.mail_reply_to = match input.mail_reply_to.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(address) => validate::email(address).map(Some).unwrap_or_else(|m| {
            problems.add("input.mailReplyTo", m);
            None
        }),
        None => None,
    };
    problems.into_result()?;
    Ok(input)
}

/// Every problem of the settings at once, each naming its field.
fn check(settings: &OrganisationSettings) -> ApiResult<()> {
    let mut problems = Problems::default();
    let months = &settings.reassessment_months;
    for (name, value) in
        [("critical", months.critical), ("high", months.high), ("medium", months.medium), ("low", months.low)]
    {
        if value.is_some_and(|m| !(1..=60).contains(&m)) {
            problems.add(format!("input.reassessmentMonths.{name}"), "between 1 and 60 months, or null");
        }
    }
    if !(7..=180).contains(&settings.reassessment_response_days) {
        problems.add("input.reassessmentResponseDays", "between 7 and 180 days");
    }
    if !(0..=60).contains(&settings.reminder_days_before) {
        problems.add("input.reminderDaysBefore", "between 0 and 60 days");
    }
    let w = &settings.inherent_risk_weights;
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
    let b = &settings.rating_bands;
    if !(0.0 < b.low && b.low < b.medium && b.medium < b.high && b.high <= 5.0) {
        problems.add("input.ratingBands", "0 < low < medium < high <= 5");
    }
    let sla = &settings.finding_sla_days;
    for (name, value) in [("critical", sla.critical), ("high", sla.high), ("medium", sla.medium), ("low", sla.low)] {
        if !(1..=730).contains(&value) {
            problems.add(format!("input.findingSlaDays.{name}"), "between 1 and 730 days");
        }
    }
    problems.into_result()
}
