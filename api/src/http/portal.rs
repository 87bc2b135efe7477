//! The web portal's built files at `/`, with client-side routing: a GET for a page the
//! portal routes itself (`/suppliers/...`) gets index.html, while unknown API paths keep
//! their JSON 404. Hashed assets are cached for a year, index.html never, and every response
//! carries headers that keep the portal from being framed, sniffed or leaking its address.
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Where the built portal lives.
#[derive(Clone)]
pub struct PortalDir(pub PathBuf);

/// Paths that belong to the API: never answered with the portal.
fn is_api(path: &str) -> bool {
    ["/api/", "/graphql", "/healthz", "/readyz", "/metrics"].iter().any(|p| path.starts_with(p))
}

const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><title>Chainward</title><body style=\"font-family:sans-serif;max-width:40em;margin:4em auto\"><h1>Chainward is running</h1><p>The web portal is not built yet. Build it with <code>npm ci --prefix frontend &amp;&amp; npm run build --prefix frontend</code> and reload, or point <code>CHAINWARD_PORTAL_DIR</code> at a built portal.</p><p>The GraphQL API is at <a href=\"/graphql\">/graphql</a>.</p></body></html>";

/// GraphiQL, a page of the portal build (GET /graphql sends browsers here).
pub const GRAPHIQL_PAGE: &str = "/graphiql.html";

const GRAPHIQL_NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><title>Chainward GraphQL</title><body style=\"font-family:sans-serif;max-width:40em;margin:4em auto\"><h1>GraphiQL comes with the web portal</h1><p>Build the portal with <code>npm ci --prefix frontend &amp;&amp; npm run build --prefix frontend</code> and reload. Meanwhile the API answers GraphQL over HTTP: <code>POST /graphql</code> with a JSON body, or <code>GET /graphql?query=...</code> for queries.</p></body></html>";

/// The router's fallback: portal files, or index.html for the portal's own routes.
pub async fn serve(dir: PortalDir, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if is_api(&path) || !matches!(*request.method(), Method::GET | Method::HEAD) {
        return super::health::not_found().await;
    }
    let index = dir.0.join("index.html");
    if !index.is_file() {
        return match path.as_str() {
            "/" => secured(Html(NOT_BUILT).into_response(), false),
            GRAPHIQL_PAGE => secured(Html(GRAPHIQL_NOT_BUILT).into_response(), false),
            _ => super::health::not_found().await,
        };
    }
    let files = ServeDir::new(&dir.0).fallback(ServeFile::new(&index));
    match files.oneshot(request).await {
        Ok(response) => {
            let immutable = path.starts_with("/assets/") && response.status() == StatusCode::OK;
            secured(response.map(Body::new), immutable)
        }
        Err(never) => match never {},
    }
}

fn secured(mut response: Response, immutable: bool) -> Response {
    let headers = response.headers_mut();
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    // Mantine sets styles inline and GraphiQL's stylesheet carries its fonts as data: URLs;
    // scripts come from the portal itself only.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ),
    );
    response
}
