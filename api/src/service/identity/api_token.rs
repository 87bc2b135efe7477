//! API tokens for GRC tools: created by an admin, shown once, stored hashed, revocable.
use crate::auth::secret::{API_TOKEN_PREFIX, random_token, token_hash};
use crate::auth::{Actor, Caller, Permission};
use crate::db::begin_write;
use crate::domain::ApiTokenScope;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::kernel::lookup;
use crate::service::{kernel::audit, kernel::now, kernel::validate};
use chrono::{DateTime, Duration, Utc};
use entity::api_token;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

/// A new API token.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewApiToken {
    /// What the token is for, e.g. "GRC sync (ServiceNow)".
    pub name: String,
    /// What the token may do.
    pub scope: ApiTokenScope,
    /// When the token stops working; never, if omitted.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Returns the stored token and the clear token, which is never shown again.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: NewApiToken,
) -> ApiResult<(api_token::Model, String)> {
    caller.require(crate::auth::Permission::Administer)?;
    let created_by = caller.user_id().ok_or(ApiError::Forbidden("only a person may create API tokens"))?;
    let mut problems = Problems::default();
    let name = validate::required_line(&input.name, 100).unwrap_or_else(|m| {
        problems.add("input.name", m);
        String::new()
    });
    if input.expires_at.is_some_and(|at| at <= now()) {
        problems.add("input.expiresAt", "must be in the future");
    }
    problems.into_result()?;
    let token = format!("{API_TOKEN_PREFIX}{}", random_token());
    let txn = begin_write(db).await?;
    let model = api_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        name: Set(name),
        prefix: Set(token.chars().take(10).collect()),
        token_hash: Set(token_hash(&token)),
        scope: Set(input.scope),
        created_by: Set(created_by),
        created_at: Set(now()),
        expires_at: Set(input.expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "api_token.create", "api_token", Some(model.id), audit::diff(None, Some(&model)))
        .await?;
    txn.commit().await?;
    Ok((model, token))
}

pub async fn list(db: &DatabaseConnection, caller: &Caller) -> ApiResult<Vec<api_token::Model>> {
    caller.require(Permission::Administer)?;
    Ok(lookup::scoped::<api_token::Entity>(caller).order_by_desc(api_token::Column::CreatedAt).all(db).await?)
}

pub async fn revoke(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<api_token::Model> {
    caller.require(Permission::Administer)?;
    let txn = begin_write(db).await?;
    let token = lookup::find::<api_token::Entity>(&txn, caller, id).await?;
    if token.revoked_at.is_some() {
        return Ok(token);
    }
    let mut revoked = token.clone().into_active_model();
    revoked.revoked_at = Set(Some(now()));
    let revoked = revoked.update(&txn).await?;
    audit::record(&txn, caller, "api_token.revoke", "api_token", Some(id), audit::diff(Some(&token), Some(&revoked)))
        .await?;
    txn.commit().await?;
    Ok(revoked)
}

/// The caller a presented API token stands for, if it is known, unrevoked and unexpired.
pub async fn authenticate(db: &DatabaseConnection, token: &str) -> ApiResult<Option<Caller>> {
    let found = api_token::Entity::find().filter(api_token::Column::TokenHash.eq(token_hash(token))).one(db).await?;
    let Some(found) = found.filter(|t| t.revoked_at.is_none() && t.expires_at.is_none_or(|at| at > now())) else {
        return Ok(None);
    };
    let scope = found.scope;
    // Record use at most once a minute: a write per request would throttle a busy integration.
    if found.last_used_at.is_none_or(|at| at < now() - Duration::minutes(1)) {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now()))
            .filter(api_token::Column::Id.eq(found.id))
            .exec(db)
            .await?;
    }
    Ok(Some(Caller {
        organisation_id: found.organisation_id,
        actor: Actor::ApiToken { id: found.id, name: found.name, scope },
    }))
}
