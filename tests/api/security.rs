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

/// Finding 10: a file name with control characters, direction overrides or non-ASCII letters is
/// cleaned on upload and downloads with a valid `Content-Disposition` (RFC 6266 `filename*`).
#[tokio::test]
async fn any_document_name_uploads_clean_and_downloads() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (assessment, link, _) = sent_assessment(&app, &analyst.token, "names@supplier.example").await;
    let respondent = session(&app, &link).await;
    let raw = "C:\\fakepath\\Richtlinie\u{1} für\tLieferanten\u{202e}\u{7f}.pdf";
    let (status, created) =
        crate::evidence::put(&app, Some(&respondent), &assessment, "BAS-01", raw, crate::evidence::PDF).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["fileName"], "Richtlinie für Lieferanten.pdf");
    let query = "query($id: UUID!) { assessment(id: $id) { evidence { downloadPath } } }";
    let listed = app.gql(Some(&analyst.token), query, json!({"id": assessment})).await;
    let path = data(&listed)["assessment"]["evidence"][0]["downloadPath"].as_str().unwrap().to_owned();
    let response = app.client.get(format!("{}{path}", app.address)).bearer_auth(&analyst.token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"Richtlinie f_r Lieferanten.pdf\"; filename*=UTF-8''Richtlinie%20f%C3%BCr%20Lieferanten.pdf"
    );
}
