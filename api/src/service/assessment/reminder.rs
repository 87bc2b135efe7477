//! Reminders to respondents: some days before the due date (the organisation's setting), on
//! the due date and once overdue. Each is recorded per due date, so it goes out once even
//! if the job runs often; moving the due date re-arms them.
use crate::db::begin_write;
use crate::domain::AssessmentStatus;
use crate::domain::ReminderKind;
use crate::error::ApiResult;
use crate::service::kernel::notification;
use crate::service::kernel::settings::OrganisationSettings;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{assessment, assessment_reminder, organisation};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use uuid::Uuid;

/// Which reminder is due today, if any. No "before" reminder for an assessment sent inside
/// that window: the invitation itself is fresh.
pub fn due_reminder(
    today: NaiveDate,
    due: NaiveDate,
    sent_at: Option<DateTime<Utc>>,
    days_before: i32,
) -> Option<ReminderKind> {
    let days_left = (due - today).num_days();
    let sent_days_before = sent_at.map_or(i64::MAX, |s| (due - s.date_naive()).num_days());
    match days_left {
        d if d < 0 => Some(ReminderKind::Overdue),
        0 => Some(ReminderKind::DueToday),
        d if days_before > 0 && d <= i64::from(days_before) && sent_days_before > i64::from(days_before) => {
            Some(ReminderKind::BeforeDue)
        }
        _ => None,
    }
}

/// Queues the reminders due as of `now`; returns how many e-mails were queued.
pub async fn send_due(db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<usize> {
    let today = now.date_naive();
    let waiting = [AssessmentStatus::Sent, AssessmentStatus::InProgress, AssessmentStatus::Returned].map(|s| s.as_db());
    let open = assessment::Entity::find()
        .filter(assessment::Column::Status.is_in(waiting))
        .filter(assessment::Column::DueDate.lte(today + Duration::days(60)))
        .all(db)
        .await?;
    let mut settings: HashMap<Uuid, OrganisationSettings> = HashMap::new();
    let mut queued = 0;
    for found in open {
        let Some(due) = found.due_date else { continue };
        if let Entry::Vacant(slot) = settings.entry(found.organisation_id) {
            let organisation = organisation::Entity::find_by_id(found.organisation_id).one(db).await?;
            slot.insert(organisation.map(|o| OrganisationSettings::of(&o)).unwrap_or_default());
        }
        let days_before = settings[&found.organisation_id].reminder_days_before;
        if let Some(kind) = due_reminder(today, due, found.sent_at, days_before) {
            queued += remind(db, &found, kind, due).await?;
        }
    }
    Ok(queued)
}

async fn remind(
    db: &DatabaseConnection,
    found: &assessment::Model,
    kind: ReminderKind,
    due: NaiveDate,
) -> ApiResult<usize> {
    let txn = begin_write(db).await?;
    let already = assessment_reminder::Entity::find()
        .filter(assessment_reminder::Column::AssessmentId.eq(found.id))
        .filter(assessment_reminder::Column::Kind.eq(kind.as_db()))
        .filter(assessment_reminder::Column::DueDate.eq(due))
        .one(&txn)
        .await?;
    if already.is_some() {
        return Ok(0);
    }
    assessment_reminder::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(found.organisation_id),
        assessment_id: Set(found.id),
        kind: Set(kind),
        due_date: Set(due),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let invitations = notification::active_invitations(&txn, found.id).await?;
    for invitation in &invitations {
        notification::reminder_mail(&txn, found, invitation, kind, due).await?;
    }
    txn.commit().await?;
    Ok(invitations.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sent(s: &str) -> Option<DateTime<Utc>> {
        Some(date(s).and_hms_opt(9, 0, 0).unwrap().and_utc())
    }

    #[test]
    fn reminders_fall_before_on_and_after_the_due_date() {
        let due = date("2027-03-31");
        let invited = sent("2027-02-01");
        assert_eq!(due_reminder(date("2027-03-23"), due, invited, 7), None);
        assert_eq!(due_reminder(date("2027-03-24"), due, invited, 7), Some(ReminderKind::BeforeDue));
        assert_eq!(due_reminder(date("2027-03-31"), due, invited, 7), Some(ReminderKind::DueToday));
        assert_eq!(due_reminder(date("2027-04-01"), due, invited, 7), Some(ReminderKind::Overdue));
        assert_eq!(due_reminder(date("2027-03-24"), due, invited, 0), None, "0 turns the early reminder off");
    }

    #[test]
    fn a_fresh_invitation_needs_no_early_reminder() {
        let due = date("2027-03-31");
        assert_eq!(due_reminder(date("2027-03-28"), due, sent("2027-03-27"), 7), None);
        assert_eq!(due_reminder(date("2027-03-31"), due, sent("2027-03-27"), 7), Some(ReminderKind::DueToday));
    }
}
