//! `GET /api/sso/start?email=…` sends a person to their organisation's identity provider;
//! `GET /api/sso/callback` is where the provider sends them back. Both answer with a redirect:
//! to the provider, or to the portal's sign-in page with a one-time ticket (`?sso_ticket=`) or
//! the reason the sign-in was refused (`?sso_error=`), never with a token in the URL.
//!
//! The `state` is also kept in a cookie of the browser that started: an answer arriving in
//! another browser (a link an attacker sends, to sign the victim in as the attacker) is refused.
use crate::app::AppState;
use crate::error::ApiError;
use crate::service::identity::sso::flow;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::net::SocketAddr;

fn to_login(state: &AppState, key: &str, value: &str) -> Response {
    // The public URL was parsed when the server started; the page is beneath it.
    let Ok(mut url) = reqwest::Url::parse(&state.oidc.login_page) else {
        return Redirect::to("/login").into_response();
    };
    url.query_pairs_mut().append_pair(key, value);
    Redirect::to(url.as_str()).into_response()
}

/// The reason in words for the person (internal errors keep their correlation id only).
fn refused(state: &AppState, error: ApiError) -> Response {
    let message = error.into_graphql().message;
    to_login(state, "sso_error", &message)
}

pub async fn start(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let email = query.get("email").map(String::as_str).unwrap_or_default();
    if let Err(error) = crate::throttle::SSO.count(&state.db, peer.ip()).await {
        return refused(&state, error);
    }
    match flow::start(&state.db, &state.oidc, email).await {
        Ok((url, started)) => with_cookie(&state, Redirect::to(&url).into_response(), &started, 600),
        Err(error) => refused(&state, error),
    }
}

/// The cookie that ties a sign-in to the browser that started it (only /api/sso sees it).
const COOKIE: &str = "chainward_sso";

fn with_cookie(state: &AppState, mut response: Response, value: &str, max_age: u32) -> Response {
    let secure = if state.oidc.redirect_url.starts_with("https://") { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={value}; Path=/api/sso; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

fn started_here(headers: &HeaderMap, state_param: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == COOKIE && value == state_param)
}

pub async fn callback(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let answer = answer(&state, peer, &headers, &query).await;
    with_cookie(&state, answer, "", 0)
}

async fn answer(state: &AppState, peer: SocketAddr, headers: &HeaderMap, query: &HashMap<String, String>) -> Response {
    if let Some(error) = query.get("error") {
        // The provider refused (the person cancelled, or is not assigned to the application).
        let said = query.get("error_description").unwrap_or(error);
        let said: String = said.chars().filter(|c| !c.is_control()).take(200).collect();
        return to_login(state, "sso_error", &format!("the identity provider said: {said}"));
    }
    let (Some(state_param), Some(code)) = (query.get("state"), query.get("code")) else {
        return to_login(state, "sso_error", "the identity provider's answer lacks its code; sign in again");
    };
    if !started_here(headers, state_param) {
        let message = "this sign-in was started in another browser, or its cookie was blocked; sign in again";
        return to_login(state, "sso_error", message);
    }
    let finish = flow::callback(&state.db, &state.oidc, state_param, code);
    match crate::throttle::SSO.guard(&state.db, Some(peer.ip()), finish).await {
        Ok(ticket) => to_login(state, "sso_ticket", &ticket),
        Err(error) => refused(state, error),
    }
}
