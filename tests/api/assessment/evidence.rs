//! Evidence documents: uploaded for a question, recognised by their bytes, readable only by
//! the organisation and the assessment's respondents.
use crate::helpers::SMALL_PDF;
use crate::helpers::assessment::put;
use crate::helpers::{TestApp, data, spawn_app};
use chainward::domain::Role;
use serde_json::json;

async fn respondent_for(app: &TestApp, analyst: &str, email: &str) -> (String, String) {
    let (id, token, _) = crate::helpers::assessment::sent_assessment(app, analyst, email).await;
    let body = app
        .gql(None, "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }", json!({"t": token}))
        .await;
    (id, data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_respondent_uploads_a_document_the_analyst_downloads_it() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, respondent) = respondent_for(&app, &analyst.token, "doc@supplier.example").await;
    let (status, created) = put(&app, Some(&respondent), &id, "BAS-01", "security-policy.pdf", SMALL_PDF).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["contentType"], "application/pdf");
    assert_eq!(created["sha256"], chainward::auth::secret::sha256_hex(SMALL_PDF));
    assert_eq!(created["validUntil"], "2027-06-30");

    let listed = app.gql(Some(&analyst.token), "query($id: UUID!) { assessment(id: $id) { evidence { questionId fileName size downloadPath uploadedBy } } }", json!({"id": id})).await;
    let document = data(&listed)["assessment"]["evidence"][0].clone();
    assert_eq!(document["questionId"], "BAS-01");
    assert_eq!(document["size"], SMALL_PDF.len());
    assert_eq!(document["uploadedBy"], "respondent:doc@supplier.example");
    let url = format!("{}{}", app.address, document["downloadPath"].as_str().unwrap());
    for token in [&analyst.token, &respondent] {
        let response = app.client.get(&url).bearer_auth(token).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("security-policy.pdf"));
        assert_eq!(response.bytes().await.unwrap().as_ref(), SMALL_PDF);
    }
    let mine = app.gql(Some(&respondent), "{ respondentAssessment { evidence { fileName } } }", json!({})).await;
    assert_eq!(data(&mine)["respondentAssessment"]["evidence"], json!([{"fileName": "security-policy.pdf"}]));
}

#[tokio::test]
async fn disguised_oversized_and_foreign_uploads_are_refused() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, respondent) = respondent_for(&app, &analyst.token, "one@supplier.example").await;
    let r = Some(respondent.as_str());
    let (status, body) = put(&app, r, &id, "BAS-01", "policy.pdf", b"\x7fELF\x02\x01\x01\x00binary").await;
    assert_eq!((status, body["error"]["code"].as_str()), (415, Some("VALIDATION")), "{body}");
    let (status, body) = put(&app, r, &id, "BAS-01", "policy.pdf", b"\x89PNG\r\n\x1a\nimage").await;
    assert_eq!(status, 415);
    assert!(body["error"]["message"].as_str().unwrap().contains("ends in .pdf but the content is image/png"));
    let big = [SMALL_PDF, &vec![b'x'; 10 * 1024 * 1024]].concat();
    assert_eq!(put(&app, r, &id, "BAS-01", "big.pdf", &big).await.0, 413);
    assert_eq!(put(&app, r, &id, "XYZ-99", "policy.pdf", SMALL_PDF).await.0, 422);
    assert_eq!(put(&app, None, &id, "BAS-01", "policy.pdf", SMALL_PDF).await.0, 401);

    // Another supplier's respondent and another organisation see nothing of it.
    let (other, other_respondent) = respondent_for(&app, &analyst.token, "two@supplier.example").await;
    assert_eq!(put(&app, Some(&other_respondent), &id, "BAS-01", "policy.pdf", SMALL_PDF).await.0, 404);
    let (status, created) = put(&app, r, &id, "BAS-01", "policy.pdf", SMALL_PDF).await;
    assert_eq!(status, 201);
    let url = format!("{}/api/evidence/{}", app.address, created["id"].as_str().unwrap());
    let stranger = app.account("globex", Role::Admin).await;
    for token in [&other_respondent, &stranger.token] {
        assert_eq!(app.client.get(&url).bearer_auth(token).send().await.unwrap().status(), 404);
    }
    assert_ne!(other, id);
}

const UPLOAD: &str = "mutation($id: UUID!, $q: String!, $file: Upload!) { uploadEvidence(assessmentId: $id, questionId: $q, file: $file, validUntil: \"2027-06-30\") { id fileName contentType size sha256 validUntil } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_can_also_be_uploaded_as_graphql_multipart_requests() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, respondent) = respondent_for(&app, &analyst.token, "ines@supplier.example").await;
    let r = Some(respondent.as_str());
    let vars = json!({"id": id, "q": "ACC-01"});

    let (status, body) = app.gql_with_file(r, UPLOAD, vars.clone(), "policy.pdf", SMALL_PDF).await;
    assert_eq!(status, 200, "{body}");
    let document = data(&body)["uploadEvidence"].clone();
    assert_eq!(document["contentType"], "application/pdf");
    assert_eq!(document["size"], SMALL_PDF.len());
    assert_eq!(document["validUntil"], "2027-06-30");
    let listed = app
        .gql(
            Some(&analyst.token),
            "query($id: UUID!) { assessment(id: $id) { evidence { id sha256 } } }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(data(&listed)["assessment"]["evidence"], json!([{"id": document["id"], "sha256": document["sha256"]}]));

    let (_, disguised) = app.gql_with_file(r, UPLOAD, vars.clone(), "policy.pdf", b"\x89PNG\r\n\x1a\n0000").await;
    assert_eq!(crate::helpers::error_code(&disguised), "VALIDATION");
    assert!(
        disguised["errors"][0]["message"].as_str().unwrap_or_default().contains("the content is image/png")
            || disguised["errors"][0]["extensions"]["fieldErrors"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("image/png"),
        "{disguised}"
    );

    // Just over the document limit: refused by the resolver, unread.
    let mut big = SMALL_PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let (status, over) = app.gql_with_file(r, UPLOAD, vars.clone(), "big.pdf", &big).await;
    assert_eq!((status, crate::helpers::error_code(&over)), (200, "LIMIT"), "{over}");
    // Far over it: the request body itself is cut off.
    big.resize(12 * 1024 * 1024, b' ');
    let (status, over) = app.gql_with_file(r, UPLOAD, vars.clone(), "big.pdf", &big).await;
    assert!(status == 413 || status == 0, "refused before it was read: {status} {over}");
    let (_, foreign) =
        app.gql_with_file(r, UPLOAD, json!({"id": uuid::Uuid::new_v4(), "q": "ACC-01"}), "policy.pdf", SMALL_PDF).await;
    assert_eq!(crate::helpers::error_code(&foreign), "NOT_FOUND");
}

/// Submitting needs a document for every question that requires evidence, unless the answer
/// is "no" or n/a; the error names each such question.
#[tokio::test]
async fn required_evidence_must_be_attached_before_submitting() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = Some(analyst.token.as_str());
    let body = app
        .gql(t, "mutation { createQuestionnaireTemplate(input: {title: \"Certified hosting\"}) { id } }", json!({}))
        .await;
    let template = data(&body)["createQuestionnaireTemplate"]["id"].clone();
    let question = |id: &str, evidence: &str| {
        json!({"id": id, "text": format!("Question {id}?"), "answer": "yes_no_na", "importance": "standard",
            "compliant": ["yes"], "iso": ["5.23"], "evidence": evidence})
    };
    let content = json!({"sections": [{"id": "CER", "title": "Certification", "questions": [
        question("CER-01", "required"), question("CER-02", "required"), question("CER-03", "optional")]}]});
    data(
        &app.gql(
            t,
            "mutation($id: UUID!, $c: JSON!) { updateTemplateDraft(templateId: $id, content: $c) { id } }",
            json!({"id": template, "c": content}),
        )
        .await,
    );
    let published = app
        .gql(t, "mutation($id: UUID!) { publishTemplateDraft(templateId: $id) { id } }", json!({"id": template}))
        .await;
    let version = data(&published)["publishTemplateDraft"]["id"].clone();
    let contacts = json!({"contacts": [{"name": "Ines Respondent", "email": "ines@hosting.example"}]});
    let supplier = app.supplier(&analyst.token, "Hosting AG", contacts).await;
    let body = app.gql(t, "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": supplier})).await;
    let contact = data(&body)["supplier"]["contacts"][0]["id"].clone();
    let created = app
        .gql(
            t,
            crate::helpers::assessment::CREATE,
            json!({"i": {"supplierId": supplier, "templateVersionId": version}}),
        )
        .await;
    let id = data(&created)["createAssessment"]["id"].as_str().unwrap().to_owned();
    let send =
        "mutation($id: UUID!, $c: [UUID!]!) { sendAssessment(id: $id, input: {respondentContactIds: $c}) { status } }";
    data(&app.gql(t, send, json!({"id": id, "c": [contact]})).await);
    let token = crate::helpers::assessment::token_in_mail(&app, "ines@hosting.example").await;
    let body = app
        .gql(None, "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }", json!({"t": token}))
        .await;
    let respondent = data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let r = Some(respondent.as_str());
    let answers = json!([{"questionId": "CER-01", "value": "yes"}, {"questionId": "CER-02", "value": "no"}, {"questionId": "CER-03", "value": "yes"}]);
    data(
        &app.gql(
            r,
            "mutation($a: [AnswerInput!]!) { respondentSaveAnswers(answers: $a) { id } }",
            json!({"a": answers}),
        )
        .await,
    );
    let view = "{ respondentAssessment { missingEvidence sectionProgress { sectionId required answered } } }";
    let seen = app.gql(r, view, json!({})).await;
    assert_eq!(
        data(&seen)["respondentAssessment"],
        json!({"missingEvidence": ["CER-01"], "sectionProgress": [{"sectionId": "CER", "required": 3, "answered": 3}]})
    );

    let submit = "mutation { respondentSubmit { status } }";
    let refused = app.gql(r, submit, json!({})).await;
    assert_eq!(
        refused["errors"][0]["extensions"]["fieldErrors"],
        json!([{"field": "evidence.CER-01", "message": "this answer needs a supporting document; upload one for this question"}]),
        "CER-02 is answered no, CER-03 only invites evidence: {refused}"
    );
    let (status, _) = put(&app, r, &id, "CER-01", "iso-certificate.pdf", SMALL_PDF).await;
    assert_eq!(status, 201);
    assert_eq!(data(&app.gql(r, view, json!({})).await)["respondentAssessment"]["missingEvidence"], json!([]));
    assert_eq!(data(&app.gql(r, submit, json!({})).await)["respondentSubmit"]["status"], "SUBMITTED");
}
