use crate::enums::ActorKind;
use sea_orm::entity::prelude::*;

/// Append-only record of one change: who did what to which object, and which fields changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// user | api_token | system
    pub actor_kind: ActorKind,
    pub actor_id: Option<Uuid>,
    /// E-mail of the user or name of the token at the time of the event.
    pub actor_label: String,
    /// e.g. `supplier.create`, `supplier.status_change`, `auth.login`
    pub action: String,
    pub object_type: String,
    pub object_id: Option<Uuid>,
    /// `{"field": {"before": .., "after": ..}}`
    pub changes: Json,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
