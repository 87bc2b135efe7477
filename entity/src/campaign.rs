use sea_orm::entity::prelude::*;

/// One template version sent to many suppliers at once, chosen by a register filter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "campaign")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub template_version_id: Uuid,
    pub template_title: String,
    /// The supplier filter the campaign was launched with.
    pub filter: Json,
    pub due_date: Option<Date>,
    pub message: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
