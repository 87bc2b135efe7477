//! Spreadsheets end to end: a supplier's answers come in as a foreign sheet, are previewed
//! with every problem named by cell, committed once, and a second import of the same file
//! changes nothing; workbooks and the register go out.
use crate::helpers::{TestApp, data, error_code, spawn_app};
use base64::Engine;
use chainward::domain::Role;
use serde_json::{Value, json};

const PREVIEW: &str = "mutation($id: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id}) {
    id status format layout rowsRead notes answers { questionId cell raw change previous } unmatched { cell id }
    invalid { cell questionId message } missing unanswered } }";
const COMMIT: &str = "mutation($id: UUID!, $k: [String!]) { commitImport(batchId: $id, keepExisting: $k) { status } }";
const ANSWERS: &str =
    "query($id: UUID!) { assessment(id: $id) { status answers { questionId value canonicalValue source } } }";

/// A supplier's own sheet for supplier-lite: semicolons, its own column names, a title row.
fn sheet(answers: &[(String, String)]) -> Vec<u8> {
    let mut text = String::from("Lieferantenfragebogen;;;\r\nNr.;Frage;Antwort;Kommentar\r\n");
    for (id, value) in answers {
        text.push_str(&format!("{id};Our answer to the question {id} of the questionnaire;{value};checked by IT\r\n"));
    }
    text.into_bytes()
}

async fn preview(app: &TestApp, token: &str, id: &str, file: &[u8]) -> Value {
    let (status, body) = app.gql_with_file(Some(token), PREVIEW, json!({"id": id}), "antworten.csv", file).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn answers_of(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    let body = app.gql(Some(token), ANSWERS, json!({"id": id})).await;
    data(&body)["assessment"]["answers"].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_foreign_sheet_is_previewed_committed_once_and_its_changes_chosen() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (id, _, answers) = crate::helpers::assessment::sent_assessment(&app, t, "ines@supplier.example").await;

    let body = preview(&app, t, &id, &sheet(&answers)).await;
    let batch = data(&body)["previewImport"].clone();
    assert_eq!(batch["status"], "PREVIEWED");
    assert_eq!(batch["format"], "csv");
    assert!(batch["layout"].as_str().unwrap().contains("header row 2"), "{}", batch["layout"]);
    assert_eq!(batch["rowsRead"], answers.len());
    assert_eq!(batch["answers"].as_array().unwrap().len(), answers.len(), "{}", batch["invalid"]);
    assert!(batch["answers"].as_array().unwrap().iter().all(|a| a["change"] == "new"));
    assert!(answers_of(&app, t, &id).await.is_empty(), "a preview writes nothing");

    let committed = app.gql(Some(t), COMMIT, json!({"id": batch["id"]})).await;
    assert_eq!(data(&committed)["commitImport"]["status"], "COMMITTED");
    let stored = answers_of(&app, t, &id).await;
    assert_eq!(stored.len(), answers.len());
    assert!(stored.iter().all(|a| a["source"] == "SPREADSHEET"));
    let again = app.gql(Some(t), COMMIT, json!({"id": batch["id"]})).await;
    assert_eq!(error_code(&again), "VALIDATION", "a batch is committed once");

    // The same file again: nothing would change, and it says so.
    let body = preview(&app, t, &id, &sheet(&answers)).await;
    let same = data(&body)["previewImport"].clone();
    assert!(same["answers"].as_array().unwrap().iter().all(|a| a["change"] == "unchanged"));
    assert!(same["notes"][0].as_str().unwrap().contains("this same file was imported"), "{}", same["notes"]);

    // A changed file: one answer changes, one cell is nonsense, one row is foreign.
    let mut changed = answers.clone();
    let (first_id, first_value) = changed[0].clone();
    changed[0].1 = if first_value == "yes" { "Nein".into() } else { "n/a".into() };
    changed[1].1 = "Maybe".into();
    changed.push(("XYZ-01".into(), "Ja".into()));
    let body = preview(&app, t, &id, &sheet(&changed)).await;
    let diff = data(&body)["previewImport"].clone();
    let first =
        diff["answers"].as_array().unwrap().iter().find(|a| a["questionId"] == first_id.as_str()).unwrap().clone();
    assert_eq!(first["change"], "changed");
    assert!(first["previous"].as_str().unwrap().eq_ignore_ascii_case(&first_value), "{first}");
    assert_eq!(diff["invalid"][0]["cell"], "csv!C4");
    assert!(
        diff["invalid"][0]["message"].as_str().unwrap().starts_with("\"Maybe\" is not one of"),
        "{}",
        diff["invalid"]
    );
    assert_eq!(diff["unmatched"], json!([{"cell": format!("csv!A{}", changed.len() + 2), "id": "XYZ-01"}]));
    let refused = app.gql(Some(t), COMMIT, json!({"id": diff["id"], "k": ["NOT-01"]})).await;
    assert_eq!(refused["errors"][0]["extensions"]["fieldErrors"][0]["field"], "keepExisting[0]");
    data(&app.gql(Some(t), COMMIT, json!({"id": diff["id"], "k": [first_id]})).await);
    let value_of =
        |answers: &[Value]| answers.iter().find(|a| a["questionId"] == first_id.as_str()).unwrap()["value"].clone();
    let kept = answers_of(&app, t, &id).await;
    assert_eq!(value_of(&kept), value_of(&stored), "the analyst kept the existing answer");
}

#[tokio::test]
async fn answers_in_other_words_come_with_the_value_the_form_selects() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (id, _, answers) = crate::helpers::assessment::sent_assessment(&app, t, "ines@supplier.example").await;
    let yes_no: Vec<(String, String)> = answers.iter().filter(|(_, v)| v == "yes").take(2).cloned().collect();
    let written = [(yes_no[0].0.clone(), "Ja".to_owned()), (yes_no[1].0.clone(), "Nein".to_owned())];
    let body = preview(&app, t, &id, &sheet(&written)).await;
    data(&app.gql(Some(t), COMMIT, json!({"id": data(&body)["previewImport"]["id"]})).await);
    let stored = answers_of(&app, t, &id).await;
    let seen: Vec<(&str, &str, &str)> = stored
        .iter()
        .map(|a| {
            (a["questionId"].as_str().unwrap(), a["value"].as_str().unwrap(), a["canonicalValue"].as_str().unwrap())
        })
        .collect();
    // The importer reads "Ja" as Yes; the form's value, which its controls select, is "yes".
    assert_eq!(seen, [(yes_no[0].0.as_str(), "Yes", "yes"), (yes_no[1].0.as_str(), "No", "no")]);
}

#[tokio::test]
async fn broken_files_are_refused_with_the_reason() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (id, _, _) = crate::helpers::assessment::sent_assessment(&app, t, "ines@supplier.example").await;
    let export = app
        .gql(Some(t), "query($id: UUID!) { exportAssessmentWorkbook(assessmentId: $id) { base64 } }", json!({"id": id}))
        .await;
    let xlsx = base64::engine::general_purpose::STANDARD
        .decode(data(&export)["exportAssessmentWorkbook"]["base64"].as_str().unwrap())
        .unwrap();
    for (file, reason) in [
        (b"%PDF-1.7 not really".to_vec(), "PDF document"),
        (xlsx[..xlsx.len() / 3].to_vec(), "damaged or truncated"),
        (b"just some words\nwithout any table\n".to_vec(), "no sheet holds a table of questions"),
    ] {
        let body = preview(&app, t, &id, &file).await;
        assert_eq!(error_code(&body), "VALIDATION");
        let message = body["errors"][0]["extensions"]["fieldErrors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(reason), "{message}");
    }
    // Our own export of the assessment comes back to it, blank.
    let body = preview(&app, t, &id, &xlsx).await;
    let own = data(&body)["previewImport"].clone();
    assert!(own["layout"].as_str().unwrap().starts_with("Chainward export of supplier-lite"), "{}", own["layout"]);
    assert_eq!(own["unanswered"].as_array().unwrap().len(), 22);
}

#[tokio::test]
async fn the_register_exports_without_running_formulas_and_a_blank_sheet_becomes_a_template() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let contacts = json!({"contacts": [{"name": "=Mallory", "email": "mallory@evil.example"}]});
    let hosting = app.supplier(t, "Formula Hosting AG", contacts).await;
    let payroll = app.service(t, "Payroll", 4).await;
    data(&app.depend(t, &payroll, &hosting).await);
    let body =
        app.gql(Some(t), "{ exportSupplierRegister(format: CSV) { fileName contentType base64 } }", json!({})).await;
    let file = &data(&body)["exportSupplierRegister"];
    assert_eq!(file["fileName"], "supplier-register.csv");
    let csv =
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(file["base64"].as_str().unwrap()).unwrap())
            .unwrap();
    assert!(csv.starts_with("\u{feff}Legal name,LEI,"), "{csv}");
    assert!(csv.contains("Formula Hosting AG"));
    assert!(csv.contains("'=Mallory <mallory@evil.example>"), "a formula is defused: {csv}");
    assert!(csv.lines().next().unwrap().ends_with("Open findings,Overdue findings,Dependent services"), "{csv}");
    let row = csv.lines().find(|l| l.starts_with("Formula Hosting AG")).unwrap();
    assert!(row.ends_with(",0,0,Payroll"), "no findings, one dependent service: {row}");
    let body = app.gql(Some(t), "{ exportSupplierRegister(format: XLSX) { base64 } }", json!({})).await;
    assert!(data(&body)["exportSupplierRegister"]["base64"].as_str().unwrap().starts_with("UEsDB"), "a zip (xlsx)");

    let blank = b"Ref;Question;Answer;Guidance\r\nHosting;;;\r\nHOS-01;Do you run your own data centres?;;Say where they are.\r\nHOS-02;Describe your backup arrangements;;\r\nPeople;;;\r\nPEO-01;Are staff screened before hiring?;;\r\n";
    let create = "mutation($file: Upload!) { createTemplateFromSpreadsheet(file: $file, title: \"Hosting questionnaire\") { id draft { sections { id title questions { id answerType help } } } } }";
    let (_, body) = app.gql_with_file(Some(t), create, json!({}), "blank.csv", blank).await;
    let template = data(&body)["createTemplateFromSpreadsheet"].clone();
    let sections = template["draft"]["sections"].as_array().unwrap();
    let titles: Vec<&str> = sections.iter().map(|s| s["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Hosting", "People"]);
    assert_eq!(
        sections[0]["questions"][0],
        json!({"id": "HOS-01", "answerType": "YES_NO_NA", "help": "Say where they are."})
    );
    assert_eq!(sections[0]["questions"][1]["answerType"], "TEXT");
    let publish = app
        .gql(
            Some(t),
            "mutation($id: UUID!) { publishTemplateDraft(templateId: $id) { version } }",
            json!({"id": template["id"]}),
        )
        .await;
    assert_eq!(error_code(&publish), "VALIDATION", "control mappings come first: {publish}");
}

#[tokio::test]
async fn a_saved_profile_reads_the_next_file_of_the_same_kind() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (id, _, _) = crate::helpers::assessment::sent_assessment(&app, t, "ines@supplier.example").await;
    // The supplier's ids are its own: nothing matches without a mapping.
    let file = b"Item;Requirement;Reply\r\nQ-17;Administrators sign in with a second factor?;Ja\r\nQ-18;Something we do not ask about at all?;Nein\r\n";
    let body = preview(&app, t, &id, file).await;
    let first = data(&body)["previewImport"].clone();
    assert_eq!(first["unmatched"].as_array().unwrap().len(), 2);

    let columns =
        app.gql(Some(t), "query($id: UUID!) { importBatch(id: $id) { columns } }", json!({"id": first["id"]})).await;
    let layout = data(&columns)["importBatch"]["columns"].clone();
    let save = "mutation($l: JSON!) { saveImportProfile(input: {name: \"Acme's own sheet\", layout: $l, mapping: [{foreignId: \"Q-17\", questionId: \"ACC-01\"}]}) { id name } }";
    let profile = data(&app.gql(Some(t), save, json!({"l": layout})).await)["saveImportProfile"]["id"].clone();

    let with_profile = "mutation($id: UUID!, $p: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id, profileId: $p}) { answers { questionId raw } unmatched { id } } }";
    let (_, body) = app.gql_with_file(Some(t), with_profile, json!({"id": id, "p": profile}), "next.csv", file).await;
    let second = data(&body)["previewImport"].clone();
    assert_eq!(second["answers"], json!([{"questionId": "ACC-01", "raw": "Ja"}]));
    assert_eq!(second["unmatched"], json!([{"id": "Q-18"}]), "still listed, not dropped");
    let listed = app.gql(Some(t), "{ importProfiles { name } }", json!({})).await;
    assert_eq!(data(&listed)["importProfiles"], json!([{"name": "Acme's own sheet"}]));
}
