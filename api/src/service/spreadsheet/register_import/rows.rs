//! One row of a register against the register: which supplier it is, what it would change
//! field by field (with the old value), and every problem at its cell. Preview and commit both
//! plan through here, so that what is committed is what the register holds at commit time.
use super::contacts::plan_contacts;
use super::known::Known;
pub use super::preview::{CellIssue, FieldChange, RowChange, RowPreview};
use super::values;
use crate::domain::{Moves, country};
use crate::error::Problems;
use crate::service::register::supplier_input::{NewSupplier, validate_supplier};
use entity::{supplier, supplier_contact};
use questionnaires::register::{Field, SheetRow};
use uuid::Uuid;

/// A row planned: its preview, and the rows to write if it is valid.
pub struct Planned {
    pub preview: RowPreview,
    pub before: Option<supplier::Model>,
    pub after: supplier::Model,
    pub new_contacts: Vec<supplier_contact::Model>,
    pub changed_contacts: Vec<supplier_contact::Model>,
}

/// The category a new supplier gets when the file names none (shown in the preview).
pub const UNCATEGORISED: &str = "Uncategorised";

/// Each field's name in the preview and its path in `validate_supplier`'s problems.
const LABELS: &[(Field, &str, &str)] = &[
    (Field::LegalName, "Legal name", "legalName"),
    (Field::Lei, "LEI", "lei"),
    (Field::VatNumber, "VAT number", "vatNumber"),
    (Field::Duns, "DUNS", "duns"),
    (Field::RegistryNumber, "National registry number", "nationalRegistryNumber"),
    (Field::Country, "Country", "country"),
    (Field::Website, "Website", "website"),
    (Field::Category, "Category", "category"),
    (Field::Description, "Description", "description"),
    (Field::Status, "Status", "status"),
    (Field::Owner, "Owner", "ownerId"),
    (Field::DataSensitivity, "Data sensitivity", "tier.dataSensitivity"),
    (Field::AccessLevel, "Access level", "tier.accessLevel"),
    (Field::Substitutability, "Substitutability", "tier.substitutability"),
    (Field::Nis2Relevant, "NIS 2 relevant", "tier.nis2Relevant"),
    (Field::IctServices, "ICT products and services", "tier.ictServices"),
    (Field::ContractStart, "Contract start", "contractStart"),
    (Field::ContractEnd, "Contract end", "contractEnd"),
    (Field::ClauseSecurityRequirements, "(a) Security requirements", "-"),
    (Field::ClauseStaffTraining, "(b) Staff training", "-"),
    (Field::ClauseBackgroundChecks, "(c) Background checks", "-"),
    (Field::ClauseIncidentNotification, "(d) Incident notification", "-"),
    (Field::ClauseRightToAudit, "(e) Right to audit", "-"),
    (Field::ClauseVulnerabilityHandling, "(f) Vulnerability handling", "-"),
    (Field::ClauseSubcontracting, "(g) Subcontracting", "-"),
    (Field::ClauseTermination, "(h) Termination", "-"),
];

/// A supplier with nothing set, as `createSupplier` would make it.
pub fn blank(organisation_id: Uuid) -> supplier::Model {
    let input = NewSupplier {
        legal_name: String::new(),
        lei: None,
        vat_number: None,
        duns: None,
        national_registry_number: None,
        country: String::new(),
        website: None,
        category: String::new(),
        description: None,
        status: None,
        owner_id: None,
        tier: None,
        contract_start: None,
        contract_end: None,
        contract_clauses: None,
        contacts: None,
    };
    input.into_row(organisation_id).0
}

/// Plans one suppliers-sheet row against `known` (the supplier it matched, if any).
pub fn plan(row: &SheetRow, matched: Option<(Uuid, &'static str)>, known: &Known, organisation_id: Uuid) -> Planned {
    let before = matched.and_then(|(id, _)| known.suppliers.get(&id)).cloned();
    let mut after = before.clone().unwrap_or_else(|| blank(organisation_id));
    let mut issues: Vec<CellIssue> = Vec::new();
    let mut services: Vec<String> = Vec::new();
    for cell in &row.cells {
        let issue = |message: String| CellIssue { cell: cell.cell.clone(), message };
        let text = cell.text.clone();
        let outcome: Result<(), String> = match cell.field {
            Field::LegalName => {
                after.legal_name = text;
                Ok(())
            }
            Field::Lei => {
                after.lei = Some(text);
                Ok(())
            }
            Field::VatNumber => {
                after.vat_number = Some(text);
                Ok(())
            }
            // A D-U-N-S number kept as a number loses its leading zeros.
            Field::Duns if text.len() < 9 && text.bytes().all(|b| b.is_ascii_digit()) => {
                after.duns = Some(format!("{text:0>9}"));
                Ok(())
            }
            Field::Duns => {
                after.duns = Some(text);
                Ok(())
            }
            Field::RegistryNumber => {
                after.national_registry_number = Some(text);
                Ok(())
            }
            Field::Country => country::code_of(&text).map(|code| after.country = code),
            Field::Website => {
                after.website = Some(text);
                Ok(())
            }
            Field::Category => {
                after.category = text;
                Ok(())
            }
            Field::Description => {
                after.description = Some(text);
                Ok(())
            }
            Field::Status => values::status(&text).map(|s| after.status = s),
            Field::Owner => match known.owners.get(&text.trim().to_lowercase()) {
                Some(id) => {
                    after.owner_id = Some(*id);
                    Ok(())
                }
                None => Err(format!("no user of your organisation has the e-mail \"{text}\"")),
            },
            Field::DataSensitivity => values::data_sensitivity(&text).map(|v| after.data_sensitivity = v),
            Field::AccessLevel => values::access_level(&text).map(|v| after.access_level = v),
            Field::Substitutability => values::substitutability(&text).map(|v| after.substitutability = v),
            Field::Nis2Relevant => values::yes_or_no(&text).map(|v| after.nis2_relevant = v),
            Field::IctServices => {
                services.extend(values::list(&text));
                Ok(())
            }
            Field::ContractStart => values::date(&text).map(|d| after.contract_start = Some(d)),
            Field::ContractEnd => values::date(&text).map(|d| after.contract_end = Some(d)),
            Field::ClauseSecurityRequirements => values::clause(&text).map(|c| after.clause_security_requirements = c),
            Field::ClauseStaffTraining => values::clause(&text).map(|c| after.clause_staff_training = c),
            Field::ClauseBackgroundChecks => values::clause(&text).map(|c| after.clause_background_checks = c),
            Field::ClauseIncidentNotification => values::clause(&text).map(|c| after.clause_incident_notification = c),
            Field::ClauseRightToAudit => values::clause(&text).map(|c| after.clause_right_to_audit = c),
            Field::ClauseVulnerabilityHandling => {
                values::clause(&text).map(|c| after.clause_vulnerability_handling = c)
            }
            Field::ClauseSubcontracting => values::clause(&text).map(|c| after.clause_subcontracting = c),
            Field::ClauseTermination => values::clause(&text).map(|c| after.clause_termination = c),
            _ => Ok(()),
        };
        if let Err(message) = outcome {
            issues.push(issue(message));
        }
    }
    if !services.is_empty() {
        after.ict_services = serde_json::json!(services);
    }
    if before.is_none() && row.get(Field::Category).is_none() {
        after.category = UNCATEGORISED.into();
    }
    if let Some(before) = &before
        && after.status != before.status
        && !before.status.allowed_next().contains(&after.status)
    {
        let message = format!("a supplier cannot go from {} to {}", before.status, after.status);
        issues.push(CellIssue { cell: row.place(Field::Status), message });
    }
    let mut problems = Problems::default();
    validate_supplier(&mut after, "row", &mut problems);
    for problem in problems.into_errors() {
        let path = problem.field.trim_start_matches("row.");
        let field = LABELS.iter().find(|(_, _, p)| path.starts_with(p)).map_or(Field::LegalName, |l| l.0);
        let cell = row.place(field);
        // A cell already named (a country nobody knows) is not named again for what it left empty.
        if !issues.iter().any(|issue| issue.cell == cell) {
            issues.push(CellIssue { cell, message: format!("{}: {}", label(field), problem.message) });
        }
    }
    let (new_contacts, changed_contacts, contact_changes) = plan_contacts(row, &after, known, &mut issues);
    let mut fields = changes(before.as_ref(), &after, row, known);
    fields.extend(contact_changes);
    let change = match (&before, issues.is_empty(), fields.is_empty()) {
        (_, false, _) => RowChange::Invalid,
        (None, true, _) => RowChange::New,
        (Some(_), true, true) => RowChange::Unchanged,
        (Some(_), true, false) => RowChange::Changed,
    };
    let preview = RowPreview {
        sheet: row.sheet.clone(),
        row: row.row,
        change,
        supplier_id: before.as_ref().map(|b| b.id),
        legal_name: row.get(Field::LegalName).map(|c| c.text.clone()).unwrap_or_else(|| after.legal_name.clone()),
        matched_by: matched.map(|(_, by)| by.to_owned()),
        fields,
        problems: issues,
    };
    Planned { preview, before, after, new_contacts, changed_contacts }
}

fn label(field: Field) -> &'static str {
    LABELS.iter().find(|l| l.0 == field).map_or("Legal name", |l| l.1)
}

/// A field's value as the preview shows it.
fn shown(row: &supplier::Model, field: Field, known: &Known) -> Option<String> {
    let text = |v: &str| (!v.is_empty()).then(|| v.to_owned());
    match field {
        Field::LegalName => text(&row.legal_name),
        Field::Lei => row.lei.clone(),
        Field::VatNumber => row.vat_number.clone(),
        Field::Duns => row.duns.clone(),
        Field::RegistryNumber => row.national_registry_number.clone(),
        Field::Country => text(&row.country),
        Field::Website => row.website.clone(),
        Field::Category => text(&row.category),
        Field::Description => row.description.clone(),
        Field::Status => Some(row.status.to_string()),
        Field::Owner => row.owner_id.map(|id| known.owner_emails.get(&id).cloned().unwrap_or_else(|| id.to_string())),
        Field::DataSensitivity => Some(row.data_sensitivity.to_string()),
        Field::AccessLevel => Some(row.access_level.to_string()),
        Field::Substitutability => Some(row.substitutability.to_string()),
        Field::Nis2Relevant => Some(if row.nis2_relevant { "yes" } else { "no" }.into()),
        Field::IctServices => {
            let list: Vec<String> = serde_json::from_value(row.ict_services.clone()).unwrap_or_default();
            text(&list.join("; "))
        }
        Field::ContractStart => row.contract_start.map(|d| d.to_string()),
        Field::ContractEnd => row.contract_end.map(|d| d.to_string()),
        Field::ClauseSecurityRequirements => Some(row.clause_security_requirements.to_string()),
        Field::ClauseStaffTraining => Some(row.clause_staff_training.to_string()),
        Field::ClauseBackgroundChecks => Some(row.clause_background_checks.to_string()),
        Field::ClauseIncidentNotification => Some(row.clause_incident_notification.to_string()),
        Field::ClauseRightToAudit => Some(row.clause_right_to_audit.to_string()),
        Field::ClauseVulnerabilityHandling => Some(row.clause_vulnerability_handling.to_string()),
        Field::ClauseSubcontracting => Some(row.clause_subcontracting.to_string()),
        Field::ClauseTermination => Some(row.clause_termination.to_string()),
        _ => None,
    }
}

/// The fields that differ: for a new supplier every field it gets, for a known one those the
/// row changes.
fn changes(
    before: Option<&supplier::Model>,
    after: &supplier::Model,
    row: &SheetRow,
    known: &Known,
) -> Vec<FieldChange> {
    LABELS
        .iter()
        .filter_map(|&(field, name, _)| {
            let from = before.and_then(|b| shown(b, field, known));
            let to = shown(after, field, known);
            let set_on_new = before.is_none() && (row.get(field).is_some() || field == Field::Category);
            let differs = before.is_some() && from != to;
            (set_on_new || differs).then(|| FieldChange { field: name.to_owned(), cell: row.place(field), from, to })
        })
        .collect()
}
