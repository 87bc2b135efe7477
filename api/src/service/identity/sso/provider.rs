//! An organisation's identity provider, as its administrator configures it: the issuer (read
//! through OpenID discovery when saved, so that a typo is caught then and not at the first
//! sign-in), the client, the e-mail domains allowed, the groups that give each role, whether
//! single sign-on is required, and the break-glass administrators who keep their password.
use super::client::Oidc;
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::kernel::{audit, now, validate};
use entity::{identity_provider, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A group at the provider and the role it gives.
#[derive(
    Clone, Debug, PartialEq, Eq, Serialize, Deserialize, async_graphql::InputObject, async_graphql::SimpleObject,
)]
#[graphql(input_name = "GroupRoleInput")]
pub struct GroupRole {
    /// The group as the provider names it in the groups claim.
    pub group: String,
    /// The role its members get.
    pub role: Role,
}

/// What an administrator sets.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct IdentityProviderInput {
    /// The issuer URL, e.g. `https://login.example.com/realms/staff`.
    pub issuer_url: String,
    /// The client id Chainward is registered under.
    pub client_id: String,
    /// The client secret; may be left out when changing other settings.
    pub client_secret: Option<String>,
    /// E-mail domains whose people may sign in, e.g. ["example.com"].
    pub allowed_domains: Vec<String>,
    /// The ID token claim listing the user's groups ("groups" if left out).
    pub groups_claim: Option<String>,
    /// Groups and the role each gives; the first group of the list the user is in decides.
    pub role_mapping: Vec<GroupRole>,
    /// The role of users none of whose groups is mapped; left out, such users are refused.
    pub default_role: Option<Role>,
    /// Only single sign-on: passwords work for the break-glass administrators alone.
    pub sso_required: bool,
    /// Administrators (by e-mail) who may still sign in with a password.
    pub break_glass: Vec<String>,
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Option<identity_provider::Model>> {
    caller.require(Permission::Administer)?;
    Ok(identity_provider::Entity::find_by_id(caller.organisation_id).one(db).await?)
}

/// The provider of the organisation an e-mail domain belongs to, for the sign-in page.
pub async fn for_email<C: ConnectionTrait>(db: &C, email: &str) -> ApiResult<Option<identity_provider::Model>> {
    let Some((_, domain)) = email.trim().to_lowercase().rsplit_once('@').map(|(l, d)| (l.to_owned(), d.to_owned()))
    else {
        return Ok(None);
    };
    // A handful of rows at most per instance: one per organisation that uses single sign-on.
    let all = identity_provider::Entity::find().all(db).await?;
    Ok(all.into_iter().find(|p| domains(p).contains(&domain)))
}

pub fn domains(provider: &identity_provider::Model) -> Vec<String> {
    serde_json::from_value(provider.allowed_domains.clone()).unwrap_or_default()
}

pub fn mapping(provider: &identity_provider::Model) -> Vec<GroupRole> {
    serde_json::from_value(provider.role_mapping.clone()).unwrap_or_default()
}

/// The role the first mapped group gives, else the default role; none: no access.
pub fn role_of(provider: &identity_provider::Model, groups: &[String]) -> Option<Role> {
    mapping(provider)
        .iter()
        .find(|pair| groups.contains(&pair.group))
        .map(|pair| pair.role)
        .or_else(|| provider.default_role.as_deref().and_then(Role::from_db))
}

pub fn break_glass(provider: &identity_provider::Model) -> Vec<String> {
    serde_json::from_value(provider.break_glass.clone()).unwrap_or_default()
}

/// Saves the provider after checking every field and reading the issuer's discovery document.
pub async fn configure(
    db: &DatabaseConnection,
    oidc: &Oidc,
    caller: &Caller,
    input: IdentityProviderInput,
) -> ApiResult<identity_provider::Model> {
    caller.require(Permission::Administer)?;
    let before = identity_provider::Entity::find_by_id(caller.organisation_id).one(db).await?;
    let mut problems = Problems::default();
    let issuer = input.issuer_url.trim().trim_end_matches('/').to_owned();
    if let Err(message) = oidc.check_issuer_url(&issuer) {
        problems.add("input.issuerUrl", message);
    }
    let client_id = validate::required_line(&input.client_id, 200).map_err(|m| problems.add("input.clientId", m)).ok();
    let secret = match (input.client_secret.as_deref().map(str::trim).filter(|s| !s.is_empty()), &before) {
        (Some(secret), _) => Some(secret.to_owned()),
        (None, Some(before)) => Some(before.client_secret.clone()),
        (None, None) => {
            problems.add("input.clientSecret", "give the client secret the provider issued");
            None
        }
    };
    let mut allowed = Vec::new();
    for (i, domain) in input.allowed_domains.iter().enumerate() {
        let domain = domain.trim().trim_start_matches('@').to_lowercase();
        let plausible =
            domain.contains('.') && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if plausible {
            allowed.push(domain)
        } else {
            problems.add(format!("input.allowedDomains[{i}]"), "not an e-mail domain")
        }
    }
    if allowed.is_empty() {
        problems.add("input.allowedDomains", "name at least one e-mail domain whose people may sign in");
    }
    for other in identity_provider::Entity::find()
        .filter(identity_provider::Column::OrganisationId.ne(caller.organisation_id))
        .all(db)
        .await?
    {
        for domain in domains(&other).iter().filter(|d| allowed.contains(d)) {
            problems.add(
                "input.allowedDomains",
                format!("{domain} cannot be a domain of your organisation: another organisation signs in with it"),
            );
        }
    }
    let groups_claim =
        input.groups_claim.as_deref().map(str::trim).filter(|c| !c.is_empty()).unwrap_or("groups").to_owned();
    for (i, pair) in input.role_mapping.iter().enumerate() {
        if pair.group.trim().is_empty() {
            problems.add(format!("input.roleMapping[{i}].group"), "must not be empty");
        }
    }
    let mut break_glass = Vec::new();
    for (i, email) in input.break_glass.iter().enumerate() {
        let email = email.trim().to_lowercase();
        let admin = user::Entity::find()
            .filter(user::Column::OrganisationId.eq(caller.organisation_id))
            .filter(user::Column::Email.eq(&email))
            .filter(user::Column::Role.eq(Role::Admin))
            .one(db)
            .await?;
        if admin.is_some() {
            break_glass.push(email)
        } else {
            problems.add(format!("input.breakGlass[{i}]"), format!("{email} is no administrator of your organisation"))
        }
    }
    if input.sso_required && input.break_glass.is_empty() {
        problems.add(
            "input.breakGlass",
            "name at least one administrator who can sign in with a password if the provider is down",
        );
    }
    problems.into_result()?;
    // Read now, so that a wrong issuer is named here and not at the first sign-in.
    oidc.discover(&issuer, true).await.map_err(|e| ApiError::field("input.issuerUrl", e))?;
    let mapping: Vec<GroupRole> =
        input.role_mapping.into_iter().map(|p| GroupRole { group: p.group.trim().to_owned(), role: p.role }).collect();
    let row = identity_provider::Model {
        organisation_id: caller.organisation_id,
        issuer_url: issuer,
        client_id: client_id.unwrap_or_default(),
        client_secret: secret.unwrap_or_default(),
        allowed_domains: json!(allowed),
        groups_claim,
        role_mapping: json!(mapping),
        default_role: input.default_role.map(|r| r.as_db().to_owned()),
        sso_required: input.sso_required,
        break_glass: json!(break_glass),
        created_at: before.as_ref().map_or_else(now, |b| b.created_at),
        updated_at: now(),
    };
    let txn = begin_write(db).await?;
    let saved = match &before {
        Some(_) => row.clone().into_active_model().reset_all().update(&txn).await?,
        None => row.clone().into_active_model().reset_all().insert(&txn).await?,
    };
    let changes = audit::diff(before.as_ref(), Some(&saved));
    audit::record(&txn, caller, "identity_provider.configure", "organisation", Some(caller.organisation_id), changes)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Removes the provider: everyone signs in with a password again.
pub async fn remove(db: &DatabaseConnection, caller: &Caller) -> ApiResult<bool> {
    caller.require(Permission::Administer)?;
    let txn = begin_write(db).await?;
    let removed = identity_provider::Entity::delete_by_id(caller.organisation_id).exec(&txn).await?.rows_affected > 0;
    if removed {
        audit::record(
            &txn,
            caller,
            "identity_provider.remove",
            "organisation",
            Some(caller.organisation_id),
            json!({}),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(removed)
}
