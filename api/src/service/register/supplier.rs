//! A supplier in the register: created, changed, moved through its life cycle, deleted. Finding
//! suppliers is `supplier_filter`.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::Moves;
use crate::domain::SupplierStatus;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::kernel::lookup;
use crate::service::register::contact_input::validate_contact;
use crate::service::register::supplier_input::{NewSupplier, SupplierPatch, validate_supplier};
use crate::service::{kernel::audit, kernel::now, kernel::validate, register::dependency, scoring::rescoring};
use entity::{supplier, supplier_contact, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<supplier::Model> {
    caller.require(Permission::Read)?;
    lookup::find::<supplier::Entity>(db, caller, id).await
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
    let tier = |s: &supplier::Model| (s.data_sensitivity, s.access_level, s.substitutability, s.nis2_relevant);
    if tier(&before) != tier(&after) {
        rescoring::rescore(&txn, caller, &[id], "tier profile changed").await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Moves a supplier along its life cycle; only the transitions of
/// [`Moves::allowed_next`] are legal.
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
    let current = before.status;
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
    row.status = status;
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
    let found = lookup::scoped::<user::Entity>(caller).filter(user::Column::Id.eq(owner_id)).count(db).await?;
    if found == 0 {
        problems.add(field, "no user of your organisation has this id");
    }
    Ok(())
}
