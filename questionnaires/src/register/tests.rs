//! Registers as organisations keep them, built here with our own texts: a title above the
//! header, headers in German and French, one contact per row or several, a contacts sheet, a
//! dependencies sheet, and columns nobody asked for.
use super::fields::{Field, field_of};
use super::{RegisterLayout, SheetKind, read_register};
use crate::sheet::tests_foreign::{read, rows};
use rust_xlsxwriter::Workbook;

fn texts(row: &super::SheetRow) -> Vec<(Field, u8, &str)> {
    row.cells.iter().map(|c| (c.field, c.slot, c.text.as_str())).collect()
}

#[test]
fn headers_are_read_as_a_person_reads_them() {
    assert_eq!(field_of("Vendor Name"), Some((Field::LegalName, 1)));
    assert_eq!(field_of("Raison sociale"), Some((Field::LegalName, 1)));
    assert_eq!(field_of("Lieferant"), Some((Field::LegalName, 1)));
    assert_eq!(field_of("USt-IdNr."), Some((Field::VatNumber, 1)));
    assert_eq!(field_of("Pays"), Some((Field::Country, 1)));
    assert_eq!(field_of("Contact 2 e-mail"), Some((Field::ContactEmail, 2)));
    assert_eq!(field_of("NIS 2 relevant"), Some((Field::Nis2Relevant, 1)));
    assert_eq!(field_of("Contact name"), Some((Field::ContactName, 1)));
    assert_eq!(field_of("(e) Right to audit"), Some((Field::ClauseRightToAudit, 1)));
    assert_eq!(field_of("Contract end"), Some((Field::ContractEnd, 1)));
    assert_eq!(field_of("Contract"), None, "a word that names no field is not guessed");
    assert_eq!(field_of("Remarks on the last meeting"), None);
}

#[test]
fn a_register_below_a_title_with_german_headers_and_contacts_per_row() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Lieferanten").unwrap();
    rows(
        sheet,
        0,
        &[
            &["Lieferantenverzeichnis 2026", "", "", "", "", ""],
            &[],
            &["Firmenname", "Land", "Kategorie", "Ansprechpartner Name", "E-Mail", "Contact 2 e-mail", "Bemerkung"],
            &[
                "Nordlicht GmbH",
                "Deutschland",
                "Hosting",
                "Anna Berg",
                "anna@nordlicht.example",
                "ops@nordlicht.example",
                "gut",
            ],
            &[],
            &["Atelier Sàrl", "CH", "Design", "", "", "", ""],
        ],
    );
    let read = read_register(&read(&mut book), None).unwrap();
    assert_eq!(read.layout.suppliers.sheet, "Lieferanten");
    assert_eq!(read.layout.suppliers.header_row, 3);
    assert_eq!(read.suppliers.len(), 2, "the empty row is skipped");
    assert_eq!(read.suppliers[0].row, 4);
    assert_eq!(
        texts(&read.suppliers[0]),
        vec![
            (Field::LegalName, 1, "Nordlicht GmbH"),
            (Field::Country, 1, "Deutschland"),
            (Field::Category, 1, "Hosting"),
            (Field::ContactName, 1, "Anna Berg"),
            (Field::ContactEmail, 1, "anna@nordlicht.example"),
            (Field::ContactEmail, 2, "ops@nordlicht.example"),
        ]
    );
    assert_eq!(read.suppliers[0].get(Field::Country).unwrap().cell, "Lieferanten!B4");
    assert_eq!(read.suppliers[1].place(Field::Website), "Lieferanten row 6");
    assert!(read.notes.iter().any(|n| n.contains("G (\"Bemerkung\")")), "{:?}", read.notes);
}

#[test]
fn contacts_and_dependencies_on_sheets_of_their_own() {
    let mut book = Workbook::new();
    let register = book.add_worksheet().set_name("Vendors").unwrap();
    rows(register, 0, &[&["Vendor", "Country", "Category", "LEI"], &["Acme Ltd", "GB", "Payroll", ""]]);
    let contacts = book.add_worksheet().set_name("People").unwrap();
    rows(contacts, 0, &[&["Supplier", "Name", "Email", "Role"], &["Acme Ltd", "Jo Doe", "jo@acme.example", "CISO"]]);
    let links = book.add_worksheet().set_name("Dependencies").unwrap();
    rows(
        links,
        0,
        &[&["Service", "Supplier", "Subcontractor"], &["Payroll run", "Acme Ltd", ""], &["", "Acme Ltd", "CloudCo"]],
    );
    let read = read_register(&read(&mut book), None).unwrap();
    let contacts = read.layout.contacts.as_ref().expect("the contacts sheet is found");
    assert_eq!((contacts.sheet.as_str(), contacts.kind), ("People", SheetKind::Contacts));
    assert_eq!(
        texts(&read.contacts[0]),
        vec![
            (Field::Supplier, 1, "Acme Ltd"),
            (Field::ContactName, 1, "Jo Doe"),
            (Field::ContactEmail, 1, "jo@acme.example"),
            (Field::ContactRole, 1, "CISO")
        ]
    );
    assert_eq!(read.layout.links.as_ref().unwrap().kind, SheetKind::Links);
    assert_eq!(texts(&read.links[1]), vec![(Field::Supplier, 1, "Acme Ltd"), (Field::Subcontractor, 1, "CloudCo")]);
}

#[test]
fn a_corrected_layout_is_read_as_given_and_a_wrong_one_is_named() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("List").unwrap();
    rows(sheet, 0, &[&["Who", "Where", "What"], &["Acme Ltd", "GB", "Payroll"]]);
    let workbook = read(&mut book);
    let refused = read_register(&workbook, None).unwrap_err().to_string();
    assert!(refused.contains("no sheet has a header row naming its suppliers"), "{refused}");
    let layout: RegisterLayout = serde_json::from_value(serde_json::json!({
        "suppliers": {"sheet": "List", "kind": "suppliers", "header_row": 1, "columns": [
            {"column": "A", "header": "Who", "field": "legal_name"},
            {"column": "B", "header": "Where", "field": "country"},
            {"column": "C", "header": "What", "field": "category"}]},
        "contacts": null, "links": null
    }))
    .unwrap();
    let read = read_register(&workbook, Some(&layout)).unwrap();
    assert_eq!(texts(&read.suppliers[0])[1], (Field::Country, 1, "GB"));
    let mut wrong = layout.clone();
    wrong.suppliers.sheet = "Other".into();
    assert!(read_register(&workbook, Some(&wrong)).unwrap_err().to_string().contains("no sheet named \"Other\""));
    let mut wrong = layout.clone();
    wrong.suppliers.columns[0].field = None;
    assert!(
        read_register(&workbook, Some(&wrong))
            .unwrap_err()
            .to_string()
            .contains("no column is given for the legal name")
    );
    let mut wrong = layout;
    wrong.suppliers.header_row = 9;
    assert!(read_register(&workbook, Some(&wrong)).unwrap_err().to_string().contains("header row 9 is outside"));
}

#[test]
fn a_column_that_cannot_repeat_is_read_once() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Register").unwrap();
    rows(sheet, 0, &[&["Supplier", "Country", "Country code"], &["Acme Ltd", "United Kingdom", "GB"]]);
    let read = read_register(&read(&mut book), None).unwrap();
    let country: Vec<_> = read.layout.suppliers.columns.iter().filter(|c| c.field == Some(Field::Country)).collect();
    assert_eq!(country.len(), 1);
    assert_eq!(read.suppliers[0].get(Field::Country).unwrap().text, "United Kingdom");
}
