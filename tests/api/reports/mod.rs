//! Reports for auditors and boards, from the demo data through the running server: their text
//! (read back with poppler's `pdftotext`) says what the API says, their pages are rendered with
//! `pdftoppm` into images kept for people to look at, and an audit pack's manifest is verified.
mod audit_pack;
mod portfolio;
mod supplier;

use crate::helpers::{TestApp, data};
use base64::Engine;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The demo organisation in a fresh server, and its administrator's token.
pub async fn demo(app: &TestApp) -> String {
    let demo = chainward::seed::seed_demo(&app.state.db, &chainward::seed::SeedOptions { suppliers: 49 })
        .await
        .expect("demo seeded");
    let login = app.login(&demo.email, &demo.password).await;
    data(&login)["login"]["accessToken"].as_str().unwrap().to_owned()
}

/// A file of a GraphQL answer (`{fileName contentType base64}`), decoded.
pub fn file(body: &Value, field: &str) -> (String, String, Vec<u8>) {
    let file = &data(body)[field];
    let bytes = base64::engine::general_purpose::STANDARD.decode(file["base64"].as_str().unwrap()).unwrap();
    (file["fileName"].as_str().unwrap().to_owned(), file["contentType"].as_str().unwrap().to_owned(), bytes)
}

/// A folder of its own for one test's files.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chainward-report-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tool(name: &str) -> std::process::Command {
    let found = std::process::Command::new("sh").arg("-c").arg(format!("command -v {name}")).output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "{name} is missing: install Debian's poppler-utils (apt-get install poppler-utils) to check the reports"
    );
    std::process::Command::new(name)
}

/// The text of a PDF, as `pdftotext -layout` reads it, with runs of spaces made one.
pub fn text_of(pdf: &Path) -> String {
    let output = tool("pdftotext").arg("-layout").arg(pdf).arg("-").output().unwrap();
    assert!(output.status.success(), "pdftotext failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    text.split(['\n', '\r']).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

/// How many pages a PDF has, and each rendered as PNG into the screenshots folder
/// (`$CHAINWARD_REPORT_SCREENSHOTS`, else beside the PDF), for people to look at.
pub fn screenshots(pdf: &Path, name: &str) -> usize {
    let folder = std::env::var_os("CHAINWARD_REPORT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| pdf.parent().unwrap().to_path_buf());
    std::fs::create_dir_all(&folder).unwrap();
    let status = tool("pdftoppm").args(["-png", "-r", "50"]).arg(pdf).arg(folder.join(name)).status().unwrap();
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("{name}-")))
        .count()
}

/// A supplier of the demo with a completed assessment, and its latest score as the API gives it.
pub async fn scored_supplier(app: &TestApp, token: &str) -> (String, String, Value) {
    let body = app.gql(Some(token), "{ suppliers(first: 100) { nodes { id legalName rating } } }", json!({})).await;
    for node in data(&body)["suppliers"]["nodes"].as_array().unwrap().iter().filter(|n| !n["rating"].is_null()) {
        let id = node["id"].as_str().unwrap().to_owned();
        let scores = app
            .gql(
                Some(token),
                "query($s: UUID!) { scoreSnapshots(supplierId: $s) { securityScore coverage residualRisk rating } }",
                json!({"s": id}),
            )
            .await;
        if let Some(latest) = data(&scores)["scoreSnapshots"].as_array().and_then(|s| s.first()) {
            return (id, node["legalName"].as_str().unwrap().to_owned(), latest.clone());
        }
    }
    panic!("the demo has no scored supplier");
}
