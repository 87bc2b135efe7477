use sea_orm::entity::prelude::*;

/// One row of a register import: the cells the file had (`source`) and what importing it does
/// (`preview`), in `data`; `kind` says which sheet it came from, `change` what it does.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "import_row")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub batch_id: Uuid,
    /// The row's place among its kind, in the file's order.
    pub position: i32,
    /// supplier | contact | link
    pub kind: String,
    /// new | changed | unchanged | invalid
    pub change: String,
    pub data: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
