//! The description of one demo supplier and its conversion into database rows. The hand-written
//! catalogue and the generated bulk suppliers share it, so both produce the same kind of rows.
use chrono::{DateTime, Months, NaiveDate, Utc};
use entity::{supplier, supplier_contact};
use sea_orm::ActiveValue::Set;
use uuid::Uuid;

use super::ident::{self, Stream};
use crate::domain::{AccessLevel, ClauseStatus, DataSensitivity, Substitutability, SupplierStatus};

/// What a supplier can see of us and how hard it would be to replace.
#[derive(Clone, Copy)]
pub(super) struct Tier {
    pub data: DataSensitivity,
    pub access: AccessLevel,
    pub substitutability: Substitutability,
    pub nis2: bool,
}

/// A contract starting on the first of a month; `months == 0` means open-ended.
#[derive(Clone, Copy)]
pub(super) struct Contract {
    pub year: i32,
    pub month: u32,
    pub months: u32,
}

#[derive(Clone, Copy)]
pub(super) struct SupplierSpec<'a> {
    pub name: &'a str,
    pub country: &'a str,
    pub category: &'a str,
    pub status: SupplierStatus,
    pub tier: Tier,
    /// Which references we hold: W web site, L LEI, V VAT number, D D-U-N-S, R register number.
    pub known: &'a str,
    /// IR 2024/2690 5.1.4 (a)-(h), in the order of the `clause_*` columns.
    pub clauses: [ClauseStatus; 8],
    pub contract: Option<Contract>,
    pub ict: &'a [&'a str],
    pub about: &'a str,
}

/// Starts a catalogue entry. It is `const` so that a mistyped clause or reference code in the
/// catalogue fails the build instead of the seed run.
#[allow(clippy::too_many_arguments)]
pub(super) const fn row<'a>(
    name: &'a str,
    country: &'a str,
    category: &'a str,
    status: SupplierStatus,
    tier: Tier,
    known: &'a str,
    clauses: &str,
    contract: Option<Contract>,
) -> SupplierSpec<'a> {
    check_known(known);
    SupplierSpec {
        name,
        country,
        category,
        status,
        tier,
        known,
        clauses: clause_codes(clauses),
        contract,
        ict: &[],
        about: "",
    }
}

impl<'a> SupplierSpec<'a> {
    pub(super) const fn ict(self, ict: &'a [&'a str]) -> Self {
        Self { ict, ..self }
    }

    pub(super) const fn about(self, about: &'a str) -> Self {
        Self { about, ..self }
    }
}

pub(super) const fn contract(year: i32, month: u32, months: u32) -> Option<Contract> {
    assert!(month >= 1 && month <= 12, "contract month must be 1-12");
    Some(Contract { year, month, months })
}

/// Eight letters, one per clause: P present, A absent, U unknown.
pub(super) const fn clause_codes(code: &str) -> [ClauseStatus; 8] {
    let bytes = code.as_bytes();
    assert!(bytes.len() == 8, "clause codes need exactly eight letters");
    let mut out = [ClauseStatus::Unknown; 8];
    let mut i = 0;
    while i < 8 {
        out[i] = match bytes[i] {
            b'P' => ClauseStatus::Present,
            b'A' => ClauseStatus::Absent,
            b'U' => ClauseStatus::Unknown,
            _ => panic!("clause codes are P, A or U"),
        };
        i += 1;
    }
    out
}

const fn check_known(known: &str) {
    let bytes = known.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        assert!(matches!(bytes[i], b'W' | b'L' | b'V' | b'D' | b'R'), "reference codes are W, L, V, D or R");
        i += 1;
    }
}

/// What every row of the seed run shares.
pub(super) struct Ctx {
    pub organisation_id: Uuid,
    pub analyst_id: Uuid,
    pub now: DateTime<Utc>,
}

impl SupplierSpec<'_> {
    /// The supplier row with this `id`, and its contacts. `index` is the supplier's position in
    /// the whole seed; ownership alternates on it so that "my suppliers" filters show something.
    pub(super) fn models(
        &self,
        ctx: &Ctx,
        id: Uuid,
        index: usize,
    ) -> (supplier::ActiveModel, Vec<supplier_contact::ActiveModel>) {
        let mut stream = Stream::new(ident::fnv(self.name));
        let domain = ident::domain(self.name);
        let has = |code: char| self.known.contains(code);
        let lei = has('L').then(|| ident::lei(&mut stream));
        let vat_number = if has('V') { ident::vat(self.country, &mut stream) } else { None };
        let duns = has('D').then(|| ident::duns(&mut stream));
        let registry = has('R').then(|| ident::registry_number(self.country, &mut stream));
        let (contract_start, contract_end) = self.contract.map_or((None, None), contract_dates);
        let [security, training, background, incident, audit, vulnerability, subcontracting, termination] =
            self.clauses.map(Set);
        let row = supplier::ActiveModel {
            id: Set(id),
            organisation_id: Set(ctx.organisation_id),
            legal_name: Set(self.name.to_owned()),
            lei: Set(lei),
            vat_number: Set(vat_number),
            duns: Set(duns),
            national_registry_number: Set(registry),
            country: Set(self.country.to_owned()),
            website: Set(has('W').then(|| format!("https://www.{domain}"))),
            category: Set(self.category.to_owned()),
            description: Set((!self.about.is_empty()).then(|| self.about.to_owned())),
            status: Set(self.status),
            owner_id: Set(index.is_multiple_of(2).then_some(ctx.analyst_id)),
            data_sensitivity: Set(self.tier.data),
            access_level: Set(self.tier.access),
            substitutability: Set(self.tier.substitutability),
            nis2_relevant: Set(self.tier.nis2),
            ict_services: Set(serde_json::json!(self.ict)),
            contract_start: Set(contract_start),
            contract_end: Set(contract_end),
            clause_security_requirements: security,
            clause_staff_training: training,
            clause_background_checks: background,
            clause_incident_notification: incident,
            clause_right_to_audit: audit,
            clause_vulnerability_handling: vulnerability,
            clause_subcontracting: subcontracting,
            clause_termination: termination,
            created_at: Set(ctx.now),
            updated_at: Set(ctx.now),
            rescore_requested_at: Set(None),
            rating: Set(None),
            inherent_risk: Set(None),
            residual_risk: Set(None),
        };
        let security_contact = self.tier.access != AccessLevel::None || self.tier.nis2;
        let contacts = ident::contacts(&domain, self.country, security_contact, &mut stream)
            .into_iter()
            .map(|contact| supplier_contact::ActiveModel {
                id: Set(Uuid::new_v4()),
                organisation_id: Set(ctx.organisation_id),
                supplier_id: Set(id),
                name: Set(contact.name),
                email: Set(contact.email),
                phone: Set(contact.phone),
                role: Set(Some(contact.role.to_owned())),
                created_at: Set(ctx.now),
            })
            .collect();
        (row, contacts)
    }
}

/// First and last day of a contract; open-ended contracts have no end.
fn contract_dates(contract: Contract) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let start = NaiveDate::from_ymd_opt(contract.year, contract.month, 1);
    let end = match contract.months {
        0 => None,
        months => start.and_then(|s| s.checked_add_months(Months::new(months))).and_then(|d| d.pred_opt()),
    };
    (start, end)
}
