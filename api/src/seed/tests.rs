//! Checks of the demo data that need no database: the hand-written graph is consistent and the
//! in-memory register (catalogue plus generated suppliers) satisfies the schema's constraints.
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use entity::{dependency, supplier};
use sea_orm::TryIntoModel;
use uuid::Uuid;

use super::catalogue::SUPPLIERS;
use super::graph::{self, CYCLE, SERVICES, SUPPLIER_EDGES};
use super::register::Register;
use super::spec::Ctx;
use super::{bulk, ident};
use crate::domain::{NodeKind, SupplierStatus};

fn supplier_names() -> HashSet<&'static str> {
    SUPPLIERS.iter().map(|s| s.name).collect()
}

#[test]
fn services_name_known_suppliers() {
    let names = supplier_names();
    assert_eq!(SERVICES.len(), 10);
    for service in SERVICES {
        assert!((2..=6).contains(&service.suppliers.len()), "{}", service.name);
        for (supplier, _) in service.suppliers {
            assert!(names.contains(supplier), "{supplier}");
        }
    }
    assert!((3..=4).contains(&SERVICES.iter().filter(|s| s.nis2_critical).count()));
}

#[test]
fn fourth_parties_are_acyclic_apart_from_the_deliberate_cycle() {
    let names = supplier_names();
    assert!(SUPPLIER_EDGES.len() >= 10);
    let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
    for &(from, to, _) in SUPPLIER_EDGES {
        assert!(names.contains(from) && names.contains(to) && from != to, "{from} -> {to}");
        next.entry(from).or_default().push(to);
    }
    // Depth-first search for a back edge; states: absent = unvisited, false = on the path, true = done.
    fn visit<'a>(node: &'a str, next: &HashMap<&'a str, Vec<&'a str>>, state: &mut HashMap<&'a str, bool>) {
        state.insert(node, false);
        for &to in next.get(node).into_iter().flatten() {
            match state.get(to) {
                Some(false) => panic!("unintended cycle through {to}"),
                Some(true) => {}
                None => visit(to, next, state),
            }
        }
        state.insert(node, true);
    }
    let mut state = HashMap::new();
    for from in next.keys() {
        if !state.contains_key(from) {
            visit(from, &next, &mut state);
        }
    }
    assert_eq!(CYCLE.len(), 3);
    for (i, &(from, to, why)) in CYCLE.iter().enumerate() {
        assert!(names.contains(from) && why.contains("deliberate cycle"));
        assert_eq!(to, CYCLE[(i + 1) % CYCLE.len()].0);
        // Other outgoing edges of a cycle member could close a second, unintended cycle.
        assert!(!next.contains_key(from), "{from} has further dependencies");
    }
}

#[test]
fn catalogue_is_large_and_uses_distinct_domains() {
    assert!(SUPPLIERS.len() >= 44);
    let domains: HashSet<String> = SUPPLIERS.iter().map(|s| ident::domain(s.name)).collect();
    assert_eq!(domains.len(), SUPPLIERS.len());
    assert_eq!(supplier_names().len(), SUPPLIERS.len());
    for spec in SUPPLIERS {
        assert!(crate::domain::country::is_iso3166_alpha2(spec.country), "{}", spec.country);
    }
}

fn assemble(total: usize) -> Register {
    let ctx = Ctx { organisation_id: Uuid::new_v4(), analyst_id: Uuid::new_v4(), now: Utc::now() };
    let mut register = Register::new(ctx);
    graph::add(&mut register).expect("catalogue graph");
    bulk::add(&mut register, total).expect("generated suppliers");
    register
}

fn suppliers(register: &Register) -> Vec<supplier::Model> {
    // `try_into_model` fails on any column left unset, so this also checks completeness.
    register.suppliers.iter().map(|row| row.clone().try_into_model().expect("every column set")).collect()
}

#[test]
fn small_requests_still_get_the_whole_catalogue() {
    let register = assemble(5);
    assert_eq!(register.suppliers.len(), SUPPLIERS.len());
    assert_eq!(register.services.len(), 10);
    let statuses: Vec<SupplierStatus> = suppliers(&register).into_iter().map(|s| s.status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == SupplierStatus::Terminated).count(), 1);
    assert!(statuses.iter().filter(|s| **s == SupplierStatus::Active).count() > SUPPLIERS.len() / 2);
}

#[test]
fn generated_register_is_valid_and_deterministic() {
    let register = assemble(3_000);
    let rows = suppliers(&register);
    assert_eq!(rows.len(), 3_000);
    let organisation_id = rows[0].organisation_id;
    for row in &rows {
        assert_eq!(row.organisation_id, organisation_id);
        assert!(crate::domain::country::is_iso3166_alpha2(&row.country), "{}", row.country);
        assert!(row.ict_services.as_array().is_some_and(|a| a.iter().all(|s| s.is_string())));
        assert!(row.lei.as_ref().is_none_or(|lei| lei.len() == 20 && ident::mod97(lei) == 1));
        assert!(row.duns.as_ref().is_none_or(|duns| duns.len() == 9));
        if let (Some(start), Some(end)) = (row.contract_start, row.contract_end) {
            assert!(start < end, "{}", row.legal_name);
        }
    }
    let contacts = register.contacts.len();
    assert!((3_000..=6_000).contains(&contacts), "{contacts}");
    assert!(rows.iter().filter(|row| row.owner_id.is_some()).count() == 1_500);

    let edges: Vec<dependency::Model> =
        register.dependencies.iter().map(|row| row.clone().try_into_model().expect("every column set")).collect();
    let pairs: HashSet<(Uuid, Uuid)> = edges.iter().map(|e| (e.dependent_id, e.provider_id)).collect();
    assert_eq!(pairs.len(), edges.len(), "duplicate edge");
    assert!(edges.iter().all(|e| e.dependent_id != e.provider_id));
    let fourth_parties = edges.iter().filter(|e| e.dependent_kind == NodeKind::Supplier).count();
    assert!(fourth_parties > 500, "{fourth_parties}");

    // Same input, same data (ids aside): a slow query found on one seeded database reproduces.
    let again = suppliers(&assemble(3_000));
    assert!(rows[2_999].legal_name.starts_with("Supplier 03000 "));
    for (a, b) in rows.iter().zip(&again) {
        assert_eq!(
            (&a.legal_name, &a.lei, &a.clause_right_to_audit),
            (&b.legal_name, &b.lei, &b.clause_right_to_audit)
        );
    }
}
