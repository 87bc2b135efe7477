//! SCIM 2.0 provisioning through the running server, with the RFC 7644 example requests
//! (sections 3.3, 3.4.2, 3.5.1, 3.5.2 and 3.6) adapted only where Chainward needs an e-mail as
//! userName: a leaver deactivated or deleted by the identity provider loses every session at
//! once, groups give roles through the organisation's mapping, and only a SCIM token of the
//! organisation reaches any of it.
use crate::helpers::identity_provider::{CONFIGURE, TestIdp};
use crate::helpers::{TestApp, data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};

async fn scim_token(app: &TestApp, admin_token: &str) -> String {
    let body = app
        .gql(
            Some(admin_token),
            "mutation { createApiToken(input: {name: \"Entra provisioning\", scope: SCIM}) { token } }",
            json!({}),
        )
        .await;
    data(&body)["createApiToken"]["token"].as_str().unwrap().to_owned()
}

async fn call(app: &TestApp, token: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{}/scim/v2{path}", app.address);
    let mut request = app.client.request(method.parse().unwrap(), url).bearer_auth(token);
    if let Some(body) = body {
        request = request.header("content-type", "application/scim+json").body(body.to_string());
    }
    let answer = request.send().await.unwrap();
    let status = answer.status().as_u16();
    if status != 204 {
        assert_eq!(answer.headers()["content-type"], "application/scim+json", "{method} {path}");
    }
    (status, answer.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_identity_provider_provisions_users_and_a_leaver_is_signed_out_at_once() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let token = scim_token(&app, &admin.token).await;

    // RFC 7644 3.3: the example user. Its userName is no e-mail address: refused by name.
    let mut barbara = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen",
        "externalId": "bjensen", "name": {"formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara"}});
    let (status, body) = call(&app, &token, "POST", "/Users", Some(barbara.clone())).await;
    assert_eq!((status, body["scimType"].as_str()), (400, Some("invalidValue")), "{body}");
    assert!(body["detail"].as_str().unwrap().contains("is not an e-mail address"));
    barbara["userName"] = json!("bjensen@acme.example");
    let (status, created) = call(&app, &token, "POST", "/Users", Some(barbara.clone())).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["displayName"], "Ms. Barbara J Jensen III");
    assert_eq!(created["active"], true);
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, again) = call(&app, &token, "POST", "/Users", Some(barbara.clone())).await;
    assert_eq!((status, again["scimType"].as_str()), (409, Some("uniqueness")));

    // 3.4.2: filtering by userName.
    let (_, listed) =
        call(&app, &token, "GET", "/Users?filter=userName%20eq%20%22bjensen%40acme.example%22", None).await;
    assert_eq!(listed["totalResults"], 1);
    assert_eq!(listed["Resources"][0]["id"], id.as_str());
    let (status, refused) = call(&app, &token, "GET", "/Users?filter=title%20pr", None).await;
    assert_eq!((status, refused["scimType"].as_str()), (400, Some("invalidFilter")));

    // A leaver: a user signed in (with a session to renew) whom the provider deactivates (3.5.2).
    let leaver = app.account("acme", Role::Analyst).await;
    let (_, found) =
        call(&app, &token, "GET", &format!("/Users?filter=userName%20eq%20%22{}%22", leaver.email), None).await;
    let leaver_id = found["Resources"][0]["id"].as_str().unwrap().to_owned();
    let patch = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": false}]});
    let (status, patched) = call(&app, &token, "PATCH", &format!("/Users/{leaver_id}"), Some(patch)).await;
    assert_eq!((status, &patched["active"]), (200, &json!(false)), "{patched}");
    let me = app.gql(Some(&leaver.token), "{ me { user { email } } }", json!({})).await;
    assert_eq!(error_code(&me), "UNAUTHENTICATED", "the leaver's access token stops at once: {me}");
    let renewed = app
        .gql(
            None,
            "mutation($r: String!) { refresh(refreshToken: $r) { accessToken } }",
            json!({"r": leaver.refresh_token}),
        )
        .await;
    assert_eq!(error_code(&renewed), "UNAUTHENTICATED", "and so does the session");

    // 3.5.1: replaced whole; 3.6: deleted, then no longer a resource (the user stays, inactive).
    let replaced = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen@acme.example",
        "displayName": "Babs Jensen", "active": true});
    let (status, body) = call(&app, &token, "PUT", &format!("/Users/{id}"), Some(replaced)).await;
    assert_eq!((status, body["displayName"].as_str()), (200, Some("Babs Jensen")));
    let (status, _) = call(&app, &token, "DELETE", &format!("/Users/{id}"), None).await;
    assert_eq!(status, 204);
    let (status, gone) = call(&app, &token, "GET", &format!("/Users/{id}"), None).await;
    assert_eq!((status, gone["status"].as_str()), (404, Some("404")));
    let users = app.gql(Some(&admin.token), "{ users { email active } }", json!({})).await;
    assert!(
        data(&users)["users"].as_array().unwrap().contains(&json!({"email": "bjensen@acme.example", "active": false}))
    );
    let audit = app
        .gql(
            Some(&admin.token),
            "{ auditEvents(filter: {objectType: \"user\"}) { nodes { action actorLabel } } }",
            json!({}),
        )
        .await;
    assert!(data(&audit).to_string().contains("Entra provisioning"), "the token is named in the trail: {audit}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_give_roles_and_only_the_organisations_scim_token_reaches_scim() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let idp = TestIdp::start().await;
    let mapping = json!({"roleMapping": [{"group": "Tour Guides", "role": "ANALYST"}], "defaultRole": "VIEWER"});
    data(&app.gql(Some(&admin.token), CONFIGURE, json!({"i": idp.input(mapping)})).await);
    let token = scim_token(&app, &admin.token).await;
    let user = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "babs@acme.example"});
    let (_, created) = call(&app, &token, "POST", "/Users", Some(user)).await;
    let id = created["id"].as_str().unwrap().to_owned();
    let role = || async {
        let users = app.gql(Some(&admin.token), "{ users { email role } }", json!({})).await;
        data(&users)["users"].as_array().unwrap().iter().find(|u| u["email"] == "babs@acme.example").unwrap()["role"]
            .clone()
    };
    assert_eq!(role().await, "VIEWER", "the default role of provisioned users");

    // RFC 7644 3.3 (group) and 3.5.2.1 / 3.5.2.2 (members added and removed).
    let group = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Tour Guides", "members": []});
    let (status, created) = call(&app, &token, "POST", "/Groups", Some(group)).await;
    assert_eq!(status, 201, "{created}");
    let group_id = created["id"].as_str().unwrap().to_owned();
    let add = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "members",
        "value": [{"display": "Babs Jensen", "$ref": format!("/scim/v2/Users/{id}"), "value": id}]}]});
    let (status, patched) = call(&app, &token, "PATCH", &format!("/Groups/{group_id}"), Some(add)).await;
    assert_eq!((status, patched["members"][0]["value"].as_str()), (200, Some(id.as_str())), "{patched}");
    assert_eq!(role().await, "ANALYST", "the group's role");
    let (_, listed) = call(&app, &token, "GET", "/Groups?filter=displayName%20eq%20%22Tour%20Guides%22", None).await;
    assert_eq!(listed["totalResults"], 1);
    let remove = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "remove", "path": format!("members[value eq \"{id}\"]")}]});
    let (status, patched) = call(&app, &token, "PATCH", &format!("/Groups/{group_id}"), Some(remove)).await;
    assert_eq!((status, patched["members"].clone()), (200, json!([])));
    assert_eq!(role().await, "VIEWER");
    let stranger = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "X",
        "members": [{"value": admin.organisation_id}]});
    assert_eq!(call(&app, &token, "POST", "/Groups", Some(stranger)).await.0, 400, "members must be users of ours");

    // Only the organisation's SCIM token: not a read token, not a user, not another organisation's.
    let read = app
        .gql(
            Some(&admin.token),
            "mutation { createApiToken(input: {name: \"GRC\", scope: READ}) { token } }",
            json!({}),
        )
        .await;
    let read = data(&read)["createApiToken"]["token"].as_str().unwrap().to_owned();
    assert_eq!(call(&app, &read, "GET", "/Users", None).await.0, 403);
    assert_eq!(call(&app, &admin.token, "GET", "/Users", None).await.0, 403);
    assert_eq!(call(&app, "cwk_not-a-token", "GET", "/Users", None).await.0, 401);
    let other = app.account("other", Role::Admin).await;
    let theirs = scim_token(&app, &other.token).await;
    assert_eq!(call(&app, &theirs, "GET", &format!("/Users/{id}"), None).await.0, 404);
    assert_eq!(call(&app, &theirs, "DELETE", &format!("/Groups/{group_id}"), None).await.0, 404);
    let (_, theirs_listed) = call(&app, &theirs, "GET", "/Users", None).await;
    assert!(!theirs_listed.to_string().contains("acme.example"), "{theirs_listed}");
    // A SCIM token reads nothing of the register.
    let register = app.gql(Some(&token), "{ suppliers { totalCount } }", json!({})).await;
    assert_eq!(error_code(&register), "FORBIDDEN");
    let (status, config) = call(&app, &token, "GET", "/ServiceProviderConfig", None).await;
    assert_eq!((status, &config["patch"]["supported"]), (200, &json!(true)));
}
