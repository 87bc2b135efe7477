use crate::enums::NodeKind;
use sea_orm::entity::prelude::*;

/// A directed edge "dependent depends on provider". Kinds are `service` or `supplier`
/// (a supplier never depends on one of our services). Cycles are legal data.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "dependency")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub dependent_kind: NodeKind,
    pub dependent_id: Uuid,
    pub provider_kind: NodeKind,
    pub provider_id: Uuid,
    pub description: Option<String>,
    pub created_at: DateTimeUtc,
    /// The business function the provider serves for the dependent (e.g. "payments").
    pub function: Option<String>,
    /// A marked alternative (fallback) provider for that function.
    pub alternative: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
