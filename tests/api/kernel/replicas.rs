//! Two replicas of `chainward serve` on one database and one document store (in CI, a real
//! S3-compatible server: TEST_OBJECT_STORE_URL): what one takes in, the other serves, and what
//! happens through one, the other's subscribers hear.
use crate::helpers::assessment::{STATUS, in_review, put, sent_assessment};
use crate::helpers::subscription::{listen, next};
use crate::helpers::{SMALL_PDF, data, spawn_app, spawn_app_with};
use chainward::domain::Role;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_document_uploaded_through_one_replica_downloads_through_the_other() {
    let first = spawn_app().await;
    let analyst = first.account("acme", Role::Analyst).await;
    let (id, token, _) = sent_assessment(&first, &analyst.token, "doc@supplier.example").await;
    let body = first
        .gql(None, "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }", json!({"t": token}))
        .await;
    let respondent = data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    // Started once the invitation mail is out: each replica's worker writes the mails it
    // sends to its own folder.
    let shared_store = std::env::var("TEST_OBJECT_STORE_URL").is_ok();
    let second = spawn_app_with(|config| {
        config.database_url = first.database_url.clone();
        // With an object store each replica has its own disk; without one they must share it.
        if !shared_store {
            config.data_dir = first.data_dir.clone();
        }
    })
    .await;
    let (status, created) = put(&first, Some(&respondent), &id, "BAS-01", "policy.pdf", SMALL_PDF).await;
    assert_eq!(status, 201, "{created}");

    let listed = second
        .gql(
            Some(&analyst.token),
            "query($id: UUID!) { assessment(id: $id) { evidence { downloadPath } } }",
            json!({"id": id}),
        )
        .await;
    let path = data(&listed)["assessment"]["evidence"][0]["downloadPath"].as_str().unwrap().to_owned();
    let response =
        second.client.get(format!("{}{path}", second.address)).bearer_auth(&analyst.token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap().as_ref(), SMALL_PDF);

    // The same content uploaded again through the other replica is stored once and still reads.
    let (status, again) = put(&second, Some(&respondent), &id, "BAS-02", "copy.pdf", SMALL_PDF).await;
    assert_eq!((status, &again["sha256"]), (201, &created["sha256"]));
}

#[tokio::test]
async fn replicas_starting_together_migrate_once() {
    let url = crate::helpers::fresh_database_url().await;
    let (first, second) = tokio::join!(
        spawn_app_with(|config| config.database_url = url.clone()),
        spawn_app_with(|config| config.database_url = url.clone()),
    );
    let analyst = first.account("acme", Role::Analyst).await;
    let body = second.gql(Some(&analyst.token), "{ suppliers(first: 1) { totalCount } }", json!({})).await;
    assert_eq!(data(&body)["suppliers"]["totalCount"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscription_on_one_replica_hears_what_happens_through_the_other() {
    let first = spawn_app().await;
    let second = spawn_app_with(|config| {
        config.database_url = first.database_url.clone();
        config.data_dir = first.data_dir.clone();
    })
    .await;
    let analyst = first.account("acme", Role::Analyst).await;
    let outsider = first.account("other", Role::Analyst).await;
    let mut heard = listen(&second, &analyst.token, json!(["assessment.completed", "score.changed"])).await;
    let mut heard_by_outsider = listen(&second, &outsider.token, serde_json::Value::Null).await;
    // Let the subscriptions register before anything happens.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let supplier = first.supplier(&analyst.token, "Nordlicht Cloud GmbH", json!({})).await;
    let id = in_review(&first, &analyst.token, &supplier).await;
    data(&first.gql(Some(&analyst.token), STATUS, json!({"id": id, "s": "COMPLETED"})).await);

    let mut types = Vec::new();
    while types.len() < 2 {
        let message = next(&mut heard, Duration::from_secs(10)).await.expect("an event through the other replica");
        let event = &message["payload"]["data"]["events"];
        assert_eq!(event["data"]["assessment_id"], json!(id), "{event}");
        types.push(event["type"].as_str().unwrap().to_owned());
    }
    types.sort();
    assert_eq!(types, ["assessment.completed", "score.changed"], "each event once, in the types asked for");
    assert_eq!(next(&mut heard, Duration::from_millis(1500)).await, None, "nothing twice");
    assert_eq!(next(&mut heard_by_outsider, Duration::from_millis(500)).await, None, "nothing of another organisation");
}
