//! Retention: administrators set how long things are kept; the daily purge deletes what is
//! older (e-mail copies, delivery logs and their events, imports, audit events, terminated
//! suppliers' documents), keeps what is younger, records counts only, and runs once a day.
use crate::helpers::assessment::{put, sent_assessment};
use crate::helpers::organisation::{SUBSCRIBE, receiver, wait_for};
use crate::helpers::{SMALL_PDF, data, error_code, spawn_app};
use axum::http::StatusCode;
use chainward::domain::Role;
use chainward::service::stewardship::retention::{purge, run_daily};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

const RETAIN: &str = "mutation($i: RetentionInput!) { updateRetention(input: $i) { mailCopiesDays auditEventsDays terminatedSupplierDocumentsDays } }";

/// Moves every row of these tables of the organisation a year and a half into the past.
macro_rules! age {
    ($db:expr, $org:expr, $($table:ident),+) => {{
        let then = chrono::Utc::now() - chrono::Duration::days(550);
        $(entity::$table::Entity::update_many()
            .col_expr(entity::$table::Column::CreatedAt, Expr::value(then))
            .filter(entity::$table::Column::OrganisationId.eq($org))
            .exec($db)
            .await
            .unwrap();)+
    }};
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_purge_deletes_what_is_past_its_period_and_records_only_counts() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let periods = json!({"mailCopiesDays": 30, "deliveryLogsDays": 30, "importBatchesDays": 30, "auditEventsDays": 365, "terminatedSupplierDocumentsDays": 60});
    assert_eq!(error_code(&app.gql(Some(t), RETAIN, json!({"i": {"mailCopiesDays": 1}})).await), "VALIDATION");
    let analyst = app.account("acme", Role::Analyst).await;
    assert_eq!(error_code(&app.gql(Some(&analyst.token), RETAIN, json!({"i": periods})).await), "FORBIDDEN");
    data(&app.gql(Some(t), RETAIN, json!({"i": periods})).await);
    // Saving the other settings leaves retention alone.
    let settings = "mutation { updateOrganisationSettings(input: {reassessmentMonths: {}, reassessmentResponseDays: 30, reassessmentAutoSend: false, reminderDaysBefore: 3}) { retention { mailCopiesDays } } }";
    assert_eq!(
        data(&app.gql(Some(t), settings, json!({})).await)["updateOrganisationSettings"]["retention"]["mailCopiesDays"],
        30
    );

    // A year and a half ago: a questionnaire went out (mail, event, delivery), came back with
    // a document, was imported, and the supplier was terminated.
    let (url, received) = receiver(StatusCode::OK).await;
    data(&app.gql(Some(t), SUBSCRIBE, json!({"u": url, "e": ["assessment.sent"]})).await);
    let (assessment, invitation, _) = sent_assessment(&app, t, "ines@supplier.example").await;
    wait_for(&received, "assessment.sent").await.expect("delivered");
    let respondent = crate::helpers::assessment::respondent(&app, &invitation).await;
    let (_, stored) = put(&app, Some(&respondent), &assessment, "BAS-01", "old.pdf", SMALL_PDF).await;
    let preview =
        "mutation($id: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id}) { id } }";
    data(&app.gql(Some(t), preview, json!({"id": assessment})).await);
    let supplier = data(
        &app.gql(Some(t), "query($id: UUID!) { assessment(id: $id) { supplier { id } } }", json!({"id": assessment}))
            .await,
    )["assessment"]["supplier"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let change = "mutation($id: UUID!) { changeSupplierStatus(id: $id, status: TERMINATED, reason: \"contract ended\") { status } }";
    assert_eq!(
        data(&app.gql(Some(t), change, json!({"id": supplier})).await)["changeSupplierStatus"]["status"],
        "TERMINATED"
    );
    app.wait_for_queued_mail().await;
    let db = &app.state.db;
    age!(db, admin.organisation_id, mail_message, webhook_delivery, outbox_event, import_batch, audit_event);
    // And today: a new supplier, a new import.
    let recent = app.supplier(t, "Still Here GmbH", json!({})).await;
    data(&app.gql(Some(t), preview, json!({"id": assessment})).await);

    let organisation = entity::organisation::Entity::find_by_id(admin.organisation_id).one(db).await.unwrap().unwrap();
    let purged = purge(db, &app.state.documents, &organisation, chrono::Utc::now()).await.unwrap();
    assert!(purged.mail_copies >= 1 && purged.delivery_logs >= 1 && purged.events >= 1, "{purged:?}");
    assert_eq!((purged.import_batches, purged.documents), (1, 1), "{purged:?}");
    assert!(purged.audit_events >= 5, "{purged:?}");
    assert!(app.state.documents.read(stored["sha256"].as_str().unwrap()).await.is_err(), "the document left the store");
    let batches = entity::import_batch::Entity::find()
        .filter(entity::import_batch::Column::OrganisationId.eq(admin.organisation_id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(batches.len(), 1, "today's import stays");
    let log =
        app.gql(Some(t), "{ auditEvents(first: 100) { edges { node { action objectId changes } } } }", json!({})).await;
    let events = data(&log)["auditEvents"]["edges"].as_array().unwrap().clone();
    assert!(
        events.iter().any(|e| e["node"]["action"] == "supplier.create" && e["node"]["objectId"] == recent.as_str()),
        "today's events stay"
    );
    let record = events.iter().find(|e| e["node"]["action"] == "retention.purge").expect("the purge is on record");
    let counts = record["node"]["changes"].as_object().unwrap();
    assert!(counts.values().all(|v| v.is_u64()), "counts, never contents: {counts:?}");
    assert_eq!(counts["documents"], 1);
    let again = purge(db, &app.state.documents, &organisation, chrono::Utc::now()).await.unwrap();
    assert_eq!(again.documents + again.import_batches + again.mail_copies, 0, "nothing twice");

    // Once a day, whichever replica asks.
    let later = chrono::Utc::now() + chrono::Duration::days(2);
    assert!(run_daily(db, &app.state.documents, later).await.unwrap().is_some());
    assert!(run_daily(db, &app.state.documents, later).await.unwrap().is_none(), "not twice the same day");
}
