use crate::enums::AssessmentStatus;
use sea_orm::entity::prelude::*;

/// One published template version sent to one supplier, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supplier_id: Uuid,
    pub template_version_id: Uuid,
    pub template_slug: String,
    pub template_title: String,
    pub template_version: i32,
    /// draft | sent | in_progress | submitted | in_review | returned | completed | cancelled
    pub status: AssessmentStatus,
    pub due_date: Option<Date>,
    pub message: Option<String>,
    pub created_by: Option<Uuid>,
    /// The campaign that created it, if any.
    pub campaign_id: Option<Uuid>,
    pub sent_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// A follow-up: the imported questionnaire of the supplier's own (CAIQ, HECVAT, SoA) whose
    /// gaps it asks; its score combines both.
    pub follows_assessment_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
