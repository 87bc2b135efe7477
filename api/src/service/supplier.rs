//! The supplier register: create, change, move through the life cycle, delete, list.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::{DataSensitivity, Rating, SortDirection, SupplierStatus};
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::page::{self, Page, PageRequest};
use crate::service::supplier_input::{NewSupplier, SupplierPatch, validate_contact, validate_supplier};
use crate::service::{audit, dependency, now, rescoring, validate};
use entity::{supplier, supplier_contact, user};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ExprTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, Select,
};
use serde_json::json;
use uuid::Uuid;

/// Narrows the supplier register. Conditions combine with AND; lists match any of their values.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct SupplierFilter {
    /// Any of these statuses.
    pub status: Option<Vec<SupplierStatus>>,
    /// Exact category, case-insensitive.
    pub category: Option<String>,
    /// ISO 3166-1 alpha-2 country codes.
    pub country: Option<Vec<String>>,
    /// Any of these data sensitivities.
    pub data_sensitivity: Option<Vec<DataSensitivity>>,
    /// Only NIS 2 relevant suppliers (or only the others).
    pub nis2_relevant: Option<bool>,
    /// Part of the legal name, case-insensitive.
    pub search: Option<String>,
    /// Any of these ratings (of the newest score).
    pub rating: Option<Vec<Rating>>,
    /// Suppliers never scored: true adds them to `rating` (or, without `rating`, gives only
    /// them); false leaves them out.
    pub unrated: Option<bool>,
    /// One cell of the portfolio's heat map: inherent and residual risk levels 1-5 (each the
    /// risk rounded, at least 1).
    pub heat: Option<HeatCellFilter>,
}

/// A heat map cell: the suppliers whose newest inherent and residual risk round to these levels.
#[derive(Clone, Copy, Debug, async_graphql::InputObject)]
pub struct HeatCellFilter {
    /// Inherent risk level, 1-5.
    pub inherent: u8,
    /// Residual risk level, 1-5.
    pub residual: u8,
}

/// The risks that round to `level` (1-5, as the heat map counts them): [level - 0.5, level + 0.5),
/// with level 1 taking everything below 1.5 and level 5 everything from 4.5.
fn level_condition(column: supplier::Column, level: u8) -> sea_orm::Condition {
    let level = f64::from(level.clamp(1, 5));
    let mut condition = sea_orm::Condition::all().add(column.is_not_null());
    if level > 1.0 {
        condition = condition.add(column.gte(level - 0.5));
    }
    if level < 5.0 {
        condition = condition.add(column.lt(level + 0.5));
    }
    condition
}

/// Columns the register can be sorted by.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SupplierOrderField {
    /// Legal name, alphabetical.
    #[default]
    LegalName,
    /// Country code.
    Country,
    /// Life-cycle status.
    Status,
    /// Category.
    Category,
    /// Registration time.
    CreatedAt,
    /// Time of the last change.
    UpdatedAt,
}

/// Sort order of the register; ties are broken by id so that pages never overlap.
#[derive(Clone, Copy, Debug, Default, async_graphql::InputObject)]
pub struct SupplierOrder {
    /// Column to sort by.
    pub field: SupplierOrderField,
    /// Ascending unless given.
    #[graphql(default_with = "SortDirection::Asc")]
    pub direction: SortDirection,
}

pub fn scoped(caller: &Caller) -> Select<supplier::Entity> {
    supplier::Entity::find().filter(supplier::Column::OrganisationId.eq(caller.organisation_id))
}

/// The caller's suppliers matching `filter` (campaigns choose their suppliers with it too).
pub fn filtered(caller: &Caller, filter: SupplierFilter) -> Select<supplier::Entity> {
    let mut select = scoped(caller);
    if let Some(statuses) = filter.status {
        select = select.filter(supplier::Column::Status.is_in(statuses.iter().map(|s| s.as_db())));
    }
    if let Some(category) = filter.category {
        let lowered = Expr::expr(Func::lower(Expr::col(supplier::Column::Category)));
        select = select.filter(lowered.eq(category.trim().to_lowercase()));
    }
    if let Some(countries) = filter.country {
        select = select.filter(supplier::Column::Country.is_in(countries.iter().map(|c| c.trim().to_uppercase())));
    }
    if let Some(levels) = filter.data_sensitivity {
        select = select.filter(supplier::Column::DataSensitivity.is_in(levels.iter().map(|s| s.as_db())));
    }
    if let Some(relevant) = filter.nis2_relevant {
        select = select.filter(supplier::Column::Nis2Relevant.eq(relevant));
    }
    if let Some(condition) = page::contains_text(supplier::Column::LegalName, filter.search) {
        select = select.filter(condition);
    }
    if let Some(cell) = filter.heat {
        select = select
            .filter(level_condition(supplier::Column::InherentRisk, cell.inherent))
            .filter(level_condition(supplier::Column::ResidualRisk, cell.residual));
    }
    let rated = filter.rating.map(|ratings| supplier::Column::Rating.is_in(ratings.iter().map(|r| r.as_db())));
    let never = supplier::Column::Rating.is_null();
    match (rated, filter.unrated) {
        (Some(rated), Some(true)) => select = select.filter(sea_orm::Condition::any().add(rated).add(never)),
        (Some(rated), _) => select = select.filter(rated),
        (None, Some(true)) => select = select.filter(never),
        (None, Some(false)) => select = select.filter(supplier::Column::Rating.is_not_null()),
        (None, None) => {}
    }
    select
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<supplier::Model> {
    caller.require(Permission::Read)?;
    scoped(caller).filter(supplier::Column::Id.eq(id)).one(db).await?.ok_or(ApiError::NotFound("supplier"))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    filter: SupplierFilter,
    order: SupplierOrder,
    page: PageRequest,
) -> ApiResult<Page<supplier::Model>> {
    caller.require(Permission::Read)?;
    let select = filtered(caller, filter);
    let column = match order.field {
        SupplierOrderField::LegalName => supplier::Column::LegalName,
        SupplierOrderField::Country => supplier::Column::Country,
        SupplierOrderField::Status => supplier::Column::Status,
        SupplierOrderField::Category => supplier::Column::Category,
        SupplierOrderField::CreatedAt => supplier::Column::CreatedAt,
        SupplierOrderField::UpdatedAt => supplier::Column::UpdatedAt,
    };
    let direction = page::sort_order(order.direction);
    let ordered = select.clone().order_by(column, direction.clone()).order_by(supplier::Column::Id, direction);
    page::fetch(db, select, ordered, page).await
}

pub async fn create(db: &DatabaseConnection, caller: &Caller, input: NewSupplier) -> ApiResult<supplier::Model> {
    caller.require(Permission::WriteRegister)?;
    let (mut row, contacts) = input.into_row(caller.organisation_id);
    let mut problems = Problems::default();
    validate_supplier(&mut row, "input", &mut problems);
    let mut contact_rows: Vec<supplier_contact::Model> =
        contacts.into_iter().map(|c| c.into_row(caller.organisation_id, row.id)).collect();
    for (i, contact) in contact_rows.iter_mut().enumerate() {
        validate_contact(contact, &format!("input.contacts[{i}]"), &mut problems);
    }
    let txn = begin_write(db).await?;
    check_owner(&txn, caller, row.owner_id, "input.ownerId", &mut problems).await?;
    problems.into_result()?;
    let created = row.clone().into_active_model().reset_all().insert(&txn).await?;
    audit::record(&txn, caller, "supplier.create", "supplier", Some(created.id), audit::diff(None, Some(&created)))
        .await?;
    for contact in contact_rows {
        let contact = contact.into_active_model().reset_all().insert(&txn).await?;
        let changes = audit::diff(None, Some(&contact));
        audit::record(&txn, caller, "supplier_contact.create", "supplier_contact", Some(contact.id), changes).await?;
    }
    txn.commit().await?;
    Ok(created)
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    patch: SupplierPatch,
) -> ApiResult<supplier::Model> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let mut row = before.clone();
    patch.apply(&mut row);
    let mut problems = Problems::default();
    validate_supplier(&mut row, "input", &mut problems);
    if row.owner_id != before.owner_id {
        check_owner(&txn, caller, row.owner_id, "input.ownerId", &mut problems).await?;
    }
    problems.into_result()?;
    let changes = audit::diff(Some(&before), Some(&row));
    if changes.as_object().is_none_or(|c| c.is_empty()) {
        return Ok(before);
    }
    row.updated_at = now();
    let after = row.into_active_model().reset_all().update(&txn).await?;
    audit::record(&txn, caller, "supplier.update", "supplier", Some(id), changes).await?;
    let tier = |s: &supplier::Model| {
        (s.data_sensitivity.clone(), s.access_level.clone(), s.substitutability.clone(), s.nis2_relevant)
    };
    if tier(&before) != tier(&after) {
        rescoring::rescore(&txn, caller, &[id], "tier profile changed").await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Moves a supplier along its life cycle; only the transitions of
/// [`SupplierStatus::allowed_next`] are legal.
pub async fn change_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    status: SupplierStatus,
    reason: Option<String>,
) -> ApiResult<supplier::Model> {
    caller.require(Permission::WriteRegister)?;
    let reason = validate::optional_text(reason.as_deref().unwrap_or_default(), 1000)
        .map_err(|m| ApiError::field("reason", m))?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let current = SupplierStatus::from_db(&before.status).unwrap_or(SupplierStatus::Prospect);
    if !current.allowed_next().contains(&status) {
        let allowed: Vec<&str> = current.allowed_next().iter().map(|s| s.as_db()).collect();
        return Err(ApiError::field(
            "status",
            format!(
                "a supplier cannot go from {} to {}; allowed: {}",
                current.as_db(),
                status.as_db(),
                allowed.join(", ")
            ),
        ));
    }
    let mut row = before.clone();
    row.status = status.as_db().to_owned();
    row.updated_at = now();
    let after = row.into_active_model().reset_all().update(&txn).await?;
    let mut changes = audit::diff(Some(&before), Some(&after));
    if let (Some(map), Some(reason)) = (changes.as_object_mut(), reason) {
        map.insert("reason".into(), json!(reason));
    }
    audit::record(&txn, caller, "supplier.status_change", "supplier", Some(id), changes).await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a supplier with its contacts and every dependency that touches it.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<Uuid> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let assessments =
        entity::assessment::Entity::find().filter(entity::assessment::Column::SupplierId.eq(id)).count(&txn).await?;
    if assessments > 0 {
        // Assessments, scores and findings are evidence for audits: they outlive nothing.
        return Err(ApiError::conflict(
            None,
            format!(
                "the supplier has {assessments} assessment(s); change its status to terminated instead of deleting it"
            ),
        ));
    }
    let mut beneath = rescoring::scored_beneath(&txn, caller, id).await?;
    beneath.retain(|s| *s != id);
    let removed_edges = dependency::delete_touching(&txn, caller, id).await?;
    supplier_contact::Entity::delete_many().filter(supplier_contact::Column::SupplierId.eq(id)).exec(&txn).await?;
    supplier::Entity::delete_by_id(id).exec(&txn).await?;
    rescoring::rescore_or_queue(&txn, caller, &beneath, "supplier removed").await?;
    let mut changes = audit::diff(Some(&before), None);
    if let Some(map) = changes.as_object_mut() {
        map.insert("removedDependencies".into(), json!(removed_edges));
    }
    audit::record(&txn, caller, "supplier.delete", "supplier", Some(id), changes).await?;
    txn.commit().await?;
    Ok(id)
}

/// The owner must be a user of the caller's organisation.
async fn check_owner<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    owner_id: Option<Uuid>,
    field: &str,
    problems: &mut Problems,
) -> ApiResult<()> {
    let Some(owner_id) = owner_id else { return Ok(()) };
    let found = user::Entity::find_by_id(owner_id)
        .filter(user::Column::OrganisationId.eq(caller.organisation_id))
        .count(db)
        .await?;
    if found == 0 {
        problems.add(field, "no user of your organisation has this id");
    }
    Ok(())
}
