//! Contacts at a supplier.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiResult, Problems};
use crate::service::kernel::lookup;
use crate::service::register::contact_input::{ContactPatch, NewContact, validate_contact};
use crate::service::{kernel::audit, register::supplier};
use entity::supplier_contact;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel};
use uuid::Uuid;

async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<supplier_contact::Model> {
    lookup::find::<supplier_contact::Entity>(db, caller, id).await
}

pub async fn add(
    db: &DatabaseConnection,
    caller: &Caller,
    supplier_id: Uuid,
    input: NewContact,
) -> ApiResult<supplier_contact::Model> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    supplier::get(&txn, caller, supplier_id).await?;
    let mut row = input.into_row(caller.organisation_id, supplier_id);
    let mut problems = Problems::default();
    validate_contact(&mut row, "input", &mut problems);
    problems.into_result()?;
    let created = row.into_active_model().reset_all().insert(&txn).await?;
    let changes = audit::diff(None, Some(&created));
    audit::record(&txn, caller, "supplier_contact.create", "supplier_contact", Some(created.id), changes).await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    patch: ContactPatch,
) -> ApiResult<supplier_contact::Model> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let mut row = before.clone();
    patch.apply(&mut row);
    let mut problems = Problems::default();
    validate_contact(&mut row, "input", &mut problems);
    problems.into_result()?;
    let after = row.into_active_model().reset_all().update(&txn).await?;
    let changes = audit::diff(Some(&before), Some(&after));
    audit::record(&txn, caller, "supplier_contact.update", "supplier_contact", Some(id), changes).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn remove(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<Uuid> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    supplier_contact::Entity::delete_by_id(id).exec(&txn).await?;
    let changes = audit::diff(Some(&before), None);
    audit::record(&txn, caller, "supplier_contact.delete", "supplier_contact", Some(id), changes).await?;
    txn.commit().await?;
    Ok(id)
}
