use crate::enums::Role;
use sea_orm::entity::prelude::*;

/// A person who signs in to the portal. E-mail addresses are unique across all organisations
/// because login does not ask for the organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: Option<String>,
    pub password_hash: String,
    /// admin | analyst | viewer
    pub role: Role,
    pub active: bool,
    /// Consecutive failed logins since the last success (login throttling).
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// `issuer|subject` at the organisation's identity provider, once the user signed in there.
    pub external_subject: Option<String>,
    /// When the identity provider deleted the user through SCIM (the user stays, inactive).
    pub deprovisioned_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
