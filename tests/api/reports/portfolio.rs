//! The portfolio report for the board, from the demo data: its plain-words page says what the
//! dashboard's figures say.
use super::{demo, file, scratch, screenshots, text_of};
use crate::helpers::{data, spawn_app};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portfolio_report_says_what_the_dashboard_says() {
    let app = spawn_app().await;
    let token = demo(&app).await;
    let started = std::time::Instant::now();
    let body =
        app.gql(Some(&token), "{ portfolioReport(format: PDF) { fileName contentType base64 } }", json!({})).await;
    eprintln!("portfolio report: {:?}", started.elapsed());
    let (file_name, content_type, pdf) = file(&body, "portfolioReport");
    assert_eq!(content_type, "application/pdf");
    let path = scratch("portfolio").join(&file_name);
    std::fs::write(&path, &pdf).unwrap();
    let text = text_of(&path);
    let body = app
        .gql(Some(&token), "{ portfolio { ratingDistribution { critical high medium low unrated } singlePointsOfFailure { function } } suppliers(first: 1) { totalCount } }", json!({}))
        .await;
    let r = &data(&body)["portfolio"]["ratingDistribution"];
    let n = |k: &str| r[k].as_u64().unwrap();
    let rated = n("critical") + n("high") + n("medium") + n("low");
    let suppliers = data(&body)["suppliers"]["totalCount"].as_u64().unwrap();
    let line = format!(
        "{suppliers} suppliers in the register, {rated} rated: {} critical, {} high, {} medium, {} low; {} never assessed.",
        n("critical"),
        n("high"),
        n("medium"),
        n("low"),
        n("unrated")
    );
    assert!(text.contains(&line), "{line}\n{text}");
    let places = data(&body)["portfolio"]["singlePointsOfFailure"].as_array().unwrap().len();
    if places > 0 {
        assert!(text.contains(&format!("In {places} place")), "{text}");
    }
    for section in [
        "In short",
        "Risk heat map",
        "Rating distribution",
        "Biggest movers",
        "Remediation burn-down",
        "Overdue findings by owner",
        "Single points of failure",
        "Concentration",
        "NIS 2 coverage per Art. 21(2) point",
        "Campaigns in flight",
    ] {
        assert!(text.contains(section), "section {section} is missing:\n{text}");
    }
    assert!(screenshots(&path, "portfolio-report") >= 2);
}
