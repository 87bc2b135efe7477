//! A supplier's respondent answers through an invitation link, without an account.
use crate::helpers::assessment::{EXCHANGE, VIEW, sent_assessment, token_in_mail};
use crate::helpers::{data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::json;

const SAVE: &str = "mutation($a: [AnswerInput!]!) { respondentSaveAnswers(answers: $a) { status answeredCount } }";

/// The whole story, end to end: e-mail, link, partial answers, a document, return with a
/// note, fix, completion, score and findings, and the GRC tool's signed webhook.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_respondent_answers_is_returned_a_note_fixes_it_and_the_analyst_completes() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let (url, received) = crate::helpers::organisation::receiver(axum::http::StatusCode::OK).await;
    let body = app
        .gql(
            Some(&admin.token),
            crate::helpers::organisation::SUBSCRIBE,
            json!({"u": url, "e": ["assessment.completed"]}),
        )
        .await;
    let secret = data(&body)["createWebhookSubscription"]["secret"].as_str().unwrap().to_owned();
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, token, mut answers) = sent_assessment(&app, &analyst.token, "ines@supplier.example").await;
    // Backups are not kept off-site: a knock-out that must become a finding.
    let knock_out = answers.iter().position(|(q, _)| q == "DAT-04").expect("DAT-04 in supplier-lite");
    answers[knock_out].1 = "no".into();
    let mail = app.mails().await.pop().unwrap();
    assert!(mail.contains("To: \"Ines Respondent\" <ines@supplier.example>"), "{mail}");
    assert!(mail.contains("http://chainward.test/respond#token="));
    assert!(mail.contains("Please answer by 2099-03-31."));

    let session = app.gql(None, EXCHANGE, json!({"t": token})).await;
    assert_eq!(data(&session)["exchangeInvitation"]["assessmentId"], id.as_str());
    let respondent = data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let r = Some(respondent.as_str());
    let view = app.gql(r, VIEW, json!({})).await;
    let view = &data(&view)["respondentAssessment"];
    assert_eq!(view["requestedBy"], "acme");
    assert_eq!(view["status"], "SENT");
    assert_eq!(view["answeredCount"], 0);
    let required = view["requiredCount"].as_u64().unwrap() as usize;
    assert_eq!(required, answers.len());

    // Autosave part, then try to submit too early.
    let (first, rest) = answers.split_at(5);
    let saved = app.gql(r, SAVE, json!({"a": crate::helpers::assessment::as_input(first)})).await;
    assert_eq!(data(&saved)["respondentSaveAnswers"], json!({"status": "IN_PROGRESS", "answeredCount": 5}));
    let (status, document) =
        crate::helpers::assessment::put(&app, r, &id, &first[0].0, "policy.pdf", crate::helpers::SMALL_PDF).await;
    assert_eq!(status, 201, "{document}");
    let early = app.gql(r, "mutation { respondentSubmit { status } }", json!({})).await;
    assert_eq!(error_code(&early), "VALIDATION");
    assert_eq!(early["errors"][0]["extensions"]["fieldErrors"].as_array().unwrap().len(), required - 5);
    data(&app.gql(r, SAVE, json!({"a": crate::helpers::assessment::as_input(rest)})).await);
    let submitted = app.gql(r, "mutation { respondentSubmit { status answeredCount } }", json!({})).await;
    assert_eq!(data(&submitted)["respondentSubmit"], json!({"status": "SUBMITTED", "answeredCount": required}));

    // The analyst reviews, returns one answer with a note; the respondent sees it and fixes it.
    let t = Some(analyst.token.as_str());
    data(&app.gql(t, crate::helpers::assessment::STATUS, json!({"id": id, "s": "IN_REVIEW"})).await);
    let question = &answers[0].0;
    let review = "mutation($id: UUID!, $q: String!) { reviewAssessmentAnswer(id: $id, questionId: $q, verdict: NEEDS_CHANGE, note: \"Please attach the policy.\") { verdict } }";
    data(&app.gql(t, review, json!({"id": id, "q": question})).await);
    data(
        &app.gql(
            t,
            crate::helpers::assessment::STATUS,
            json!({"id": id, "s": "RETURNED", "n": "One answer needs a document."}),
        )
        .await,
    );
    let notes = app.mails().await.pop().unwrap();
    assert!(notes.contains("Subject: Changes requested: "), "{notes}");
    assert!(notes.contains(&format!("- {question}: Please attach the policy.")), "{notes}");
    assert!(notes.contains("One answer needs a document."), "{notes}");
    // The request for changes carries a link that opens the questionnaire again.
    let again = token_in_mail(&app, "ines@supplier.example").await;
    assert!(data(&app.gql(None, EXCHANGE, json!({"t": again})).await)["exchangeInvitation"]["accessToken"].is_string());
    let returned = app.gql(r, VIEW, json!({})).await;
    let returned = &data(&returned)["respondentAssessment"];
    assert_eq!(returned["status"], "RETURNED");
    let noted = returned["answers"].as_array().unwrap().iter().find(|a| a["questionId"] == question.as_str()).unwrap();
    assert_eq!(noted["verdict"], "NEEDS_CHANGE");
    assert_eq!(noted["reviewNote"], "Please attach the policy.");
    data(&app.gql(r, SAVE, json!({"a": [{"questionId": question, "value": answers[0].1, "comment": "Policy attached to the e-mail."}]})).await);
    data(&app.gql(r, "mutation { respondentSubmit { status } }", json!({})).await);
    for status in ["IN_REVIEW", "COMPLETED"] {
        data(&app.gql(t, crate::helpers::assessment::STATUS, json!({"id": id, "s": status})).await);
    }
    let history = app
        .gql(
            t,
            "query($id: UUID!) { assessment(id: $id) { supplier { id } evidence { fileName } } }",
            json!({"id": id}),
        )
        .await;
    let supplier = data(&history)["assessment"]["supplier"]["id"].clone();
    assert_eq!(data(&history)["assessment"]["evidence"], json!([{"fileName": "policy.pdf"}]));
    let scored = app
        .gql(t, "query($s: UUID!) { scoreSnapshots(supplierId: $s) { assessmentId } findings(supplierId: $s) { questionId status } }", json!({"s": supplier}))
        .await;
    assert_eq!(data(&scored)["scoreSnapshots"], json!([{"assessmentId": id}]));
    assert_eq!(data(&scored)["findings"], json!([{"questionId": "DAT-04", "status": "OPEN"}]));
    let (headers, body) = crate::helpers::organisation::wait_for(&received, "assessment.completed")
        .await
        .expect("assessment.completed delivered");
    let signature = headers["chainward-signature"].to_str().unwrap();
    let timestamp: i64 = signature.trim_start_matches("t=").split(',').next().unwrap().parse().unwrap();
    assert_eq!(signature, chainward::worker::signature(&secret, timestamp, &body), "signed with the secret");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body).unwrap()["data"]["assessment_id"], id.as_str());
    let thanks = app.mails().await.pop().unwrap();
    assert!(thanks.contains("Subject: Review complete: ") && thanks.contains("ines@supplier.example"), "{thanks}");
    let done = app.gql(r, VIEW, json!({})).await;
    assert_eq!(data(&done)["respondentAssessment"]["status"], "COMPLETED");
    let late = app.gql(r, SAVE, json!({"a": crate::helpers::assessment::as_input(&answers[..1])})).await;
    assert_eq!(error_code(&late), "VALIDATION", "a completed assessment takes no more answers");
}

#[tokio::test]
async fn forged_revoked_and_foreign_invitation_tokens_are_refused() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, token, _) = sent_assessment(&app, &analyst.token, "one@supplier.example").await;
    assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": "forged-token"})).await), "UNAUTHENTICATED");
    let session = app.gql(None, EXCHANGE, json!({"t": token})).await;
    let respondent = data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();

    // The respondent token reaches nothing of the analyst's.
    for query in [
        "{ suppliers { totalCount } }",
        "{ me { organisation { id } } }",
        "{ assessments { id } }",
        "{ questionnaireTemplates { id } }",
    ] {
        assert_eq!(error_code(&app.gql(Some(&respondent), query, json!({})).await), "FORBIDDEN", "{query}");
    }
    let analyst_op =
        app.gql(Some(&respondent), crate::helpers::assessment::STATUS, json!({"id": id, "s": "CANCELLED"})).await;
    assert_eq!(error_code(&analyst_op), "FORBIDDEN");
    // ... and analysts cannot act as respondents.
    assert_eq!(error_code(&app.gql(Some(&analyst.token), VIEW, json!({})).await), "FORBIDDEN");

    let invitations = app
        .gql(
            Some(&analyst.token),
            "query($id: UUID!) { assessment(id: $id) { invitations { id email lastUsedAt } } }",
            json!({"id": id}),
        )
        .await;
    let invitation = data(&invitations)["assessment"]["invitations"][0].clone();
    assert!(invitation["lastUsedAt"].is_string());
    // A resent invitation carries a new link; the old one stops working.
    let resend = "mutation($id: UUID!) { resendInvitation(id: $id) { id email revokedAt } }";
    let resent =
        data(&app.gql(Some(&analyst.token), resend, json!({"id": invitation["id"]})).await)["resendInvitation"].clone();
    let fresh = token_in_mail(&app, "one@supplier.example").await;
    assert_ne!(fresh, token);
    assert_eq!(
        error_code(&app.gql(None, EXCHANGE, json!({"t": token})).await),
        "UNAUTHENTICATED",
        "the old link is dead"
    );
    let token = fresh;
    let session = app.gql(None, EXCHANGE, json!({"t": token})).await;
    let respondent = data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    data(
        &app.gql(
            Some(&analyst.token),
            "mutation($id: UUID!) { revokeInvitation(id: $id) { revokedAt } }",
            json!({"id": resent["id"]}),
        )
        .await,
    );
    assert_eq!(
        error_code(&app.gql(Some(&respondent), VIEW, json!({})).await),
        "UNAUTHENTICATED",
        "revocation ends the session"
    );
    assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": token})).await), "UNAUTHENTICATED");
}

#[tokio::test]
async fn guessing_invitation_links_is_throttled() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (_, token, _) = sent_assessment(&app, &analyst.token, "three@supplier.example").await;
    for attempt in 0..10 {
        let guess = app.gql(None, EXCHANGE, json!({"t": format!("guess-{attempt}")})).await;
        assert_eq!(error_code(&guess), "UNAUTHENTICATED");
    }
    // From now on even the right link waits until the window has passed.
    let blocked = app.gql(None, EXCHANGE, json!({"t": token})).await;
    assert_eq!(error_code(&blocked), "LIMIT");
}

#[tokio::test]
async fn an_expired_invitation_opens_nothing_and_ends_its_sessions() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, token, _) = sent_assessment(&app, &analyst.token, "late@supplier.example").await;
    let session = app.gql(None, EXCHANGE, json!({"t": token})).await;
    let respondent = data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    assert!(app.gql(Some(&respondent), VIEW, json!({})).await["errors"].is_null());

    // The link's validity ends (30 days after the due date, in real life).
    entity::invitation::Entity::update_many()
        .col_expr(entity::invitation::Column::ExpiresAt, Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)))
        .filter(entity::invitation::Column::AssessmentId.eq(uuid::Uuid::parse_str(&id).unwrap()))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": token})).await), "UNAUTHENTICATED");
    assert_eq!(
        error_code(&app.gql(Some(&respondent), VIEW, json!({})).await),
        "UNAUTHENTICATED",
        "the session ends too"
    );
}
