use sea_orm::entity::prelude::*;

/// Another key to an invitation, sent in a later e-mail (a reminder, a request for changes, a
/// receipt) so that every message carries a working link; valid while the invitation is.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "invitation_link")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub invitation_id: Uuid,
    #[sea_orm(unique)]
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
