use crate::enums::{AccessLevel, ClauseStatus, DataSensitivity, Rating, Substitutability, SupplierStatus};
use sea_orm::entity::prelude::*;

/// A supplier in the register, with its tier profile and the IR 2024/2690 5.1.4 contract clauses.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "supplier")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub legal_name: String,
    pub lei: Option<String>,
    pub vat_number: Option<String>,
    pub duns: Option<String>,
    pub national_registry_number: Option<String>,
    /// ISO 3166-1 alpha-2
    pub country: String,
    pub website: Option<String>,
    pub category: String,
    pub description: Option<String>,
    /// prospect | onboarding | active | offboarding | terminated
    pub status: SupplierStatus,
    pub owner_id: Option<Uuid>,
    /// none | internal | confidential | personal | special_category
    pub data_sensitivity: DataSensitivity,
    /// none | data | network | privileged
    pub access_level: AccessLevel,
    /// easy | moderate | hard
    pub substitutability: Substitutability,
    pub nis2_relevant: bool,
    /// JSON array of strings: the ICT products and services this supplier provides.
    pub ict_services: Json,
    pub contract_start: Option<Date>,
    pub contract_end: Option<Date>,
    /// IR 2024/2690 5.1.4 (a)-(h): present | absent | unknown
    pub clause_security_requirements: ClauseStatus,
    pub clause_staff_training: ClauseStatus,
    pub clause_background_checks: ClauseStatus,
    pub clause_incident_notification: ClauseStatus,
    pub clause_right_to_audit: ClauseStatus,
    pub clause_vulnerability_handling: ClauseStatus,
    pub clause_subcontracting: ClauseStatus,
    pub clause_termination: ClauseStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Set when its place in the graph changed and the worker owes it a re-score.
    pub rescore_requested_at: Option<DateTimeUtc>,
    /// The rating of its newest score snapshot (low | medium | high | critical); none until scored.
    pub rating: Option<Rating>,
    /// Inherent and residual risk (0-5) of its newest score snapshot.
    pub inherent_risk: Option<f64>,
    pub residual_risk: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
