//! The security release (one test per finding of the review): what an invitation link, a
//! second tenant or a token could do, and can no longer.
use crate::helpers::{TestApp, data, error_code, spawn_app};
use crate::respondents::{EXCHANGE, VIEW, sent_assessment, token_in_mail};
use chainward::domain::Role;
use serde_json::{Value, json};

const RESEND: &str = "mutation($id: UUID!) { resendInvitation(id: $id) { id revokedAt } }";
const REVOKE: &str = "mutation($id: UUID!) { revokeInvitation(id: $id) { revokedAt } }";

async fn session(app: &TestApp, token: &str) -> String {
    let body = app.gql(None, EXCHANGE, json!({"t": token})).await;
    data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned()
}

async fn invitation_of(app: &TestApp, analyst: &str, assessment: &str) -> Value {
    let query = "query($id: UUID!) { assessment(id: $id) { invitations { id revokedAt } } }";
    data(&app.gql(Some(analyst), query, json!({"id": assessment})).await)["assessment"]["invitations"][0]["id"].clone()
}

/// Finding 7: a resend is a new invitation; every earlier link and session stays dead, also
/// after a revocation.
#[tokio::test]
async fn a_resent_invitation_ends_every_earlier_link_and_session() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let email = "resend@supplier.example";
    let (assessment, first_link, _) = sent_assessment(&app, &analyst.token, email).await;
    let first = invitation_of(&app, &analyst.token, &assessment).await;
    let first_session = session(&app, &first_link).await;
    assert!(app.gql(Some(&first_session), VIEW, json!({})).await["data"].is_object());

    // Resent without a revocation: the first link and its session end.
    let resent = data(&app.gql(Some(&analyst.token), RESEND, json!({"id": first})).await)["resendInvitation"].clone();
    assert_ne!(resent["id"], first, "a new invitation");
    assert_eq!(error_code(&app.gql(Some(&first_session), VIEW, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": first_link})).await), "UNAUTHENTICATED");
    let second_link = token_in_mail(&app, email).await;
    let second_session = session(&app, &second_link).await;

    // Revoked, then resent: the revoked session is not revived.
    data(&app.gql(Some(&analyst.token), REVOKE, json!({"id": resent["id"]})).await);
    assert_eq!(error_code(&app.gql(Some(&second_session), VIEW, json!({})).await), "UNAUTHENTICATED");
    let third =
        data(&app.gql(Some(&analyst.token), RESEND, json!({"id": resent["id"]})).await)["resendInvitation"].clone();
    assert_eq!(third["revokedAt"], Value::Null);
    for dead in [&first_session, &second_session] {
        assert_eq!(error_code(&app.gql(Some(dead), VIEW, json!({})).await), "UNAUTHENTICATED", "no session revives");
    }
    assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": second_link})).await), "UNAUTHENTICATED");
    let third_session = session(&app, &token_in_mail(&app, email).await).await;
    assert!(app.gql(Some(&third_session), VIEW, json!({})).await["data"].is_object());
}
