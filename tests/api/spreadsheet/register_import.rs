//! The register an organisation already keeps, imported from a spreadsheet through the running
//! server: our own export imports back exactly, a foreign register in German is matched (by LEI,
//! VAT, registry number, legal name and country) and shown field by field with the old value,
//! every problem named by sheet and cell, nothing written until commit, the same file twice
//! changes nothing, and contacts and dependencies on sheets of their own.
use crate::helpers::register::COMMIT_REGISTER;
use crate::helpers::{data, error_code, field_errors, spawn_app};
use chainward::domain::Role;
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

fn csv(lines: &[&str]) -> Vec<u8> {
    lines.join("\r\n").into_bytes()
}

fn sheet(book: &mut Workbook, name: &str, rows: &[&[&str]]) {
    let sheet = book.add_worksheet().set_name(name).unwrap();
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
}

fn preview(body: &Value) -> &Value {
    &data(body)["previewRegisterImport"]
}

fn row(preview: &Value, number: u64) -> &Value {
    preview["rows"]["items"].as_array().unwrap().iter().find(|r| r["row"] == number).expect("the row")
}

async fn export(app: &crate::helpers::TestApp, token: &str, format: &str) -> Vec<u8> {
    let url = format!("{}/api/exports/register.{format}", app.address);
    app.client.get(url).bearer_auth(token).send().await.unwrap().bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn our_register_export_imports_back_exactly() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let full = json!({"lei": "5493001KJTIIGC8Y1R12", "vatNumber": "DE123456789", "duns": "050483782",
        "nationalRegistryNumber": "HRB 123456 B", "website": "nordlicht.example", "description": "Hosting, backup; and more",
        "status": "ACTIVE", "contractStart": "2025-01-01", "contractEnd": "2027-12-31",
        "tier": {"dataSensitivity": "PERSONAL", "accessLevel": "PRIVILEGED", "substitutability": "HARD",
            "nis2Relevant": true, "ictServices": ["Hosting", "Backup"]},
        "contractClauses": {"securityRequirements": "PRESENT", "rightToAudit": "ABSENT"},
        "contacts": [{"name": "Anna Berg", "email": "anna@nordlicht.example", "phone": "+49 30 1234567", "role": "CISO"},
            {"name": "Ops desk", "email": "ops@nordlicht.example"}]});
    app.supplier(t, "Nordlicht Cloud GmbH", full).await;
    app.supplier(t, "=HYPERLINK(1)", json!({"country": "FR", "category": "-Design"})).await;
    app.supplier(t, "Atelier Sàrl", json!({"country": "CH"})).await;
    let csv_export = export(&app, t, "csv").await;
    for (format, file) in [("csv", csv_export.clone()), ("xlsx", export(&app, t, "xlsx").await)] {
        let body = app.preview_register(t, &format!("register.{format}"), &file).await;
        let counts = &preview(&body)["counts"];
        assert_eq!(
            counts,
            &json!({"new": 0, "changed": 0, "unchanged": 3, "invalid": 0, "newDependencies": 0,
            "newServices": 0, "invalidLinks": 0}),
            "{format}: {body}"
        );
        assert!(preview(&body)["notes"].to_string().contains("computed by Chainward"), "{body}");
    }

    // Into an organisation that has nothing: every supplier new, and its register the same table.
    let newco = app.account("newco", Role::Admin).await;
    let body = app.preview_register(&newco.token, "register.csv", &csv_export).await;
    assert_eq!(preview(&body)["counts"]["new"], 3, "{body}");
    let items = preview(&body)["rows"]["items"].as_array().unwrap();
    let nordlicht = items.iter().find(|r| r["legalName"] == "Nordlicht Cloud GmbH").unwrap();
    assert_eq!(nordlicht["row"], 4, "ordered by legal name, as exported");
    let fields = nordlicht["fields"].as_array().unwrap();
    assert!(fields.iter().any(|f| f["field"] == "Country" && f["to"] == "DE" && f["from"].is_null()), "{nordlicht}");
    let batch = preview(&body)["id"].as_str().unwrap().to_owned();
    let committed = app.gql(Some(&newco.token), COMMIT_REGISTER, json!({"id": batch})).await;
    assert_eq!(data(&committed)["commitRegisterImport"]["status"], "COMMITTED", "{committed}");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    assert_eq!(
        text(export(&app, &newco.token, "csv").await),
        text(csv_export.clone()),
        "the same register, byte for byte"
    );

    // The same file again changes nothing; a committed batch cannot be committed twice.
    let again = app.preview_register(&newco.token, "register.csv", &csv_export).await;
    assert_eq!(preview(&again)["counts"]["unchanged"], 3, "{again}");
    assert!(preview(&again)["notes"].to_string().contains("this same file was imported on"), "{again}");
    let twice = app.gql(Some(&newco.token), COMMIT_REGISTER, json!({"id": batch})).await;
    assert_eq!(error_code(&twice), "VALIDATION", "{twice}");
}

#[tokio::test]
async fn a_foreign_register_is_matched_shown_field_by_field_and_its_problems_named_by_cell() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let by_lei = app.supplier(t, "Nordlicht Cloud GmbH", json!({"lei": "5493001KJTIIGC8Y1R12", "country": "DE"})).await;
    let by_vat = app.supplier(t, "Old Name SA", json!({"vatNumber": "FR12345678901", "country": "FR"})).await;
    let by_name = app.supplier(t, "Acme, Ltd.", json!({"country": "GB", "category": "Payroll"})).await;
    let unchanged = app.supplier(t, "Datenwerk AG", json!({"country": "AT", "category": "Analytics"})).await;
    let file = csv(&[
        "Lieferantenverzeichnis,,,,,,",
        "Firmenname,LEI,USt-IdNr.,Land,Kategorie,Vertragsende,Verantwortlich,E-Mail",
        "Nordlicht Cloud GmbH,5493001KJTIIGC8Y1R12,,Deutschland,SaaS,31.12.2027,,",
        "Nouveau Nom SA,,FR12345678901,Frankreich,SaaS,,,",
        "ACME LTD,,,Vereinigtes Königreich,Payroll,,,security@acme.example",
        "Datenwerk AG,,,Österreich,Analytics,,,",
        "Brandneu GmbH,,,DE,Hosting,,,",
        "Kaputt GmbH,5493001KJTIIGC8Y1R13,,Narnia,Hosting,03/04/2026,nobody@nowhere.example,not-a-mail",
        "Brandneu GmbH,,,Germany,Hosting,,,",
    ]);
    let body = app.preview_register(t, "lieferanten.csv", &file).await;
    let p = preview(&body);
    assert_eq!(p["counts"]["new"], 1, "{body}");
    assert_eq!(p["counts"]["changed"], 3, "{body}");
    assert_eq!(p["counts"]["unchanged"], 1, "{body}");
    assert_eq!(p["counts"]["invalid"], 2, "{body}");

    let lei = row(p, 3);
    assert_eq!((lei["supplierId"].as_str(), lei["matchedBy"].as_str()), (Some(by_lei.as_str()), Some("LEI")));
    assert_eq!(lei["fields"], json!([{"field": "Contract end", "cell": "csv!F3", "from": null, "to": "2027-12-31"}]));
    let vat = row(p, 4);
    assert_eq!((vat["supplierId"].as_str(), vat["matchedBy"].as_str()), (Some(by_vat.as_str()), Some("VAT number")));
    assert_eq!(
        vat["fields"][0],
        json!({"field": "Legal name", "cell": "csv!A4", "from": "Old Name SA", "to": "Nouveau Nom SA"})
    );
    let name = row(p, 5);
    assert_eq!(name["supplierId"].as_str(), Some(by_name.as_str()));
    assert_eq!(name["matchedBy"], "legal name and country");
    assert!(name["fields"].to_string().contains("security@acme.example"), "a new contact: {name}");
    assert_eq!(row(p, 6)["change"], "UNCHANGED");
    assert_eq!(row(p, 6)["supplierId"].as_str(), Some(unchanged.as_str()));
    assert_eq!(row(p, 7)["change"], "NEW");

    let broken = row(p, 8);
    assert_eq!(broken["change"], "INVALID");
    let problems: Vec<String> = broken["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("{}: {}", x["cell"].as_str().unwrap(), x["message"].as_str().unwrap()))
        .collect();
    for expected in [
        "csv!D8: \"Narnia\" is not a country",
        "csv!F8: \"03/04/2026\" could be either day or month",
        "csv!G8: no user of your organisation has the e-mail",
        "csv!B8: LEI",
        "csv!H8: Contact email",
    ] {
        assert!(problems.iter().any(|p| p.starts_with(expected)), "{expected} in {problems:?}");
    }
    assert_eq!(problems.iter().filter(|p| p.starts_with("csv!D8")).count(), 1, "one problem per cell: {problems:?}");
    let repeated = row(p, 9);
    assert_eq!(repeated["change"], "INVALID");
    assert!(repeated["problems"][0]["message"].as_str().unwrap().contains("the same supplier as row 7"), "{repeated}");

    // Nothing is written by a preview, nor by a commit refused for the invalid rows.
    let batch = p["id"].as_str().unwrap().to_owned();
    let refused = app.gql(Some(t), COMMIT_REGISTER, json!({"id": batch})).await;
    assert_eq!(field_errors(&refused), vec!["skipInvalid"], "{refused}");
    let count = || async {
        data(&app.gql(Some(t), "{ suppliers { totalCount } }", json!({})).await)["suppliers"]["totalCount"].clone()
    };
    assert_eq!(count().await, 4);

    let committed = app.gql(Some(t), COMMIT_REGISTER, json!({"id": batch, "skip": true})).await;
    assert_eq!(data(&committed)["commitRegisterImport"]["counts"]["new"], 1, "{committed}");
    assert_eq!(count().await, 5);
    let renamed = app
        .gql(
            Some(t),
            "query($id: UUID!) { supplier(id: $id) { legalName contractEnd contacts { email } } }",
            json!({"id": by_vat}),
        )
        .await;
    assert_eq!(data(&renamed)["supplier"]["legalName"], "Nouveau Nom SA");
    let acme = app
        .gql(Some(t), "query($id: UUID!) { supplier(id: $id) { contacts { name email } } }", json!({"id": by_name}))
        .await;
    assert_eq!(
        data(&acme)["supplier"]["contacts"],
        json!([{"name": "security@acme.example", "email": "security@acme.example"}])
    );
    let audit = app
        .gql(Some(t), "{ auditEvents(filter: {action: \"register_import.commit\"}) { totalCount } }", json!({}))
        .await;
    assert_eq!(data(&audit)["auditEvents"]["totalCount"], 1, "{audit}");

    // A viewer may not import; another organisation cannot see the batch.
    let viewer = app.account("acme", Role::Viewer).await;
    let denied = app.preview_register(&viewer.token, "lieferanten.csv", &file).await;
    assert_eq!(error_code(&denied), "FORBIDDEN", "{denied}");
    let outsider = app.account("other", Role::Admin).await;
    let hidden = app
        .gql(Some(&outsider.token), "query($id: UUID!) { registerImport(id: $id) { id } }", json!({"id": batch}))
        .await;
    assert_eq!(error_code(&hidden), "NOT_FOUND", "{hidden}");
}

#[tokio::test]
async fn contacts_and_dependencies_on_sheets_of_their_own_and_a_corrected_layout() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let payroll = app.service(t, "Payroll run", 4).await;
    let existing = app.supplier(t, "CloudCo Inc", json!({"country": "US"})).await;
    let mut book = Workbook::new();
    sheet(
        &mut book,
        "Vendors",
        &[
            &["Vendor", "Country", "Category", "LEI"],
            &["Acme Ltd", "GB", "Payroll", ""],
            &["Beta BV", "NL", "Printing", ""],
        ],
    );
    sheet(
        &mut book,
        "People",
        &[
            &["Supplier", "Name", "Email", "Role"],
            &["Acme Ltd", "Jo Doe", "jo@acme.example", "CISO"],
            &["Gamma Oy", "Ann", "ann@gamma.example", ""],
        ],
    );
    sheet(
        &mut book,
        "Dependencies",
        &[
            &["Service", "Supplier", "Subcontractor"],
            &["Payroll run", "Acme Ltd", ""],
            &["", "Acme Ltd", "CloudCo Inc"],
            &["Printing", "Beta BV", ""],
            &["Payroll run", "Nobody Ltd", ""],
        ],
    );
    let file = book.save_to_buffer().unwrap();
    let body = app.preview_register(t, "vendors.xlsx", &file).await;
    let p = preview(&body);
    assert_eq!(p["counts"]["new"], 2, "{body}");
    assert_eq!(p["counts"]["newDependencies"], 3, "{body}");
    assert_eq!(p["counts"]["newServices"], 1, "Printing: {body}");
    assert_eq!(p["counts"]["invalidLinks"], 2, "{body}");
    assert_eq!(p["problems"][0]["cell"], "People!A3");
    let links = p["dependencies"]["items"].as_array().unwrap();
    assert!(
        links.iter().any(|l| l["row"] == 5
            && l["problems"][0]["message"].as_str().unwrap().contains("no supplier named \"Nobody Ltd\"")),
        "{links:?}"
    );
    assert!(row(p, 2)["fields"].to_string().contains("Jo Doe <jo@acme.example> (CISO)"), "{body}");

    let batch = p["id"].as_str().unwrap();
    let committed = app.gql(Some(t), COMMIT_REGISTER, json!({"id": batch, "skip": true})).await;
    assert_eq!(data(&committed)["commitRegisterImport"]["status"], "COMMITTED", "{committed}");
    let graph = app
        .gql(
            Some(t),
            "query($id: UUID!) { service(id: $id) { dependsOn { provider { ... on Supplier { legalName } } } } }",
            json!({"id": payroll}),
        )
        .await;
    assert!(graph.to_string().contains("Acme Ltd"), "{graph}");
    let sub = app
        .gql(Some(t), "query($id: UUID!) { supplier(id: $id) { dependents { __typename } } }", json!({"id": existing}))
        .await;
    assert!(!data(&sub)["supplier"]["dependents"].as_array().unwrap().is_empty(), "{sub}");

    // A layout sent back corrected: the "Who" column is the legal name.
    let plain = csv(&["Who,Where,What", "Delta GmbH,DE,Hosting"]);
    let refused = app.preview_register(t, "plain.csv", &plain).await;
    assert!(
        refused["errors"][0]["message"].as_str().unwrap().contains("no sheet has a header row naming its suppliers"),
        "{refused}"
    );
    let layout = json!({"suppliers": {"sheet": "csv", "kind": "suppliers", "header_row": 1, "columns": [
        {"column": "A", "header": "Who", "field": "legal_name"}, {"column": "B", "header": "Where", "field": "country"},
        {"column": "C", "header": "What", "field": "category"}]}, "contacts": null, "links": null});
    let (_, body) = app
        .gql_with_file(
            Some(t),
            crate::helpers::register::PREVIEW_REGISTER,
            json!({"layout": layout}),
            "plain.csv",
            &plain,
        )
        .await;
    assert_eq!(preview(&body)["counts"]["new"], 1, "{body}");
}
