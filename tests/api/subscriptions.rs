//! GraphQL subscriptions over WebSocket: a GRC tool listens to its organisation's events.
use crate::helpers::{TestApp, spawn_app};
use chainward::domain::Role;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

const EVENTS: &str = "subscription($t: [String!]) { events(types: $t) { id type data } }";

/// Opens /graphql/ws (graphql-transport-ws) and sends `connection_init` with `payload`.
pub async fn connect(app: &TestApp, payload: Value) -> Socket {
    let url = format!("{}/graphql/ws", app.address.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.expect("WebSocket upgrade");
    send(&mut socket, json!({"type": "connection_init", "payload": payload})).await;
    socket
}

pub async fn send(socket: &mut Socket, message: Value) {
    socket.send(Message::Text(message.to_string().into())).await.unwrap();
}

/// The next protocol message, or None if the socket closed or stayed silent for `wait`.
pub async fn next(socket: &mut Socket, wait: Duration) -> Option<Value> {
    loop {
        match tokio::time::timeout(wait, socket.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => {
                let message: Value = serde_json::from_str(&text).unwrap();
                if message["type"] != "ping" && message["type"] != "pong" {
                    return Some(message);
                }
            }
            Ok(Some(Ok(Message::Close(_)))) | Ok(Some(Err(_))) | Ok(None) | Err(_) => return None,
            Ok(Some(Ok(_))) => {}
        }
    }
}

/// Connects with `token`, waits for the acknowledgement and subscribes to `types`.
pub async fn listen(app: &TestApp, token: &str, types: Value) -> Socket {
    let mut socket = connect(app, json!({"Authorization": format!("Bearer {token}")})).await;
    let ack = next(&mut socket, Duration::from_secs(5)).await.expect("connection_ack");
    assert_eq!(ack["type"], "connection_ack", "{ack}");
    send(&mut socket, json!({"id": "1", "type": "subscribe", "payload": {"query": EVENTS, "variables": {"t": types}}}))
        .await;
    socket
}

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
    let id = crate::assessments::in_review(&app, &a.token, &supplier).await;
    crate::helpers::data(
        &app.gql(Some(&a.token), crate::assessments::STATUS, json!({"id": id, "s": "COMPLETED"})).await,
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

    let (_, token, _) = crate::respondents::sent_assessment(&app, &analyst.token, "ines@supplier.example").await;
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
