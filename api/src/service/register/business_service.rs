//! The organisation's own business services, which depend on suppliers.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::SortDirection;
use crate::error::{ApiError, ApiResult, OnConstraint, Problems};
use crate::service::kernel::page::{self, Page, PageRequest};
use crate::service::kernel::{lookup, unique};
use crate::service::{kernel::audit, kernel::now, kernel::validate, register::dependency, scoring::rescoring};
use async_graphql::MaybeUndefined;
use entity::business_service;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ExprTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

/// A new business service.
#[derive(Clone, Debug, async_graphql::InputObject)]
#[graphql(name = "NewService")]
pub struct NewBusinessService {
    /// Unique within the organisation, e.g. "Customer portal".
    pub name: String,
    /// What the service does.
    pub description: Option<String>,
    /// 1 (low) to 5 (vital to the organisation).
    pub criticality: i32,
    /// The service is essential or important under NIS 2.
    #[graphql(default)]
    pub nis2_critical: bool,
}

/// Changes to a service; omitted fields stay, `null` clears the description.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
#[graphql(name = "ServicePatch")]
pub struct BusinessServicePatch {
    /// New name, unique within the organisation.
    pub name: Option<String>,
    /// Description; null clears it.
    pub description: MaybeUndefined<String>,
    /// 1 (low) to 5 (vital).
    pub criticality: Option<i32>,
    /// Essential or important under NIS 2.
    pub nis2_critical: Option<bool>,
}

/// Narrows the list of services.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
#[graphql(name = "ServiceFilter")]
pub struct BusinessServiceFilter {
    /// Part of the name, case-insensitive.
    pub search: Option<String>,
    /// Only services with (or without) the NIS 2 flag.
    pub nis2_critical: Option<bool>,
    /// Services at least this critical.
    pub min_criticality: Option<i32>,
}

/// Columns services can be sorted by.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[graphql(name = "ServiceOrderField")]
pub enum BusinessServiceOrderField {
    /// Name, alphabetical.
    #[default]
    Name,
    /// Criticality.
    Criticality,
    /// Registration time.
    CreatedAt,
}

/// Sort order of services; ties are broken by id.
#[derive(Clone, Copy, Debug, Default, async_graphql::InputObject)]
#[graphql(name = "ServiceOrder")]
pub struct BusinessServiceOrder {
    /// Column to sort by.
    pub field: BusinessServiceOrderField,
    /// Ascending unless given.
    #[graphql(default_with = "SortDirection::Asc")]
    pub direction: SortDirection,
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<business_service::Model> {
    caller.require(Permission::Read)?;
    lookup::find::<business_service::Entity>(db, caller, id).await
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    filter: BusinessServiceFilter,
    order: BusinessServiceOrder,
    page: PageRequest,
) -> ApiResult<Page<business_service::Model>> {
    caller.require(Permission::Read)?;
    let mut select = lookup::scoped::<business_service::Entity>(caller);
    if let Some(condition) = page::contains_text(business_service::Column::Name, filter.search) {
        select = select.filter(condition);
    }
    if let Some(flag) = filter.nis2_critical {
        select = select.filter(business_service::Column::Nis2Critical.eq(flag));
    }
    if let Some(min) = filter.min_criticality {
        select = select.filter(business_service::Column::Criticality.gte(min));
    }
    let column = match order.field {
        BusinessServiceOrderField::Name => business_service::Column::Name,
        BusinessServiceOrderField::Criticality => business_service::Column::Criticality,
        BusinessServiceOrderField::CreatedAt => business_service::Column::CreatedAt,
    };
    let direction = page::sort_order(order.direction);
    let ordered = select.clone().order_by(column, direction.clone()).order_by(business_service::Column::Id, direction);
    page::fetch(db, select, ordered, page).await
}

fn validate_service(row: &mut business_service::Model, problems: &mut Problems) {
    match validate::required_line(&row.name, 200) {
        Ok(name) => row.name = name,
        Err(m) => problems.add("input.name", m),
    }
    match validate::optional_text(row.description.as_deref().unwrap_or_default(), 5000) {
        Ok(description) => row.description = description,
        Err(m) => problems.add("input.description", m),
    }
    if !(1..=5).contains(&row.criticality) {
        problems.add("input.criticality", "must be between 1 (low) and 5 (vital)");
    }
}

async fn check_unique_name<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    row: &business_service::Model,
) -> ApiResult<()> {
    let lowered = Expr::expr(Func::lower(Expr::col(business_service::Column::Name)));
    let clash = lookup::scoped::<business_service::Entity>(caller)
        .filter(lowered.eq(row.name.to_lowercase()))
        .filter(business_service::Column::Id.ne(row.id))
        .count(db)
        .await?;
    if clash > 0 {
        return Err(name_taken(&row.name));
    }
    Ok(())
}

fn name_taken(name: &str) -> ApiError {
    ApiError::conflict(Some("input.name"), format!("a service named \"{name}\" already exists"))
}

pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: NewBusinessService,
) -> ApiResult<business_service::Model> {
    caller.require(Permission::WriteRegister)?;
    let mut row = business_service::Model {
        id: Uuid::new_v4(),
        organisation_id: caller.organisation_id,
        name: input.name,
        description: input.description,
        criticality: input.criticality,
        nis2_critical: input.nis2_critical,
        created_at: now(),
        updated_at: now(),
    };
    let mut problems = Problems::default();
    validate_service(&mut row, &mut problems);
    problems.into_result()?;
    let txn = begin_write(db).await?;
    check_unique_name(&txn, caller, &row).await?;
    let name = row.name.clone();
    let created = row
        .into_active_model()
        .reset_all()
        .insert(&txn)
        .await
        .on_constraint(&unique::SERVICE_NAME, || name_taken(&name))?;
    audit::record(&txn, caller, "service.create", "service", Some(created.id), audit::diff(None, Some(&created)))
        .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    patch: BusinessServicePatch,
) -> ApiResult<business_service::Model> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let mut row = before.clone();
    if let Some(name) = patch.name {
        row.name = name;
    }
    match patch.description {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => row.description = None,
        MaybeUndefined::Value(v) => row.description = Some(v),
    }
    if let Some(criticality) = patch.criticality {
        row.criticality = criticality;
    }
    if let Some(flag) = patch.nis2_critical {
        row.nis2_critical = flag;
    }
    let mut problems = Problems::default();
    validate_service(&mut row, &mut problems);
    problems.into_result()?;
    check_unique_name(&txn, caller, &row).await?;
    let changes = audit::diff(Some(&before), Some(&row));
    if changes.as_object().is_none_or(|c| c.is_empty()) {
        return Ok(before);
    }
    row.updated_at = now();
    let name = row.name.clone();
    let after = row
        .into_active_model()
        .reset_all()
        .update(&txn)
        .await
        .on_constraint(&unique::SERVICE_NAME, || name_taken(&name))?;
    audit::record(&txn, caller, "service.update", "service", Some(id), changes).await?;
    if after.criticality != before.criticality {
        rescoring::after_graph_change(&txn, caller, id, "service criticality changed").await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Deletes a service and every dependency that touches it.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<Uuid> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let beneath = rescoring::scored_beneath(&txn, caller, id).await?;
    let removed = dependency::delete_touching(&txn, caller, id).await?;
    business_service::Entity::delete_by_id(id).exec(&txn).await?;
    rescoring::rescore_or_queue(&txn, caller, &beneath, "service removed").await?;
    let mut changes = audit::diff(Some(&before), None);
    if let Some(map) = changes.as_object_mut() {
        map.insert("removedDependencies".into(), serde_json::json!(removed));
    }
    audit::record(&txn, caller, "service.delete", "service", Some(id), changes).await?;
    txn.commit().await?;
    Ok(id)
}
