//! `/scim/v2`: SCIM 2.0 (RFC 7644) for the organisation's identity provider, authenticated by
//! an API token of the scope SCIM. Users (`userName` is the e-mail) and groups; filters of the
//! form `userName eq "…"` / `displayName eq "…"`; PATCH of `active`, names and members.
//! Answers and errors are `application/scim+json` with the RFC's schemas.
use crate::app::AppState;
use crate::error::ApiError;
use crate::service::identity::scim::require_scim;
use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

mod groups;
mod users;

pub(super) const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub(super) const GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
const LIST: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
/// Resources per page unless the provider asks for fewer.
const MAX_COUNT: u64 = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/scim/v2/ServiceProviderConfig", get(service_provider_config))
        .route("/scim/v2/Users", get(users::list).post(users::create))
        .route("/scim/v2/Users/{id}", get(users::get).put(users::replace).patch(users::patch).delete(users::delete))
        .route("/scim/v2/Groups", get(groups::list).post(groups::create))
        .route(
            "/scim/v2/Groups/{id}",
            get(groups::get).put(groups::replace).patch(groups::patch).delete(groups::delete),
        )
}

pub(super) fn scim(status: StatusCode, body: Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/scim+json")], body.to_string()).into_response()
}

/// An error as SCIM answers it; handlers return `Result<Response, Failed>` and use `?`.
pub struct Failed(ApiError);

impl From<ApiError> for Failed {
    fn from(error: ApiError) -> Self {
        Failed(error)
    }
}

impl IntoResponse for Failed {
    fn into_response(self) -> Response {
        failed(self.0)
    }
}

pub(super) type Answer = Result<Response, Failed>;

fn failed(error: ApiError) -> Response {
    let (status, scim_type) = match &error {
        ApiError::NotFound(_) => (StatusCode::NOT_FOUND, None),
        ApiError::Validation(errors) if errors.iter().any(|e| e.field == "filter") => {
            (StatusCode::BAD_REQUEST, Some("invalidFilter"))
        }
        ApiError::Validation(_) => (StatusCode::BAD_REQUEST, Some("invalidValue")),
        ApiError::Conflict { .. } => (StatusCode::CONFLICT, Some("uniqueness")),
        ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, None),
        ApiError::Unauthenticated(_) => (StatusCode::UNAUTHORIZED, None),
        ApiError::Limit(_) => (StatusCode::TOO_MANY_REQUESTS, None),
        ApiError::Internal { .. } => (StatusCode::INTERNAL_SERVER_ERROR, None),
    };
    let detail = error.into_graphql().message;
    let mut body = json!({"schemas": [ERROR], "status": status.as_u16().to_string(), "detail": detail});
    if let Some(scim_type) = scim_type {
        body["scimType"] = json!(scim_type);
    }
    scim(status, body)
}

pub(super) fn bad(detail: &str) -> Failed {
    Failed(ApiError::field("body", detail))
}

pub(super) async fn caller(state: &AppState, headers: &HeaderMap) -> Result<crate::auth::Caller, ApiError> {
    let auth = crate::service::identity::auth::authenticate(&state.db, &state.keys, headers).await;
    let caller = auth.caller().cloned()?;
    require_scim(&caller)?;
    Ok(caller)
}

pub(super) fn listed(total: u64, start: u64, resources: Vec<Value>) -> Response {
    let count = resources.len();
    scim(
        StatusCode::OK,
        json!({"schemas": [LIST], "totalResults": total, "startIndex": start + 1, "itemsPerPage": count, "Resources": resources}),
    )
}

/// `startIndex` (1-based) and `count`, bounded.
pub(super) fn paging(query: &HashMap<String, String>) -> (u64, u64) {
    let start = query.get("startIndex").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1).max(1) - 1;
    let count = query.get("count").and_then(|c| c.parse::<u64>().ok()).unwrap_or(MAX_COUNT).min(MAX_COUNT);
    (start, count)
}

pub(super) fn body_of(bytes: &Bytes) -> Result<Value, Failed> {
    serde_json::from_slice(bytes).map_err(|_| bad("the body is not JSON"))
}

/// `true`, or `"True"` as some providers send it.
pub(super) fn flag(value: &Value) -> Option<bool> {
    value.as_bool().or_else(|| value.as_str().and_then(|s| s.to_ascii_lowercase().parse().ok()))
}

pub(super) fn ids(value: &Value) -> Vec<Uuid> {
    value.as_array().into_iter().flatten().filter_map(|m| m["value"].as_str().and_then(|v| v.parse().ok())).collect()
}

async fn service_provider_config() -> Response {
    scim(
        StatusCode::OK,
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "patch": {"supported": true}, "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": true, "maxResults": MAX_COUNT}, "changePassword": {"supported": false},
            "sort": {"supported": false}, "etag": {"supported": false},
            "authenticationSchemes": [{"type": "oauthbearertoken", "name": "API token", "description": "An API token of the scope SCIM", "primary": true}],
        }),
    )
}
