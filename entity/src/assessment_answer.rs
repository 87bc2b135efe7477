use crate::enums::{AnswerSource, AnswerVerdict};
use sea_orm::entity::prelude::*;

/// The answer to one question of an assessment, with the reviewer's verdict.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "assessment_answer")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub assessment_id: Uuid,
    pub question_id: String,
    /// The answer as given (the questionnaires crate's `AnswerValue`, serialised).
    pub value: Json,
    /// The answer as the respondent wrote it, before normalisation.
    pub raw: String,
    pub comment: Option<String>,
    /// portal | spreadsheet | api
    pub source: AnswerSource,
    /// accepted | needs_change
    pub verdict: Option<AnswerVerdict>,
    pub review_note: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
