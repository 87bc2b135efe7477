//! Deleting an organisation (the operator's command): nothing with its id is left in any table,
//! its own documents leave the store, and another organisation keeps everything, a document
//! both uploaded included.
use crate::helpers::assessment::{put, sent_assessment};
use crate::helpers::{SMALL_PDF, TestApp, spawn_app};
use chainward::domain::Role;
use chainward::service::stewardship::organisation::{delete, find};
use chainward::service::stewardship::tables::{self, Row, RowSink};
use sea_orm::TransactionTrait;

struct Collect(Vec<Row>);

impl RowSink for Collect {
    fn row(&mut self, row: &Row) -> chainward::error::ApiResult<()> {
        self.0.push(row.clone());
        Ok(())
    }
}

/// Tables the app's own worker may rewrite at any moment (its lease, the read model).
const MOVING: [&str; 2] = ["worker_lease", "portfolio_view"];

/// Every row of every table but [`MOVING`], as text, with its table.
async fn settled(app: &TestApp) -> Vec<(String, String)> {
    everything(app).await.into_iter().filter(|(table, _)| !MOVING.contains(&table.as_str())).collect()
}

/// Every row of every table, as text, with its table.
async fn everything(app: &TestApp) -> Vec<(String, String)> {
    let txn = app.state.db.begin().await.unwrap();
    let mut all = Vec::new();
    for table in tables::all() {
        let mut rows = Collect(Vec::new());
        table.dump(&txn, None, &mut rows).await.unwrap();
        all.extend(rows.0.iter().map(|row| (table.name.clone(), serde_json::to_string(row).unwrap())));
    }
    all
}

/// An organisation with a register, an assessment answered with a document, findings and mail.
async fn busy(app: &TestApp, name: &str, document: &[u8]) -> (uuid::Uuid, String) {
    let analyst = app.account(name, Role::Analyst).await;
    let (assessment, invitation, _) = sent_assessment(app, &analyst.token, &format!("ines@{name}.example")).await;
    let respondent = crate::helpers::assessment::respondent(app, &invitation).await;
    let (status, stored) = put(app, Some(&respondent), &assessment, "BAS-01", "policy.pdf", document).await;
    assert_eq!(status, 201, "{stored}");
    app.wait_for_queued_mail().await;
    (analyst.organisation_id, stored["sha256"].as_str().unwrap().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_an_organisation_leaves_nothing_of_it_and_everything_of_the_others() {
    let app = spawn_app().await;
    let (leaving, shared) = busy(&app, "leaving", SMALL_PDF).await;
    let own_pdf = b"%PDF-1.7\n% only the leaving organisation has this one\n%%EOF\n";
    let analyst = app.account("leaving", Role::Analyst).await;
    let (assessment, invitation, _) = sent_assessment(&app, &analyst.token, "olaf@leaving.example").await;
    let respondent = crate::helpers::assessment::respondent(&app, &invitation).await;
    let (_, own) = put(&app, Some(&respondent), &assessment, "BAS-01", "own.pdf", own_pdf).await;
    let own = own["sha256"].as_str().unwrap().to_owned();
    let (staying, also_shared) = busy(&app, "staying", SMALL_PDF).await;
    assert_eq!(shared, also_shared, "one document, kept once for both");
    app.wait_for_queued_mail().await;

    let before = everything(&app).await;
    let theirs: Vec<&(String, String)> = before.iter().filter(|(_, row)| row.contains(&leaving.to_string())).collect();
    let tables_with_rows: std::collections::BTreeSet<&str> = theirs.iter().map(|(t, _)| t.as_str()).collect();
    assert!(tables_with_rows.len() >= 10, "a busy organisation: {tables_with_rows:?}");
    let settled_before = settled(&app).await;
    let others: Vec<&(String, String)> =
        settled_before.iter().filter(|(_, row)| !row.contains(&leaving.to_string())).collect();

    let found = find(&app.state.db, "leaving").await.unwrap();
    assert_eq!(found.id, leaving);
    let counted = delete(&app.state.db, &app.state.documents, &found, true).await.unwrap();
    assert_eq!(counted.documents, 1, "only its own document would go");
    assert_eq!(settled(&app).await, settled_before, "a dry run changes nothing");

    let deleted = delete(&app.state.db, &app.state.documents, &found, false).await.unwrap();
    assert_eq!(deleted.rows, counted.rows);
    let settled_theirs = settled_before.iter().filter(|(_, row)| row.contains(&leaving.to_string())).count();
    let counted_settled: u64 =
        deleted.rows.iter().filter(|(t, _)| !MOVING.contains(&t.as_str())).map(|(_, n)| *n).sum();
    assert_eq!(counted_settled as usize, settled_theirs, "every row of it counted");
    let after = everything(&app).await;
    let left: Vec<&(String, String)> = after.iter().filter(|(_, row)| row.contains(&leaving.to_string())).collect();
    assert!(left.is_empty(), "nothing with its id remains: {left:?}");
    let after_settled = settled(&app).await;
    assert_eq!(after_settled.iter().collect::<Vec<_>>(), others, "the other organisations' rows are untouched");
    assert!(app.state.documents.read(&own).await.is_err(), "its own document left the store");
    assert_eq!(app.state.documents.read(&shared).await.unwrap(), SMALL_PDF, "the shared one stays for the other");
    assert!(after_settled.iter().any(|(_, row)| row.contains(&staying.to_string())));
    assert!(find(&app.state.db, "leaving").await.is_err());
}
