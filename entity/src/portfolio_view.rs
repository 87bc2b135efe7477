use sea_orm::entity::prelude::*;

/// The organisation's portfolio read model: the dashboard's aggregates and the data version
/// they were built from (`compacted` plus the organisation's `portfolio_change` rows).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "portfolio_view")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    /// Changes folded out of `portfolio_change` by the worker.
    pub compacted: i64,
    pub built_version: i64,
    pub built_at: Option<DateTimeUtc>,
    /// How long the last build took: a request rebuilds a stale view itself only when it is cheap.
    pub build_ms: i32,
    /// The aggregates as JSON.
    pub payload: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
