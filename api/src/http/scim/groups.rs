//! SCIM groups: members added, removed or replaced, the name replaced; roles follow.
use super::{Answer, Failed, GROUP, bad, body_of, caller, ids, listed, paging, scim};
use crate::app::AppState;
use crate::service::identity::scim::equality;
use crate::service::identity::scim::groups::{self, GroupInput};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use entity::scim_group;
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

fn group_json(group: &scim_group::Model) -> Value {
    let members: Vec<Value> = groups::members(group)
        .iter()
        .map(|id| json!({"value": id, "$ref": format!("/scim/v2/Users/{id}"), "type": "User"}))
        .collect();
    json!({
        "schemas": [GROUP], "id": group.id, "displayName": group.display_name, "externalId": group.external_id,
        "members": members,
        "meta": {"resourceType": "Group", "created": group.created_at, "lastModified": group.updated_at,
            "location": format!("/scim/v2/Groups/{}", group.id)},
    })
}

fn group_input(body: &Value) -> GroupInput {
    GroupInput {
        display_name: body["displayName"].as_str().unwrap_or_default().to_owned(),
        external_id: body["externalId"].as_str().map(str::to_owned),
        members: ids(&body["members"]),
    }
}

pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Answer {
    let caller = caller(&state, &headers).await?;
    let name = query.get("filter").map(|f| equality(f, &["displayName"])).transpose()?.map(|f| f.1);
    let (start, count) = paging(&query);
    let (total, found) = groups::list(&state.db, &caller, name.as_deref(), start, count).await?;
    Ok(listed(total, start, found.iter().map(group_json).collect()))
}

pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Answer {
    let caller = caller(&state, &headers).await?;
    let body = body_of(&body)?;
    groups::create(&state.db, &caller, group_input(&body))
        .await
        .map_err(Failed)
        .map(|g| scim(StatusCode::CREATED, group_json(&g)))
}

pub async fn get(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>) -> Answer {
    let caller = caller(&state, &headers).await?;
    groups::get(&state.db, &caller, id).await.map_err(Failed).map(|g| scim(StatusCode::OK, group_json(&g)))
}

pub async fn replace(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>, body: Bytes) -> Answer {
    let caller = caller(&state, &headers).await?;
    let body = body_of(&body)?;
    groups::replace(&state.db, &caller, id, group_input(&body))
        .await
        .map_err(Failed)
        .map(|g| scim(StatusCode::OK, group_json(&g)))
}

/// PATCH: members added, removed (`members[value eq "…"]` or a list) or replaced; the name replaced.
pub async fn patch(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>, body: Bytes) -> Answer {
    let caller = caller(&state, &headers).await?;
    let body = body_of(&body)?;
    let current = groups::get(&state.db, &caller, id).await?;
    let mut input = GroupInput {
        display_name: current.display_name.clone(),
        external_id: current.external_id.clone(),
        members: groups::members(&current),
    };
    for operation in body["Operations"].as_array().into_iter().flatten() {
        let op = operation["op"].as_str().unwrap_or_default().to_ascii_lowercase();
        let path = operation["path"].as_str().unwrap_or_default();
        let value = &operation["value"];
        match (op.as_str(), path) {
            ("add", p) if p.eq_ignore_ascii_case("members") => input.members.extend(ids(value)),
            ("replace", p) if p.eq_ignore_ascii_case("members") => input.members = ids(value),
            ("remove", p) if p.eq_ignore_ascii_case("members") && value.is_array() => {
                let gone = ids(value);
                input.members.retain(|m| !gone.contains(m));
            }
            ("remove", p) if p.eq_ignore_ascii_case("members") => input.members.clear(),
            ("remove", p) if p.to_ascii_lowercase().starts_with("members[") => {
                let Some(inner) = p.get(8..p.len().saturating_sub(1)) else { return Err(bad("not a member filter")) };
                match equality(inner, &["value"]).ok().and_then(|(_, v)| v.parse::<Uuid>().ok()) {
                    Some(gone) => input.members.retain(|m| *m != gone),
                    None => return Err(bad("remove members with members[value eq \"<id>\"]")),
                }
            }
            ("replace", p) if p.eq_ignore_ascii_case("displayName") => {
                input.display_name = value.as_str().unwrap_or_default().to_owned()
            }
            ("replace", "") => {
                if let Some(name) = value["displayName"].as_str() {
                    input.display_name = name.to_owned();
                }
                if value.get("members").is_some() {
                    input.members = ids(&value["members"]);
                }
            }
            _ => return Err(bad("only members and displayName can be changed on groups")),
        }
    }
    groups::replace(&state.db, &caller, id, input).await.map_err(Failed).map(|g| scim(StatusCode::OK, group_json(&g)))
}

pub async fn delete(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<Uuid>) -> Answer {
    let caller = caller(&state, &headers).await?;
    groups::delete(&state.db, &caller, id).await.map_err(Failed).map(|_| StatusCode::NO_CONTENT.into_response())
}
