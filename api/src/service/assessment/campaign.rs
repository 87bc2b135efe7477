//! Campaigns: one published template version sent to every supplier a register filter selects
//! (e.g. all active suppliers with personal data), with progress. The selection is fixed at
//! launch; the first suppliers are sent in the launch transaction and the rest by the worker in
//! batches (`campaign_send`), so a campaign may reach the whole register.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::AssessmentStatus;
use crate::error::{ApiResult, Problems};
use crate::service::assessment::{campaign_send, lifecycle};
use crate::service::kernel::lookup;
use crate::service::register::supplier_filter::{SupplierFilter, filtered};
use crate::service::{kernel::audit, kernel::now, kernel::validate, templates::template};
use chrono::NaiveDate;
use entity::{assessment as assessment_entity, campaign, supplier};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// Suppliers sent in the launch transaction itself; the worker sends the rest.
pub const SENT_AT_LAUNCH: u64 = 50;

/// A campaign to launch.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct LaunchCampaign {
    /// e.g. "NIS 2 baseline 2027".
    pub name: String,
    /// A published template version.
    pub template_version_id: Uuid,
    /// Which suppliers receive it.
    pub filter: SupplierFilter,
    /// When answers are due; not in the past.
    pub due_date: Option<NaiveDate>,
    /// A message to every supplier.
    pub message: Option<String>,
}

fn filter_json(filter: &SupplierFilter) -> Value {
    json!({
        "status": filter.status.as_ref().map(|v| v.iter().map(|s| s.as_db()).collect::<Vec<_>>()),
        "category": filter.category,
        "country": filter.country,
        "data_sensitivity": filter.data_sensitivity.as_ref().map(|v| v.iter().map(|s| s.as_db()).collect::<Vec<_>>()),
        "nis2_relevant": filter.nis2_relevant,
        "search": filter.search,
        "rating": filter.rating.as_ref().map(|v| v.iter().map(|r| r.as_db()).collect::<Vec<_>>()),
        "unrated": filter.unrated,
        "heat": filter.heat.map(|c| json!({"inherent": c.inherent, "residual": c.residual})),
    })
}

/// Fixes the selection, then creates one assessment per selected supplier and sends it to all
/// the supplier's contacts (suppliers without contacts keep a draft, listed in the progress):
/// the first [`SENT_AT_LAUNCH`] now, the rest through the worker within seconds. The launch is
/// all or nothing; so is each batch.
pub async fn launch(db: &DatabaseConnection, caller: &Caller, input: LaunchCampaign) -> ApiResult<campaign::Model> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let name = validate::required_line(&input.name, 200).unwrap_or_else(|m| {
        problems.add("input.name", m);
        String::new()
    });
    let message = lifecycle::check_message_and_due(&mut problems, input.message.as_deref(), input.due_date);
    let txn = begin_write(db).await?;
    let template = template::published_template(&txn, caller, input.template_version_id).await;
    if template.is_err() {
        problems.add(
            "input.templateVersionId",
            "no published template version of your organisation or shipped one has this id",
        );
    }
    let suppliers: Vec<Uuid> = filtered(caller, input.filter.clone())
        .select_only()
        .column(supplier::Column::Id)
        .order_by_asc(supplier::Column::LegalName)
        .order_by_asc(supplier::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    if suppliers.is_empty() {
        problems.add("input.filter", "selects no supplier");
    }
    problems.into_result()?;
    let (_, template) = template?;
    let created = campaign::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        name: Set(name),
        template_version_id: Set(input.template_version_id),
        template_title: Set(template.title.clone()),
        filter: Set(filter_json(&input.filter)),
        due_date: Set(input.due_date),
        message: Set(message),
        created_by: Set(caller.user_id()),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    campaign_send::select(&txn, &created, &suppliers).await?;
    let sent = campaign_send::send_batch(&txn, caller, &created, SENT_AT_LAUNCH).await?;
    let changes = json!({"name": created.name, "suppliers": suppliers.len(), "sent_at_launch": sent});
    audit::record(&txn, caller, "campaign.launch", "campaign", Some(created.id), changes).await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn list<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<campaign::Model>> {
    caller.require(Permission::Read)?;
    Ok(lookup::scoped::<campaign::Entity>(caller).order_by_desc(campaign::Column::CreatedAt).all(db).await?)
}

/// Some campaigns, newest first.
pub async fn by_ids<C: ConnectionTrait>(db: &C, caller: &Caller, ids: &[Uuid]) -> ApiResult<Vec<campaign::Model>> {
    caller.require(Permission::Read)?;
    Ok(lookup::scoped::<campaign::Entity>(caller)
        .filter(campaign::Column::Id.is_in(ids.iter().copied()))
        .order_by_desc(campaign::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<campaign::Model> {
    caller.require(Permission::Read)?;
    lookup::find::<campaign::Entity>(db, caller, id).await
}

/// How far a campaign has come.
#[derive(Clone, Debug, Default, async_graphql::SimpleObject)]
pub struct CampaignProgress {
    /// Assessments in the campaign.
    pub total: usize,
    /// Not sent: the supplier has no contact to invite.
    pub draft: usize,
    /// Sent, nothing answered yet.
    pub sent: usize,
    /// Being answered (or returned with notes).
    pub in_progress: usize,
    /// Submitted or in review.
    pub submitted: usize,
    /// Completed and scored.
    pub completed: usize,
    /// Withdrawn.
    pub cancelled: usize,
    /// Past the due date and not yet submitted.
    pub overdue: usize,
    /// Selected at launch and not sent yet: the worker sends them in batches within seconds.
    pub queued: usize,
}

/// Counts of a campaign's assessments by stage.
pub fn progress(assessments: &[assessment_entity::Model], today: NaiveDate) -> CampaignProgress {
    let mut progress = CampaignProgress { total: assessments.len(), ..Default::default() };
    for a in assessments {
        let status = a.status;
        match status {
            AssessmentStatus::Draft => progress.draft += 1,
            AssessmentStatus::Sent => progress.sent += 1,
            AssessmentStatus::InProgress | AssessmentStatus::Returned => progress.in_progress += 1,
            AssessmentStatus::Submitted | AssessmentStatus::InReview => progress.submitted += 1,
            AssessmentStatus::Completed => progress.completed += 1,
            AssessmentStatus::Cancelled => progress.cancelled += 1,
        }
        let waiting =
            matches!(status, AssessmentStatus::Sent | AssessmentStatus::InProgress | AssessmentStatus::Returned);
        if waiting && a.due_date.is_some_and(|due| due < today) {
            progress.overdue += 1;
        }
    }
    progress
}
