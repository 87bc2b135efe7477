//! Liveness, readiness and metrics endpoints for operators and orchestrators.
use crate::app::AppState;
use axum::Json;
use axum::extract::State;
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

pub async fn metrics(State(state): State<AppState>) -> Response {
    let body = state.metrics.render(state.statements.get());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response()
}

pub async fn not_found() -> Response {
    let body = serde_json::json!({"error": "not found", "hint": "the API is at /graphql"});
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}
