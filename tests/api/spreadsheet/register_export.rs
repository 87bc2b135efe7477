//! The register exported through the streamed endpoints (CSV and xlsx): the same table as the
//! GraphQL export, read a page at a time across page boundaries (even between two suppliers of
//! the same name), only the caller's organisation, nothing without a token, and registers too
//! large for a GraphQL response streamed whole.
use crate::helpers::{data, spawn_app};
use base64::Engine;
use chainward::domain::Role;
use chainward::service::spreadsheet::register::RegisterPages;
use serde_json::json;

#[tokio::test]
async fn the_register_streams_as_csv_page_by_page_and_matches_the_export() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    for (name, email) in
        [("Zulu Freight", "z@zulu.example"), ("Alpha Cloud", "a@alpha.example"), ("Alpha Cloud", "b@alpha.example")]
    {
        app.supplier(t, name, json!({"contacts": [{"name": "Contact", "email": email}], "category": "=HYPERLINK(1)"}))
            .await;
    }
    for n in 0..4 {
        app.supplier(t, &format!("Mid supplier {n}"), json!({})).await;
    }
    let outsider = app.account("other", Role::Admin).await;
    app.supplier(&outsider.token, "Not ours Ltd", json!({})).await;

    let url = format!("{}/api/exports/register.csv", app.address);
    let streamed = app.client.get(&url).bearer_auth(t).send().await.unwrap();
    assert_eq!(streamed.status(), 200);
    assert_eq!(streamed.headers()["content-type"], "text/csv; charset=utf-8");
    let streamed = streamed.text().await.unwrap();
    let body = app.gql(Some(t), "{ exportSupplierRegister(format: CSV) { base64 } }", json!({})).await;
    let exported = base64::engine::general_purpose::STANDARD
        .decode(data(&body)["exportSupplierRegister"]["base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(streamed.as_bytes(), &exported[..], "the same table as the GraphQL export");
    let lines: Vec<&str> = streamed.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 7, "a header and our seven suppliers: {streamed}");
    assert!(lines[0].starts_with("\u{feff}Legal name,"));
    assert!(
        lines[1].starts_with("Alpha Cloud,") && lines[2].starts_with("Alpha Cloud,") && lines[7].starts_with("Zulu")
    );
    assert!(!streamed.contains("Not ours"), "only the caller's organisation");
    assert!(!streamed.contains(",=HYPERLINK") && !streamed.contains(",\"=HYPERLINK"), "formulas are defused");

    // Two at a time: the same rows, none lost or repeated at the boundary between the two
    // suppliers called "Alpha Cloud".
    let caller = chainward::auth::Caller::system(analyst.organisation_id, "test");
    let mut pages = RegisterPages::open(caller).unwrap().with_page(2);
    let mut paged = String::new();
    while let Some(chunk) = pages.next_csv(&app.state.db).await.unwrap() {
        paged.push_str(&chunk);
    }
    assert_eq!(paged, streamed);

    // Compressed for clients that ask, the same table once unzipped.
    let zipped = app.client.get(&url).bearer_auth(t).header("Accept-Encoding", "gzip").send().await.unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    let zipped = zipped.bytes().await.unwrap();
    let mut unzipped = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&zipped[..]), &mut unzipped).unwrap();
    assert_eq!(unzipped, streamed);

    let anonymous = app.client.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let refused: serde_json::Value = anonymous.json().await.unwrap();
    assert_eq!(refused["error"]["code"], "UNAUTHENTICATED");

    // The xlsx: the same cells as the GraphQL export's workbook, formulas kept as text.
    let streamed = register_sheet(&streamed_xlsx(&app, t).await);
    let body = app.gql(Some(t), "{ exportSupplierRegister(format: XLSX) { base64 } }", json!({})).await;
    let exported = base64::engine::general_purpose::STANDARD
        .decode(data(&body)["exportSupplierRegister"]["base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(streamed, register_sheet(&exported));
    assert_eq!(streamed.len(), 1 + 7);
    assert_eq!((streamed[0][0].as_str(), streamed[1][0].as_str()), ("Legal name", "Alpha Cloud"));
    assert!(streamed.iter().any(|row| row[7] == "=HYPERLINK(1)"), "a text cell, never a formula");
    let anonymous = app.client.get(format!("{}/api/exports/register.xlsx", app.address)).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_register_too_large_for_a_response_streams_whole() {
    let app = spawn_app().await;
    let suppliers = chainward::service::kernel::in_response::SUPPLIERS as usize + 1;
    let options = chainward::seed::SeedOptions { suppliers };
    let demo = chainward::seed::seed_demo(&app.state.db, &options).await.expect("demo seeded");
    let login = app.login(&demo.email, &demo.password).await;
    let t = data(&login)["login"]["accessToken"].as_str().unwrap().to_owned();

    let body = app.gql(Some(&t), "{ exportSupplierRegister(format: XLSX) { size } }", json!({})).await;
    assert_eq!(crate::helpers::error_code(&body), "LIMIT", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains(&format!("{suppliers} suppliers")) && message.contains("/api/exports/register.xlsx"));

    let rows = register_sheet(&streamed_xlsx(&app, &t).await);
    assert_eq!(rows.len(), 1 + suppliers, "a header and every supplier");
    let names: Vec<&str> = rows[1..].iter().map(|row| row[0].as_str()).collect();
    assert!(names.is_sorted(), "in the register's order");
    let csv = app.client.get(format!("{}/api/exports/register.csv", app.address)).bearer_auth(&t).send().await.unwrap();
    assert_eq!(csv.text().await.unwrap().trim_end().split("\r\n").count(), 1 + suppliers);
}

async fn streamed_xlsx(app: &crate::helpers::TestApp, token: &str) -> Vec<u8> {
    let url = format!("{}/api/exports/register.xlsx", app.address);
    let response = app.client.get(url).bearer_auth(token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.bytes().await.unwrap().to_vec()
}

/// The cells of the "Register" sheet as text, row by row.
fn register_sheet(xlsx: &[u8]) -> Vec<Vec<String>> {
    let workbook = questionnaires::sheet::grid::read_workbook(xlsx, &Default::default()).expect("a workbook");
    let sheet = workbook.sheet("Register").expect("a Register sheet");
    sheet.rows.iter().map(|row| row.iter().map(|cell| cell.text()).collect()).collect()
}
