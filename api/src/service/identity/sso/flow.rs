//! The sign-in itself: the authorization code flow with PKCE, `state` and `nonce`. Start sends
//! the person to the provider; the callback redeems the code once, checks the ID token (the
//! provider's signature by its published keys, issuer, audience, expiry, nonce), the e-mail
//! domain and the groups, creates or updates the user, and hands the portal a one-time ticket
//! that `complete` exchanges for Chainward's own session.
use super::client::{Oidc, said};
use super::provider;
use crate::auth::secret::{random_token, token_hash};
use crate::db::begin_write;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult};
use crate::service::identity::auth::{self, Session, user_caller};
use crate::service::kernel::{audit, now};
use base64::Engine;
use chrono::Duration;
use entity::{identity_provider, sso_attempt, sso_ticket, user};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    Scope, TokenResponse,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// How long a person may take at the provider.
const ATTEMPT_MINUTES: i64 = 10;
/// How long the portal has to redeem a finished sign-in.
const TICKET_SECONDS: i64 = 60;

const REFUSED: &str = "the identity provider's answer could not be verified; sign in again";

/// Where to send a person who signs in with `email`, and the `state` the provider will send
/// back (which the browser must also show, see `http::sso`).
pub async fn start(db: &DatabaseConnection, oidc: &Oidc, email: &str) -> ApiResult<(String, String)> {
    let provider = provider::for_email(db, email).await?.ok_or_else(|| {
        ApiError::field("email", "no organisation signs in with single sign-on for this e-mail domain")
    })?;
    let metadata = oidc.discover(&provider.issuer_url, false).await.map_err(|m| ApiError::field("issuer", m))?;
    let client = client_for(oidc, &provider, metadata)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .add_extra_param("login_hint", email.trim())
        .set_pkce_challenge(challenge)
        .url();
    // Attempts nobody finished are cleared as new ones start.
    sso_attempt::Entity::delete_many()
        .filter(sso_attempt::Column::CreatedAt.lt(now() - Duration::minutes(ATTEMPT_MINUTES)))
        .exec(db)
        .await?;
    sso_attempt::ActiveModel {
        state: Set(state.secret().clone()),
        organisation_id: Set(provider.organisation_id),
        nonce: Set(nonce.secret().clone()),
        pkce_verifier: Set(verifier.secret().clone()),
        created_at: Set(now()),
    }
    .insert(db)
    .await?;
    Ok((url.to_string(), state.secret().clone()))
}

fn client_for(
    oidc: &Oidc,
    provider: &identity_provider::Model,
    metadata: openidconnect::core::CoreProviderMetadata,
) -> ApiResult<
    openidconnect::core::CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
> {
    let redirect = RedirectUrl::new(oidc.redirect_url.clone()).map_err(ApiError::internal)?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// Finishes a sign-in the provider sent back; returns the ticket for the portal.
pub async fn callback(db: &DatabaseConnection, oidc: &Oidc, state: &str, code: &str) -> ApiResult<String> {
    // The attempt is taken away first: a code or state replayed finds nothing.
    let attempt = sso_attempt::Entity::find_by_id(state.to_owned()).one(db).await?;
    let taken = sso_attempt::Entity::delete_by_id(state.to_owned()).exec(db).await?.rows_affected == 1;
    let Some(attempt) = attempt.filter(|a| taken && a.created_at > now() - Duration::minutes(ATTEMPT_MINUTES)) else {
        return Err(ApiError::Unauthenticated("this sign-in is unknown, expired or already used; sign in again"));
    };
    let provider = identity_provider::Entity::find_by_id(attempt.organisation_id)
        .one(db)
        .await?
        .ok_or(ApiError::Unauthenticated("your organisation no longer signs in with single sign-on"))?;
    let metadata = oidc.discover(&provider.issuer_url, false).await.map_err(|m| ApiError::field("issuer", m))?;
    let client = client_for(oidc, &provider, metadata)?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(ApiError::internal)?
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.pkce_verifier.clone()))
        .request_async(&oidc.client())
        .await
        .map_err(|e| {
            tracing::info!(error = %said(&e), "the identity provider refused a code");
            ApiError::Unauthenticated("the identity provider refused the sign-in; sign in again")
        })?;
    let id_token = tokens.id_token().ok_or(ApiError::Unauthenticated(REFUSED))?;
    let nonce = Nonce::new(attempt.nonce.clone());
    let verified = match id_token.claims(&client.id_token_verifier(), &nonce) {
        Ok(claims) => claims.clone(),
        Err(first) => {
            // A key the cache lacks: the provider rotated its keys. Read them again, once.
            let metadata = oidc.discover(&provider.issuer_url, true).await.map_err(|m| ApiError::field("issuer", m))?;
            let client = client_for(oidc, &provider, metadata)?;
            id_token.claims(&client.id_token_verifier(), &nonce).cloned().map_err(|e| {
                tracing::info!(first = %said(&first), error = %said(&e), "an ID token was refused");
                ApiError::Unauthenticated(REFUSED)
            })?
        }
    };
    // Signed and checked above; its other claims (the groups) are read from the same token.
    let raw = id_token.to_string();
    let payload: Value = raw
        .split('.')
        .nth(1)
        .and_then(|p| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(p).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(ApiError::Unauthenticated(REFUSED))?;
    let email = verified.email().map(|e| e.as_str().trim().to_lowercase()).ok_or(ApiError::Unauthenticated(
        "the identity provider sent no e-mail address; ask its administrator to release the email claim",
    ))?;
    if verified.email_verified() == Some(false) {
        return Err(ApiError::Unauthenticated("the identity provider has not verified your e-mail address"));
    }
    let domain = email.rsplit_once('@').map(|(_, d)| d.to_owned()).unwrap_or_default();
    if !provider::domains(&provider).contains(&domain) {
        return Err(ApiError::Forbidden("your e-mail domain is not one your organisation signs in with"));
    }
    let groups: Vec<String> = match &payload[provider.groups_claim.as_str()] {
        Value::Array(list) => list.iter().filter_map(|g| g.as_str().map(str::to_owned)).collect(),
        Value::String(one) => vec![one.clone()],
        _ => Vec::new(),
    };
    let role = provider::role_of(&provider, &groups).ok_or(ApiError::Forbidden(
        "none of your groups at the identity provider gives access to Chainward; ask your administrator",
    ))?;
    let subject = format!("{}|{}", provider.issuer_url, verified.subject().as_str());
    let name = verified.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned());
    let user = upsert_user(db, &provider, &email, &subject, name, role).await?;
    let ticket = random_token();
    sso_ticket::ActiveModel {
        ticket_hash: Set(token_hash(&ticket)),
        organisation_id: Set(user.organisation_id),
        user_id: Set(user.id),
        expires_at: Set(now() + Duration::seconds(TICKET_SECONDS)),
    }
    .insert(db)
    .await?;
    Ok(ticket)
}

/// The user the provider vouched for: found by subject (or, the first time, by e-mail), its role
/// set from its groups; created on the first sign-in. Deactivated in Chainward means refused.
async fn upsert_user(
    db: &DatabaseConnection,
    provider: &identity_provider::Model,
    email: &str,
    subject: &str,
    name: Option<String>,
    role: Role,
) -> ApiResult<user::Model> {
    let organisation = provider.organisation_id;
    let txn = begin_write(db).await?;
    let by_subject = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation))
        .filter(user::Column::ExternalSubject.eq(subject))
        .one(&txn)
        .await?;
    let found = match by_subject {
        Some(found) => Some(found),
        None => user::Entity::find().filter(user::Column::Email.eq(email)).one(&txn).await?,
    };
    let user = match found {
        Some(found) if found.organisation_id != organisation => {
            return Err(ApiError::Forbidden("this e-mail address belongs to another organisation in Chainward"));
        }
        Some(found) if !found.active => {
            return Err(ApiError::Forbidden("your account is deactivated in Chainward; ask your administrator"));
        }
        Some(found) => {
            let before = found.clone();
            let mut row = found.into_active_model();
            row.role = Set(role);
            row.external_subject = Set(Some(subject.to_owned()));
            row.last_login_at = Set(Some(now()));
            let after = row.update(&txn).await?;
            let mut changes = audit::diff(Some(&before), Some(&after));
            if let Some(map) = changes.as_object_mut() {
                map.remove("last_login_at");
            }
            audit::record(&txn, &user_caller(&after), "auth.sso_login", "user", Some(after.id), changes).await?;
            after
        }
        None => {
            let unusable = crate::auth::password::hash_password(random_token()).await?;
            let created = user::ActiveModel {
                id: Set(Uuid::new_v4()),
                organisation_id: Set(organisation),
                email: Set(email.to_owned()),
                display_name: Set(name),
                password_hash: Set(unusable),
                role: Set(role),
                active: Set(true),
                failed_logins: Set(0),
                locked_until: Set(None),
                last_login_at: Set(Some(now())),
                created_at: Set(now()),
                external_subject: Set(Some(subject.to_owned())),
                deprovisioned_at: Set(None),
            }
            .insert(&txn)
            .await?;
            let caller = user_caller(&created);
            audit::record(
                &txn,
                &caller,
                "user.create",
                "user",
                Some(created.id),
                json!({"via": "single sign-on", "role": role}),
            )
            .await?;
            audit::record(&txn, &caller, "auth.sso_login", "user", Some(created.id), json!({})).await?;
            created
        }
    };
    txn.commit().await?;
    Ok(user)
}

/// Exchanges a ticket the callback handed out (once, within a minute) for a session.
pub async fn complete(db: &DatabaseConnection, keys: &crate::auth::jwt::JwtKeys, ticket: &str) -> ApiResult<Session> {
    let hash = token_hash(ticket.trim());
    let found = sso_ticket::Entity::find_by_id(hash.clone()).one(db).await?;
    let taken = sso_ticket::Entity::delete_by_id(hash).exec(db).await?.rows_affected == 1;
    let Some(found) = found.filter(|t| taken && t.expires_at > now()) else {
        return Err(ApiError::Unauthenticated(
            "this sign-in ticket is unknown, expired or already used; sign in again",
        ));
    };
    let user = user::Entity::find_by_id(found.user_id).one(db).await?.filter(|u| u.active);
    let user = user.ok_or(ApiError::Unauthenticated("your account is deactivated in Chainward"))?;
    let txn = begin_write(db).await?;
    let (caller, id) = (user_caller(&user), user.id);
    audit::record(&txn, &caller, "auth.login", "user", Some(id), json!({"via": "single sign-on"})).await?;
    let session = auth::session_in(&txn, keys, user).await?;
    txn.commit().await?;
    Ok(session)
}
