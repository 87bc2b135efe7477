//! An organisation's webhooks: a receiver on a free port that records what it is sent.
use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::sync::{Arc, Mutex};

pub type Received = Arc<Mutex<Vec<(HeaderMap, String)>>>;

/// A receiver on a free port that records every delivery and answers `status`.
pub async fn receiver(status: StatusCode) -> (String, Received) {
    receiver_after(status, std::time::Duration::ZERO).await
}

/// [`receiver`] that records a delivery at once but answers only after `delay`.
pub async fn receiver_after(status: StatusCode, delay: std::time::Duration) -> (String, Received) {
    let received: Received = Arc::default();
    let store = received.clone();
    let app = Router::new().route(
        "/hooks",
        post(move |headers: HeaderMap, body: String| {
            let store = store.clone();
            async move {
                store.lock().unwrap().push((headers, body));
                tokio::time::sleep(delay).await;
                status
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

pub const SUBSCRIBE: &str = "mutation($u: String!, $e: [String!]!) { createWebhookSubscription(input: {url: $u, eventTypes: $e}) { secret subscription { id url eventTypes } } }";

pub async fn wait_for(received: &Received, event: &str) -> Option<(HeaderMap, String)> {
    for _ in 0..100 {
        if let Some(found) = received.lock().unwrap().iter().find(|(h, _)| h["chainward-event"] == event).cloned() {
            return Some(found);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    None
}
