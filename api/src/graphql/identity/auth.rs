//! Sign-in, token refresh, sign-out and "who am I".
use crate::auth::{Actor, Permission};
use crate::error::GqlResultExt;
use crate::graphql::identity::user::User;
use crate::graphql::{caller, client_address, db, keys};
use crate::service::{self, identity::auth::Session};
use async_graphql::{Context, Object, Result, SimpleObject};
use uuid::Uuid;

/// Tokens handed out at sign-in and refresh.
#[derive(SimpleObject)]
pub struct AuthPayload {
    /// JWT to send as `Authorization: Bearer <accessToken>`.
    pub access_token: String,
    /// Always "Bearer".
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque token for `refresh`; usable once, then replaced by the one `refresh` returns.
    pub refresh_token: String,
    /// The signed-in user.
    pub user: User,
}

impl From<Session> for AuthPayload {
    fn from(session: Session) -> Self {
        AuthPayload {
            access_token: session.access_token,
            token_type: "Bearer".into(),
            expires_in: session.expires_in,
            refresh_token: session.refresh_token,
            user: User(session.user),
        }
    }
}

/// The organisation (tenant) a caller belongs to.
#[derive(SimpleObject)]
pub struct Organisation {
    /// Unique identifier.
    pub id: Uuid,
    /// Name of the organisation.
    pub name: String,
}

/// The party behind the current request and what it may do.
#[derive(SimpleObject)]
pub struct Viewer {
    /// The organisation the caller belongs to.
    pub organisation: Organisation,
    /// The signed-in user; null when an API token calls.
    pub user: Option<User>,
    /// Name of the API token; null when a user calls.
    pub api_token_name: Option<String>,
    /// May change suppliers, services and dependencies.
    pub can_write_register: bool,
    /// May manage users, API tokens and settings.
    pub can_administer: bool,
}

#[derive(Default)]
pub struct AuthQuery;

#[Object]
impl AuthQuery {
    /// The caller: organisation, user or API token, and permissions.
    async fn me(&self, ctx: &Context<'_>) -> Result<Viewer> {
        let caller = caller(ctx)?;
        caller.require(Permission::Read).gql()?;
        let organisation = service::identity::user::organisation(db(ctx), caller).await.gql()?;
        let user = match caller.user_id() {
            Some(id) => Some(User(service::identity::user::get(db(ctx), caller, id).await.gql()?)),
            None => None,
        };
        Ok(Viewer {
            organisation: Organisation { id: organisation.id, name: organisation.name },
            user,
            api_token_name: match &caller.actor {
                Actor::ApiToken { name, .. } => Some(name.clone()),
                _ => None,
            },
            can_write_register: caller.can(Permission::WriteRegister),
            can_administer: caller.can(Permission::Administer),
        })
    }
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Signs in. After five failed attempts in a row the account is locked for a few minutes.
    async fn login(&self, ctx: &Context<'_>, email: String, password: String) -> Result<AuthPayload> {
        let login = service::identity::auth::login(db(ctx), keys(ctx), &email, password);
        crate::throttle::LOGIN.guard(db(ctx), client_address(ctx), login).await.map(Into::into).gql()
    }

    /// Exchanges a refresh token for a new access token and a new refresh token. Presenting an
    /// already used refresh token ends every session of that sign-in.
    async fn refresh(&self, ctx: &Context<'_>, refresh_token: String) -> Result<AuthPayload> {
        let refresh = service::identity::auth::refresh(db(ctx), keys(ctx), &refresh_token);
        crate::throttle::REFRESH.guard(db(ctx), client_address(ctx), refresh).await.map(Into::into).gql()
    }

    /// Ends the sign-in the refresh token belongs to.
    async fn logout(&self, ctx: &Context<'_>, refresh_token: String) -> Result<bool> {
        service::identity::auth::logout(db(ctx), &refresh_token).await.map(|_| true).gql()
    }
}
