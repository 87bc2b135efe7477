use sea_orm::entity::prelude::*;

/// An organisation's OpenID Connect provider: where its staff sign in, which of them may, and
/// which role their groups give them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "identity_provider")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    /// The issuer, whose `/.well-known/openid-configuration` describes the provider.
    pub issuer_url: String,
    pub client_id: String,
    /// Never shown again once saved.
    #[serde(skip)]
    pub client_secret: String,
    /// E-mail domains whose people may sign in (JSON list, lower case).
    pub allowed_domains: Json,
    /// The ID token claim that lists the user's groups.
    pub groups_claim: String,
    /// `[{"group": "...", "role": "admin|analyst|viewer"}]`, the first match wins.
    pub role_mapping: Json,
    /// The role of a user none of whose groups is mapped; none: such users are refused.
    pub default_role: Option<String>,
    /// Passwords work only for the break-glass administrators.
    pub sso_required: bool,
    /// E-mail addresses of administrators who may still sign in with a password (JSON list).
    pub break_glass: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
