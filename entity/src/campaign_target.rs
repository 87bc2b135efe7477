use sea_orm::entity::prelude::*;

/// A supplier a campaign selected at launch; the worker sends its assessment and marks it
/// processed in the same transaction.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "campaign_target")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub campaign_id: Uuid,
    pub supplier_id: Uuid,
    /// Launch order (by legal name), so a campaign goes out in the order the register shows.
    pub position: i32,
    pub processed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
