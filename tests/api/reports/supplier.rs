//! The supplier report, from the demo data: its text says what the API says.
use super::{demo, file, scored_supplier, scratch, screenshots, text_of};
use crate::helpers::{data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::json;

const REPORT: &str = "query($id: UUID!) { supplierReport(id: $id, format: PDF) { fileName contentType size base64 } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_report_says_what_the_api_says() {
    let app = spawn_app().await;
    let token = demo(&app).await;
    let (id, name, latest) = scored_supplier(&app, &token).await;
    let started = std::time::Instant::now();
    let body = app.gql(Some(&token), REPORT, json!({"id": id})).await;
    eprintln!("supplier report of {name}: {:?}", started.elapsed());
    let (file_name, content_type, pdf) = file(&body, "supplierReport");
    assert_eq!(content_type, "application/pdf");
    assert!(file_name.ends_with(".pdf") && pdf.starts_with(b"%PDF-"), "{file_name}");
    let text_pdf = String::from_utf8_lossy(&pdf);
    assert!(text_pdf.contains("pdfaid:part") && text_pdf.contains("StructTreeRoot"), "PDF/A and tagged");
    let dir = scratch("supplier");
    let path = dir.join(&file_name);
    std::fs::write(&path, &pdf).unwrap();
    let text = text_of(&path);
    assert!(text.contains(&format!("Supplier report: {name}")), "{text}");
    let score = format!("{:.1} / 100", latest["securityScore"].as_f64().unwrap());
    assert!(text.contains(&score), "the security score {score} as the API gives it:\n{text}");
    let residual = format!("{:.2} / 5", latest["residualRisk"].as_f64().unwrap());
    assert!(text.contains(&residual), "the residual risk {residual}:\n{text}");
    assert!(text.contains(&latest["rating"].as_str().unwrap().to_uppercase()), "the rating:\n{text}");
    for section in [
        "Profile and tier",
        "Contract clauses (IR 2024/2690 5.1.4)",
        "Score by ISO/IEC 27001:2022 theme",
        "Score by NIS 2 Art. 21(2) point",
        "What cost points",
        "Findings",
        "Accepted risks",
        "Evidence",
        "Who depends on it",
        "Score history",
        "Assessment trail",
    ] {
        assert!(text.contains(section), "section {section} is missing:\n{text}");
    }
    let findings =
        app.gql(Some(&token), "query($s: UUID!) { findings(supplierId: $s) { title status } }", json!({"s": id})).await;
    for finding in data(&findings)["findings"].as_array().unwrap().iter().filter(|f| f["status"] == "OPEN").take(3) {
        let title: String = finding["title"].as_str().unwrap().chars().take(25).collect();
        let first_words = title.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&first_words), "open finding {title:?} is listed:\n{text}");
    }
    let pages = screenshots(&path, "supplier-report");
    assert!(pages >= 2, "{pages} pages");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisation_gets_no_report() {
    let app = spawn_app().await;
    let token = demo(&app).await;
    let (id, _, _) = scored_supplier(&app, &token).await;
    let other = app.account("globex", Role::Analyst).await;
    let body = app.gql(Some(&other.token), REPORT, json!({"id": id})).await;
    assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
}

/// Texts from people (a supplier's name and description, a finding's title) are typeset as
/// text: Typst markup or code in them is printed as it is, never run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_the_data_is_printed_not_run() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let name = "Evil #panic(\"boom\") *Corp* $x^2$ <label> @ref";
    let description = "= Not a heading\n#read(\"/etc/passwd\") #let x = 1 `raw` \\ end";
    let id = app.supplier(&analyst.token, name, json!({"description": description})).await;
    let body = app
        .gql(
            Some(&analyst.token),
            "mutation($s: UUID!, $t: String!) { raiseFinding(input: {supplierId: $s, title: $t, severity: HIGH}) { id } }",
            json!({"s": id, "t": "#import \"/data.json\" ]] [[ finding"}),
        )
        .await;
    data(&body);
    let body = app.gql(Some(&analyst.token), REPORT, json!({"id": id})).await;
    let (file_name, _, pdf) = file(&body, "supplierReport");
    let path = scratch("markup").join(&file_name);
    std::fs::write(&path, &pdf).unwrap();
    let text = text_of(&path);
    assert!(text.contains("Evil #panic(\"boom\") *Corp* $x^2$ <label> @ref"), "{text}");
    assert!(text.contains("#read(\"/etc/passwd\")"), "{text}");
    assert!(text.contains("#import \"/data.json\" ]] [[ finding"), "{text}");
    assert!(text.contains("No assessment of this supplier has been completed yet"), "{text}");
}
