use crate::enums::TemplateVersionStatus;
use sea_orm::entity::prelude::*;

/// One version of a template's questions. A published version never changes; editing after
/// publication starts the next version as a draft.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "template_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub template_id: Uuid,
    /// 1, 2, 3... per template.
    pub version: i32,
    /// draft | published
    pub status: TemplateVersionStatus,
    /// `{"sections": [...]}` in the template file format of the questionnaires crate.
    pub content: Json,
    pub question_count: i32,
    pub created_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
