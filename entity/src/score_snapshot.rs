use crate::enums::Rating;
use sea_orm::entity::prelude::*;

/// A supplier's score from one assessment, frozen with its full explanation: taken when the
/// assessment is completed and again whenever a verified fix or a change in the graph moves it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "score_snapshot")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supplier_id: Uuid,
    pub assessment_id: Uuid,
    pub security_score: f64,
    pub coverage: f64,
    pub inherent_risk: f64,
    pub residual_risk: f64,
    /// low | medium | high | critical
    pub rating: Rating,
    /// The scoring engine's complete report.
    pub report: Json,
    pub created_at: DateTimeUtc,
    /// Why it was taken: the assessment's completion, a verified fix, a change in the graph...
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
