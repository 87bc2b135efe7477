//! Assessments: an analyst sends a questionnaire, records the supplier's answers, reviews and
//! completes it; completion freezes a score snapshot and opens findings.
use crate::helpers::assessment::{CREATE, SAVE, STATUS, as_input, lite_version};
use crate::helpers::{data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::json;

#[tokio::test]
async fn an_assessment_goes_from_draft_to_a_score_and_findings() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let supplier = app
        .supplier(t, "Nordlicht Cloud GmbH", json!({"tier": {"dataSensitivity": "PERSONAL", "accessLevel": "PRIVILEGED", "substitutability": "HARD", "nis2Relevant": true}}))
        .await;
    let fourth = app.supplier(t, "Reseller Oy", json!({})).await;
    let portal = app.service(t, "Customer portal", 5).await;
    // The portal reaches the supplier only through a reseller: inherited criticality 5.
    data(&app.depend(t, &portal, &fourth).await);
    data(&app.depend(t, &fourth, &supplier).await);
    let (version, mut answers) = lite_version(&app, t).await;

    let created = app
        .gql(
            Some(t),
            CREATE,
            json!({"i": {"supplierId": supplier, "templateVersionId": version, "dueDate": "2099-01-31"}}),
        )
        .await;
    let assessment = data(&created)["createAssessment"].clone();
    assert_eq!(assessment["status"], "DRAFT");
    assert_eq!(assessment["templateSlug"], "supplier-lite");
    let id = assessment["id"].as_str().unwrap().to_owned();

    let skip = app.gql(Some(t), STATUS, json!({"id": id, "s": "COMPLETED"})).await;
    assert_eq!(error_code(&skip), "VALIDATION");
    assert!(
        skip["errors"][0]["message"].as_str().unwrap().contains("from draft to completed; allowed: sent, cancelled")
    );
    assert_eq!(
        error_code(&app.gql(Some(t), SAVE, json!({"id": id, "a": as_input(&answers)})).await),
        "VALIDATION",
        "not sent yet"
    );
    assert_eq!(
        data(&app.gql(Some(t), STATUS, json!({"id": id, "s": "SENT"})).await)["changeAssessmentStatus"]["status"],
        "SENT"
    );

    let bad = json!([{"questionId": answers[0].0, "value": "maybe"}, {"questionId": "XYZ-99", "value": "yes"}]);
    let refused = app.gql(Some(t), SAVE, json!({"id": id, "a": bad})).await;
    let fields: Vec<&str> = refused["errors"][0]["extensions"]["fieldErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["answers[0].value", "answers[1].questionId"]);

    // The supplier answers all but one question; its backups are not off-site (a knock-out).
    let knock_out = answers.iter().position(|(q, _)| q == "DAT-04").expect("DAT-04 in supplier-lite");
    answers[knock_out].1 = "no".into();
    let (last_id, _) = answers.pop().unwrap();
    let saved = app.gql(Some(t), SAVE, json!({"id": id, "a": as_input(&answers)})).await;
    assert_eq!(data(&saved)["saveAssessmentAnswers"]["status"], "IN_PROGRESS");
    let incomplete = app.gql(Some(t), STATUS, json!({"id": id, "s": "SUBMITTED"})).await;
    assert_eq!(
        incomplete["errors"][0]["extensions"]["fieldErrors"],
        json!([{"field": format!("answers.{last_id}"), "message": "not answered"}])
    );
    data(&app.gql(Some(t), SAVE, json!({"id": id, "a": [{"questionId": last_id, "value": "n/a"}]})).await);
    for status in ["SUBMITTED", "IN_REVIEW"] {
        assert_eq!(
            data(&app.gql(Some(t), STATUS, json!({"id": id, "s": status})).await)["changeAssessmentStatus"]["status"],
            status
        );
    }
    let review = "mutation($id: UUID!) { reviewAssessmentAnswer(id: $id, questionId: \"DAT-04\", verdict: ACCEPTED, note: \"Confirmed in the call\") { verdict reviewNote } }";
    assert_eq!(
        data(&app.gql(Some(t), review, json!({"id": id})).await)["reviewAssessmentAnswer"]["verdict"],
        "ACCEPTED"
    );
    assert_eq!(
        data(&app.gql(Some(t), STATUS, json!({"id": id, "s": "COMPLETED"})).await)["changeAssessmentStatus"]["status"],
        "COMPLETED"
    );

    let history = app
        .gql(Some(t), "query($s: UUID!) { scoreSnapshots(supplierId: $s) { assessmentId securityScore coverage inherentRisk rating report } findings(supplierId: $s) { questionId severity knockOut status dueDate } }", json!({"s": supplier}))
        .await;
    let snapshot = &data(&history)["scoreSnapshots"][0];
    assert_eq!(snapshot["assessmentId"], id.as_str());
    assert_eq!(snapshot["coverage"], 100.0);
    assert!(snapshot["securityScore"].as_f64().unwrap() < 100.0);
    assert_eq!(snapshot["rating"], "CRITICAL", "a failed knock-out on a most exposed supplier: {snapshot}");
    let criticality = snapshot["report"]["inherent_risk"]["factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "service criticality")
        .unwrap()
        .clone();
    assert_eq!(criticality["level"], 5, "inherited from the portal through the reseller");
    let findings = data(&history)["findings"].as_array().unwrap().clone();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["questionId"], "DAT-04");
    assert_eq!(findings[0]["severity"], "CRITICAL");
    assert_eq!(findings[0]["knockOut"], true);
    assert_eq!(findings[0]["status"], "OPEN");

    let done = app.gql(Some(t), STATUS, json!({"id": id, "s": "CANCELLED"})).await;
    assert_eq!(error_code(&done), "VALIDATION", "a completed assessment is final");
    let delete = app.gql(Some(t), "mutation($id: UUID!) { deleteSupplier(id: $id) }", json!({"id": supplier})).await;
    assert_eq!(error_code(&delete), "CONFLICT", "assessed suppliers are terminated, not deleted");
}
