use sea_orm::entity::prelude::*;

/// A sign-in sent to the identity provider and not yet back: what the answer must carry
/// (state, nonce) and the PKCE verifier to redeem its code. Used once, then deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "sso_attempt")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub state: String,
    pub organisation_id: Uuid,
    pub nonce: String,
    #[serde(skip)]
    pub pkce_verifier: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
