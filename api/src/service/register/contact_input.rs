//! What clients send to create or change a contact at a supplier, and the one validation
//! that both go through (a patch is applied first, then the whole row checked).
use crate::error::Problems;
use crate::service::kernel::validate::{self, check_optional, check_required, patch};
use async_graphql::{InputObject, MaybeUndefined};
use entity::supplier_contact;
use uuid::Uuid;

/// A person at a supplier.
#[derive(Clone, Debug, InputObject)]
pub struct NewContact {
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Telephone number.
    pub phone: Option<String>,
    /// e.g. "Security officer", "Account manager".
    pub role: Option<String>,
}

/// Changes to a contact; omitted fields stay, `null` clears phone or role.
#[derive(Clone, Debug, Default, InputObject)]
pub struct ContactPatch {
    /// Full name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Telephone number; null clears it.
    pub phone: MaybeUndefined<String>,
    /// Role at the supplier; null clears it.
    pub role: MaybeUndefined<String>,
}

/// Checks and normalises a contact row.
pub fn validate_contact(row: &mut supplier_contact::Model, path: &str, problems: &mut Problems) {
    check_required(problems, &format!("{path}.name"), &mut row.name, |v| validate::required_line(v, 200));
    check_required(problems, &format!("{path}.email"), &mut row.email, validate::email);
    check_optional(problems, &format!("{path}.phone"), &mut row.phone, validate::phone);
    check_optional(problems, &format!("{path}.role"), &mut row.role, |v| validate::required_line(v, 100));
}

impl NewContact {
    pub fn into_row(self, organisation_id: Uuid, supplier_id: Uuid) -> supplier_contact::Model {
        supplier_contact::Model {
            id: Uuid::new_v4(),
            organisation_id,
            supplier_id,
            name: self.name,
            email: self.email,
            phone: self.phone,
            role: self.role,
            created_at: crate::service::kernel::now(),
        }
    }
}

impl ContactPatch {
    pub fn apply(self, row: &mut supplier_contact::Model) {
        if let Some(v) = self.name {
            row.name = v;
        }
        if let Some(v) = self.email {
            row.email = v;
        }
        patch(&mut row.phone, self.phone);
        patch(&mut row.role, self.role);
    }
}
