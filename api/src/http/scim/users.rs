//! SCIM users: `userName` is the e-mail; PATCH changes `active`, the names and `userName`.
use super::{Answer, Failed, USER, bad, body_of, caller, flag, listed, paging, scim};
use crate::app::AppState;
use crate::service::identity::scim::equality;
use crate::service::identity::scim::users::{self, UserInput};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use entity::user;
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

fn user_json(user: &user::Model) -> Value {
    json!({
        "schemas": [USER], "id": user.id, "userName": user.email,
        "displayName": user.display_name, "name": {"formatted": user.display_name},
        "emails": [{"value": user.email, "primary": true, "type": "work"}],
        "active": user.active,
        "meta": {"resourceType": "User", "created": user.created_at, "location": format!("/scim/v2/Users/{}", user.id)},
    })
}

fn user_input(body: &Value) -> UserInput {
    let name = &body["name"];
    let joined =
        [name["givenName"].as_str(), name["familyName"].as_str()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let display_name = body["displayName"]
        .as_str()
        .or(name["formatted"].as_str())
        .map(str::to_owned)
        .or((!joined.is_empty()).then_some(joined));
    let user_name = body["userName"].as_str().or(body["emails"][0]["value"].as_str()).unwrap_or_default().to_owned();
    UserInput { user_name, display_name, active: flag(&body["active"]) }
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Answer {
    let caller = caller(&state, &headers).await?;
    let name = query.get("filter").map(|f| equality(f, &["userName"])).transpose()?.map(|f| f.1);
    let (start, count) = paging(&query);
    let (total, found) = users::list(&state.db, &caller, name.as_deref(), start, count).await?;
    Ok(listed(total, start, found.iter().map(user_json).collect()))
}

pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Answer {
    let caller = caller(&state, &headers).await?;
    let body = body_of(&body)?;
    match users::create(&state.db, &caller, user_input(&body)).await {
        Ok(user) => Ok(scim(StatusCode::CREATED, user_json(&user))),
        Err(error) => Err(Failed(error)),
    }
}

pub async fn get(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>) -> Answer {
    let caller = caller(&state, &headers).await?;
    users::get(&state.db, &caller, id).await.map_err(Failed).map(|u| scim(StatusCode::OK, user_json(&u)))
}

pub async fn replace(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>, body: Bytes) -> Answer {
    let caller = caller(&state, &headers).await?;
    let body = body_of(&body)?;
    users::replace(&state.db, &caller, id, user_input(&body))
        .await
        .map_err(Failed)
        .map(|u| scim(StatusCode::OK, user_json(&u)))
}

/// PATCH: `replace`/`add` of `active` (with a path, or inside a value object), and of names.
pub async fn patch(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>, body: Bytes) -> Answer {
    let caller = caller(&state, &headers).await?;
    let body = body_of(&body)?;
    let current = users::get(&state.db, &caller, id).await?;
    let mut input = UserInput {
        user_name: current.email.clone(),
        display_name: current.display_name.clone(),
        active: Some(current.active),
    };
    for operation in body["Operations"].as_array().into_iter().flatten() {
        let op = operation["op"].as_str().unwrap_or_default().to_ascii_lowercase();
        if op != "replace" && op != "add" {
            return Err(bad("only replace and add operations are supported on users"));
        }
        let value = &operation["value"];
        let changes: Vec<(String, &Value)> = match operation["path"].as_str() {
            Some(path) => vec![(path.to_ascii_lowercase(), value)],
            None => value.as_object().into_iter().flatten().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect(),
        };
        for (path, value) in changes {
            match path.as_str() {
                "active" => match flag(value) {
                    Some(active) => input.active = Some(active),
                    None => return Err(bad("active must be true or false")),
                },
                "displayname" | "name.formatted" => input.display_name = value.as_str().map(str::to_owned),
                "username" => input.user_name = value.as_str().unwrap_or_default().to_owned(),
                _ => return Err(bad("only active, displayName and userName can be changed")),
            }
        }
    }
    users::replace(&state.db, &caller, id, input).await.map_err(Failed).map(|u| scim(StatusCode::OK, user_json(&u)))
}

pub async fn delete(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>) -> Answer {
    let caller = caller(&state, &headers).await?;
    users::delete(&state.db, &caller, id).await.map_err(Failed).map(|_| StatusCode::NO_CONTENT.into_response())
}
