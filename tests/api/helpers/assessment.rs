//! Assessments brought to a stage for a test: supplier-lite's compliant answers, one in review,
//! one sent to a respondent through an invitation, one completed with a finding; documents.
use super::{TestApp, data};
use serde_json::{Value, json};

/// Scored questions of the shipped supplier-lite template.
pub const LITE_SCORED: usize = 21;

pub const CREATE: &str =
    "mutation($i: NewAssessment!) { createAssessment(input: $i) { id status allowedNextStatuses templateSlug } }";

pub const STATUS: &str = "mutation($id: UUID!, $s: AssessmentStatus!, $n: String) { changeAssessmentStatus(id: $id, status: $s, note: $n) { status } }";

pub const SAVE: &str = "mutation($id: UUID!, $a: [AnswerInput!]!) { saveAssessmentAnswers(id: $id, answers: $a) { status answers { questionId value } } }";

/// The shipped supplier-lite version id and a compliant answer for each scored question.
pub async fn lite_version(app: &TestApp, token: &str) -> (String, Vec<(String, String)>) {
    let body = app
        .gql(Some(token), "{ questionnaireTemplates { slug latestPublished { id sections { questions { id answerType scored compliantAnswers options { value score } rangeMax maxAgeDays } } } } }", json!({}))
        .await;
    let lite = data(&body)["questionnaireTemplates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == "supplier-lite")
        .unwrap()
        .clone();
    let version = lite["latestPublished"]["id"].as_str().unwrap().to_owned();
    // A compliant answer for every scored question.
    let mut answers = Vec::new();
    for section in lite["latestPublished"]["sections"].as_array().unwrap() {
        for q in section["questions"].as_array().unwrap().iter().filter(|q| q["scored"] == true) {
            let value = match q["answerType"].as_str().unwrap() {
                "YES_NO_NA" => q["compliantAnswers"][0].as_str().unwrap().to_owned(),
                "CHOICE" | "MULTI_CHOICE" => {
                    q["options"].as_array().unwrap().iter().find(|o| o["score"] == 1.0).unwrap()["value"]
                        .as_str()
                        .unwrap()
                        .to_owned()
                }
                "NUMBER" => q["rangeMax"].as_f64().unwrap().to_string(),
                "DATE" => chrono::Utc::now().date_naive().to_string(),
                "MATURITY0_TO5" | "MATURITY_0_TO_5" => "5".to_owned(),
                "FILE" => "certificate.pdf".to_owned(),
                other => panic!("unexpected answer type {other}"),
            };
            answers.push((q["id"].as_str().unwrap().to_owned(), value));
        }
    }
    (version, answers)
}

pub fn as_input(answers: &[(String, String)]) -> Value {
    json!(answers.iter().map(|(q, v)| json!({"questionId": q, "value": v})).collect::<Vec<_>>())
}

/// An assessment of `supplier` brought to review with compliant answers; returns its id.
pub async fn in_review(app: &TestApp, token: &str, supplier: &str) -> String {
    let (version, answers) = lite_version(app, token).await;
    let created =
        app.gql(Some(token), CREATE, json!({"i": {"supplierId": supplier, "templateVersionId": version}})).await;
    let id = data(&created)["createAssessment"]["id"].as_str().unwrap().to_owned();
    data(&app.gql(Some(token), STATUS, json!({"id": id, "s": "SENT"})).await);
    data(&app.gql(Some(token), SAVE, json!({"id": id, "a": as_input(&answers)})).await);
    for status in ["SUBMITTED", "IN_REVIEW"] {
        data(&app.gql(Some(token), STATUS, json!({"id": id, "s": status})).await);
    }
    id
}

pub const SEND: &str = "mutation($id: UUID!, $c: [UUID!]!) { sendAssessment(id: $id, input: {respondentContactIds: $c, dueDate: \"2099-03-31\", message: \"Thanks for your help.\"}) { status invitations { email name } } }";
pub const EXCHANGE: &str = "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken assessmentId } }";
pub const VIEW: &str = "{ respondentAssessment { title requestedBy supplierName status dueDate requiredCount answeredCount answers { questionId value verdict reviewNote } } }";

/// The invitation token in the newest e-mail to `email`.
pub async fn token_in_mail(app: &TestApp, email: &str) -> String {
    let mail =
        app.mails().await.into_iter().rev().find(|m| m.contains(email)).unwrap_or_else(|| panic!("no mail to {email}"));
    let start = mail.find("#token=").expect("a link with a token") + "#token=".len();
    mail[start..].split_whitespace().next().unwrap().to_owned()
}

/// Sends a supplier-lite assessment of a new supplier to its contact; returns (assessment id,
/// invitation token, compliant answers).
/// The respondent's access token for an invitation link's token.
pub async fn respondent(app: &TestApp, invitation: &str) -> String {
    let body = app
        .gql(None, "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }", json!({"t": invitation}))
        .await;
    crate::helpers::data(&body)["exchangeInvitation"]["accessToken"].as_str().expect("a respondent token").to_owned()
}

pub async fn sent_assessment(app: &TestApp, analyst: &str, email: &str) -> (String, String, Vec<(String, String)>) {
    let contacts = json!({"contacts": [{"name": "Ines Respondent", "email": email}]});
    let supplier = app.supplier(analyst, &format!("Supplier of {email}"), contacts).await;
    let body = app
        .gql(Some(analyst), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": supplier}))
        .await;
    let contact = data(&body)["supplier"]["contacts"][0]["id"].clone();
    let (version, answers) = lite_version(app, analyst).await;
    let created =
        app.gql(Some(analyst), CREATE, json!({"i": {"supplierId": supplier, "templateVersionId": version}})).await;
    let id = data(&created)["createAssessment"]["id"].as_str().unwrap().to_owned();
    let sent = app.gql(Some(analyst), SEND, json!({"id": id, "c": [contact]})).await;
    assert_eq!(data(&sent)["sendAssessment"]["status"], "SENT");
    (id, token_in_mail(app, email).await, answers)
}

/// A supplier with one contact, assessed with supplier-lite through an invitation and
/// completed with a failed knock-out question (so a critical finding is open); returns
/// (supplier id, assessment id).
pub async fn completed_with_a_finding(app: &TestApp, token: &str, email: &str) -> (String, String) {
    let contacts = json!({"status": "ACTIVE", "contacts": [{"name": "Pia Contact", "email": email}]});
    let supplier = app.supplier(token, &format!("Supplier of {email}"), contacts).await;
    let body = app
        .gql(Some(token), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": supplier}))
        .await;
    let contact = data(&body)["supplier"]["contacts"][0]["id"].clone();
    let (version, mut answers) = lite_version(app, token).await;
    let created =
        app.gql(Some(token), CREATE, json!({"i": {"supplierId": supplier, "templateVersionId": version}})).await;
    let id = data(&created)["createAssessment"]["id"].as_str().unwrap().to_owned();
    let send =
        "mutation($id: UUID!, $c: [UUID!]!) { sendAssessment(id: $id, input: {respondentContactIds: $c}) { status } }";
    data(&app.gql(Some(token), send, json!({"id": id, "c": [contact]})).await);
    let knock_out = answers.iter().position(|(q, _)| q == "DAT-04").expect("DAT-04 in supplier-lite");
    answers[knock_out].1 = "no".into();
    data(&app.gql(Some(token), SAVE, json!({"id": id, "a": as_input(&answers)})).await);
    for status in ["SUBMITTED", "IN_REVIEW", "COMPLETED"] {
        data(&app.gql(Some(token), STATUS, json!({"id": id, "s": status})).await);
    }
    (supplier, id)
}

pub async fn put(
    app: &TestApp,
    token: Option<&str>,
    assessment: &str,
    question: &str,
    name: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let url = format!("{}/api/assessments/{assessment}/evidence/{question}", app.address);
    let url = reqwest::Url::parse_with_params(&url, [("fileName", name), ("validUntil", "2027-06-30")]).unwrap();
    let mut request = app.client.put(url).body(bytes.to_vec());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}
