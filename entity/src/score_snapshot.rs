use sea_orm::entity::prelude::*;

/// The score an assessment had when it was completed, frozen with its full explanation.
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
    pub rating: String,
    /// The scoring engine's complete report.
    pub report: Json,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
