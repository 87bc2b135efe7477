//! Periodic re-assessment: when a supplier's latest completed assessment is older than the
//! interval its rating calls for (organisation settings) and nothing is open for it, the
//! worker creates a new assessment with the newest version of the same questionnaire and, if
//! the organisation wants, sends it to the contacts invited last time.
use crate::auth::Caller;
use crate::db::begin_write;
use crate::domain::{AssessmentStatus, Rating, SupplierStatus};
use crate::error::ApiResult;
use crate::service::assessment::lifecycle;
use crate::service::assessment::lifecycle::Draft;
use crate::service::kernel::settings::OrganisationSettings;
use crate::service::{assessment::invitation, templates::template};
use chrono::{DateTime, Duration, Months, Utc};
use entity::{assessment as assessment_entity, invitation as invitation_entity, organisation, score_snapshot};
use entity::{supplier, supplier_contact};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// When the supplier assessed by `last` (completed, rated `rating`) is due again.
pub fn due_at(
    settings: &OrganisationSettings,
    last: &assessment_entity::Model,
    rating: Rating,
) -> Option<DateTime<Utc>> {
    let months = settings.reassessment_months.for_rating(rating)?;
    last.completed_at?.checked_add_months(Months::new(u32::try_from(months).ok()?))
}

/// Creates the re-assessments due as of `now` in every organisation; returns how many.
pub async fn create_due(db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<usize> {
    let mut created = 0;
    for organisation in
        organisation::Entity::find().filter(organisation::Column::Settings.is_not_null()).all(db).await?
    {
        let settings = OrganisationSettings::of(&organisation);
        if settings.reassessment_months.any() {
            created += create_due_in(db, organisation.id, &settings, now).await?;
        }
    }
    Ok(created)
}

async fn create_due_in(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    settings: &OrganisationSettings,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let assessments = assessment_entity::Entity::find()
        .filter(assessment_entity::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(assessment_entity::Column::CompletedAt)
        .all(db)
        .await?;
    let settled = [AssessmentStatus::Completed, AssessmentStatus::Cancelled];
    let busy: HashSet<Uuid> =
        assessments.iter().filter(|a| !settled.contains(&a.status)).map(|a| a.supplier_id).collect();
    let mut latest: HashMap<Uuid, &assessment_entity::Model> = HashMap::new();
    for done in assessments.iter().filter(|a| a.status == AssessmentStatus::Completed) {
        latest.entry(done.supplier_id).or_insert(done);
    }
    let active: HashSet<Uuid> = supplier::Entity::find()
        .filter(supplier::Column::OrganisationId.eq(organisation_id))
        .filter(supplier::Column::Status.eq(SupplierStatus::Active))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let ratings: HashMap<Uuid, Rating> = score_snapshot::Entity::find()
        .filter(score_snapshot::Column::AssessmentId.is_in(latest.values().map(|a| a.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.assessment_id, s.rating))
        .collect();
    let mut created = 0;
    for (supplier_id, last) in latest {
        if busy.contains(&supplier_id) || !active.contains(&supplier_id) {
            continue;
        }
        let Some(rating) = ratings.get(&last.id) else { continue };
        if due_at(settings, last, *rating).is_some_and(|due| due <= now) {
            reassess(db, settings, last, now).await?;
            created += 1;
        }
    }
    Ok(created)
}

/// One re-assessment, in one transaction: the draft, and the invitations if sent.
async fn reassess(
    db: &DatabaseConnection,
    settings: &OrganisationSettings,
    last: &assessment_entity::Model,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let caller = Caller::system(last.organisation_id, "re-assessment scheduler");
    let txn = begin_write(db).await?;
    let (version_id, version, questionnaire) =
        template::newest_published_like(&txn, &caller, last.template_version_id).await?;
    let completed = last.completed_at.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let draft = Draft {
        supplier_id: last.supplier_id,
        template_version_id: version_id,
        template: &questionnaire,
        version,
        due_date: Some(now.date_naive() + Duration::days(i64::from(settings.reassessment_response_days))),
        message: Some(format!(
            "This is the periodic re-assessment of our supplier security requirements; the previous one was completed on {completed}."
        )),
        campaign_id: None,
        // Replies reach whoever sent the previous one.
        created_by: last.created_by,
        follows: last.follows_assessment_id,
    };
    let draft = lifecycle::insert_draft(&txn, &caller, draft).await?;
    if settings.reassessment_auto_send {
        let contacts = previous_respondents(&txn, last).await?;
        if !contacts.is_empty() {
            invitation::invite(&txn, &caller, draft, contacts).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The supplier contacts invited to `last` who are still contacts of that supplier.
async fn previous_respondents<C: sea_orm::ConnectionTrait>(
    db: &C,
    last: &assessment_entity::Model,
) -> ApiResult<Vec<supplier_contact::Model>> {
    let contact_ids: Vec<Uuid> = invitation_entity::Entity::find()
        .filter(invitation_entity::Column::AssessmentId.eq(last.id))
        .filter(invitation_entity::Column::DelegatedBy.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|i| i.contact_id)
        .collect();
    Ok(supplier_contact::Entity::find()
        .filter(supplier_contact::Column::Id.is_in(contact_ids))
        .filter(supplier_contact::Column::SupplierId.eq(last.supplier_id))
        .all(db)
        .await?)
}
