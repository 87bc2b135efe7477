use crate::enums::{FindingSource, FindingStatus, Severity};
use sea_orm::entity::prelude::*;

/// Something a supplier falls short of, to be remediated.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "finding")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supplier_id: Uuid,
    pub assessment_id: Option<Uuid>,
    pub question_id: Option<String>,
    pub title: String,
    /// low | medium | high | critical
    pub severity: Severity,
    /// open | in_progress | resolved | verified | risk_accepted
    pub status: FindingStatus,
    pub due_date: Date,
    pub knock_out: bool,
    /// JSON arrays of ISO control ids and NIS 2 references.
    pub iso_refs: Json,
    pub nis2_refs: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When `finding.overdue` was emitted for it (once per finding).
    pub overdue_notified_at: Option<DateTimeUtc>,
    /// The internal user who owns the remediation.
    pub owner_id: Option<Uuid>,
    pub remediation_plan: Option<String>,
    pub resolved_at: Option<DateTimeUtc>,
    pub verified_at: Option<DateTimeUtc>,
    /// Why an administrator accepted the risk, and until when.
    pub risk_reason: Option<String>,
    pub risk_accepted_until: Option<Date>,
    /// assessment | import | manual
    pub source: FindingSource,
    /// The supplier's contact who answers for the remediation.
    pub contact_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
