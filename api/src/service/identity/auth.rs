//! Sign-in, token refresh with rotation and reuse detection, sign-out, and turning a request's
//! bearer credential into a [`Caller`].
use crate::auth::jwt::JwtKeys;
use crate::auth::secret::{API_TOKEN_PREFIX, random_token, token_hash};
use crate::auth::{Actor, Caller, RequestAuth, password};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult};
use crate::service::identity::sso;
use crate::service::{kernel::audit, kernel::now};
use chrono::Duration;
use entity::{identity_provider, refresh_token, user};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

/// Failed logins in a row before an account is locked for a while.
pub const MAX_FAILED_LOGINS: i32 = 5;
pub const REFRESH_TOKEN_TTL_DAYS: i64 = 30;

const BAD_CREDENTIALS: &str =
    "e-mail or password is not correct (after several failed attempts an account is locked for a few minutes)";
const BAD_REFRESH: &str = "the refresh token is not valid; sign in again";

/// What a successful login or refresh hands to the client.
pub struct Session {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
    pub user: user::Model,
}

pub async fn login(db: &DatabaseConnection, keys: &JwtKeys, email: &str, password: String) -> ApiResult<Session> {
    let email = email.trim().to_lowercase();
    let Some(user) = user::Entity::find().filter(user::Column::Email.eq(&email)).one(db).await? else {
        password::verify_decoy(password).await?;
        return Err(ApiError::Unauthenticated(BAD_CREDENTIALS));
    };
    // A locked account answers as an unknown one, after as long: no one learns which e-mail
    // addresses have accounts.
    if locked(&user) {
        password::verify_decoy(password).await?;
        return Err(ApiError::Unauthenticated(BAD_CREDENTIALS));
    }
    let matches = password::verify_password(password, user.password_hash.clone()).await?;
    let caller = user_caller(&user);
    let txn = begin_write(db).await?;
    if !matches || !user.active {
        // Counted in SQL, so that parallel guesses each count: read-then-write lost them.
        user::Entity::update_many()
            .col_expr(user::Column::FailedLogins, Expr::col(user::Column::FailedLogins).add(1))
            .filter(user::Column::Id.eq(user.id))
            .exec(&txn)
            .await?;
        let counted = user::Entity::find_by_id(user.id).one(&txn).await?.ok_or(ApiError::NotFound("user"))?;
        let failures = counted.failed_logins;
        if failures >= MAX_FAILED_LOGINS {
            // Doubling lockout: 1, 2, 4 ... minutes, at most an hour.
            let minutes = 1i64 << Ord::min(failures - MAX_FAILED_LOGINS, 6);
            let mut lock = counted.into_active_model();
            lock.locked_until = Set(Some(now() + Duration::minutes(Ord::min(minutes, 60))));
            lock.update(&txn).await?;
        }
        audit::record(&txn, &caller, "auth.login_failed", "user", Some(user.id), json!({"failures": failures})).await?;
        txn.commit().await?;
        return Err(ApiError::Unauthenticated(BAD_CREDENTIALS));
    }
    // The right password during a lock (sent beside the guesses that caused it) is refused too.
    let current = user::Entity::find_by_id(user.id).one(&txn).await?.ok_or(ApiError::NotFound("user"))?;
    if locked(&current) {
        return Err(ApiError::Unauthenticated(BAD_CREDENTIALS));
    }
    // Where the organisation signs in through its identity provider, a password is for the
    // break-glass administrators only (checked after the password, so that it tells nothing).
    // People at other e-mail domains cannot reach the provider: their password still works.
    let domain = current.email.rsplit_once('@').map(|(_, d)| d.to_owned()).unwrap_or_default();
    if let Some(provider) = identity_provider::Entity::find_by_id(current.organisation_id).one(&txn).await?
        && provider.sso_required
        && sso::provider::domains(&provider).contains(&domain)
        && !sso::provider::break_glass(&provider).contains(&current.email)
    {
        return Err(ApiError::Forbidden(
            "your organisation signs in through its identity provider: choose \"Sign in with single sign-on\"",
        ));
    }
    let mut signed_in = current.into_active_model();
    signed_in.failed_logins = Set(0);
    signed_in.locked_until = Set(None);
    signed_in.last_login_at = Set(Some(now()));
    let user = signed_in.update(&txn).await?;
    audit::record(&txn, &caller, "auth.login", "user", Some(user.id), json!({})).await?;
    let session = session_in(&txn, keys, user).await?;
    txn.commit().await?;
    Ok(session)
}

/// A new session (sign-in) of a user who proved who they are, by password or through the
/// identity provider: a refresh token of its own family and an access token.
pub async fn session_in<C: ConnectionTrait>(txn: &C, keys: &JwtKeys, user: user::Model) -> ApiResult<Session> {
    let session = Uuid::new_v4();
    let refresh_token = issue_refresh_token(txn, &user, session).await?;
    let (access_token, expires_in) = keys.issue(user.id, user.organisation_id, session)?;
    Ok(Session { access_token, expires_in, refresh_token, user })
}

fn locked(user: &user::Model) -> bool {
    user.locked_until.is_some_and(|until| until > now())
}

/// Exchanges a refresh token for a new pair. A token can be used once; presenting a used one
/// again means it leaked, so every token of that login is revoked.
pub async fn refresh(db: &DatabaseConnection, keys: &JwtKeys, token: &str) -> ApiResult<Session> {
    let txn = begin_write(db).await?;
    let Some(row) = find_refresh_token(&txn, token).await? else {
        return Err(ApiError::Unauthenticated(BAD_REFRESH));
    };
    if row.revoked_at.is_some() || row.expires_at <= now() {
        return Err(ApiError::Unauthenticated(BAD_REFRESH));
    }
    let user = user::Entity::find_by_id(row.user_id).one(&txn).await?.filter(|u| u.active);
    let Some(user) = user else {
        return Err(ApiError::Unauthenticated(BAD_REFRESH));
    };
    let claimed = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now()))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        revoke_family(&txn, row.family_id).await?;
        let changes = json!({"family": row.family_id});
        audit::record(&txn, &user_caller(&user), "auth.refresh_reuse", "user", Some(user.id), changes).await?;
        txn.commit().await?;
        return Err(ApiError::Unauthenticated(
            "this refresh token was already used; every session of that sign-in has been ended",
        ));
    }
    let refresh_token = issue_refresh_token(&txn, &user, row.family_id).await?;
    audit::record(&txn, &user_caller(&user), "auth.refresh", "user", Some(user.id), json!({})).await?;
    txn.commit().await?;
    let (access_token, expires_in) = keys.issue(user.id, user.organisation_id, row.family_id)?;
    Ok(Session { access_token, expires_in, refresh_token, user })
}

/// Ends the sign-in the refresh token belongs to. Unknown tokens are accepted silently.
pub async fn logout(db: &DatabaseConnection, token: &str) -> ApiResult<()> {
    let txn = begin_write(db).await?;
    if let Some(row) = find_refresh_token(&txn, token).await? {
        revoke_family(&txn, row.family_id).await?;
        if let Some(user) = user::Entity::find_by_id(row.user_id).one(&txn).await? {
            audit::record(&txn, &user_caller(&user), "auth.logout", "user", Some(user.id), json!({})).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Resolves the `Authorization` header. The user is re-read on every request so that a
/// deactivated or demoted user loses access at once, not when the token expires.
pub async fn authenticate(db: &DatabaseConnection, keys: &JwtKeys, headers: &axum::http::HeaderMap) -> RequestAuth {
    let Some(value) = headers.get(axum::http::header::AUTHORIZATION) else {
        return RequestAuth::Anonymous;
    };
    let token = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
    let Some(token) = token.map(str::trim) else {
        return RequestAuth::Invalid;
    };
    let result = if token.starts_with(API_TOKEN_PREFIX) {
        crate::service::identity::api_token::authenticate(db, token).await
    } else {
        authenticate_jwt(db, keys, token).await
    };
    match result {
        Ok(Some(caller)) => RequestAuth::Caller(caller),
        Ok(None) => RequestAuth::Invalid,
        Err(_) => RequestAuth::Invalid,
    }
}

async fn authenticate_jwt(db: &DatabaseConnection, keys: &JwtKeys, token: &str) -> ApiResult<Option<Caller>> {
    let Some(claims) = keys.verify(token) else {
        return Ok(None);
    };
    match claims.kind.as_deref() {
        None => {}
        Some("respondent") => return crate::service::identity::respondent::caller_for_token(db, &claims).await,
        Some(_) => return Ok(None),
    }
    // The sign-in must still be live: logout, deactivation or a reused refresh token end it,
    // and with it every access token issued for it.
    let Some(session) = claims.sid else { return Ok(None) };
    let live = refresh_token::Entity::find()
        .filter(refresh_token::Column::FamilyId.eq(session))
        .filter(refresh_token::Column::UserId.eq(claims.sub))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    if live.is_none() {
        return Ok(None);
    }
    let user = user::Entity::find_by_id(claims.sub)
        .filter(user::Column::OrganisationId.eq(claims.org))
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?;
    Ok(user.as_ref().map(user_caller))
}

/// Ends every sign-in of a user (deactivation): refresh tokens and the access tokens issued
/// for them stop working at once, and a reactivation revives none.
pub async fn end_sessions<C: ConnectionTrait>(db: &C, user_id: Uuid) -> ApiResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub fn user_caller(user: &user::Model) -> Caller {
    Caller {
        organisation_id: user.organisation_id,
        actor: Actor::User { id: user.id, email: user.email.clone(), role: user.role },
    }
}

async fn issue_refresh_token<C: ConnectionTrait>(db: &C, user: &user::Model, family_id: Uuid) -> ApiResult<String> {
    let token = random_token();
    refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(user.organisation_id),
        user_id: Set(user.id),
        family_id: Set(family_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now()),
        expires_at: Set(now() + Duration::days(REFRESH_TOKEN_TTL_DAYS)),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

async fn find_refresh_token<C: ConnectionTrait>(db: &C, token: &str) -> ApiResult<Option<refresh_token::Model>> {
    Ok(refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(token_hash(token))).one(db).await?)
}

async fn revoke_family<C: ConnectionTrait>(db: &C, family_id: Uuid) -> ApiResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now()))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
