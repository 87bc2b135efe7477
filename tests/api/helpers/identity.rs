//! Accounts: an organisation with a signed-in user of a role.
use super::{PASSWORD, TestApp};
use chainward::domain::Role;
use chainward::service::identity::user::NewUser;
use serde_json::{Value, json};
use uuid::Uuid;

/// A signed-in user of a test organisation.
#[derive(Clone)]
pub struct Account {
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub token: String,
    pub refresh_token: String,
    /// The sign-in the tokens belong to (the access token's `sid`).
    pub session: Uuid,
}

impl TestApp {
    /// Creates an organisation (if new) with a user of `role`, signs in and returns the account.
    pub async fn account(&self, organisation: &str, role: Role) -> Account {
        let email = format!("{}-{}@{}.example", role.as_db(), &Uuid::new_v4().simple().to_string()[..8], organisation);
        let input = NewUser { email: email.clone(), display_name: None, role, password: PASSWORD.into() };
        let (org, user) =
            chainward::service::identity::user::create_with_organisation(&self.state.db, organisation, input)
                .await
                .expect("create user");
        let body = self.login(&email, PASSWORD).await;
        let login = &body["data"]["login"];
        let token = login["accessToken"].as_str().expect("access token").to_owned();
        let payload = token.split('.').nth(1).expect("a JWT");
        let claims: Value = serde_json::from_slice(
            &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload).expect("base64"),
        )
        .expect("claims");
        Account {
            organisation_id: org.id,
            user_id: user.id,
            email,
            token,
            refresh_token: login["refreshToken"].as_str().expect("refresh token").to_owned(),
            session: claims["sid"].as_str().and_then(|s| s.parse().ok()).expect("a session id"),
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Value {
        self.gql(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken expiresIn tokenType user { id email role } } }",
            json!({"e": email, "p": password}),
        )
        .await
    }
}
