//! SCIM users: a user of the organisation is a SCIM User whose `userName` is the e-mail.
use super::require_scim;
use crate::auth::Caller;
use crate::db::begin_write;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult};
use crate::service::identity::auth::end_sessions;
use crate::service::identity::sso::provider;
use crate::service::kernel::{audit, lookup, now, validate};
use entity::{identity_provider, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

/// What a SCIM request says of a user.
#[derive(Clone, Debug, Default)]
pub struct UserInput {
    pub user_name: String,
    pub display_name: Option<String>,
    pub active: Option<bool>,
}

fn provisioned(caller: &Caller) -> sea_orm::Select<user::Entity> {
    lookup::scoped::<user::Entity>(caller).filter(user::Column::DeprovisionedAt.is_null())
}

/// The organisation's users, optionally only the one of a `userName`, a page at a time.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    user_name: Option<&str>,
    start: u64,
    count: u64,
) -> ApiResult<(u64, Vec<user::Model>)> {
    require_scim(caller)?;
    let mut select = provisioned(caller);
    if let Some(name) = user_name {
        select = select.filter(user::Column::Email.eq(name.trim().to_lowercase()));
    }
    let total = select.clone().count(db).await?;
    let page = select
        .order_by_asc(user::Column::CreatedAt)
        .order_by_asc(user::Column::Id)
        .offset(start)
        .limit(count)
        .all(db)
        .await?;
    Ok((total, page))
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<user::Model> {
    require_scim(caller)?;
    provisioned(caller).filter(user::Column::Id.eq(id)).one(db).await?.ok_or(ApiError::NotFound("user"))
}

/// A new user; its role is the organisation's default role for provisioned users (its groups
/// may give it another), viewer if none is set.
pub async fn create(db: &DatabaseConnection, caller: &Caller, input: UserInput) -> ApiResult<user::Model> {
    require_scim(caller)?;
    let email = validate::email(&input.user_name).map_err(|m| ApiError::field("userName", m))?;
    let display_name = input
        .display_name
        .as_deref()
        .map(|n| validate::optional_line(n, 200))
        .transpose()
        .map_err(|m| ApiError::field("displayName", m))?
        .flatten();
    if user::Entity::find().filter(user::Column::Email.eq(&email)).count(db).await? > 0 {
        return Err(ApiError::conflict(Some("userName"), "a user with this userName already exists"));
    }
    let role = identity_provider::Entity::find_by_id(caller.organisation_id)
        .one(db)
        .await?
        .and_then(|p| provider::role_of(&p, &[]))
        .unwrap_or(Role::Viewer);
    // Provisioned users sign in through the provider: their password is one nobody knows.
    let unusable = crate::auth::password::hash_password(crate::auth::secret::random_token()).await?;
    let txn = begin_write(db).await?;
    let created = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        email: Set(email),
        display_name: Set(display_name),
        password_hash: Set(unusable),
        role: Set(role),
        active: Set(input.active.unwrap_or(true)),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        created_at: Set(now()),
        external_subject: Set(None),
        deprovisioned_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "user.create", "user", Some(created.id), json!({"via": "SCIM", "role": role})).await?;
    txn.commit().await?;
    Ok(created)
}

/// Replaces what SCIM may say of a user (PUT): its userName, display name and whether it is active.
pub async fn replace(db: &DatabaseConnection, caller: &Caller, id: Uuid, input: UserInput) -> ApiResult<user::Model> {
    let found = get(db, caller, id).await?;
    let email = validate::email(&input.user_name).map_err(|m| ApiError::field("userName", m))?;
    if email != found.email && user::Entity::find().filter(user::Column::Email.eq(&email)).count(db).await? > 0 {
        return Err(ApiError::conflict(Some("userName"), "a user with this userName already exists"));
    }
    let display_name = input
        .display_name
        .as_deref()
        .map(|n| validate::optional_line(n, 200))
        .transpose()
        .map_err(|m| ApiError::field("displayName", m))?
        .flatten();
    save(db, caller, found, |row| {
        row.email = Set(email);
        row.display_name = Set(display_name);
        row.active = Set(input.active.unwrap_or(true));
    })
    .await
}

/// Activates or deactivates a user (PATCH of `active`).
pub async fn set_active(db: &DatabaseConnection, caller: &Caller, id: Uuid, active: bool) -> ApiResult<user::Model> {
    let found = get(db, caller, id).await?;
    save(db, caller, found, |row| row.active = Set(active)).await
}

/// Deletes a user for SCIM: deactivated at once, every session ended, then gone as a resource.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let found = get(db, caller, id).await?;
    save(db, caller, found, |row| {
        row.active = Set(false);
        row.deprovisioned_at = Set(Some(now()));
    })
    .await
    .map(|_| ())
}

/// Writes a change with its audit event; a user no longer active loses every session.
async fn save(
    db: &DatabaseConnection,
    caller: &Caller,
    before: user::Model,
    change: impl FnOnce(&mut user::ActiveModel),
) -> ApiResult<user::Model> {
    let txn = begin_write(db).await?;
    let mut row = before.clone().into_active_model();
    change(&mut row);
    let after = row.update(&txn).await?;
    if before.active && !after.active {
        end_sessions(&txn, after.id).await?;
    }
    let changes = audit::diff(Some(&before), Some(&after));
    if changes.as_object().is_some_and(|c| !c.is_empty()) {
        audit::record(&txn, caller, "user.update", "user", Some(after.id), changes).await?;
    }
    txn.commit().await?;
    Ok(after)
}
