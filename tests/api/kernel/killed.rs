//! A replica killed with SIGKILL in the middle of its work (a batch of webhook deliveries, an
//! import's commit): once another replica carries on, nothing is lost and nothing is done twice.
use crate::helpers::organisation::SUBSCRIBE;
use crate::helpers::replica::Replica;
use crate::helpers::{data, error_code, spawn_app, spawn_app_with};
use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use chainward::domain::Role;
use entity::enums::DeliveryStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, Database, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

/// What a receiver heard: (delivery id, event id, answered).
type Heard = Arc<Mutex<Vec<(String, String, bool)>>>;

/// A webhook receiver that never answers the first delivery it gets (its sender is killed
/// meanwhile) and answers 200 to every other; `stalled` fires when the first arrives.
async fn stalling_receiver() -> (String, Heard, Arc<Notify>) {
    let heard: Heard = Arc::default();
    let stalled = Arc::new(Notify::new());
    let (store, signal) = (heard.clone(), stalled.clone());
    let app = Router::new().route(
        "/hooks",
        post(move |headers: HeaderMap, body: String| {
            let (store, signal) = (store.clone(), signal.clone());
            async move {
                let event: Value = serde_json::from_str(&body).unwrap();
                let delivery = headers["chainward-delivery"].to_str().unwrap().to_owned();
                let first = {
                    let mut heard = store.lock().unwrap();
                    let first = heard.is_empty();
                    heard.push((delivery, event["id"].as_str().unwrap().to_owned(), !first));
                    first
                };
                if first {
                    signal.notify_one();
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                }
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, heard, stalled)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_delivery_loses_nothing_and_repeats_only_the_unanswered_delivery() {
    const EVENTS: usize = 8;
    const LEASE: Duration = Duration::from_secs(2);
    // The app's own worker runs once at start, then sleeps: the replicas below deliver.
    let app = spawn_app_with(|c| c.worker_poll = Duration::from_secs(3600)).await;
    let admin = app.account("acme", Role::Admin).await;
    let (url, heard, stalled) = stalling_receiver().await;
    data(&app.gql(Some(&admin.token), SUBSCRIBE, json!({"u": url, "e": ["finding.created"]})).await);
    let system = chainward::auth::Caller::system(admin.organisation_id, "test");
    for n in 0..EVENTS {
        chainward::service::kernel::outbox::emit(&app.state.db, &system, "finding.created", json!({"n": n}))
            .await
            .unwrap();
    }

    let mut doomed = Replica::start(&app, LEASE).await;
    tokio::time::timeout(Duration::from_secs(30), stalled.notified())
        .await
        .unwrap_or_else(|_| panic!("the first delivery never came: {}", doomed.log()));
    doomed.kill();
    let survivor = Replica::start(&app, LEASE).await;

    let mut deliveries = Vec::new();
    for _ in 0..300 {
        deliveries = entity::webhook_delivery::Entity::find().all(&app.state.db).await.unwrap();
        if deliveries.iter().all(|d| d.status == DeliveryStatus::Delivered) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(deliveries.len(), EVENTS);
    assert!(
        deliveries.iter().all(|d| d.status == DeliveryStatus::Delivered && d.attempts == 1),
        "every delivery done, each attempt counted once: {deliveries:?}\n{}",
        survivor.log()
    );

    let heard = heard.lock().unwrap().clone();
    let mut answered: BTreeMap<&str, usize> = BTreeMap::new();
    for (delivery, _, ok) in &heard {
        *answered.entry(delivery).or_default() += usize::from(*ok);
    }
    assert_eq!(answered.len(), EVENTS, "every event reached the receiver: {heard:?}");
    assert!(answered.values().all(|&n| n == 1), "each delivery answered exactly once: {heard:?}");
    let repeated: Vec<&(String, String, bool)> = heard.iter().filter(|(d, _, _)| *d == heard[0].0).collect();
    assert_eq!(repeated.len(), 2, "only the delivery the killed replica never heard back about came again");
    assert_eq!(repeated[0].1, repeated[1].1, "with the same event and delivery ids, for the receiver to drop");
    assert_eq!(heard.len(), EVENTS + 1);
}

/// A supplier's own sheet for supplier-lite (semicolons, its own column names).
fn sheet(answers: &[(String, String)]) -> Vec<u8> {
    let mut text = String::from("Nr.;Frage;Antwort;Kommentar\r\n");
    for (id, value) in answers {
        text.push_str(&format!("{id};Our answer to question {id};{value};checked by IT\r\n"));
    }
    text.into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_import_commit_leaves_the_import_whole_to_commit_once() {
    let app = spawn_app().await;
    if !app.database_url.starts_with("postgres") {
        // Only PostgreSQL lets a test hold a commit in its middle (a table lock); on SQLite one
        // writer holds the whole database, so a commit is stopped before it starts or not at all.
        eprintln!("a_replica_killed_mid_import_commit: PostgreSQL only (TEST_DATABASE_URL)");
        return;
    }
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (id, _, answers) = crate::helpers::assessment::sent_assessment(&app, t, "ines@supplier.example").await;
    let preview = "mutation($id: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id}) { id answers { questionId } } }";
    let (_, body) = app.gql_with_file(Some(t), preview, json!({"id": id}), "answers.csv", &sheet(&answers)).await;
    let batch = data(&body)["previewImport"]["id"].as_str().unwrap().to_owned();
    assert_eq!(data(&body)["previewImport"]["answers"].as_array().unwrap().len(), answers.len());

    // The commit writes the answers, then marks the batch: holding the batch table stops it
    // there, its answers written but not committed.
    let blocker = Database::connect(&app.database_url).await.unwrap();
    let held = blocker.begin().await.unwrap();
    held.execute_unprepared("LOCK TABLE import_batch IN EXCLUSIVE MODE").await.unwrap();
    let mut doomed = Replica::start(&app, Duration::from_secs(120)).await;
    let commit = "mutation($id: UUID!) { commitImport(batchId: $id) { status } }";
    let request = app
        .client
        .post(format!("{}/graphql", doomed.address))
        .bearer_auth(t)
        .json(&json!({"query": commit, "variables": {"id": batch}}));
    let in_flight = tokio::spawn(request.send());
    let waiting = "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() \
                   AND wait_event_type = 'Lock' AND query LIKE 'UPDATE \"import_batch\"%'";
    let mut stopped = false;
    for _ in 0..300 {
        let row = blocker.query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, waiting));
        let n: i64 = row.await.unwrap().unwrap().try_get("", "n").unwrap();
        if n == 1 {
            stopped = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(stopped, "the commit never reached the batch: {}", doomed.log());
    doomed.kill();
    assert!(in_flight.await.unwrap().is_err(), "the killed replica never answered");
    held.rollback().await.unwrap();

    let state = "query($id: UUID!, $a: UUID!) { importBatch(id: $id) { status } assessment(id: $a) { answers { questionId } } }";
    let body = app.gql(Some(t), state, json!({"id": batch, "a": id})).await;
    assert_eq!(data(&body)["importBatch"]["status"], "PREVIEWED", "nothing of the killed commit stayed");
    assert_eq!(data(&body)["assessment"]["answers"], json!([]));

    let body = app.gql(Some(t), commit, json!({"id": batch})).await;
    assert_eq!(data(&body)["commitImport"]["status"], "COMMITTED", "the import is still there to commit");
    let body = app.gql(Some(t), state, json!({"id": batch, "a": id})).await;
    assert_eq!(data(&body)["assessment"]["answers"].as_array().unwrap().len(), answers.len());
    assert_eq!(error_code(&app.gql(Some(t), commit, json!({"id": batch})).await), "VALIDATION", "and once only");
    let commits = entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::Action.eq("import.commit"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(commits.len(), 1, "one commit in the audit trail");
}
