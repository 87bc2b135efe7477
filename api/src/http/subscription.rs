//! GET /graphql/ws: GraphQL subscriptions over WebSocket (graphql-transport-ws or the older
//! graphql-ws protocol). The bearer token comes in the `connection_init` payload
//! (`{"Authorization": "Bearer …"}`; browsers cannot set headers on WebSockets) or in the
//! upgrade request's Authorization header; without a valid one the connection is refused.
use crate::app::AppState;
use async_graphql::Data;
use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

/// The Authorization value from a `connection_init` payload, whatever the key's case.
fn authorization_in(payload: &serde_json::Value) -> Option<String> {
    let object = payload.as_object()?;
    object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("authorization"))
        .and_then(|(_, v)| v.as_str())
        .map(str::to_owned)
}

pub async fn websocket(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.protocols(ALL_WEBSOCKET_PROTOCOLS).on_upgrade(move |socket| {
        let schema = state.schema.clone();
        GraphQLWebSocket::new(socket, schema, protocol)
            .on_connection_init(move |payload| async move {
                let mut headers = headers;
                if let Some(value) = authorization_in(&payload).and_then(|v| HeaderValue::from_str(&v).ok()) {
                    headers.insert(header::AUTHORIZATION, value);
                }
                let auth = crate::service::identity::auth::authenticate(&state.db, &state.keys, &headers).await;
                let caller = auth.caller().map_err(|e| e.into_graphql())?;
                tracing::info!(organisation = %caller.organisation_id, actor = %caller.actor_label(), "subscriber connected");
                let mut data = Data::default();
                data.insert(auth);
                data.insert(state.events.clone());
                data.insert(crate::graphql::subscription::OverWebSocket);
                data.insert(crate::graphql::subscription::SessionCheck {
                    db: state.db.clone(),
                    keys: state.keys.clone(),
                    headers,
                });
                Ok(data)
            })
            .serve()
    })
}
