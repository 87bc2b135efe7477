//! `GET /api/sso/start?email=…` sends a person to their organisation's identity provider;
//! `GET /api/sso/callback` is where the provider sends them back. Both answer with a redirect:
//! to the provider, or to the portal's sign-in page with a one-time ticket (`?sso_ticket=`) or
//! the reason the sign-in was refused (`?sso_error=`), never with a token in the URL.
use crate::app::AppState;
use crate::error::ApiError;
use crate::service::identity::sso::flow;
use axum::extract::{ConnectInfo, Query, State};
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
    match crate::throttle::SSO.attempt(&state.db, peer.ip(), chrono::Utc::now()).await {
        Ok(true) => {}
        Ok(false) => {
            return refused(
                &state,
                ApiError::Limit("too many single sign-on attempts from your address; try again later".into()),
            );
        }
        Err(error) => return refused(&state, error),
    }
    match flow::start(&state.db, &state.oidc, email).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(error) => refused(&state, error),
    }
}

pub async fn callback(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(error) = query.get("error") {
        // The provider refused (the person cancelled, or is not assigned to the application).
        let said = query.get("error_description").unwrap_or(error);
        let said: String = said.chars().filter(|c| !c.is_control()).take(200).collect();
        return to_login(&state, "sso_error", &format!("the identity provider said: {said}"));
    }
    let (Some(state_param), Some(code)) = (query.get("state"), query.get("code")) else {
        return to_login(&state, "sso_error", "the identity provider's answer lacks its code; sign in again");
    };
    let finish = flow::callback(&state.db, &state.oidc, state_param, code);
    match crate::throttle::SSO.guard(&state.db, Some(peer.ip()), finish).await {
        Ok(ticket) => to_login(&state, "sso_ticket", &ticket),
        Err(error) => refused(&state, error),
    }
}
