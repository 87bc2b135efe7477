//! A GraphQL subscription client over WebSocket (graphql-transport-ws).
use super::TestApp;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub const EVENTS: &str = "subscription($t: [String!]) { events(types: $t) { id type data } }";

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
