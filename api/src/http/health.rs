//! Liveness, readiness and metrics endpoints for operators and orchestrators.
use crate::app::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve requests: the database answers.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Prometheus metrics, for operators only: with `CHAINWARD_METRICS_TOKEN` set, to requests that
/// bear it; without it, to requests from the machine itself.
pub async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
) -> Response {
    let allowed = match &state.metrics_token {
        Some(token) => {
            let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
            let expected = format!("Bearer {token}");
            // Compared in constant time: the token is a secret.
            given.len() == expected.len()
                && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
        }
        None => peer.ip().is_loopback(),
    };
    if !allowed {
        return (
            StatusCode::FORBIDDEN,
            "metrics are for operators: send the CHAINWARD_METRICS_TOKEN as a bearer token",
        )
            .into_response();
    }
    let body = state.metrics.render(state.statements.get());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response()
}

pub async fn not_found() -> Response {
    let body = serde_json::json!({"error": "not found", "hint": "the API is at /graphql"});
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}
