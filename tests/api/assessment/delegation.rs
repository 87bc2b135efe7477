//! A respondent hands some sections to a colleague, who answers only those; the analyst sees
//! who was asked.
use crate::helpers::assessment::{sent_assessment, token_in_mail};
use crate::helpers::{data, error_code, field_errors, spawn_app};
use chainward::domain::Role;
use serde_json::json;

const EXCHANGE: &str = "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }";
const DELEGATE: &str =
    "mutation($i: DelegateSectionsInput!) { respondentDelegateSections(input: $i) { id email sections delegatedBy } }";
const VIEW: &str = "{ respondentAssessment { delegatedSections sections { id questions { id } } answers { questionId } requiredCount delegations { email sections revokedAt } } }";
const SAVE: &str = "mutation($a: [AnswerInput!]!) { respondentSaveAnswers(answers: $a) { answeredCount } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_colleague_answers_only_the_sections_delegated_to_them() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, token, answers) = sent_assessment(&app, &analyst.token, "ines@supplier.example").await;
    let body = app.gql(None, EXCHANGE, json!({"t": token})).await;
    let ines = data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let view = app.gql(Some(&ines), VIEW, json!({})).await;
    let sections = data(&view)["respondentAssessment"]["sections"].as_array().unwrap().clone();
    assert!(sections.len() >= 2, "supplier-lite has several sections");
    let theirs = sections[1]["id"].as_str().unwrap().to_owned();
    let their_question = sections[1]["questions"][0]["id"].as_str().unwrap().to_owned();
    let other_question = sections[0]["questions"][0]["id"].as_str().unwrap().to_owned();
    let value_of = |q: &str| answers.iter().find(|(id, _)| id == q).map(|(_, v)| v.clone()).unwrap();

    // Mistakes are named one by one, and nothing is created.
    let wrong = json!({"name": " ", "email": "INES@supplier.example", "sectionIds": [theirs, "ZZZ"]});
    let refused = app.gql(Some(&ines), DELEGATE, json!({"i": wrong})).await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert_eq!(field_errors(&refused), ["input.name", "input.sectionIds[1]", "input.email"]);

    let ask = json!({"name": "Omar Ops", "email": "omar@supplier.example", "sectionIds": [theirs], "message": "Could you take the operations part?"});
    let created = app.gql(Some(&ines), DELEGATE, json!({"i": ask})).await;
    let delegation = data(&created)["respondentDelegateSections"].clone();
    assert_eq!(delegation["sections"], json!([theirs]));
    let omar_link = token_in_mail(&app, "omar@supplier.example").await;
    let mail = app.mails().await.pop().unwrap();
    assert!(
        mail.contains("Ines Respondent <ines@supplier.example> of Supplier of ines@supplier.example asks you")
            && mail.contains("Ines Respondent wrote:\r\n> Could you take"),
        "{mail}"
    );

    // Omar sees and answers his section only.
    let body = app.gql(None, EXCHANGE, json!({"t": omar_link})).await;
    let omar = data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let his = app.gql(Some(&omar), VIEW, json!({})).await;
    let his = &data(&his)["respondentAssessment"];
    assert_eq!(his["delegatedSections"], json!([theirs]));
    assert_eq!(his["sections"].as_array().unwrap().len(), 1);
    let outside = app
        .gql(Some(&omar), SAVE, json!({"a": [{"questionId": other_question, "value": value_of(&other_question)}]}))
        .await;
    assert_eq!(field_errors(&outside), ["answers[0].questionId"]);
    assert!(
        outside["errors"][0]["extensions"]["fieldErrors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not delegated to you")
    );
    data(
        &app.gql(Some(&omar), SAVE, json!({"a": [{"questionId": their_question, "value": value_of(&their_question)}]}))
            .await,
    );
    let (status, _) = crate::helpers::assessment::put(
        &app,
        Some(&omar),
        &id,
        &other_question,
        "policy.pdf",
        crate::helpers::SMALL_PDF,
    )
    .await;
    assert_eq!(status, 422, "no documents outside his sections");
    assert_eq!(
        error_code(&app.gql(Some(&omar), "mutation { respondentSubmit { status } }", json!({})).await),
        "FORBIDDEN"
    );
    let again = json!({"name": "Else", "email": "else@supplier.example", "sectionIds": [theirs]});
    assert_eq!(error_code(&app.gql(Some(&omar), DELEGATE, json!({"i": again})).await), "FORBIDDEN", "no re-delegation");

    // Ines sees Omar's answer and her delegation; the analyst sees who was asked, by whom.
    let hers = app.gql(Some(&ines), VIEW, json!({})).await;
    let hers = &data(&hers)["respondentAssessment"];
    assert!(hers["answers"].as_array().unwrap().iter().any(|a| a["questionId"] == their_question.as_str()));
    assert_eq!(
        hers["delegations"],
        json!([{"email": "omar@supplier.example", "sections": [theirs], "revokedAt": null}])
    );
    let listed = app
        .gql(
            Some(&analyst.token),
            "query($id: UUID!) { assessment(id: $id) { invitations { id email sections delegatedBy } } }",
            json!({"id": id}),
        )
        .await;
    let invitations = data(&listed)["assessment"]["invitations"].as_array().unwrap().clone();
    let primary = invitations.iter().find(|i| i["email"] == "ines@supplier.example").unwrap();
    let delegate = invitations.iter().find(|i| i["email"] == "omar@supplier.example").unwrap();
    assert!(primary["sections"].is_null());
    assert_eq!(delegate["delegatedBy"], primary["id"]);

    // Withdrawn: Omar's session ends at once.
    let withdraw = "mutation($id: UUID!) { respondentWithdrawDelegation(id: $id) { revokedAt } }";
    let withdrawn = app.gql(Some(&ines), withdraw, json!({"id": delegation["id"]})).await;
    assert!(!data(&withdrawn)["respondentWithdrawDelegation"]["revokedAt"].is_null());
    assert_eq!(error_code(&app.gql(Some(&omar), VIEW, json!({})).await), "UNAUTHENTICATED");
}
