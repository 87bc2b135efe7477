use sea_orm::entity::prelude::*;

/// A respondent's way into one assessment: a random token in a link, stored as its hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub assessment_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub email: String,
    pub name: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// For a delegated invitation: the section ids it may answer (JSON array); None = all.
    pub sections: Option<Json>,
    /// The invitation whose respondent delegated this one.
    pub delegated_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
