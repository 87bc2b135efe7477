//! Generated suppliers beyond the hand-written catalogue, for load tests and large demos.
//!
//! Generation is deterministic: the n-th generated supplier always has the same name, country,
//! profile and clauses, so that a slow query found on one seeded database reproduces on another.
use super::catalogue::{
    ANALYTICS, CLOUD, CONSULTING, DEVELOPMENT, FACILITY, HARDWARE, HR, LOGISTICS, PAYMENTS, SAAS, SECURITY, TELECOM,
};
use super::ident::{Stream, mix};
use super::register::Register;
use super::spec::{Contract, SupplierSpec, Tier};
use crate::domain::{AccessLevel, ClauseStatus, DataSensitivity, NodeKind, Substitutability, SupplierStatus};

/// Each category with the ICT services its suppliers typically provide.
const OFFERINGS: &[(&str, &[&str])] = &[
    (CLOUD, &["IaaS", "Object storage", "Managed databases", "Backup storage"]),
    (SAAS, &["CRM", "Document management", "Project management", "Online surveys"]),
    (HR, &["Payroll processing", "Time tracking", "Applicant tracking"]),
    (LOGISTICS, &["Transport management system", "Yard management", "Track and trace"]),
    (SECURITY, &["Managed detection and response", "Vulnerability scanning", "Penetration testing"]),
    (TELECOM, &["Internet access", "Mobile contracts", "SIP trunking"]),
    (HARDWARE, &["Laptops", "Network equipment", "Printers"]),
    (CONSULTING, &["IT consulting", "Audit support"]),
    (PAYMENTS, &["Payment processing", "Expense cards"]),
    (FACILITY, &["Access control", "Building management system"]),
    (DEVELOPMENT, &["Custom software development", "Test automation"]),
    (ANALYTICS, &["BI dashboards", "Data engineering"]),
];

/// Countries with a typical legal form, so that generated names look like company names.
const COUNTRIES: &[(&str, &str)] = &[
    ("DE", "GmbH"),
    ("FR", "SAS"),
    ("NL", "B.V."),
    ("IE", "Ltd"),
    ("PL", "Sp. z o.o."),
    ("ES", "S.L."),
    ("IT", "S.r.l."),
    ("SE", "AB"),
    ("AT", "GmbH"),
    ("BE", "NV"),
    ("DK", "ApS"),
    ("FI", "Oy"),
    ("CZ", "s.r.o."),
    ("PT", "Lda"),
    ("US", "Inc."),
    ("GB", "Ltd"),
    ("CH", "AG"),
    ("IN", "Pvt Ltd"),
];

/// Adds generated suppliers until the register holds `total`, each with one or two contacts;
/// two in five depend on an earlier supplier and one in twenty is used by a service (at
/// 100,000 suppliers, some 45,000 dependencies: the scale the benchmarks are set at).
pub(super) fn add(register: &mut Register, total: usize) -> anyhow::Result<()> {
    for number in register.supplier_ids.len() + 1..=total {
        let mut stream = Stream::new(mix(number as u64));
        let &(category, offers) = stream.pick(OFFERINGS);
        let &(country, legal_form) = stream.pick(COUNTRIES);
        let name = format!("Supplier {number:05} {category} {legal_form}");
        let about = format!("Generated {category} supplier for load testing.");
        let status = match stream.below(20) {
            0 => SupplierStatus::Prospect,
            1 | 2 => SupplierStatus::Onboarding,
            3 => SupplierStatus::Offboarding,
            4 => SupplierStatus::Terminated,
            _ => SupplierStatus::Active,
        };
        let tier = Tier {
            data: *stream.pick(DataSensitivity::ALL),
            access: *stream.pick(AccessLevel::ALL),
            substitutability: *stream.pick(Substitutability::ALL),
            nis2: stream.below(4) == 0,
        };
        let first = stream.below(offers.len());
        let ict = &offers[first..(first + 1 + stream.below(2)).min(offers.len())];
        let known = references(&mut stream);
        let contract = (status != SupplierStatus::Prospect).then(|| Contract {
            year: 2018 + stream.below(9) as i32,
            month: 1 + stream.below(12) as u32,
            months: *stream.pick(&[0, 12, 24, 36, 60]),
        });
        let clauses = clauses(status, &mut stream);
        let spec = SupplierSpec {
            name: &name,
            country,
            category,
            status,
            tier,
            known: &known,
            clauses,
            contract,
            ict,
            about: &about,
        };
        let id = register.add_supplier(&spec)?;

        // Only earlier suppliers are chosen as providers, so generated edges never add a cycle
        // to the one the catalogue contains on purpose.
        let position = register.supplier_ids.len() - 1;
        if position > 0 && stream.below(5) < 2 {
            let provider = register.supplier_ids[stream.below(position)];
            let description = Some("Generated fourth-party dependency".to_owned());
            register.add_edge((NodeKind::Supplier, id), (NodeKind::Supplier, provider), description);
        }
        if !register.service_ids.is_empty() && stream.below(20) == 0 {
            let service = *stream.pick(&register.service_ids);
            let description = Some(format!("Uses {category} from a generated supplier"));
            register.add_edge((NodeKind::Service, service), (NodeKind::Supplier, id), description);
        }
    }
    Ok(())
}

/// W web site, L LEI, V VAT number, D D-U-N-S, R register number (see `SupplierSpec::known`).
fn references(stream: &mut Stream) -> String {
    [('W', 9), ('L', 3), ('V', 8), ('D', 4), ('R', 5)]
        .into_iter()
        .filter(|&(_, in_ten)| stream.below(10) < in_ten)
        .map(|(code, _)| code)
        .collect()
}

/// Prospects have unchecked contracts; other suppliers are mostly well-run (nearly every clause
/// present), with a minority that have real gaps.
fn clauses(status: SupplierStatus, stream: &mut Stream) -> [ClauseStatus; 8] {
    if status == SupplierStatus::Prospect {
        return [ClauseStatus::Unknown; 8];
    }
    let present_in_ten = if stream.below(3) == 0 { 5 } else { 9 };
    std::array::from_fn(|_| match stream.below(10) {
        roll if roll < present_in_ten => ClauseStatus::Present,
        roll if roll % 2 == 0 => ClauseStatus::Absent,
        _ => ClauseStatus::Unknown,
    })
}
