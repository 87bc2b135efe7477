//! People of an organisation: creation (by an admin or the CLI), roles, deactivation.
use crate::auth::password::{MIN_PASSWORD_LENGTH, hash_password};
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, OnConstraint, Problems};
use crate::service::kernel::{lookup, unique};
use crate::service::{kernel::audit, kernel::now, kernel::validate};
use entity::{organisation, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

/// A new user of the caller's organisation.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewUser {
    /// Sign-in e-mail, unique across Chainward.
    pub email: String,
    /// Name shown in the portal and the audit log.
    pub display_name: Option<String>,
    /// What the user may do.
    pub role: Role,
    /// At least 12 characters.
    pub password: String,
}

/// Changes to a user; omitted fields stay as they are.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct UserPatch {
    /// New display name.
    pub display_name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// `false` signs the user out everywhere and blocks sign-in.
    pub active: Option<bool>,
}

/// A validated new user with its password hashed, ready to insert.
pub struct PreparedUser {
    email: String,
    display_name: Option<String>,
    role: Role,
    password_hash: String,
}

/// Validates every field (all problems at once) and hashes the password.
pub async fn prepare(input: NewUser) -> ApiResult<PreparedUser> {
    let mut problems = Problems::default();
    let email = validate::email(&input.email).unwrap_or_else(|m| {
        problems.add("input.email", m);
        String::new()
    });
    let display_name =
        validate::optional_line(input.display_name.as_deref().unwrap_or_default(), 200).unwrap_or_else(|m| {
            problems.add("input.displayName", m);
            None
        });
    if input.password.chars().count() < MIN_PASSWORD_LENGTH {
        problems.add("input.password", format!("must be at least {MIN_PASSWORD_LENGTH} characters"));
    }
    problems.into_result()?;
    let password_hash = hash_password(input.password).await?;
    Ok(PreparedUser { email, display_name, role: input.role, password_hash })
}

pub async fn create(db: &DatabaseConnection, caller: &Caller, input: NewUser) -> ApiResult<user::Model> {
    caller.require(Permission::Administer)?;
    let prepared = prepare(input).await?;
    let txn = begin_write(db).await?;
    let model = insert(&txn, caller, prepared).await?;
    txn.commit().await?;
    Ok(model)
}

async fn insert<C: ConnectionTrait>(db: &C, caller: &Caller, user: PreparedUser) -> ApiResult<user::Model> {
    let email_taken = || ApiError::conflict(Some("input.email"), "a user with this e-mail already exists");
    if user::Entity::find().filter(user::Column::Email.eq(&user.email)).count(db).await? > 0 {
        return Err(email_taken());
    }
    let model = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        email: Set(user.email),
        display_name: Set(user.display_name),
        password_hash: Set(user.password_hash),
        role: Set(user.role),
        active: Set(true),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        external_subject: Set(None),
        deprovisioned_at: Set(None),
        created_at: Set(now()),
    }
    .insert(db)
    .await
    .on_constraint(&unique::USER_EMAIL, email_taken)?;
    audit::record(db, caller, "user.create", "user", Some(model.id), audit::diff(None, Some(&model))).await?;
    Ok(model)
}

pub async fn list<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<user::Model>> {
    caller.require(Permission::Read)?;
    Ok(lookup::scoped::<user::Entity>(caller).order_by_asc(user::Column::Email).all(db).await?)
}

/// The caller's own organisation.
pub async fn organisation<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<organisation::Model> {
    organisation::Entity::find_by_id(caller.organisation_id).one(db).await?.ok_or(ApiError::NotFound("organisation"))
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<user::Model> {
    lookup::find::<user::Entity>(db, caller, id).await
}

pub async fn update(db: &DatabaseConnection, caller: &Caller, id: Uuid, patch: UserPatch) -> ApiResult<user::Model> {
    caller.require(Permission::Administer)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let mut model = before.clone().into_active_model();
    if let Some(name) = patch.display_name {
        let name = validate::optional_line(&name, 200).map_err(|m| ApiError::field("input.displayName", m))?;
        model.display_name = Set(name);
    }
    if let Some(role) = patch.role {
        model.role = Set(role);
    }
    if let Some(active) = patch.active {
        model.active = Set(active);
    }
    let after = model.update(&txn).await?;
    let was_admin = before.role == Role::Admin && before.active;
    let is_admin = after.role == Role::Admin && after.active;
    if was_admin && !is_admin && active_admins(&txn, caller.organisation_id).await? == 0 {
        return Err(ApiError::field("input.role", "the organisation must keep at least one active administrator"));
    }
    if before.active && !after.active {
        crate::service::identity::auth::end_sessions(&txn, id).await?;
    }
    audit::record(&txn, caller, "user.update", "user", Some(id), audit::diff(Some(&before), Some(&after))).await?;
    txn.commit().await?;
    Ok(after)
}

async fn active_admins<C: ConnectionTrait>(db: &C, organisation_id: Uuid) -> ApiResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Role.eq(Role::Admin))
        .filter(user::Column::Active.eq(true))
        .count(db)
        .await?)
}

/// For `chainward create-user`: the user, in the organisation of that name (created when
/// missing), in one transaction, so that a refused user leaves no empty organisation behind.
pub async fn create_with_organisation(
    db: &DatabaseConnection,
    organisation: &str,
    input: NewUser,
) -> ApiResult<(organisation::Model, user::Model)> {
    let name = validate::required_line(organisation, 200).map_err(|m| ApiError::field("organisation", m))?;
    let prepared = prepare(input).await?;
    let txn = begin_write(db).await?;
    let existing = organisation::Entity::find().filter(organisation::Column::Name.eq(&name)).one(&txn).await?;
    let organisation = match existing {
        Some(organisation) => organisation,
        None => {
            let created = organisation::ActiveModel {
                id: Set(Uuid::new_v4()),
                name: Set(name),
                settings: Set(None),
                created_at: Set(now()),
            }
            .insert(&txn)
            .await?;
            let changes = audit::diff(None, Some(&created));
            let caller = Caller::system(created.id, "cli");
            audit::record(&txn, &caller, "organisation.create", "organisation", Some(created.id), changes).await?;
            created
        }
    };
    let user = insert(&txn, &Caller::system(organisation.id, "cli"), prepared).await?;
    txn.commit().await?;
    Ok((organisation, user))
}
