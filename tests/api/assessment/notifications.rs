//! What the worker does on its own: reminders before, on and after the due date, overdue
//! findings to GRC tools, periodic re-assessments, and e-mail through an SMTP server.
use crate::helpers::assessment::completed_with_a_finding;
use crate::helpers::assessment::{CREATE, lite_version};
use crate::helpers::worker::run_jobs_on;
use crate::helpers::{TestApp, data, error_code, field_errors, spawn_app, spawn_app_with};
use chainward::domain::{MailStatus, Role};
use chrono::{Months, NaiveDate, Utc};
use serde_json::{Value, json};

fn subjects(mails: &[String]) -> Vec<String> {
    mails.iter().filter_map(|m| m.lines().find_map(|l| l.strip_prefix("Subject: ")).map(str::to_owned)).collect()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[tokio::test]
async fn respondents_are_reminded_before_on_and_after_the_due_date_once_each() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    // Due 2099-03-31; the organisation keeps the default first reminder 7 days before.
    crate::helpers::assessment::sent_assessment(&app, &analyst.token, "ines@supplier.example").await;
    let invitation_only = app.mails().await.len();

    assert_eq!(run_jobs_on(&app, date("2099-03-23")).await.reminders, 0, "8 days before: too early");
    assert_eq!(run_jobs_on(&app, date("2099-03-24")).await.reminders, 1);
    assert_eq!(run_jobs_on(&app, date("2099-03-25")).await.reminders, 0, "each reminder once");
    assert_eq!(run_jobs_on(&app, date("2099-03-31")).await.reminders, 1);
    assert_eq!(run_jobs_on(&app, date("2099-04-02")).await.reminders, 1);
    assert_eq!(run_jobs_on(&app, date("2099-04-09")).await.reminders, 0, "one overdue reminder");

    let mails = app.mails().await;
    let titles = subjects(&mails[invitation_only..]);
    assert_eq!(
        titles,
        [
            "Reminder: Supplier lite (low-tier suppliers)",
            "Due today: Supplier lite (low-tier suppliers)",
            "Overdue: Supplier lite (low-tier suppliers)"
        ]
        .map(String::from)
        .to_vec(),
        "{titles:?}"
    );
    let overdue = mails.last().unwrap();
    assert!(overdue.contains("To: \"Ines Respondent\" <ines@supplier.example>"), "{overdue}");
    assert!(overdue.contains("was due on 2099-03-31"), "{overdue}");
    // Every reminder carries a working link of its own (the invitation's is kept only as a hash).
    let token = overdue[overdue.find("#token=").expect("a link in the reminder") + "#token=".len()..]
        .split_whitespace()
        .next()
        .unwrap();
    let opened = app.gql(None, crate::helpers::assessment::EXCHANGE, json!({"t": token})).await;
    assert!(data(&opened)["exchangeInvitation"]["accessToken"].is_string(), "{opened}");
}

#[tokio::test]
async fn reminder_settings_are_validated_and_audited() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let bad = "mutation { updateOrganisationSettings(input: {reassessmentMonths: {critical: 0, low: 99}, reassessmentResponseDays: 2, reassessmentAutoSend: true, reminderDaysBefore: -1}) { reminderDaysBefore } }";
    let refused = app.gql(Some(&admin.token), bad, json!({})).await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert_eq!(
        field_errors(&refused),
        [
            "input.reassessmentMonths.critical",
            "input.reassessmentMonths.low",
            "input.reassessmentResponseDays",
            "input.reminderDaysBefore"
        ]
    );
    let defaults = app.gql(Some(&admin.token), "{ organisationSettings { reminderDaysBefore reassessmentResponseDays reassessmentAutoSend reassessmentMonths { critical high medium low } } }", json!({})).await;
    assert_eq!(
        data(&defaults)["organisationSettings"],
        json!({"reminderDaysBefore": 7, "reassessmentResponseDays": 30, "reassessmentAutoSend": true,
            "reassessmentMonths": {"critical": null, "high": null, "medium": null, "low": null}}),
        "nothing was written"
    );
    let good = "mutation { updateOrganisationSettings(input: {reassessmentMonths: {critical: 6}, reassessmentResponseDays: 21, reassessmentAutoSend: false, reminderDaysBefore: 0}) { reminderDaysBefore } }";
    data(&app.gql(Some(&admin.token), good, json!({})).await);
    let log = app
        .gql(
            Some(&admin.token),
            "{ auditEvents(filter: {action: \"organisation.settings_update\"}) { nodes { changes } } }",
            json!({}),
        )
        .await;
    let changes = &data(&log)["auditEvents"]["nodes"][0]["changes"];
    assert_eq!(changes["reminder_days_before"], json!({"before": 7, "after": 0}), "{changes}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overdue_finding_reaches_the_grc_tool_once() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let (url, received) = crate::helpers::organisation::receiver(axum::http::StatusCode::OK).await;
    data(
        &app.gql(
            Some(&admin.token),
            crate::helpers::organisation::SUBSCRIBE,
            json!({"u": url, "e": ["finding.overdue"]}),
        )
        .await,
    );
    let (supplier, _) = completed_with_a_finding(&app, &admin.token, "pia@supplier.example").await;
    let body = app
        .gql(
            Some(&admin.token),
            "query($s: UUID!) { findings(supplierId: $s) { id dueDate severity } }",
            json!({"s": supplier}),
        )
        .await;
    let finding = data(&body)["findings"][0].clone();
    let due: NaiveDate = finding["dueDate"].as_str().unwrap().parse().unwrap();

    assert_eq!(run_jobs_on(&app, due).await.overdue_findings, 0, "due today is not overdue yet");
    assert_eq!(run_jobs_on(&app, due.succ_opt().unwrap()).await.overdue_findings, 1);
    assert_eq!(run_jobs_on(&app, due + chrono::Days::new(30)).await.overdue_findings, 0, "once per finding");

    let (_, body) =
        crate::helpers::organisation::wait_for(&received, "finding.overdue").await.expect("finding.overdue delivered");
    let event: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(event["type"], "finding.overdue");
    assert_eq!(event["data"]["finding_id"], finding["id"]);
    assert_eq!(event["data"]["supplier_id"], json!(supplier));
    assert_eq!(json!(event["data"]["severity"].as_str().unwrap().to_uppercase()), finding["severity"]);
    assert_eq!(event["data"]["days_overdue"], 1);

    let mails = app.mails().await;
    let reminded: Vec<&String> = mails.iter().filter(|m| m.contains("Subject: Remediation overdue:")).collect();
    assert_eq!(reminded.len(), 1, "the supplier's respondent is reminded once");
    assert!(reminded[0].contains("pia@supplier.example") && reminded[0].contains("was due on"), "{}", reminded[0]);
}

const ASSESSMENTS: &str = "query($s: UUID!) { assessments(supplierId: $s) { status dueDate invitations { email } } }";

#[tokio::test]
async fn suppliers_are_reassessed_when_their_rating_says_so() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let (supplier, _) = completed_with_a_finding(&app, &admin.token, "pia@supplier.example").await;
    let today = Utc::now().date_naive();
    // Without intervals nothing is ever re-assessed.
    assert_eq!(run_jobs_on(&app, today + Months::new(60)).await.reassessments, 0);

    let every_year = "mutation { updateOrganisationSettings(input: {reassessmentMonths: {critical: 12, high: 12, medium: 12, low: 12}, reassessmentResponseDays: 21, reassessmentAutoSend: true, reminderDaysBefore: 7}) { reminderDaysBefore } }";
    data(&app.gql(Some(&admin.token), every_year, json!({})).await);
    assert_eq!(run_jobs_on(&app, today + Months::new(11)).await.reassessments, 0, "not due yet");
    let day = today + Months::new(12) + chrono::Days::new(1);
    assert_eq!(run_jobs_on(&app, day).await.reassessments, 1);
    assert_eq!(run_jobs_on(&app, day).await.reassessments, 0, "an open re-assessment is not doubled");

    let body = app.gql(Some(&admin.token), ASSESSMENTS, json!({"s": supplier})).await;
    let assessments = data(&body)["assessments"].as_array().unwrap().clone();
    assert_eq!(assessments.len(), 2, "{assessments:?}");
    let fresh = assessments.iter().find(|a| a["status"] == "SENT").expect("the re-assessment was sent");
    assert_eq!(fresh["dueDate"], json!((day + chrono::Days::new(21)).to_string()));
    assert_eq!(fresh["invitations"], json!([{"email": "pia@supplier.example"}]), "the contact invited last time");
    let mail = app.mails().await.pop().unwrap();
    assert!(mail.contains("periodic re-assessment") && mail.contains("#token="), "{mail}");
}

type Inbox = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// A minimal SMTP server on a free port that accepts every message and keeps its DATA.
async fn smtp_sink() -> (u16, Inbox) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Inbox::default();
    let store = inbox.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await?;
                while let Some(line) = lines.next_line().await? {
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            write.write_all(b"354 end with .\r\n").await?;
                            let mut message = String::new();
                            while let Some(line) = lines.next_line().await? {
                                if line == "." {
                                    break;
                                }
                                message.push_str(&line);
                                message.push('\n');
                            }
                            store.lock().unwrap().push(message);
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await?;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(reply).await?;
                }
                Ok::<_, std::io::Error>(())
            });
        }
    });
    (port, inbox)
}

/// Sends a new supplier-lite assessment to a new supplier's one contact; returns its id.
async fn send_to_contact(app: &TestApp, token: &str, email: &str) -> String {
    let contacts = json!({"contacts": [{"name": "Ines Respondent", "email": email}]});
    let supplier = app.supplier(token, &format!("Supplier of {email}"), contacts).await;
    let body = app
        .gql(Some(token), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": supplier}))
        .await;
    let contact = data(&body)["supplier"]["contacts"][0]["id"].clone();
    let (version, _) = lite_version(app, token).await;
    let created =
        app.gql(Some(token), CREATE, json!({"i": {"supplierId": supplier, "templateVersionId": version}})).await;
    let id = data(&created)["createAssessment"]["id"].as_str().unwrap().to_owned();
    let send =
        "mutation($id: UUID!, $c: [UUID!]!) { sendAssessment(id: $id, input: {respondentContactIds: $c}) { status } }";
    assert_eq!(
        data(&app.gql(Some(token), send, json!({"id": id, "c": [contact]})).await)["sendAssessment"]["status"],
        "SENT"
    );
    id
}

async fn queued_mail(app: &TestApp) -> Vec<entity::mail_message::Model> {
    use sea_orm::EntityTrait;
    entity::mail_message::Entity::find().all(&app.state.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_an_smtp_server_configured_mail_goes_through_it() {
    let (port, inbox) = smtp_sink().await;
    let app = spawn_app_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let analyst = app.account("acme", Role::Analyst).await;
    send_to_contact(&app, &analyst.token, "ines@supplier.example").await;
    app.wait_for_queued_mail().await;

    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "{received:?}");
    // Undo quoted-printable soft breaks, if the mailer chose that encoding.
    let message = received[0].replace("=\n", "").replace("=3D", "=");
    assert!(
        message.contains("To: \"Ines Respondent\" <ines@supplier.example>")
            || message.contains("To: Ines Respondent <ines@supplier.example>"),
        "{message}"
    );
    assert!(message.contains("Subject: Security questionnaire from acme: Supplier lite"), "{message}");
    assert!(message.contains("http://chainward.test/respond#token="), "{message}");
    assert!(!app.data_dir.join("mail").exists(), "no .eml files when SMTP is configured");

    let sent = queued_mail(&app).await;
    assert_eq!(sent[0].status, MailStatus::Sent);
    assert!(sent[0].body.contains("#token=[removed once sent]"), "the database keeps no live token: {}", sent[0].body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_smtp_server_delays_mail_but_loses_nothing() {
    // A port nobody listens on: bind, note it, close it.
    let port = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
    let app = spawn_app_with(|c| c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let id = send_to_contact(&app, &analyst.token, "ines@supplier.example").await;
    let mut waiting = Vec::new();
    for _ in 0..100 {
        waiting = queued_mail(&app).await;
        if waiting.iter().all(|m| m.attempts > 0) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].status, MailStatus::Pending, "retried later: {:?}", waiting[0]);
    assert!(waiting[0].last_error.as_deref().unwrap_or_default().starts_with("SMTP"), "{:?}", waiting[0].last_error);
    assert!(waiting[0].body.contains("#token=") && !waiting[0].body.contains("[removed"), "kept for the next attempt");
    let body =
        app.gql(Some(&analyst.token), "query($id: UUID!) { assessment(id: $id) { status } }", json!({"id": id})).await;
    assert_eq!(data(&body)["assessment"]["status"], "SENT", "the change stands");
}
