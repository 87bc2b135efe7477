//! Mails a supplier can trust and act on: from the organisation by name with a person to reply
//! to (or the sender and mailbox the organisation set), an HTML part beside the text, a working
//! link in every one that dies with its invitation, and a receipt carrying the answers.
use crate::helpers::assessment::{EXCHANGE, STATUS, as_input, sent_assessment, token_in_mail};
use crate::helpers::{data, error_code, field_errors, spawn_app};
use chainward::domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

const SETTINGS: &str = "mutation($s: String, $r: String) { updateOrganisationSettings(input: {
    reassessmentMonths: {}, reassessmentResponseDays: 30, reassessmentAutoSend: false, reminderDaysBefore: 7,
    mailSenderName: $s, mailReplyTo: $r }) { mailSenderName mailReplyTo } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mails_name_their_sender_take_replies_carry_links_and_a_receipt() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();

    // By default: the organisation by name, and the analyst who sent it takes the replies.
    let (id, token, answers) = sent_assessment(&app, t, "ines@supplier.example").await;
    let invitation = app.mails().await.pop().unwrap();
    assert!(invitation.contains("From: \"acme via Chainward\" <"), "{invitation}");
    let reply_to = invitation.lines().find(|l| l.starts_with("Reply-To: ")).expect("a Reply-To header");
    assert!(reply_to.ends_with(&format!("<{}>", analyst.email)), "{reply_to}");
    assert!(invitation.contains("acme invites you to answer"), "{invitation}");
    assert!(invitation.contains("Content-Type: text/html"), "an HTML part beside the text: {invitation}");
    assert!(invitation.contains("Reply to this e-mail to reach"), "{invitation}");

    // The respondent submits: a receipt with the answers as a workbook, and a link of its own.
    let session = app.gql(None, EXCHANGE, json!({"t": token})).await;
    let respondent = data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let r = Some(respondent.as_str());
    data(
        &app.gql(
            r,
            "mutation($a: [AnswerInput!]!) { respondentSaveAnswers(answers: $a) { status } }",
            json!({"a": as_input(&answers)}),
        )
        .await,
    );
    data(&app.gql(r, "mutation { respondentSubmit { status } }", json!({})).await);
    let receipt =
        app.mails().await.into_iter().rev().find(|m| m.contains("Subject: Received: your answers")).expect("a receipt");
    assert!(receipt.contains("Content-Disposition: attachment") && receipt.contains(".xlsx"), "{receipt}");
    let stored = entity::mail_message::Entity::find()
        .filter(entity::mail_message::Column::Subject.starts_with("Received"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.attachment, None, "the answers leave the mail queue once sent");
    assert!(!stored.body.contains(&token), "and so do the tokens");

    // The organisation sets its sender and mailbox; the request for changes uses them and
    // carries a link that opens the questionnaire.
    let refused =
        app.gql(Some(&admin.token), SETTINGS, json!({"s": "Acme <Procurement>", "r": "not an address"})).await;
    assert_eq!(field_errors(&refused), ["input.mailSenderName", "input.mailReplyTo"], "{refused}");
    let set = app
        .gql(Some(&admin.token), SETTINGS, json!({"s": " Acme Procurement ", "r": "Procurement@Acme.example"}))
        .await;
    assert_eq!(
        data(&set)["updateOrganisationSettings"],
        json!({"mailSenderName": "Acme Procurement", "mailReplyTo": "procurement@acme.example"})
    );
    data(&app.gql(Some(t), STATUS, json!({"id": id, "s": "IN_REVIEW"})).await);
    data(&app.gql(Some(t), STATUS, json!({"id": id, "s": "RETURNED", "n": "Please attach the backup report."})).await);
    let returned = app.mails().await.pop().unwrap();
    assert!(returned.contains("Subject: Changes requested"), "{returned}");
    assert!(returned.contains("From: \"Acme Procurement\" <"), "{returned}");
    assert!(returned.contains("<procurement@acme.example>"), "{returned}");
    let link = token_in_mail(&app, "ines@supplier.example").await;
    assert!(data(&app.gql(None, EXCHANGE, json!({"t": link})).await)["exchangeInvitation"]["accessToken"].is_string());

    // Revoked, the invitation takes every link of every mail with it.
    let body =
        app.gql(Some(t), "query($id: UUID!) { assessment(id: $id) { invitations { id } } }", json!({"id": id})).await;
    let invitation_id = data(&body)["assessment"]["invitations"][0]["id"].clone();
    data(
        &app.gql(
            Some(t),
            "mutation($id: UUID!) { revokeInvitation(id: $id) { revokedAt } }",
            json!({"id": invitation_id}),
        )
        .await,
    );
    for dead in [&token, &link] {
        assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": dead})).await), "UNAUTHENTICATED");
    }
}

/// What a supplier types travels in mails as text: in the HTML part nothing of it becomes
/// markup, and a name cannot add a header (a link leaving its attribute is a unit test of
/// `mail::html`, since notes between colleagues refuse links).
#[tokio::test]
async fn a_suppliers_words_in_a_mail_stay_text() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (_, token, _) = sent_assessment(&app, &analyst.token, "ines@supplier.example").await;
    let session = app.gql(None, EXCHANGE, json!({"t": token})).await;
    let ines = data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let view = app.gql(Some(&ines), "{ respondentAssessment { sections { id } } }", json!({})).await;
    let section = data(&view)["respondentAssessment"]["sections"][1]["id"].clone();
    let hostile = json!({
        "name": "Omar <b>Ops</b> \"Q\" (IT)",
        "email": "omar@supplier.example",
        "sectionIds": [section],
        // Links are refused in these notes (no relay); markup is not, and must stay text.
        "message": "<img src=x onerror=alert(1)> & \"the ops part\"",
    });
    let delegate = "mutation($i: DelegateSectionsInput!) { respondentDelegateSections(input: $i) { email } }";
    data(&app.gql(Some(&ines), delegate, json!({"i": hostile})).await);
    let mail =
        app.mails().await.into_iter().rev().find(|m| m.contains("omar@supplier.example")).expect("a delegation mail");
    let headers = mail.split("\r\n\r\n").next().unwrap();
    assert!(headers.lines().any(|l| l.starts_with("To: ") && l.ends_with("<omar@supplier.example>")), "{headers}");
    assert!(!headers.to_lowercase().contains("\nbcc"), "{headers}");
    let html = &mail[mail.find("Content-Type: text/html").expect("an HTML part")..];
    let html = html.replace("=\r\n", "").replace("=3D", "=");
    assert!(!html.contains("<img") && !html.contains("<b>Ops"), "no markup from the supplier: {html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;the ops part&quot;"), "{html}");
}
