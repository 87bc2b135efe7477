//! Questionnaire templates: browse the shipped ones, clone, edit a draft, publish.
use crate::helpers::{data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};

const LIST: &str = "{ questionnaireTemplates { id slug shipped latestPublished { version questionCount } } }";
const CREATE: &str = "mutation($i: NewQuestionnaireTemplate!) { createQuestionnaireTemplate(input: $i) {
    id slug shipped basedOn draft { version questionCount } latestPublished { version } } }";
const UPDATE: &str = "mutation($t: UUID!, $c: JSON!) { updateTemplateDraft(templateId: $t, content: $c) { version published questionCount } }";
const PUBLISH: &str = "mutation($t: UUID!) { publishTemplateDraft(templateId: $t) { version published publishedAt } }";

fn question(id: &str, iso: &str) -> Value {
    json!({"id": id, "text": "Is multi-factor authentication enforced for remote access?", "answer": "yes_no_na",
           "importance": "critical", "compliant": ["yes"], "knock_out": true, "iso": [iso], "nis2": ["21(2)(j)"]})
}

#[tokio::test]
async fn shipped_templates_are_listed_with_their_questions() {
    let app = spawn_app().await;
    let viewer = app.account("acme", Role::Viewer).await;
    let body = app.gql(Some(&viewer.token), LIST, json!({})).await;
    let templates = data(&body)["questionnaireTemplates"].as_array().unwrap().clone();
    let slugs: Vec<&str> = templates.iter().map(|t| t["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["nis2-supplier-baseline", "iso27001-annex-a", "supplier-lite", "iso27001-soa"]);
    assert!(templates.iter().all(|t| t["shipped"] == true));
    let baseline = &templates[0];
    let count = baseline["latestPublished"]["questionCount"].as_u64().unwrap();
    assert!((40..=70).contains(&count));
    let one = app
        .gql(
            Some(&viewer.token),
            "query($id: UUID!) { questionnaireTemplate(id: $id) { title latestPublished { sections { id questions { id answerType importance weight knockOut isoControls nis2 scored } } } } }",
            json!({"id": baseline["id"]}),
        )
        .await;
    let sections = &data(&one)["questionnaireTemplate"]["latestPublished"]["sections"];
    let first = &sections[0]["questions"][0];
    assert_eq!(first["id"], "GOV-01");
    assert_eq!(first["answerType"], "YES_NO_NA");
    assert_eq!(first["weight"], 10.0);
    assert!(!first["isoControls"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_analyst_clones_edits_and_publishes_a_template() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = Some(analyst.token.as_str());
    let shipped = data(&app.gql(t, LIST, json!({})).await)["questionnaireTemplates"][2].clone();
    assert_eq!(shipped["slug"], "supplier-lite");

    let clone =
        app.gql(t, CREATE, json!({"i": {"title": "Lite for logistics partners", "cloneOf": shipped["id"]}})).await;
    let created = data(&clone)["createQuestionnaireTemplate"].clone();
    assert_eq!(created["slug"], "lite-for-logistics-partners");
    assert_eq!(created["basedOn"], "shipped:supplier-lite@1");
    assert_eq!(created["draft"]["questionCount"], shipped["latestPublished"]["questionCount"]);
    assert_eq!(created["latestPublished"], Value::Null);
    let id = created["id"].as_str().unwrap().to_owned();

    let published = app.gql(t, PUBLISH, json!({"t": id})).await;
    assert_eq!(data(&published)["publishTemplateDraft"]["version"], 1);
    assert_eq!(error_code(&app.gql(t, PUBLISH, json!({"t": id})).await), "VALIDATION", "nothing left to publish");

    // Editing a published template starts version 2; version 1 stays as it was.
    let content = json!({"sections": [{"id": "ACC", "title": "Access", "questions": [question("ACC-01", "8.5")]}]});
    let draft = app.gql(t, UPDATE, json!({"t": id, "c": content})).await;
    assert_eq!(data(&draft)["updateTemplateDraft"], json!({"version": 2, "published": false, "questionCount": 1}));
    let v2 = app.gql(t, PUBLISH, json!({"t": id})).await;
    assert_eq!(data(&v2)["publishTemplateDraft"]["version"], 2);
    let versions = app
        .gql(
            t,
            "query($id: UUID!) { questionnaireTemplate(id: $id) { versions { version published questionCount } } }",
            json!({"id": id}),
        )
        .await;
    let versions = data(&versions)["questionnaireTemplate"]["versions"].as_array().unwrap().clone();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["questionCount"], shipped["latestPublished"]["questionCount"]);
    assert_eq!(versions[1]["questionCount"], 1);

    let again = app.gql(t, CREATE, json!({"i": {"title": "Lite for logistics partners"}})).await;
    assert_eq!(error_code(&again), "CONFLICT");
}

#[tokio::test]
async fn invalid_questions_are_refused_with_the_question_and_field() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = Some(analyst.token.as_str());
    let created = app.gql(t, CREATE, json!({"i": {"title": "Cloud providers"}})).await;
    let id = data(&created)["createQuestionnaireTemplate"]["id"].clone();
    assert_eq!(data(&created)["createQuestionnaireTemplate"]["draft"]["questionCount"], 0);

    let bad = json!({"sections": [{"id": "CLD", "title": "Cloud", "questions": [question("CLD-01", "5.99"), question("CLD-01", "8.5")]}]});
    let body = app.gql(t, UPDATE, json!({"t": id, "c": bad})).await;
    assert_eq!(error_code(&body), "VALIDATION");
    let errors = body["errors"][0]["extensions"]["fieldErrors"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> =
        errors.iter().map(|e| (e["field"].as_str().unwrap(), e["message"].as_str().unwrap())).collect();
    assert_eq!(
        pairs,
        [("content.question[CLD-01]", "control 5.99 does not exist"), ("content.question[CLD-01]", "id is used twice")]
    );

    let malformed = json!({"sections": [{"id": "CLD", "title": "Cloud", "questions": [{"id": "CLD-01", "text": "?", "answer": "maybe", "importance": "minor"}]}]});
    let body = app.gql(t, UPDATE, json!({"t": id, "c": malformed})).await;
    assert_eq!(body["errors"][0]["extensions"]["fieldErrors"][0]["field"], "content.sections[0].questions[0]");

    assert_eq!(
        error_code(&app.gql(t, PUBLISH, json!({"t": id})).await),
        "VALIDATION",
        "an empty draft cannot be published"
    );

    let shipped = data(&app.gql(t, LIST, json!({})).await)["questionnaireTemplates"][0]["id"].clone();
    let refused = app.gql(t, UPDATE, json!({"t": shipped, "c": {"sections": []}})).await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert!(refused["errors"][0]["message"].as_str().unwrap().contains("clone it"));
}
