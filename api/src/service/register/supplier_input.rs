//! What clients send to create or change a supplier, and the one validation that both creation
//! and change go through (a patch is applied first, then the whole row checked).
use crate::domain::{AccessLevel, ClauseStatus, DataSensitivity, Substitutability, SupplierStatus};
use crate::error::Problems;
use crate::service::kernel::validate::{self, check_optional, check_required, patch};
use crate::service::register::contact_input::NewContact;
use async_graphql::{InputObject, MaybeUndefined};
use chrono::NaiveDate;
use entity::supplier;
use uuid::Uuid;

/// A new supplier. Only the legal name, country and category are required.
#[derive(Clone, Debug, InputObject)]
pub struct NewSupplier {
    /// Registered legal name, e.g. "Nordlicht Cloud GmbH".
    pub legal_name: String,
    /// Legal Entity Identifier (ISO 17442, 20 characters, check digits verified).
    pub lei: Option<String>,
    /// VAT identification number with country prefix.
    pub vat_number: Option<String>,
    /// Dun & Bradstreet D-U-N-S number (nine digits).
    pub duns: Option<String>,
    /// Number in a national company register (e.g. "HRB 123456 B").
    pub national_registry_number: Option<String>,
    /// Country of incorporation, ISO 3166-1 alpha-2 (e.g. "DE").
    pub country: String,
    /// Web site; without a scheme ("example.com") it is read as https.
    pub website: Option<String>,
    /// Free category, e.g. "Cloud hosting" or "Payroll".
    pub category: String,
    /// What the supplier provides, in your words.
    pub description: Option<String>,
    /// Starting status; prospect if omitted.
    pub status: Option<SupplierStatus>,
    /// Internal owner: a user of your organisation.
    pub owner_id: Option<Uuid>,
    /// Tier profile; the least exposed profile if omitted.
    pub tier: Option<TierProfileInput>,
    /// First day of the contract.
    pub contract_start: Option<NaiveDate>,
    /// Last day of the contract; not before its start.
    pub contract_end: Option<NaiveDate>,
    /// IR 2024/2690 5.1.4 clauses; omitted clauses are unknown.
    pub contract_clauses: Option<ContractClausesInput>,
    /// People at the supplier.
    pub contacts: Option<Vec<NewContact>>,
}

/// Changes to a supplier. Omitted fields stay as they are; `null` clears an optional field.
/// The status changes only through `changeSupplierStatus`.
#[derive(Clone, Debug, Default, InputObject)]
pub struct SupplierPatch {
    /// Registered legal name.
    pub legal_name: Option<String>,
    /// Legal Entity Identifier; null clears it.
    pub lei: MaybeUndefined<String>,
    /// VAT identification number; null clears it.
    pub vat_number: MaybeUndefined<String>,
    /// D-U-N-S number; null clears it.
    pub duns: MaybeUndefined<String>,
    /// National company register number; null clears it.
    pub national_registry_number: MaybeUndefined<String>,
    /// Country of incorporation, ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Web site; null clears it.
    pub website: MaybeUndefined<String>,
    /// Free category.
    pub category: Option<String>,
    /// Description; null clears it.
    pub description: MaybeUndefined<String>,
    /// Internal owner (a user of your organisation); null clears it.
    pub owner_id: MaybeUndefined<Uuid>,
    /// Tier profile changes.
    pub tier: Option<TierProfileInput>,
    /// First day of the contract; null clears it.
    pub contract_start: MaybeUndefined<NaiveDate>,
    /// Last day of the contract; null clears it.
    pub contract_end: MaybeUndefined<NaiveDate>,
    /// Contract clause changes.
    pub contract_clauses: Option<ContractClausesInput>,
}

/// How exposed the organisation is through this supplier. Omitted fields keep their value
/// (on creation: none / none / easy / not NIS 2 relevant / no services).
#[derive(Clone, Debug, Default, InputObject)]
pub struct TierProfileInput {
    /// The most sensitive data the supplier processes.
    pub data_sensitivity: Option<DataSensitivity>,
    /// The deepest access the supplier has to your systems.
    pub access_level: Option<AccessLevel>,
    /// How hard the supplier would be to replace.
    pub substitutability: Option<Substitutability>,
    /// The supplier contributes to a service that falls under NIS 2.
    pub nis2_relevant: Option<bool>,
    /// ICT products and services the supplier provides (IR 2024/2690 5.2), replaces the list.
    pub ict_services: Option<Vec<String>>,
}

/// IR 2024/2690 5.1.4 (a)-(h). Omitted clauses keep their value (on creation: unknown).
#[derive(Clone, Debug, Default, InputObject)]
pub struct ContractClausesInput {
    /// (a) cybersecurity requirements for the supplier.
    pub security_requirements: Option<ClauseStatus>,
    /// (b) staff awareness, skills, training and certifications.
    pub staff_training: Option<ClauseStatus>,
    /// (c) background checks of the supplier's staff.
    pub background_checks: Option<ClauseStatus>,
    /// (d) duty to notify incidents without undue delay.
    pub incident_notification: Option<ClauseStatus>,
    /// (e) right to audit or to receive audit reports.
    pub right_to_audit: Option<ClauseStatus>,
    /// (f) duty to handle vulnerabilities.
    pub vulnerability_handling: Option<ClauseStatus>,
    /// (g) subcontracting rules passing the same requirements down.
    pub subcontracting: Option<ClauseStatus>,
    /// (h) obligations at termination: return and disposal of information.
    pub termination: Option<ClauseStatus>,
}

impl NewSupplier {
    /// The row this input describes, before validation.
    pub fn into_row(self, organisation_id: Uuid) -> (supplier::Model, Vec<NewContact>) {
        let now = crate::service::kernel::now();
        let unknown = ClauseStatus::Unknown;
        let mut row = supplier::Model {
            id: Uuid::new_v4(),
            organisation_id,
            legal_name: self.legal_name,
            lei: self.lei,
            vat_number: self.vat_number,
            duns: self.duns,
            national_registry_number: self.national_registry_number,
            country: self.country,
            website: self.website,
            category: self.category,
            description: self.description,
            status: self.status.unwrap_or(SupplierStatus::Prospect),
            owner_id: self.owner_id,
            data_sensitivity: DataSensitivity::None,
            access_level: AccessLevel::None,
            substitutability: Substitutability::Easy,
            nis2_relevant: false,
            ict_services: serde_json::json!([]),
            contract_start: self.contract_start,
            contract_end: self.contract_end,
            clause_security_requirements: unknown,
            clause_staff_training: unknown,
            clause_background_checks: unknown,
            clause_incident_notification: unknown,
            clause_right_to_audit: unknown,
            clause_vulnerability_handling: unknown,
            clause_subcontracting: unknown,
            clause_termination: unknown,
            created_at: now,
            updated_at: now,
            rescore_requested_at: None,
            rating: None,
            inherent_risk: None,
            residual_risk: None,
        };
        if let Some(tier) = self.tier {
            tier.apply(&mut row);
        }
        if let Some(clauses) = self.contract_clauses {
            clauses.apply(&mut row);
        }
        (row, self.contacts.unwrap_or_default())
    }
}

impl SupplierPatch {
    pub fn apply(self, row: &mut supplier::Model) {
        if let Some(v) = self.legal_name {
            row.legal_name = v;
        }
        patch(&mut row.lei, self.lei);
        patch(&mut row.vat_number, self.vat_number);
        patch(&mut row.duns, self.duns);
        patch(&mut row.national_registry_number, self.national_registry_number);
        if let Some(v) = self.country {
            row.country = v;
        }
        patch(&mut row.website, self.website);
        if let Some(v) = self.category {
            row.category = v;
        }
        patch(&mut row.description, self.description);
        patch(&mut row.owner_id, self.owner_id);
        if let Some(tier) = self.tier {
            tier.apply(row);
        }
        patch(&mut row.contract_start, self.contract_start);
        patch(&mut row.contract_end, self.contract_end);
        if let Some(clauses) = self.contract_clauses {
            clauses.apply(row);
        }
    }
}

impl TierProfileInput {
    fn apply(self, row: &mut supplier::Model) {
        if let Some(v) = self.data_sensitivity {
            row.data_sensitivity = v;
        }
        if let Some(v) = self.access_level {
            row.access_level = v;
        }
        if let Some(v) = self.substitutability {
            row.substitutability = v;
        }
        if let Some(v) = self.nis2_relevant {
            row.nis2_relevant = v;
        }
        if let Some(list) = self.ict_services {
            row.ict_services = serde_json::json!(list);
        }
    }
}

impl ContractClausesInput {
    fn apply(self, row: &mut supplier::Model) {
        let pairs = [
            (self.security_requirements, &mut row.clause_security_requirements),
            (self.staff_training, &mut row.clause_staff_training),
            (self.background_checks, &mut row.clause_background_checks),
            (self.incident_notification, &mut row.clause_incident_notification),
            (self.right_to_audit, &mut row.clause_right_to_audit),
            (self.vulnerability_handling, &mut row.clause_vulnerability_handling),
            (self.subcontracting, &mut row.clause_subcontracting),
            (self.termination, &mut row.clause_termination),
        ];
        for (value, column) in pairs {
            if let Some(value) = value {
                *column = value;
            }
        }
    }
}

/// Checks and normalises a whole supplier row; `path` prefixes field names (`input`).
pub fn validate_supplier(row: &mut supplier::Model, path: &str, problems: &mut Problems) {
    let at = |field: &str| format!("{path}.{field}");
    check_required(problems, &at("legalName"), &mut row.legal_name, |v| validate::required_line(v, 200));
    check_optional(problems, &at("lei"), &mut row.lei, validate::lei);
    check_optional(problems, &at("vatNumber"), &mut row.vat_number, validate::vat_number);
    check_optional(problems, &at("duns"), &mut row.duns, validate::duns);
    check_optional(problems, &at("nationalRegistryNumber"), &mut row.national_registry_number, |v| {
        validate::required_line(v, 50)
    });
    check_required(problems, &at("country"), &mut row.country, validate::country);
    check_optional(problems, &at("website"), &mut row.website, validate::website);
    check_required(problems, &at("category"), &mut row.category, |v| validate::required_line(v, 100));
    check_optional(problems, &at("description"), &mut row.description, |v| validate::required_text(v, 5000));
    let services: Vec<String> = serde_json::from_value(row.ict_services.clone()).unwrap_or_default();
    let mut cleaned: Vec<String> = Vec::new();
    for (i, service) in services.iter().enumerate() {
        match validate::required_line(service, 200) {
            Ok(s) if !cleaned.contains(&s) => cleaned.push(s),
            Ok(_) => {}
            Err(message) => problems.add(format!("{path}.tier.ictServices[{i}]"), message),
        }
    }
    if cleaned.len() > 100 {
        problems.add(at("tier.ictServices"), "at most 100 entries");
    }
    row.ict_services = serde_json::json!(cleaned);
    if let (Some(start), Some(end)) = (row.contract_start, row.contract_end)
        && end < start
    {
        problems.add(at("contractEnd"), format!("ends ({end}) before the contract starts ({start})"));
    }
}
