use crate::enums::ApiTokenScope;
use sea_orm::entity::prelude::*;

/// A token for a GRC tool. Only its SHA-256 hash is stored; the clear token is shown once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    /// The first characters of the token, so that people can tell their tokens apart.
    pub prefix: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    /// read | read_write
    pub scope: ApiTokenScope,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub expires_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
