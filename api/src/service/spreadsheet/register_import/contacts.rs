//! The contacts of a register row: new ones (by e-mail) and known ones whose details the row
//! changes. Contacts the register has and the file leaves out stay as they are.
use super::known::Known;
use super::preview::{CellIssue, FieldChange};
use super::values::{self, ContactIn};
use crate::error::Problems;
use crate::service::register::contact_input::validate_contact;
use entity::{supplier, supplier_contact};
use questionnaires::register::SheetRow;
use uuid::Uuid;

/// The row's contacts: new ones (by e-mail) and known ones whose details the row changes.
pub(super) fn plan_contacts(
    row: &SheetRow,
    after: &supplier::Model,
    known: &Known,
    issues: &mut Vec<CellIssue>,
) -> (Vec<supplier_contact::Model>, Vec<supplier_contact::Model>, Vec<FieldChange>) {
    let (mut new, mut changed, mut fields) = (Vec::new(), Vec::new(), Vec::new());
    let read = match values::contacts(row) {
        Ok(read) => read,
        Err((cell, message)) => {
            issues.push(CellIssue { cell, message });
            return (new, changed, fields);
        }
    };
    let existing = known.contacts.get(&after.id).map(Vec::as_slice).unwrap_or_default();
    let mut seen: Vec<String> = Vec::new();
    for ContactIn { cell, name, email, phone, role } in read {
        let mut contact = supplier_contact::Model {
            id: Uuid::new_v4(),
            organisation_id: after.organisation_id,
            supplier_id: after.id,
            name: name.clone().unwrap_or_else(|| email.clone()),
            email: email.clone(),
            phone: phone.clone(),
            role: role.clone(),
            created_at: crate::service::kernel::now(),
        };
        let mut problems = Problems::default();
        validate_contact(&mut contact, "contact", &mut problems);
        if let Some(problem) = problems.into_errors().into_iter().next() {
            let what = problem.field.trim_start_matches("contact.");
            issues.push(CellIssue { cell, message: format!("Contact {what}: {}", problem.message) });
            continue;
        }
        if seen.contains(&contact.email) {
            continue;
        }
        seen.push(contact.email.clone());
        let written = |c: &supplier_contact::Model| {
            let phone = c.phone.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
            let role = c.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
            format!("{} <{}>{phone}{role}", c.name, c.email)
        };
        match existing.iter().find(|c| c.email.eq_ignore_ascii_case(&contact.email)) {
            None => {
                let to = Some(written(&contact));
                fields.push(FieldChange { field: "Contact".into(), cell, from: None, to });
                new.push(contact);
            }
            Some(old) => {
                let mut updated = old.clone();
                // Only what the row gives changes; a bare address leaves the name as it is.
                if name.is_some() {
                    updated.name = contact.name;
                }
                if phone.is_some() {
                    updated.phone = contact.phone;
                }
                if role.is_some() {
                    updated.role = contact.role;
                }
                if updated != *old {
                    let field = format!("Contact {}", old.email);
                    fields.push(FieldChange { field, cell, from: Some(written(old)), to: Some(written(&updated)) });
                    changed.push(updated);
                }
            }
        }
    }
    (new, changed, fields)
}
