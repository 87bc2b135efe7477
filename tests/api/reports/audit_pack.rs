//! The NIS 2 audit pack, from the demo data: every file is listed in the manifest with the
//! SHA-256 it has, and what it holds matches the register.
use super::{demo, file, scratch, text_of};
use crate::helpers::{data, error_code, spawn_app};
use serde_json::json;
use std::io::Read;

const PACK: &str =
    "query($f: NaiveDate!, $u: NaiveDate!) { auditPack(from: $f, until: $u) { fileName contentType size base64 } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_audit_pack_holds_what_section_5_asks_and_its_manifest_verifies() {
    let app = spawn_app().await;
    let token = demo(&app).await;
    let today = chrono::Utc::now().date_naive();
    let from = today - chrono::Days::new(400);
    let body = app.gql(Some(&token), PACK, json!({"f": from, "u": today})).await;
    let (file_name, content_type, bytes) = file(&body, "auditPack");
    assert_eq!(content_type, "application/zip");
    assert!(file_name.contains("nis2-audit-pack"), "{file_name}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        files.insert(name, content);
    }
    let manifest = String::from_utf8(files["manifest.csv"].clone()).unwrap();
    let listed: Vec<(String, String)> = manifest
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            (fields[0].to_owned(), fields[2].to_owned())
        })
        .collect();
    assert_eq!(listed.len() + 2, files.len(), "every file but the manifest and the readme is listed");
    for (path, sha256) in &listed {
        let actual = chainward::auth::secret::sha256_hex(&files[path]);
        assert_eq!(&actual, sha256, "{path} has the SHA-256 the manifest says");
    }
    for wanted in [
        "01-register/supplier-register.csv",
        "02-tiering/criteria-and-weights.csv",
        "03-reviews/review-schedule.csv",
        "05-contracts/clause-coverage-5.1.4.csv",
        "06-audit-log/audit-events.csv",
        "README.txt",
    ] {
        assert!(files.contains_key(wanted), "{wanted} is in the pack: {:?}", files.keys());
    }
    // One report per supplier assessed in the period, each a PDF naming its supplier.
    let body =
        app.gql(Some(&token), "{ assessments(status: [COMPLETED]) { supplier { legalName } } }", json!({})).await;
    let mut assessed: Vec<String> = data(&body)["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["supplier"]["legalName"].as_str().unwrap().to_owned())
        .collect();
    assessed.sort();
    assessed.dedup();
    let reports: Vec<&String> = files.keys().filter(|k| k.starts_with("04-assessments/")).collect();
    assert_eq!(reports.len(), assessed.len(), "{reports:?}");
    let dir = scratch("pack");
    let first = reports[0];
    let path = dir.join("first.pdf");
    std::fs::write(&path, &files[first]).unwrap();
    assert!(text_of(&path).contains("Supplier report: "), "{first} is a supplier report");
    // The register and the clause table have a row per supplier of the register.
    let body = app.gql(Some(&token), "{ suppliers(first: 1) { totalCount } }", json!({})).await;
    let count = data(&body)["suppliers"]["totalCount"].as_u64().unwrap() as usize;
    for table in [
        "01-register/supplier-register.csv",
        "05-contracts/clause-coverage-5.1.4.csv",
        "03-reviews/review-schedule.csv",
    ] {
        let rows = String::from_utf8_lossy(&files[table]).trim_end().split("\r\n").count();
        assert_eq!(rows, count + 1, "{table}: a header and a row per supplier");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backwards_period_is_refused_by_name() {
    let app = spawn_app().await;
    let token = demo(&app).await;
    let body = app.gql(Some(&token), PACK, json!({"f": "2026-12-01", "u": "2026-01-01"})).await;
    assert_eq!(error_code(&body), "VALIDATION", "{body}");
    assert!(body.to_string().contains("until"), "{body}");
}
