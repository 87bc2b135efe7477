//! Sign-in, token refresh and sign-out, and strict validation of every bearer token.
use crate::helpers::{PASSWORD, TEST_JWT_SECRET, data, error_code, spawn_app};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chainward::domain::Role;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

const ME: &str = "{ me { organisation { id } user { email role } canWriteRegister canAdminister } }";

fn claims(account: &crate::helpers::Account, iss: &str, aud: &str, exp_offset: i64) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({"iss": iss, "aud": aud, "sub": account.user_id, "org": account.organisation_id,
           "iat": now, "exp": now + exp_offset, "jti": uuid::Uuid::new_v4(), "sid": account.session})
}

/// The key id the server gives its key: the first 12 hex digits of the secret's SHA-256.
fn kid(secret: &[u8]) -> String {
    chainward::auth::secret::sha256_hex(secret)[..12].to_owned()
}

fn sign(alg: Algorithm, secret: &[u8], claims: &Value) -> String {
    let header = Header { kid: Some(kid(secret)), ..Header::new(alg) };
    encode(&header, claims, &EncodingKey::from_secret(secret)).expect("sign")
}

#[tokio::test]
async fn an_analyst_signs_in_and_the_token_identifies_them() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let body = app.login(&analyst.email, PASSWORD).await;
    let login = &data(&body)["login"];
    assert_eq!(login["tokenType"], "Bearer");
    assert_eq!(login["expiresIn"], 900);
    assert_eq!(login["user"]["role"], "ANALYST");
    let me = app.gql(Some(&analyst.token), ME, json!({})).await;
    let me = &data(&me)["me"];
    assert_eq!(me["user"]["email"], analyst.email.as_str());
    assert_eq!(me["organisation"]["id"], analyst.organisation_id.to_string());
    assert_eq!(me["canWriteRegister"], true);
    assert_eq!(me["canAdminister"], false);
}

#[tokio::test]
async fn wrong_passwords_and_unknown_accounts_get_the_same_answer() {
    let app = spawn_app().await;
    let user = app.account("acme", Role::Viewer).await;
    let wrong = app.login(&user.email, "not the password at all").await;
    let unknown = app.login("nobody@nowhere.example", PASSWORD).await;
    assert_eq!(error_code(&wrong), "UNAUTHENTICATED");
    assert_eq!(error_code(&unknown), "UNAUTHENTICATED");
    assert_eq!(wrong["errors"][0]["message"], unknown["errors"][0]["message"]);
    // The e-mail is matched case-insensitively.
    let upper = app.login(&user.email.to_uppercase(), PASSWORD).await;
    assert!(data(&upper)["login"]["accessToken"].is_string());
}

#[tokio::test]
async fn repeated_failed_logins_lock_the_account_even_for_the_right_password() {
    let app = spawn_app().await;
    let user = app.account("acme", Role::Analyst).await;
    for _ in 0..5 {
        let body = app.login(&user.email, "guessing-a-password").await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED");
    }
    // Locked: even the right password is refused, in the words an unknown e-mail gets.
    let locked = app.login(&user.email, PASSWORD).await;
    assert_eq!(error_code(&locked), "UNAUTHENTICATED", "{locked}");
    let unknown = app.login("nobody@acme.example", PASSWORD).await;
    assert_eq!(locked["errors"][0]["message"], unknown["errors"][0]["message"]);
    let failures = app
        .gql(Some(&user.token), "{ auditEvents(filter: {action: \"auth.login_failed\"}) { totalCount } }", json!({}))
        .await;
    assert_eq!(data(&failures)["auditEvents"]["totalCount"], 5);
}

const REFRESH: &str = "mutation($r: String!) { refresh(refreshToken: $r) { accessToken refreshToken } }";

#[tokio::test]
async fn refresh_rotates_tokens_and_reuse_ends_the_whole_session_family() {
    let app = spawn_app().await;
    let user = app.account("acme", Role::Viewer).await;
    let first = app.gql(None, REFRESH, json!({"r": user.refresh_token})).await;
    let second_refresh = data(&first)["refresh"]["refreshToken"].as_str().unwrap().to_owned();
    let new_access = data(&first)["refresh"]["accessToken"].as_str().unwrap().to_owned();
    assert_ne!(second_refresh, user.refresh_token);
    assert!(data(&app.gql(Some(&new_access), ME, json!({})).await)["me"]["user"].is_object());

    // Someone replays the first refresh token: refused, and the legitimate new one dies too.
    let replay = app.gql(None, REFRESH, json!({"r": user.refresh_token})).await;
    assert_eq!(error_code(&replay), "UNAUTHENTICATED");
    let after_reuse = app.gql(None, REFRESH, json!({"r": second_refresh})).await;
    assert_eq!(error_code(&after_reuse), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.gql(Some(&new_access), ME, json!({})).await), "UNAUTHENTICATED", "its access token too");
    let again = app.login(&user.email, PASSWORD).await;
    let fresh = data(&again)["login"]["accessToken"].as_str().unwrap().to_owned();
    let audit = app
        .gql(Some(&fresh), "{ auditEvents(filter: {action: \"auth.refresh_reuse\"}) { totalCount } }", json!({}))
        .await;
    assert_eq!(data(&audit)["auditEvents"]["totalCount"], 1);
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let user = app.account("acme", Role::Viewer).await;
    let out =
        app.gql(None, "mutation($r: String!) { logout(refreshToken: $r) }", json!({"r": user.refresh_token})).await;
    assert_eq!(data(&out)["logout"], true);
    let refresh = app.gql(None, REFRESH, json!({"r": user.refresh_token})).await;
    assert_eq!(error_code(&refresh), "UNAUTHENTICATED");
    let garbage = app.gql(None, REFRESH, json!({"r": "not-a-token"})).await;
    assert_eq!(error_code(&garbage), "UNAUTHENTICATED");
}

#[tokio::test]
async fn forged_expired_and_misaddressed_tokens_are_rejected() {
    let app = spawn_app().await;
    let user = app.account("acme", Role::Admin).await;
    let good = sign(Algorithm::HS256, TEST_JWT_SECRET, &claims(&user, "chainward", "chainward-api", 600));
    assert!(data(&app.gql(Some(&good), ME, json!({})).await)["me"]["user"].is_object(), "control token works");

    let header_none = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims(&user, "chainward", "chainward-api", 600).to_string());
    let cases = [
        (
            "another key",
            sign(
                Algorithm::HS256,
                b"another-secret-that-is-also-long-enough!!",
                &claims(&user, "chainward", "chainward-api", 600),
            ),
        ),
        ("expired", sign(Algorithm::HS256, TEST_JWT_SECRET, &claims(&user, "chainward", "chainward-api", -120))),
        ("wrong audience", sign(Algorithm::HS256, TEST_JWT_SECRET, &claims(&user, "chainward", "someone-else", 600))),
        ("wrong issuer", sign(Algorithm::HS256, TEST_JWT_SECRET, &claims(&user, "evil", "chainward-api", 600))),
        (
            "HS512 with our key",
            sign(Algorithm::HS512, TEST_JWT_SECRET, &claims(&user, "chainward", "chainward-api", 600)),
        ),
        ("alg none", format!("{header_none}.{payload}.")),
        ("garbage", "not.a.jwt".to_owned()),
        ("tampered payload", {
            let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
            let mut other = claims(&user, "chainward", "chainward-api", 600);
            other["org"] = json!(uuid::Uuid::new_v4());
            parts[1] = URL_SAFE_NO_PAD.encode(other.to_string());
            parts.join(".")
        }),
    ];
    for (what, token) in cases {
        let body = app.gql(Some(&token), ME, json!({})).await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{what}: {body}");
    }
    let basic = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("Authorization", "Basic dXNlcjpwYXNz")
        .json(&json!({"query": ME}))
        .send()
        .await
        .unwrap();
    let basic: Value = basic.json().await.unwrap();
    assert_eq!(error_code(&basic), "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_deactivated_user_loses_access_at_once() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let body = app
        .gql(
            Some(&admin.token),
            "mutation($id: UUID!) { updateUser(id: $id, input: {active: false}) { active } }",
            json!({"id": analyst.user_id}),
        )
        .await;
    assert_eq!(data(&body)["updateUser"]["active"], false);
    assert_eq!(error_code(&app.gql(Some(&analyst.token), ME, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.gql(None, REFRESH, json!({"r": analyst.refresh_token})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.login(&analyst.email, PASSWORD).await), "UNAUTHENTICATED");
}

#[tokio::test]
async fn the_last_administrator_cannot_be_demoted() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let body = app
        .gql(
            Some(&admin.token),
            "mutation($id: UUID!) { updateUser(id: $id, input: {role: VIEWER}) { role } }",
            json!({"id": admin.user_id}),
        )
        .await;
    assert_eq!(error_code(&body), "VALIDATION");
    let me = app.gql(Some(&admin.token), ME, json!({})).await;
    assert_eq!(data(&me)["me"]["user"]["role"], "ADMIN");
}

#[tokio::test]
async fn api_tokens_are_shown_once_work_as_bearer_and_stop_when_revoked_or_expired() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let create =
        "mutation($i: NewApiToken!) { createApiToken(input: $i) { token apiToken { id prefix scope active } } }";
    let body = app.gql(Some(&admin.token), create, json!({"i": {"name": "GRC sync", "scope": "READ"}})).await;
    let created = &data(&body)["createApiToken"];
    let token = created["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with(created["apiToken"]["prefix"].as_str().unwrap()));
    let me = app.gql(Some(&token), "{ me { apiTokenName user { id } canWriteRegister } }", json!({})).await;
    assert_eq!(data(&me)["me"]["apiTokenName"], "GRC sync");
    assert_eq!(data(&me)["me"]["canWriteRegister"], false);

    let revoke = "mutation($id: UUID!) { revokeApiToken(id: $id) { active revokedAt } }";
    let revoked = app.gql(Some(&admin.token), revoke, json!({"id": created["apiToken"]["id"]})).await;
    assert_eq!(data(&revoked)["revokeApiToken"]["active"], false);
    assert_eq!(error_code(&app.gql(Some(&token), ME, json!({})).await), "UNAUTHENTICATED");

    let past = app
        .gql(
            Some(&admin.token),
            create,
            json!({"i": {"name": "old", "scope": "READ", "expiresAt": "2020-01-01T00:00:00Z"}}),
        )
        .await;
    assert_eq!(error_code(&past), "VALIDATION");
    assert_eq!(past["errors"][0]["extensions"]["fieldErrors"][0]["field"], "input.expiresAt");
}

#[tokio::test]
async fn an_expired_api_token_is_refused() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let create = "mutation { createApiToken(input: {name: \"short-lived\", scope: READ_WRITE, expiresAt: \"2099-01-01T00:00:00Z\"}) { token apiToken { id } } }";
    let body = app.gql(Some(&admin.token), create, json!({})).await;
    let token = data(&body)["createApiToken"]["token"].as_str().unwrap().to_owned();
    assert!(data(&app.gql(Some(&token), ME, json!({})).await)["me"]["canWriteRegister"].as_bool().unwrap());
    // Time passes: the expiry is now behind us.
    let backend = app.state.db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "UPDATE api_token SET expires_at = $1",
        _ => "UPDATE api_token SET expires_at = ?",
    };
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    app.state.db.execute_raw(Statement::from_sql_and_values(backend, sql, [past.into()])).await.unwrap();
    assert_eq!(error_code(&app.gql(Some(&token), ME, json!({})).await), "UNAUTHENTICATED");
}
