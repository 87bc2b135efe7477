use sea_orm::entity::prelude::*;

/// An organisation's own questionnaire template (shipped templates live in the binary).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "questionnaire_template")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// Unique within the organisation.
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Where the content came from: `shipped:<slug>@<version>` or `template:<uuid>`.
    pub based_on: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
