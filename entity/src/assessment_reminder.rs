use crate::enums::ReminderKind;
use sea_orm::entity::prelude::*;

/// A reminder already sent for an assessment's due date, so that each is sent once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "assessment_reminder")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub assessment_id: Uuid,
    /// before_due | due | overdue
    pub kind: ReminderKind,
    pub due_date: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
