//! Single sign-on over GraphQL: the sign-in page asks how an e-mail signs in, the portal
//! redeems the ticket a finished sign-in brought back, and administrators configure their
//! organisation's identity provider.
use super::auth::AuthPayload;
use crate::domain::Role;
use crate::error::GqlResultExt;
use crate::graphql::{caller, client_address, db, keys, oidc};
use crate::service::identity::sso::flow;
use crate::service::identity::sso::provider::{self, GroupRole, IdentityProviderInput};
use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::identity_provider;

/// How an e-mail address signs in.
#[derive(SimpleObject)]
pub struct SignInOptions {
    /// The address's domain signs in through an identity provider.
    pub single_sign_on: bool,
    /// Passwords are for break-glass administrators only.
    pub required: bool,
    /// Where to send the browser to sign in through the provider.
    pub start_url: Option<String>,
}

/// The organisation's identity provider.
pub struct IdentityProvider {
    row: identity_provider::Model,
    callback_url: String,
}

/// The organisation's identity provider (OpenID Connect) and who may sign in through it.
#[Object]
impl IdentityProvider {
    /// The issuer URL.
    async fn issuer_url(&self) -> &str {
        &self.row.issuer_url
    }
    /// The client id Chainward is registered under.
    async fn client_id(&self) -> &str {
        &self.row.client_id
    }
    /// Whether a client secret is saved (it is never shown).
    async fn client_secret_set(&self) -> bool {
        !self.row.client_secret.is_empty()
    }
    /// The redirect URI to register at the provider.
    async fn callback_url(&self) -> &str {
        &self.callback_url
    }
    /// E-mail domains whose people may sign in.
    async fn allowed_domains(&self) -> Vec<String> {
        provider::domains(&self.row)
    }
    /// The ID token claim that lists groups.
    async fn groups_claim(&self) -> &str {
        &self.row.groups_claim
    }
    /// Groups and the role each gives, first match first.
    async fn role_mapping(&self) -> Vec<GroupRole> {
        provider::mapping(&self.row)
    }
    /// The role of users none of whose groups is mapped (none: refused).
    async fn default_role(&self) -> Option<Role> {
        self.row.default_role.as_deref().and_then(Role::from_db)
    }
    /// Passwords work for the break-glass administrators only.
    async fn sso_required(&self) -> bool {
        self.row.sso_required
    }
    /// Administrators who may still sign in with a password.
    async fn break_glass(&self) -> Vec<String> {
        provider::break_glass(&self.row)
    }
    /// When the settings last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.row.updated_at
    }
}

#[derive(Default)]
pub struct SsoQuery;

#[Object]
impl SsoQuery {
    /// How `email` signs in (asked by the sign-in page before a password; no token needed).
    async fn sign_in_options(&self, ctx: &Context<'_>, email: String) -> Result<SignInOptions> {
        let found = provider::for_email(db(ctx), &email).await.gql()?;
        let start_url = found.as_ref().map(|_| {
            let mut url = reqwest::Url::parse("http://portal/api/sso/start").expect("a fixed URL");
            url.query_pairs_mut().append_pair("email", email.trim());
            format!("{}?{}", url.path(), url.query().unwrap_or_default())
        });
        Ok(SignInOptions {
            single_sign_on: found.is_some(),
            required: found.is_some_and(|p| p.sso_required),
            start_url,
        })
    }
    /// The redirect URI to register at an identity provider before configuring it
    /// (administrators).
    async fn single_sign_on_callback_url(&self, ctx: &Context<'_>) -> Result<String> {
        caller(ctx)?.require(crate::auth::Permission::Administer).gql()?;
        Ok(oidc(ctx).redirect_url.clone())
    }
    /// Your organisation's identity provider (administrators), if one is configured.
    async fn identity_provider(&self, ctx: &Context<'_>) -> Result<Option<IdentityProvider>> {
        let found = provider::get(db(ctx), caller(ctx)?).await.gql()?;
        Ok(found.map(|row| IdentityProvider { row, callback_url: oidc(ctx).redirect_url.clone() }))
    }
}

#[derive(Default)]
pub struct SsoMutation;

#[Object]
impl SsoMutation {
    /// Exchanges the one-time ticket a finished single sign-on brought back (`?sso_ticket=`)
    /// for a session, within a minute.
    async fn complete_single_sign_on(&self, ctx: &Context<'_>, ticket: String) -> Result<AuthPayload> {
        let complete = flow::complete(db(ctx), keys(ctx), &ticket);
        crate::throttle::SSO.guard(db(ctx), client_address(ctx), complete).await.map(Into::into).gql()
    }
    /// Sets your organisation's identity provider (administrators). The issuer's discovery
    /// document is read first, so that a wrong URL is named now.
    async fn configure_identity_provider(
        &self,
        ctx: &Context<'_>,
        input: IdentityProviderInput,
    ) -> Result<IdentityProvider> {
        let row = provider::configure(db(ctx), oidc(ctx), caller(ctx)?, input).await.gql()?;
        Ok(IdentityProvider { row, callback_url: oidc(ctx).redirect_url.clone() })
    }
    /// Removes your organisation's identity provider: everyone signs in with a password again.
    async fn remove_identity_provider(&self, ctx: &Context<'_>) -> Result<bool> {
        provider::remove(db(ctx), caller(ctx)?).await.gql()
    }
}
