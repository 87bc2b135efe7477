//! The register exported as CSV through the streamed endpoint: the same table as the GraphQL
//! export, read a page at a time across page boundaries (even between two suppliers of the
//! same name), only the caller's organisation, and nothing without a token.
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
    let mut pages = RegisterPages::open(&app.state.db, caller).await.unwrap().with_page(2);
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
}
