//! Webhooks: events from the outbox reach a GRC tool's endpoint, signed, and failures retry.
use crate::helpers::organisation::{SUBSCRIBE, receiver, wait_for};
use crate::helpers::{data, error_code, spawn_app};
use axum::http::StatusCode;
use chainward::domain::{MailKind, MailStatus, Role};
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completed_assessment_reaches_the_grc_tool_signed() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let (url, received) = receiver(StatusCode::OK).await;
    let body =
        app.gql(Some(&admin.token), SUBSCRIBE, json!({"u": url, "e": ["assessment.completed", "score.changed"]})).await;
    let created = data(&body)["createWebhookSubscription"].clone();
    let secret = created["secret"].as_str().unwrap().to_owned();
    let subscription = created["subscription"]["id"].clone();

    let supplier = app.supplier(&admin.token, "Nordlicht Cloud GmbH", json!({})).await;
    let id = crate::helpers::assessment::in_review(&app, &admin.token, &supplier).await;
    data(&app.gql(Some(&admin.token), crate::helpers::assessment::STATUS, json!({"id": id, "s": "COMPLETED"})).await);

    let (headers, body) = wait_for(&received, "assessment.completed").await.expect("assessment.completed delivered");
    let event: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(event["type"], "assessment.completed");
    assert_eq!(event["data"]["assessment_id"], id.as_str());
    assert_eq!(event["data"]["supplier_id"], supplier.as_str());
    let signature = headers["chainward-signature"].to_str().unwrap();
    let timestamp: i64 = signature.trim_start_matches("t=").split(',').next().unwrap().parse().unwrap();
    assert!((chrono::Utc::now().timestamp() - timestamp).abs() < 60, "fresh timestamp");
    assert_eq!(signature, chainward::worker::signature(&secret, timestamp, &body), "signed with the secret");
    assert_ne!(signature, chainward::worker::signature("another secret", timestamp, &body));
    let (_, score) = wait_for(&received, "score.changed").await.expect("score.changed delivered");
    assert_eq!(serde_json::from_str::<Value>(&score).unwrap()["data"]["rating"], "low");
    assert!(
        received.lock().unwrap().iter().all(|(h, _)| h["chainward-event"] != "assessment.sent"),
        "only subscribed events"
    );

    let log = app
        .gql(
            Some(&admin.token),
            "query($s: UUID!) { webhookDeliveries(subscriptionId: $s) { status attempts lastStatusCode } }",
            json!({"s": subscription}),
        )
        .await;
    let deliveries = data(&log)["webhookDeliveries"].as_array().unwrap().clone();
    assert_eq!(deliveries.len(), 2);
    assert!(
        deliveries.iter().all(|d| d["status"] == "DELIVERED" && d["attempts"] == 1 && d["lastStatusCode"] == 200),
        "{deliveries:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_receiver_is_retried_later_and_bad_subscriptions_are_refused() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let (url, received) = receiver(StatusCode::INTERNAL_SERVER_ERROR).await;
    let body = app.gql(Some(&admin.token), SUBSCRIBE, json!({"u": url, "e": ["assessment.sent"]})).await;
    let subscription = data(&body)["createWebhookSubscription"]["subscription"]["id"].clone();
    let supplier = app.supplier(&admin.token, "Kontor Payroll AG", json!({})).await;
    crate::helpers::assessment::in_review(&app, &admin.token, &supplier).await;
    wait_for(&received, "assessment.sent").await.expect("an attempt was made");
    let mut delivery = Value::Null;
    for _ in 0..100 {
        let log = app
            .gql(Some(&admin.token), "query($s: UUID!) { webhookDeliveries(subscriptionId: $s) { status attempts lastStatusCode lastError nextAttemptAt } }", json!({"s": subscription}))
            .await;
        delivery = data(&log)["webhookDeliveries"][0].clone();
        if delivery["attempts"] == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(delivery["status"], "PENDING", "{delivery}");
    assert_eq!(delivery["lastStatusCode"], 500);
    let next: chrono::DateTime<chrono::Utc> = delivery["nextAttemptAt"].as_str().unwrap().parse().unwrap();
    assert!(next > chrono::Utc::now() + chrono::Duration::seconds(5), "backs off before retrying");
    assert_eq!(received.lock().unwrap().len(), 1, "not retried at once");

    let bad =
        app.gql(Some(&admin.token), SUBSCRIBE, json!({"u": "ftp://example.com", "e": ["nothing.happened"]})).await;
    assert_eq!(error_code(&bad), "VALIDATION");
    let fields: Vec<&str> = bad["errors"][0]["extensions"]["fieldErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["input.url", "input.eventTypes[0]"]);
}

/// Several workers (replicas) draining the same queues at once: every webhook delivery and
/// every e-mail goes out exactly once (FOR UPDATE SKIP LOCKED on PostgreSQL, the single
/// writer on SQLite).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_workers_send_each_webhook_and_mail_once() {
    use sea_orm::{ActiveValue::Set, EntityTrait};
    const EVENTS: usize = 60;
    // The app's own worker runs once at start, then sleeps: the workers below do the work.
    let app = crate::helpers::spawn_app_with(|c| c.worker_poll = std::time::Duration::from_secs(3600)).await;
    let admin = app.account("acme", Role::Admin).await;
    let (url, received) = receiver(StatusCode::OK).await;
    data(&app.gql(Some(&admin.token), SUBSCRIBE, json!({"u": url, "e": ["finding.created"]})).await);
    let system = chainward::auth::Caller::system(admin.organisation_id, "test");
    for n in 0..EVENTS {
        chainward::service::kernel::outbox::emit(&app.state.db, &system, "finding.created", json!({"n": n}))
            .await
            .unwrap();
        entity::mail_message::Entity::insert(entity::mail_message::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            organisation_id: Set(admin.organisation_id),
            kind: Set(MailKind::Reminder),
            assessment_id: Set(None),
            recipient: Set(format!("Person {n} <person{n}@supplier.example>")),
            subject: Set(format!("Message {n}")),
            body: Set("Hello".into()),
            status: Set(MailStatus::Pending),
            attempts: Set(0),
            next_attempt_at: Set(chrono::Utc::now()),
            locked_until: Set(None),
            last_error: Set(None),
            sent_at: Set(None),
            created_at: Set(chrono::Utc::now()),
            sender_name: Set(None),
            reply_to: Set(None),
            attachment_name: Set(None),
            attachment: Set(None),
        })
        .exec_without_returning(&app.state.db)
        .await
        .unwrap();
    }

    let sender = chainward::worker::webhooks::Sender::new(app.state.egress.clone()).unwrap();
    let worker = |_: usize| {
        let (db, mailer, sender) = (app.state.db.clone(), app.state.mailer.clone(), sender.clone());
        async move {
            loop {
                let hooks = chainward::worker::webhooks::deliver_due(&db, &sender, chainward::worker::LEASE)
                    .await
                    .expect("claim deliveries");
                let mails = chainward::worker::mail::send_due(&db, &mailer, chainward::worker::LEASE)
                    .await
                    .expect("claim mail");
                if hooks + mails == 0 {
                    break;
                }
            }
        }
    };
    let workers: Vec<_> = (0..3).map(|n| tokio::spawn(worker(n))).collect();
    for handle in workers {
        handle.await.unwrap();
    }

    let deliveries: Vec<String> = received
        .lock()
        .unwrap()
        .iter()
        .map(|(headers, _)| headers["chainward-delivery"].to_str().unwrap().to_owned())
        .collect();
    let distinct: std::collections::BTreeSet<&String> = deliveries.iter().collect();
    assert_eq!(deliveries.len(), EVENTS, "every delivery once, none twice");
    assert_eq!(distinct.len(), EVENTS);
    let mails = app.mails().await;
    assert_eq!(mails.len(), EVENTS, "every e-mail once");
    let subjects: std::collections::BTreeSet<&str> =
        mails.iter().filter_map(|m| m.lines().find(|l| l.starts_with("Subject: "))).collect();
    assert_eq!(subjects.len(), EVENTS);
}
