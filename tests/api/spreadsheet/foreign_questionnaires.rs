//! A supplier's own questionnaire through the running server: a CAIQ built here (our texts, the
//! real id shapes) is recognised, previewed with its Annex A coverage, committed as an
//! assessment in review, followed up with only the questions it left open, and the follow-up's
//! score counts both questionnaires. Hostile and wrong inputs get named refusals.
use crate::helpers::assessment::{SAVE, STATUS};
use crate::helpers::{TestApp, data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};

const PREVIEW: &str = "mutation($s: UUID!, $file: Upload!) { previewSupplierQuestionnaire(supplierId: $s, file: $file) {
    id status layout rowsRead supplierId assessmentId notes answers { questionId raw } invalid { cell message }
    questionnaire { family name version edition evidence mapping { questionId controls source } }
    coverage { questionnaire questions questionsMapped questionsNotMapped controlsCovered controlsCompliant
      controlsNotCovered confidence explanation controls { id status strength evidence { questionId answer spread weight } }
      nis2Points { id controls covered } } } }";
const COMMIT: &str = "mutation($id: UUID!) { commitImport(batchId: $id) { status assessmentId } }";
const ASSESSMENT: &str = "query($id: UUID!) { assessment(id: $id) { status templateSlug templateTitle followsAssessmentId
    answers { questionId value source } questionnaireCoverage { controlsCovered controlsCompliant }
    sections { questions { id answerType scored compliantAnswers evidence options { value score } rangeMax weight knockOut iso: isoControls } } } }";
const GAP: &str = "mutation($i: NewGapAssessment!) { createGapAssessment(input: $i) { assessment { id status templateSlug followsAssessmentId }
    questions { questionId asked reason } } }";
const TEMPLATES: &str = "{ questionnaireTemplates { id slug basedOn latestPublished { id } } }";

/// CAIQ v4 answers: mostly yes, a no on encryption, an n/a on logging.
const CAIQ: [(&str, &str); 14] = [
    ("A&A-01.1", "Yes"),
    ("A&A-02.1", "Yes"),
    ("AIS-01.1", "Yes"),
    ("BCR-08.1", "Yes"),
    ("CEK-03.1", "No"),
    ("DSP-07.1", "Yes"),
    ("GRC-05.1", "Yes"),
    ("HRS-11.1", "Yes"),
    ("IAM-02.1", "Yes"),
    ("IAM-14.1", "Yes"),
    ("LOG-01.1", "NA"),
    ("SEF-01.1", "Yes"),
    ("TVM-01.1", "Yes"),
    ("UEM-01.1", "Yes"),
];

fn caiq(answers: &[(&str, &str)]) -> Vec<u8> {
    let rows: Vec<Vec<String>> = answers
        .iter()
        .map(|(id, a)| {
            vec![(*id).into(), format!("Is the practice {id} asks about in place?"), (*a).into(), String::new()]
        })
        .collect();
    questionnaires::sheet::export::table_workbook(
        "CAIQv4.0.2",
        &["Question ID", "Question", "CSP CAIQ Answer", "CSP Implementation Description"],
        &rows,
    )
    .unwrap()
}

async fn preview(app: &TestApp, token: &str, supplier: &str, file: &[u8]) -> Value {
    let (status, body) = app.gql_with_file(Some(token), PREVIEW, json!({"s": supplier}), "our-caiq.xlsx", file).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn template_id(app: &TestApp, token: &str, slug: &str) -> Value {
    let body = app.gql(Some(token), TEMPLATES, json!({})).await;
    data(&body)["questionnaireTemplates"].as_array().unwrap().iter().find(|t| t["slug"] == slug).unwrap()["id"].clone()
}

/// An answer to every scored question of an assessment: compliant, but n/a where a document
/// would be needed.
async fn answer_all(app: &TestApp, token: &str, id: &str) -> usize {
    let body = app.gql(Some(token), ASSESSMENT, json!({"id": id})).await;
    let mut answers = Vec::new();
    for section in data(&body)["assessment"]["sections"].as_array().unwrap() {
        for q in section["questions"].as_array().unwrap().iter().filter(|q| q["scored"] == true) {
            let value = match (q["evidence"].as_str().unwrap(), q["answerType"].as_str().unwrap()) {
                ("REQUIRED", _) => "n/a".to_owned(),
                (_, "YES_NO_NA") => q["compliantAnswers"][0].as_str().unwrap().to_owned(),
                (_, "CHOICE" | "MULTI_CHOICE") => {
                    let options = q["options"].as_array().unwrap();
                    let score = |o: &&Value| o["score"].as_f64().unwrap_or(0.0);
                    let best = options.iter().max_by(|a, b| score(a).total_cmp(&score(b))).unwrap();
                    best["value"].as_str().unwrap().to_owned()
                }
                (_, "NUMBER") => q["rangeMax"].as_f64().map_or("1".into(), |m| m.to_string()),
                (_, "DATE") => chrono::Utc::now().date_naive().to_string(),
                (_, "FILE") => "n/a".to_owned(),
                _ => "5".to_owned(),
            };
            answers.push(json!({"questionId": q["id"], "value": value}));
        }
    }
    let saved = app.gql(Some(token), SAVE, json!({"id": id, "a": answers})).await;
    data(&saved);
    answers.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_caiq_is_scored_through_its_crosswalk_and_followed_up_with_only_its_gaps() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let supplier = app.supplier(t, "Cloudy Hosting GmbH", json!({})).await;

    let body = preview(&app, t, &supplier, &caiq(&CAIQ)).await;
    let batch = data(&body)["previewSupplierQuestionnaire"].clone();
    assert_eq!(batch["status"], "PREVIEWED");
    assert_eq!(batch["supplierId"], supplier.as_str());
    assert_eq!(batch["questionnaire"]["family"], "caiq-v4");
    assert_eq!(batch["questionnaire"]["name"], "CSA CAIQ v4.0.2");
    assert_eq!(batch["answers"].as_array().unwrap().len(), CAIQ.len());
    let iam =
        batch["questionnaire"]["mapping"].as_array().unwrap().iter().find(|m| m["questionId"] == "IAM-02.1").unwrap();
    assert_eq!(iam["source"], "crosswalk caiq-v4.csv");
    let coverage = &batch["coverage"];
    let covered = coverage["controlsCovered"].as_u64().unwrap();
    assert!(covered > 10 && covered < 93, "{coverage}");
    assert_eq!(covered + coverage["controlsNotCovered"].as_u64().unwrap(), 93);
    assert!(coverage["explanation"][0].as_str().unwrap().contains("14 questions count"), "{coverage}");
    let strength_of_iam = coverage["controls"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap().iter())
        .find(|e| e["questionId"] == "IAM-02.1")
        .unwrap()
        .clone();
    assert_eq!(strength_of_iam["weight"].as_f64().unwrap(), 1.0 / strength_of_iam["spread"].as_f64().unwrap());

    // Committed: a read-only template of the family, and an assessment in review with the answers.
    let committed = app.gql(Some(t), COMMIT, json!({"id": batch["id"]})).await;
    let imported = data(&committed)["commitImport"]["assessmentId"].as_str().unwrap().to_owned();
    let body = app.gql(Some(t), ASSESSMENT, json!({"id": imported})).await;
    let assessment = data(&body)["assessment"].clone();
    assert_eq!(assessment["status"], "IN_REVIEW");
    assert_eq!(assessment["templateSlug"], "caiq-v4-0-2", "one template per release");
    assert_eq!(assessment["answers"].as_array().unwrap().len(), CAIQ.len());
    assert_eq!(assessment["questionnaireCoverage"]["controlsCovered"].as_u64(), Some(covered));
    let family = template_id(&app, t, "caiq-v4-0-2").await;
    let edit = app
        .gql(
            Some(t),
            "mutation($id: UUID!) { updateTemplateDraft(templateId: $id, content: {sections: []}) { id } }",
            json!({"id": family}),
        )
        .await;
    assert_eq!(error_code(&edit), "VALIDATION", "{edit}");
    assert!(edit.to_string().contains("read-only"), "{edit}");

    // The follow-up asks exactly the questions whose controls the CAIQ left open or answered short.
    let ours = template_id(&app, t, "iso27001-annex-a").await;
    let body = app.gql(Some(t), GAP, json!({"i": {"assessmentId": imported, "templateId": ours}})).await;
    let gap = data(&body)["createGapAssessment"].clone();
    let follow_up = gap["assessment"]["id"].as_str().unwrap().to_owned();
    assert_eq!(gap["assessment"]["status"], "DRAFT");
    assert_eq!(gap["assessment"]["followsAssessmentId"], imported.as_str());
    let asked: Vec<&str> = gap["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["asked"] == true)
        .map(|q| q["questionId"].as_str().unwrap())
        .collect();
    let skipped = gap["questions"].as_array().unwrap().iter().filter(|q| q["asked"] == false).count();
    assert!(!asked.is_empty() && skipped > 0, "{gap}");
    let compliant: Vec<String> = coverage["controls"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "COMPLIANT")
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    let body = app.gql(Some(t), ASSESSMENT, json!({"id": follow_up})).await;
    let sections = data(&body)["assessment"]["sections"].as_array().unwrap().clone();
    let questions: Vec<Value> = sections.iter().flat_map(|s| s["questions"].as_array().unwrap().clone()).collect();
    let asked_ids: Vec<&str> = questions.iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(asked_ids, asked, "the follow-up holds exactly the questions asked");
    for question in &questions {
        let controls: Vec<&str> = question["iso"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert!(
            question["knockOut"] == true
                || controls.is_empty()
                || controls.iter().any(|c| !compliant.iter().any(|m| m == c)),
            "{} is asked although the CAIQ met all its controls",
            question["id"]
        );
    }
    let not_again = app.gql(Some(t), GAP, json!({"i": {"assessmentId": follow_up, "templateId": ours}})).await;
    assert_eq!(error_code(&not_again), "VALIDATION", "a follow-up needs a supplier's own questionnaire");

    // Answered and completed: the score counts the CAIQ's answers beside the follow-up's own.
    data(&app.gql(Some(t), STATUS, json!({"id": follow_up, "s": "SENT"})).await);
    answer_all(&app, t, &follow_up).await;
    for status in ["SUBMITTED", "IN_REVIEW", "COMPLETED"] {
        let moved = app.gql(Some(t), STATUS, json!({"id": follow_up, "s": status})).await;
        data(&moved);
    }
    let body = app
        .gql(Some(t), "query($s: UUID!) { scoreSnapshots(supplierId: $s) { assessmentId report } findings(supplierId: $s) { title } }", json!({"s": supplier}))
        .await;
    let snapshot = data(&body)["scoreSnapshots"][0].clone();
    assert_eq!(snapshot["assessmentId"], follow_up.as_str());
    let scored: Vec<&str> =
        snapshot["report"]["questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap()).collect();
    let own: Vec<&str> = scored.iter().copied().filter(|id| !id.starts_with("caiq-v4-0-2:")).collect();
    assert_eq!(own, asked, "our questions, and the CAIQ's named by their source");
    assert!(scored.len() > own.len(), "the CAIQ answers count where the follow-up does not ask again");
    // The controls the follow-up asks again are answered by our questions, not by the CAIQ.
    let asked_controls: Vec<&str> =
        questions.iter().flat_map(|q| q["iso"].as_array().unwrap().iter().map(|c| c.as_str().unwrap())).collect();
    for question in
        snapshot["report"]["questions"].as_array().unwrap().iter().filter(|q| q["id"].as_str().unwrap().contains(':'))
    {
        let id = question["id"].as_str().unwrap();
        assert!(!scored.is_empty() && id.starts_with("caiq-v4-0-2:"), "{id}");
    }
    let combined_controls = snapshot["report"]["controls"].as_array().unwrap();
    for control in combined_controls.iter().filter(|c| asked_controls.contains(&c["id"].as_str().unwrap())) {
        for member in control["questions"].as_array().unwrap() {
            assert!(
                !member.as_str().unwrap().contains(':'),
                "A.{} is answered by the follow-up: {member}",
                control["id"]
            );
        }
    }
    // The report says what the two together cover: more than the CAIQ alone did.
    let combined = &snapshot["report"]["annex_a_coverage"];
    assert!(combined["controls_covered"].as_u64().unwrap() > covered, "{combined}");
    let summary = snapshot["report"]["explanation"]["summary"].to_string();
    assert!(summary.contains("Annex A controls covered"), "{summary}");
    assert!(!scored.contains(&"caiq-v4-0-2:CEK-03.1"), "the CAIQ's No on encryption gives way to our questions");
    assert!(
        data(&body)["findings"].as_array().unwrap().iter().all(|f| !f["title"].as_str().unwrap().contains("CEK-03.1")),
        "the CAIQ's findings belong to its own assessment, not the follow-up"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_files_and_other_organisations_get_named_refusals() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let supplier = app.supplier(t, "Cloudy Hosting GmbH", json!({})).await;

    // A blank questionnaire previews, but there is nothing to commit.
    let blank: Vec<(&str, &str)> = CAIQ.iter().map(|(id, _)| (*id, "")).collect();
    let body = preview(&app, t, &supplier, &caiq(&blank)).await;
    let batch = data(&body)["previewSupplierQuestionnaire"].clone();
    assert_eq!(batch["coverage"]["controlsCovered"], 0);
    let refused = app.gql(Some(t), COMMIT, json!({"id": batch["id"]})).await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert!(refused.to_string().contains("blank questionnaire"), "{refused}");

    // A questionnaire of no known family previews, but nothing of it would count.
    let unknown: Vec<(String, &str)> = (1..=12).map(|i| (format!("VQ-{i:02}"), "Yes")).collect();
    let unknown: Vec<(&str, &str)> = unknown.iter().map(|(id, a)| (id.as_str(), *a)).collect();
    let body = preview(&app, t, &supplier, &caiq(&unknown)).await;
    let batch = data(&body)["previewSupplierQuestionnaire"].clone();
    assert_eq!(batch["questionnaire"]["family"], "unknown");
    let refused = app.gql(Some(t), COMMIT, json!({"id": batch["id"]})).await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert!(refused.to_string().contains("none of its questions maps to an Annex A control"), "{refused}");

    // Two commits of one preview at once: one assessment.
    let body = preview(&app, t, &supplier, &caiq(&CAIQ)).await;
    let id = data(&body)["previewSupplierQuestionnaire"]["id"].clone();
    let (first, second) =
        tokio::join!(app.gql(Some(t), COMMIT, json!({"id": id})), app.gql(Some(t), COMMIT, json!({"id": id})));
    let committed = [&first, &second].iter().filter(|b| b["errors"].is_null()).count();
    assert_eq!(committed, 1, "{first} {second}");
    let body =
        app.gql(Some(t), "query($s: UUID!) { assessments(supplierId: $s) { id } }", json!({"s": supplier})).await;
    assert_eq!(data(&body)["assessments"].as_array().unwrap().len(), 1);

    // Not a spreadsheet at all.
    let (_, body) = app
        .gql_with_file(Some(t), PREVIEW, json!({"s": supplier}), "caiq.xlsx", b"PK\x03\x04 this is no zip at all")
        .await;
    assert_eq!(error_code(&body), "VALIDATION", "{body}");

    // Another organisation's supplier is not found; a viewer may not import.
    let other = app.account("globex", Role::Analyst).await;
    let body = preview(&app, &other.token, &supplier, &caiq(&CAIQ)).await;
    assert_eq!(error_code(&body), "VALIDATION", "{body}");
    assert!(body.to_string().contains("supplierId"), "{body}");
    let viewer = app.account("acme", Role::Viewer).await;
    let body = preview(&app, &viewer.token, &supplier, &caiq(&CAIQ)).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
}

/// The real answered CAIQ v4 and HECVAT 3.04 in `$CHAINWARD_SAMPLES` (never copied into the
/// repository), through the server: their coverage, and a follow-up of exactly the questions
/// whose controls they left open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_answered_questionnaires_are_covered_and_followed_up_when_present() {
    let Some(dir) = std::env::var_os("CHAINWARD_SAMPLES").map(std::path::PathBuf::from) else {
        eprintln!("no samples (set CHAINWARD_SAMPLES): skipped");
        return;
    };
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let ours = template_id(&app, t, "iso27001-annex-a").await;
    for (file, family, covered) in
        [("caiq-v4-answered.xlsx", "caiq-v4", 83), ("answered-hecvat-3.04-full.xlsx", "hecvat-3", 55)]
    {
        let Ok(bytes) = std::fs::read(dir.join(file)) else { continue };
        let supplier = app.supplier(t, &format!("Supplier of {file}"), json!({})).await;
        let (status, body) = app.gql_with_file(Some(t), PREVIEW, json!({"s": supplier}), file, &bytes).await;
        assert_eq!(status, 200, "{body}");
        let batch = data(&body)["previewSupplierQuestionnaire"].clone();
        assert_eq!(batch["questionnaire"]["family"], family, "{file}");
        assert_eq!(batch["coverage"]["controlsCovered"], covered, "{file}");
        let met: Vec<String> = batch["coverage"]["controls"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "COMPLIANT")
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        let committed = app.gql(Some(t), COMMIT, json!({"id": batch["id"]})).await;
        let imported = data(&committed)["commitImport"]["assessmentId"].clone();
        let body = app.gql(Some(t), GAP, json!({"i": {"assessmentId": imported, "templateId": ours}})).await;
        let follow_up = data(&body)["createGapAssessment"]["assessment"]["id"].clone();
        let body = app.gql(Some(t), ASSESSMENT, json!({"id": follow_up})).await;
        let sections = data(&body)["assessment"]["sections"].as_array().unwrap().clone();
        let asked: Vec<Value> = sections.iter().flat_map(|s| s["questions"].as_array().unwrap().clone()).collect();
        // Exactly the scored questions with a control the questionnaire did not meet (or none).
        let body = app
            .gql(Some(t), "query($id: UUID!) { questionnaireTemplate(id: $id) { latestPublished { sections { questions { id scored knockOut iso: isoControls } } } } }", json!({"id": ours}))
            .await;
        let expected: Vec<String> = data(&body)["questionnaireTemplate"]["latestPublished"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["questions"].as_array().unwrap().clone())
            .filter(|q| q["scored"] == true)
            .filter(|q| {
                let controls = q["iso"].as_array().unwrap();
                q["knockOut"] == true
                    || controls.is_empty()
                    || controls.iter().any(|c| !met.iter().any(|m| m == c.as_str().unwrap()))
            })
            .map(|q| q["id"].as_str().unwrap().to_owned())
            .collect();
        let asked: Vec<String> = asked.iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(asked, expected, "{file}");
        eprintln!("{file}: {covered} Annex A controls covered, {} of our questions asked again", asked.len());
    }
}
