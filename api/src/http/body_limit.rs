//! The body limit of /graphql. async-graphql-axum streams bodies, so axum's own limit does not
//! apply: this layer refuses a declared length over the limit at once and cuts off a body
//! that grows past it. Multipart requests (GraphQL file uploads) may carry one evidence
//! document; everything else is held to `max_body_bytes`.
use crate::service::assessment::evidence::MAX_EVIDENCE_BYTES;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Room for the operations and map parts beside the file.
const MULTIPART_OVERHEAD: usize = 64 * 1024;

#[derive(Clone, Copy)]
pub struct GraphqlBodyLimit {
    pub max_body_bytes: usize,
}

impl GraphqlBodyLimit {
    fn for_request(&self, request: &Request) -> usize {
        let content_type =
            request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if content_type.starts_with("multipart/form-data") {
            self.max_body_bytes.max(MAX_EVIDENCE_BYTES + MULTIPART_OVERHEAD)
        } else {
            self.max_body_bytes
        }
    }
}

pub async fn limit_graphql_body(
    axum::extract::State(limit): axum::extract::State<GraphqlBodyLimit>,
    request: Request,
    next: Next,
) -> Response {
    let max = limit.for_request(&request);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > max) {
        let body = serde_json::json!({"errors": [{"message": format!("request body too large (at most {max} bytes)"), "extensions": {"code": "LIMIT"}}]});
        return (StatusCode::PAYLOAD_TOO_LARGE, [(header::CONTENT_TYPE, "application/json")], body.to_string())
            .into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, max)));
    next.run(request).await
}
