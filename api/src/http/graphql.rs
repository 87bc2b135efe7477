//! POST and GET /graphql, following the GraphQL over HTTP specification, its SHOULDs included:
//! `application/graphql-response+json` to clients that ask for it (400 and no `data` for
//! requests that could not start executing), plain JSON to any other Accept, 415 for a POST
//! that is neither JSON nor multipart, mutations refused over GET, GraphiQL for browsers.
use super::portal::GRAPHIQL_PAGE;
use crate::app::AppState;
use crate::auth::Actor;
use crate::graphql::kernel::loaders::RegisterLoader;
use crate::http::response_cache::{self, Answer, Key};
use async_graphql::ParseRequestError;
use async_graphql::dataloader::{DataLoader, HashMapCache};
use async_graphql::parser::types::OperationType;
use async_graphql_axum::GraphQLRequest;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// A request that is not a GraphQL request at all, answered without leaking parser internals.
pub struct BadRequest(ParseRequestError);

impl From<ParseRequestError> for BadRequest {
    fn from(err: ParseRequestError) -> Self {
        BadRequest(err)
    }
}

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        let (status, message) = match &self.0 {
            ParseRequestError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "request body too large"),
            ParseRequestError::Io(err) if err.to_string().contains("length limit") => {
                (StatusCode::PAYLOAD_TOO_LARGE, "request body too large")
            }
            ParseRequestError::InvalidRequest(_) => {
                (StatusCode::BAD_REQUEST, "the body is not a valid GraphQL request")
            }
            ParseRequestError::InvalidFilesMap(_) | ParseRequestError::InvalidMultipart(_) => {
                (StatusCode::BAD_REQUEST, "invalid multipart GraphQL request")
            }
            ParseRequestError::MissingOperatorsPart | ParseRequestError::MissingMapPart => {
                (StatusCode::BAD_REQUEST, "multipart request lacks its operations or map part")
            }
            ParseRequestError::NotUpload => {
                (StatusCode::BAD_REQUEST, "a file was sent for a field that is not an upload")
            }
            ParseRequestError::MissingFiles => (StatusCode::BAD_REQUEST, "a file named in the map is missing"),
            ParseRequestError::UnsupportedBatch => (StatusCode::BAD_REQUEST, "batched requests are not supported"),
            _ => (StatusCode::BAD_REQUEST, "malformed GraphQL request"),
        };
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "LIMIT" } else { "BAD_REQUEST" };
        let body = serde_json::json!({"errors": [{"message": message, "extensions": {"code": code}}]});
        (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
    }
}

/// The address a request came from, for throttling.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub Option<std::net::IpAddr>);

pub async fn post_handler(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    request: GraphQLRequest<BadRequest>,
) -> Response {
    let client = ClientAddress(Some(peer.ip()));
    execute(&state, &headers, request.into_inner().data(client)).await
}

/// A POST is a GraphQL request as JSON, or as multipart for file uploads; anything else (no
/// content type, text) is answered 415 before the body is read, as the specification asks.
pub async fn require_content_type(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let content_type = header_value(request.headers(), header::CONTENT_TYPE).to_ascii_lowercase();
    let graphql = ["application/json", "multipart/form-data"].iter().any(|t| content_type.starts_with(t));
    if request.method() == axum::http::Method::POST && !graphql {
        let message = "send the request as application/json (or multipart/form-data with files)";
        let body = serde_json::json!({"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]});
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, [(header::CONTENT_TYPE, "application/json")], body.to_string())
            .into_response();
    }
    next.run(request).await
}

pub async fn get_handler(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let query_string = uri.query().unwrap_or_default();
    if state.graphiql && accepts_html(&headers) && !query_string.contains("query=") {
        // GraphiQL is a page of the built portal, served from our own files: async-graphql's
        // page loads it from a CDN, which fails offline and tells a third party who is looking.
        return Redirect::to(GRAPHIQL_PAGE).into_response();
    }
    let request = match async_graphql::http::parse_query_string(query_string) {
        Ok(request) => request,
        Err(_) => {
            return BadRequest(ParseRequestError::InvalidRequest(Box::new(std::io::Error::other("query string"))))
                .into_response();
        }
    };
    if is_mutation(&request) {
        // GET must be safe: the specification requires 405 for mutations over GET.
        let body = serde_json::json!({"errors": [{"message": "mutations must be sent with POST", "extensions": {"code": "BAD_REQUEST"}}]});
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "POST")], body.to_string()).into_response();
    }
    execute(&state, &headers, request.data(ClientAddress(Some(peer.ip())))).await
}

async fn execute(state: &AppState, headers: &HeaderMap, request: async_graphql::Request) -> Response {
    let auth = crate::service::identity::auth::authenticate(&state.db, &state.keys, headers).await;
    let organisation_id = auth.caller().map(|c| c.organisation_id).unwrap_or_default();
    let legacy_json = !accepts_graphql_response_json(headers);
    let cache_key = cache_key(state, &auth, &request, legacy_json).await;
    if let Some(answer) = cache_key.as_ref().and_then(|key| state.responses.get(key)) {
        return (StatusCode::OK, [(header::CONTENT_TYPE, answer.content_type)], answer.body).into_response();
    }
    // Loaders are per request: they cache rows, which must never outlive one caller's request.
    let loader = DataLoader::with_cache(
        RegisterLoader::new(state.db.clone(), organisation_id),
        tokio::spawn,
        HashMapCache::default(),
    );
    let request = request
        .data(auth)
        .data(loader)
        .data(state.db.clone())
        .data(state.keys.clone())
        .data(state.documents.clone())
        .data(state.mailer.clone())
        .data(crate::graphql::GraphCache::default())
        .data(state.sheet_reader.clone())
        .data(state.oidc.clone())
        .data(state.egress.clone());
    let mut response = state.schema.execute(request).await;
    // Errors raised before execution (syntax, unknown fields, the depth and complexity limits)
    // carry no code of their own: every error names one.
    for error in &mut response.errors {
        let coded = error.extensions.as_ref().is_some_and(|ext| ext.get("code").is_some());
        if !coded {
            let message = error.message.to_lowercase();
            let code = if message.contains("too complex") || message.contains("nested too deep") {
                "LIMIT"
            } else {
                "BAD_REQUEST"
            };
            error.extensions.get_or_insert_with(Default::default).set("code", code);
        }
    }
    for error in &response.errors {
        let code = error
            .extensions
            .as_ref()
            .and_then(|ext| ext.get("code"))
            .and_then(|value| match value {
                async_graphql::Value::String(code) => Some(code.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "GRAPHQL_VALIDATION".to_owned());
        state.metrics.observe_graphql_error(&code);
    }
    // A request that never reached execution (syntax, validation, limits) has no data and no
    // error paths: 400 and no `data` entry under the graphql-response+json media type, 200
    // under plain JSON.
    let request_error = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    let status = if request_error && !legacy_json { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let content_type = if legacy_json { "application/json" } else { GRAPHQL_RESPONSE_JSON };
    let body = serde_json::to_value(&response).map(|mut body| {
        if request_error && !legacy_json {
            body.as_object_mut().map(|fields| fields.remove("data"));
        }
        body
    });
    let kept = cache_key.filter(|_| status == StatusCode::OK && response.errors.is_empty());
    match body.and_then(|body| serde_json::to_vec(&body)) {
        Ok(body) => {
            let body = bytes::Bytes::from(body);
            if let Some(key) = kept {
                state.responses.put(key, Answer { content_type, body: body.clone() });
            }
            (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
        }
        Err(err) => {
            // Logged with a correlation id; the client learns nothing internal.
            let _ = crate::error::ApiError::internal(err);
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The key of a register read a signed-in user or API token may find answered already: read
/// before executing, so that a write landing meanwhile keys the answer to the older version.
async fn cache_key(
    state: &AppState,
    auth: &crate::auth::RequestAuth,
    request: &async_graphql::Request,
    legacy_json: bool,
) -> Option<Key> {
    let caller = auth.caller().ok()?;
    if !matches!(caller.actor, Actor::User { .. } | Actor::ApiToken { .. }) || !response_cache::cacheable(request) {
        return None;
    }
    let version = crate::service::kernel::changes::version(&state.db, caller.organisation_id).await.ok()?;
    Some(Key::new(caller.organisation_id, caller.actor_id()?, version, request, legacy_json))
}

fn accepts_html(headers: &HeaderMap) -> bool {
    header_value(headers, header::ACCEPT).contains("text/html")
}

/// Only clients that ask for `application/graphql-response+json` get it; any other Accept
/// (`application/json`, `*/*`, none) gets plain JSON, as the specification recommends.
fn accepts_graphql_response_json(headers: &HeaderMap) -> bool {
    header_value(headers, header::ACCEPT).contains(GRAPHQL_RESPONSE_JSON)
}

fn header_value(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

fn is_mutation(request: &async_graphql::Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    document.operations.iter().any(|(name, operation)| {
        let selected = match (&request.operation_name, name) {
            (Some(wanted), Some(name)) => wanted == name.as_str(),
            _ => true,
        };
        selected && operation.node.ty == OperationType::Mutation
    })
}
