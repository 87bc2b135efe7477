//! GraphQL subscriptions over WebSocket: a GRC tool listens to its organisation's events.
use crate::helpers::spawn_app;
use crate::helpers::subscription::{connect, listen, next};
use chainward::domain::Role;
use serde_json::{Value, json};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribers_hear_their_own_organisations_events_only() {
    let app = spawn_app().await;
    let a = app.account("org-a", Role::Analyst).await;
    let b = app.account("org-b", Role::Viewer).await;
    let mut heard_by_a = listen(&app, &a.token, json!(["assessment.completed", "score.changed"])).await;
    let mut heard_by_b = listen(&app, &b.token, Value::Null).await;
    // Let the subscriptions register before anything happens.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let supplier = app.supplier(&a.token, "Nordlicht Cloud GmbH", json!({})).await;
    let id = crate::helpers::assessment::in_review(&app, &a.token, &supplier).await;
    crate::helpers::data(
        &app.gql(Some(&a.token), crate::helpers::assessment::STATUS, json!({"id": id, "s": "COMPLETED"})).await,
    );

    let mut types = Vec::new();
    while types.len() < 2 {
        let message = next(&mut heard_by_a, Duration::from_secs(10)).await.expect("an event for A");
        assert_eq!(message["type"], "next", "{message}");
        let event = &message["payload"]["data"]["events"];
        assert_eq!(event["data"]["assessment_id"], json!(id), "{event}");
        types.push(event["type"].as_str().unwrap().to_owned());
    }
    types.sort();
    assert_eq!(types, ["assessment.completed", "score.changed"], "only the types asked for, not assessment.sent");
    assert_eq!(next(&mut heard_by_b, Duration::from_millis(1500)).await, None, "B hears nothing of A");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_need_a_valid_token_and_known_event_types() {
    let app = spawn_app().await;
    let mut anonymous = connect(&app, json!({})).await;
    assert_eq!(next(&mut anonymous, Duration::from_secs(5)).await, None, "no token, no connection");
    let mut forged = connect(&app, json!({"Authorization": "Bearer not-a-token"})).await;
    assert_eq!(next(&mut forged, Duration::from_secs(5)).await, None, "a forged token, no connection");

    let analyst = app.account("acme", Role::Analyst).await;
    let mut socket = listen(&app, &analyst.token, json!(["assessment.exploded"])).await;
    let refused = next(&mut socket, Duration::from_secs(5)).await.expect("an error message");
    assert_eq!(refused["payload"]["errors"][0]["extensions"]["code"], "VALIDATION", "{refused}");
    assert!(refused["payload"]["data"].is_null());

    let (_, token, _) =
        crate::helpers::assessment::sent_assessment(&app, &analyst.token, "ines@supplier.example").await;
    let session = app
        .gql(None, "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }", json!({"t": token}))
        .await;
    let respondent = crate::helpers::data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let mut socket = listen(&app, &respondent, Value::Null).await;
    let refused = next(&mut socket, Duration::from_secs(5)).await.expect("an error message");
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "respondents do not listen: {refused}"
    );
}
