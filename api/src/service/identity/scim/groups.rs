//! SCIM groups: kept as the provider sends them; whenever a group's members or name change,
//! its members get the role the organisation maps their groups to (`identity_provider`'s
//! mapping, the same as at sign-in).
use super::require_scim;
use crate::auth::Caller;
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult};
use crate::service::identity::sso::provider;
use crate::service::kernel::{audit, lookup, now, validate};
use entity::{identity_provider, scim_group, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use std::collections::BTreeSet;
use uuid::Uuid;

/// What a SCIM request says of a group.
#[derive(Clone, Debug, Default)]
pub struct GroupInput {
    pub display_name: String,
    pub external_id: Option<String>,
    pub members: Vec<Uuid>,
}

pub fn members(group: &scim_group::Model) -> Vec<Uuid> {
    serde_json::from_value(group.members.clone()).unwrap_or_default()
}

pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    display_name: Option<&str>,
    start: u64,
    count: u64,
) -> ApiResult<(u64, Vec<scim_group::Model>)> {
    require_scim(caller)?;
    let mut select = lookup::scoped::<scim_group::Entity>(caller);
    if let Some(name) = display_name {
        select = select.filter(scim_group::Column::DisplayName.eq(name));
    }
    let total = select.clone().count(db).await?;
    let page = select
        .order_by_asc(scim_group::Column::CreatedAt)
        .order_by_asc(scim_group::Column::Id)
        .offset(start)
        .limit(count)
        .all(db)
        .await?;
    Ok((total, page))
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<scim_group::Model> {
    require_scim(caller)?;
    lookup::find::<scim_group::Entity>(db, caller, id).await
}

/// Members must be provisioned users of the organisation.
async fn checked(db: &DatabaseConnection, caller: &Caller, input: GroupInput) -> ApiResult<GroupInput> {
    let display_name =
        validate::required_line(&input.display_name, 200).map_err(|m| ApiError::field("displayName", m))?;
    let mut members: Vec<Uuid> = input.members.into_iter().collect::<BTreeSet<_>>().into_iter().collect();
    let known = lookup::scoped::<user::Entity>(caller)
        .filter(user::Column::Id.is_in(members.clone()))
        .filter(user::Column::DeprovisionedAt.is_null())
        .count(db)
        .await?;
    if known as usize != members.len() {
        return Err(ApiError::field("members", "every member must be a user of your organisation"));
    }
    members.sort();
    Ok(GroupInput { display_name, external_id: input.external_id, members })
}

pub async fn create(db: &DatabaseConnection, caller: &Caller, input: GroupInput) -> ApiResult<scim_group::Model> {
    require_scim(caller)?;
    let input = checked(db, caller, input).await?;
    let txn = begin_write(db).await?;
    let created = scim_group::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        display_name: Set(input.display_name),
        external_id: Set(input.external_id),
        members: Set(json!(input.members)),
        created_at: Set(now()),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "scim_group.create", "scim_group", Some(created.id), audit::diff(None, Some(&created)))
        .await?;
    assign_roles(&txn, caller, &members(&created)).await?;
    txn.commit().await?;
    Ok(created)
}

/// Replaces a group (PUT, or a PATCH already applied to its members).
pub async fn replace(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: GroupInput,
) -> ApiResult<scim_group::Model> {
    let before = get(db, caller, id).await?;
    let input = checked(db, caller, input).await?;
    let txn = begin_write(db).await?;
    let mut row = before.clone().into_active_model();
    row.display_name = Set(input.display_name);
    row.external_id = Set(input.external_id.or(before.external_id.clone()));
    row.members = Set(json!(input.members));
    row.updated_at = Set(now());
    let after = row.update(&txn).await?;
    audit::record(&txn, caller, "scim_group.update", "scim_group", Some(id), audit::diff(Some(&before), Some(&after)))
        .await?;
    let touched: BTreeSet<Uuid> = members(&before).into_iter().chain(members(&after)).collect();
    assign_roles(&txn, caller, &touched.into_iter().collect::<Vec<_>>()).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let before = get(db, caller, id).await?;
    let txn = begin_write(db).await?;
    scim_group::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "scim_group.delete", "scim_group", Some(id), audit::diff(Some(&before), None)).await?;
    assign_roles(&txn, caller, &members(&before)).await?;
    txn.commit().await?;
    Ok(())
}

/// Gives each user the role its groups map to (the provider's mapping); a user none of whose
/// groups is mapped gets the default role, or keeps its role when there is none.
async fn assign_roles(txn: &DatabaseTransaction, caller: &Caller, users: &[Uuid]) -> ApiResult<()> {
    let Some(settings) = identity_provider::Entity::find_by_id(caller.organisation_id).one(txn).await? else {
        return Ok(());
    };
    let groups = lookup::scoped::<scim_group::Entity>(caller).all(txn).await?;
    // The members read at once, not one query each.
    let found =
        lookup::scoped::<user::Entity>(caller).filter(user::Column::Id.is_in(users.iter().copied())).all(txn).await?;
    for found in found {
        let id = found.id;
        let names: Vec<String> =
            groups.iter().filter(|g| members(g).contains(&id)).map(|g| g.display_name.clone()).collect();
        let Some(role) = provider::role_of(&settings, &names) else { continue };
        if role != found.role {
            let before = found.clone();
            let mut row = found.into_active_model();
            row.role = Set(role);
            let after = row.update(txn).await?;
            audit::record(txn, caller, "user.update", "user", Some(after.id), audit::diff(Some(&before), Some(&after)))
                .await?;
        }
    }
    Ok(())
}
