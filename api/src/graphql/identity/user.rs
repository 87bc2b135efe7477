//! Users and API tokens of the organisation.
use crate::domain::{ApiTokenScope, Role};
use crate::error::GqlResultExt;
use crate::graphql::kernel::loaders::UserById;
use crate::graphql::{caller, db, loaded, loader};
use crate::service::identity::api_token::NewApiToken;
use crate::service::identity::user::{NewUser, UserPatch};
use crate::service::{self};
use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{api_token, user};
use uuid::Uuid;

/// A person who signs in to Chainward.
pub struct User(pub user::Model);

/// A person who signs in to Chainward.
#[Object]
impl User {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Sign-in e-mail.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// Name shown in the portal and the audit log.
    async fn display_name(&self) -> Option<&str> {
        self.0.display_name.as_deref()
    }
    /// What the user may do.
    async fn role(&self) -> Role {
        self.0.role
    }
    /// Inactive users cannot sign in.
    async fn active(&self) -> bool {
        self.0.active
    }
    /// Last successful sign-in.
    async fn last_login_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_login_at
    }
    /// When the user was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A token with which a GRC tool calls the API.
pub struct ApiToken(pub api_token::Model);

/// A token with which a GRC tool calls the API.
#[Object]
impl ApiToken {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// What the token is for.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The first characters of the token, to recognise it.
    async fn prefix(&self) -> &str {
        &self.0.prefix
    }
    /// What the token may do.
    async fn scope(&self) -> ApiTokenScope {
        self.0.scope
    }
    /// The administrator who created it.
    async fn created_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        let found = loader(ctx).load_one(UserById(self.0.created_by)).await;
        loaded(found).map(|u| u.map(User))
    }
    /// When the token was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the token stops working; null for never.
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }
    /// When an administrator revoked it.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
    /// Last request made with it (updated at most once a minute).
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }
    /// Neither revoked nor expired.
    async fn active(&self) -> bool {
        self.0.revoked_at.is_none() && self.0.expires_at.is_none_or(|at| at > Utc::now())
    }
}

/// A newly created API token. The clear token is shown here once and never again.
#[derive(SimpleObject)]
pub struct CreatedApiToken {
    /// The secret to send as `Authorization: Bearer <token>`. Store it now.
    pub token: String,
    /// The stored token (without the secret).
    pub api_token: ApiToken,
}

#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    /// Users of your organisation.
    async fn users(&self, ctx: &Context<'_>) -> Result<Vec<User>> {
        service::identity::user::list(db(ctx), caller(ctx)?).await.map(|v| v.into_iter().map(User).collect()).gql()
    }

    /// API tokens of your organisation (administrators only).
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiToken>> {
        service::identity::api_token::list(db(ctx), caller(ctx)?)
            .await
            .map(|v| v.into_iter().map(ApiToken).collect())
            .gql()
    }
}

#[derive(Default)]
pub struct UserMutation;

#[Object]
impl UserMutation {
    /// Adds a user to your organisation (administrators only).
    async fn create_user(&self, ctx: &Context<'_>, input: NewUser) -> Result<User> {
        service::identity::user::create(db(ctx), caller(ctx)?, input).await.map(User).gql()
    }

    /// Changes a user's name, role or active flag (administrators only).
    async fn update_user(&self, ctx: &Context<'_>, id: Uuid, input: UserPatch) -> Result<User> {
        service::identity::user::update(db(ctx), caller(ctx)?, id, input).await.map(User).gql()
    }

    /// Creates an API token and shows it once (administrators only).
    async fn create_api_token(&self, ctx: &Context<'_>, input: NewApiToken) -> Result<CreatedApiToken> {
        let (model, token) = service::identity::api_token::create(db(ctx), caller(ctx)?, input).await.gql()?;
        Ok(CreatedApiToken { token, api_token: ApiToken(model) })
    }

    /// Revokes an API token at once (administrators only).
    async fn revoke_api_token(&self, ctx: &Context<'_>, id: Uuid) -> Result<ApiToken> {
        service::identity::api_token::revoke(db(ctx), caller(ctx)?, id).await.map(ApiToken).gql()
    }
}
