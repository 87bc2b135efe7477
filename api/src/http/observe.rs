//! Request metrics and access logs for every route.
use crate::app::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    // Label by route template, never by raw path, so that metrics cardinality stays bounded.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    state.metrics.observe_request(&route, &method, status, elapsed);
    tracing::info!(%route, %method, status, elapsed_ms = elapsed.as_secs_f64() * 1000.0, "request");
    response
}
