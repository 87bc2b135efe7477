//! The findings board: every finding of the organisation, filtered by supplier, by service
//! (the findings of every supplier beneath it, through the graph), owner, severity, status
//! and overdue, most urgent first, in pages.
use crate::auth::{Caller, Permission};
use crate::domain::UNRESOLVED_FINDINGS;
use crate::domain::{FindingStatus, Severity};
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::kernel::page::{self, Page, PageRequest};
use crate::service::{register::supplier, supply_chain::graph};
use entity::finding;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// Which findings to show; every criterion narrows the list.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct FindingFilter {
    /// One supplier's findings.
    pub supplier_id: Option<Uuid>,
    /// The findings of every supplier beneath this service, directly or through others.
    pub service_id: Option<Uuid>,
    /// Any of these severities.
    pub severity: Option<Vec<Severity>>,
    /// Any of these statuses.
    pub status: Option<Vec<FindingStatus>>,
    /// Only unresolved findings past their due date (true), or none of those (false).
    pub overdue: Option<bool>,
    /// Findings this user owns.
    pub owner_id: Option<Uuid>,
    /// Due on or after this day.
    pub due_from: Option<chrono::NaiveDate>,
    /// Due on or before this day.
    pub due_until: Option<chrono::NaiveDate>,
}

pub async fn board<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    filter: FindingFilter,
    page: PageRequest,
) -> ApiResult<Page<finding::Model>> {
    caller.require(Permission::Read)?;
    let mut problems = Problems::default();
    if let (Some(from), Some(until)) = (filter.due_from, filter.due_until)
        && from > until
    {
        problems.add("filter.dueUntil", format!("{until} is before dueFrom ({from})"));
    }
    problems.into_result()?;
    let mut condition = Condition::all().add(finding::Column::OrganisationId.eq(caller.organisation_id));
    if let Some(id) = filter.supplier_id {
        supplier::get(db, caller, id).await?;
        condition = condition.add(finding::Column::SupplierId.eq(id));
    }
    if let Some(id) = filter.service_id {
        let loaded = graph::load(db, caller).await?;
        if !loaded.services.contains_key(&id) {
            return Err(ApiError::NotFound("service"));
        }
        let beneath: Vec<Uuid> = loaded.graph.supply_chain(id, u32::MAX).into_iter().map(|r| r.node).collect();
        condition = condition.add(finding::Column::SupplierId.is_in(beneath));
    }
    if let Some(from) = filter.due_from {
        condition = condition.add(finding::Column::DueDate.gte(from));
    }
    if let Some(until) = filter.due_until {
        condition = condition.add(finding::Column::DueDate.lte(until));
    }
    if let Some(owner) = filter.owner_id {
        condition = condition.add(finding::Column::OwnerId.eq(owner));
    }
    if let Some(severities) = filter.severity {
        condition = condition.add(finding::Column::Severity.is_in(severities.iter().copied()));
    }
    if let Some(statuses) = filter.status {
        condition = condition.add(finding::Column::Status.is_in(statuses));
    }
    let today = chrono::Utc::now().date_naive();
    let overdue = Condition::all()
        .add(finding::Column::Status.is_in(UNRESOLVED_FINDINGS))
        .add(finding::Column::DueDate.lt(today));
    match filter.overdue {
        Some(true) => condition = condition.add(overdue),
        Some(false) => condition = condition.add(overdue.not()),
        None => {}
    }
    let filtered = finding::Entity::find().filter(condition);
    let ordered = filtered.clone().order_by_asc(finding::Column::DueDate).order_by_asc(finding::Column::Id);
    page::fetch(db, filtered, ordered, page).await
}
