//! One finding as its page shows it: the question and the answer behind it with the answer's
//! documents, whether it is overdue, and status changes that carry the analyst's comment.
use crate::helpers::assessment::{SAVE, STATUS, as_input, put, sent_assessment};
use crate::helpers::{SMALL_PDF, data, error_code, field_errors, spawn_app};
use chainward::domain::Role;
use serde_json::json;

const FINDING: &str = "query($id: UUID!) { finding(id: $id) { title status overdue dueDate
    basis { question { id text options { value label } } answer { canonicalValue comment } evidence { fileName } }
    comments { authorKind body } } }";
const MOVE: &str = "mutation($id: UUID!, $s: FindingStatus!, $c: String) {
    changeFindingStatus(id: $id, status: $s, comment: $c) { status comments { authorKind body } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finding_shows_the_answer_it_rests_on_and_status_changes_carry_a_comment() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let viewer = app.account("acme", Role::Viewer).await;
    let t = analyst.token.as_str();
    // The supplier answers "no" to the knock-out on off-site backups, with a remark and a
    // document on that answer; the analyst completes the review.
    let (assessment, _, mut answers) = sent_assessment(&app, t, "ola@backup.example").await;
    let dat04 = answers.iter().position(|(q, _)| q == "DAT-04").expect("DAT-04 in supplier-lite");
    answers[dat04].1 = "no".into();
    let mut input = as_input(&answers);
    input[dat04]["comment"] = json!("Copies stay in the same data centre for now.");
    data(&app.gql(Some(t), SAVE, json!({"id": assessment, "a": input})).await);
    let (status, body) = put(&app, Some(t), &assessment, "DAT-04", "backup-design.pdf", SMALL_PDF).await;
    assert_eq!(status, 201, "{body}");
    for s in ["SUBMITTED", "IN_REVIEW", "COMPLETED"] {
        data(&app.gql(Some(t), STATUS, json!({"id": assessment, "s": s})).await);
    }
    let board = app.gql(Some(t), "{ findingsBoard { nodes { id questionId } } }", json!({})).await;
    let nodes = data(&board)["findingsBoard"]["nodes"].as_array().unwrap().clone();
    let id = nodes.iter().find(|n| n["questionId"] == "DAT-04").expect("a finding for DAT-04")["id"].clone();

    // A viewer reads it with the question, the answer and the answer's document.
    let seen = app.gql(Some(&viewer.token), FINDING, json!({"id": id})).await;
    let finding = &data(&seen)["finding"];
    assert_eq!(finding["status"], "OPEN");
    assert_eq!(finding["overdue"], false, "due in the future: {finding}");
    let basis = &finding["basis"];
    assert_eq!(basis["question"]["id"], "DAT-04");
    assert!(basis["question"]["text"].as_str().unwrap().len() > 20, "{basis}");
    assert_eq!(
        basis["answer"],
        json!({"canonicalValue": "no", "comment": "Copies stay in the same data centre for now."})
    );
    assert_eq!(basis["evidence"], json!([{"fileName": "backup-design.pdf"}]));

    // A status change takes a comment, which joins the thread; a blank one is refused and
    // changes nothing.
    let blank = app.gql(Some(t), MOVE, json!({"id": id, "s": "IN_PROGRESS", "c": "   "})).await;
    assert_eq!(field_errors(&blank), ["comment"], "{blank}");
    let after_blank = app.gql(Some(t), FINDING, json!({"id": id})).await;
    assert_eq!(data(&after_blank)["finding"]["status"], "OPEN", "nothing moved");
    let moved =
        app.gql(Some(t), MOVE, json!({"id": id, "s": "IN_PROGRESS", "c": "Agreed a second site by May."})).await;
    assert_eq!(
        data(&moved)["changeFindingStatus"],
        json!({"status": "IN_PROGRESS", "comments": [{"authorKind": "USER", "body": "Agreed a second site by May."}]})
    );
    let history = app
        .gql(
            Some(t),
            "query($id: UUID!) { auditEvents(filter: {objectId: $id}) { nodes { action changes } } }",
            json!({"id": id}),
        )
        .await;
    let events = data(&history)["auditEvents"]["nodes"].as_array().unwrap().clone();
    let actions: Vec<&str> = events.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"finding.status_change") && actions.contains(&"finding.comment"), "{actions:?}");

    // Past its due date it reads as overdue.
    let past = (chrono::Utc::now().date_naive() - chrono::Days::new(3)).to_string();
    let update = "mutation($id: UUID!, $d: NaiveDate) { updateFinding(id: $id, input: {dueDate: $d}) { overdue } }";
    assert_eq!(data(&app.gql(Some(t), update, json!({"id": id, "d": past})).await)["updateFinding"]["overdue"], true);

    // A finding raised by hand rests on no answer; another organisation sees neither.
    let supplier = app.supplier(t, "Hand-raised Ltd", json!({})).await;
    let raise = "mutation($s: UUID!) { raiseFinding(input: {supplierId: $s, title: \"Pen test: weak TLS\", severity: MEDIUM}) { id basis { question { id } } } }";
    let raised = app.gql(Some(t), raise, json!({"s": supplier})).await;
    assert_eq!(data(&raised)["raiseFinding"]["basis"], json!(null));
    let outsider = app.account("other", Role::Admin).await;
    assert_eq!(error_code(&app.gql(Some(&outsider.token), FINDING, json!({"id": id})).await), "NOT_FOUND");
}
