use sea_orm::entity::prelude::*;

/// A group the identity provider provisions through SCIM; its members' roles follow the
/// organisation's mapping of groups to roles.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "scim_group")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub display_name: String,
    /// The provider's own id for the group.
    pub external_id: Option<String>,
    /// The members' user ids (JSON list).
    pub members: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
