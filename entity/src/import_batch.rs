use crate::enums::{ImportKind, ImportStatus};
use sea_orm::entity::prelude::*;

/// One spreadsheet upload: its file, the layout found, the dry-run report and whether it was
/// committed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "import_batch")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub assessment_id: Option<Uuid>,
    pub template_version_id: Option<Uuid>,
    pub file_name: String,
    pub file_sha256: String,
    pub file_size: i64,
    /// xlsx | xlsm | xlsb | xls | ods | csv
    pub format: String,
    /// The layout in words.
    pub layout: String,
    /// The dry-run report (JSON).
    pub report: Json,
    /// Per answer: unchanged, new or changed from / to (JSON).
    pub changes: Json,
    /// previewed | committed
    pub status: ImportStatus,
    pub actor_label: String,
    pub created_at: DateTimeUtc,
    pub committed_at: Option<DateTimeUtc>,
    /// answers | register | foreign
    pub kind: ImportKind,
    /// A supplier's own questionnaire: the supplier it is for.
    pub supplier_id: Option<Uuid>,
    /// A supplier's own questionnaire: family, read-only template, mapping and coverage (JSON).
    pub foreign: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
