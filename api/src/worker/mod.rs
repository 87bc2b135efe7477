//! The background worker of `chainward serve`: publishes new outbox events to GraphQL
//! subscribers, sends queued e-mails and campaign batches, rebuilds stale portfolio views, delivers webhooks from the outbox and runs the scheduled
//! jobs (reminders, overdue findings, re-assessments) and the daily retention purge. Work is
//! claimed in short transactions and done outside them, so that several replicas can run
//! side by side.
mod claim;
pub mod mail;
pub mod schedule;
pub mod webhooks;

use crate::egress::Egress;
use crate::events::{EventHub, OutboxTail};
use crate::mail::Mailer;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use schedule::{ScheduleReport, run_scheduled_jobs};
pub use webhooks::signature;

/// How long a worker holds the webhook deliveries and e-mails it claimed before another
/// replica may take them over (it died mid-batch), unless configured: well above what a batch
/// takes (five deliveries of an organisation at ten seconds each at worst).
pub const LEASE: Duration = Duration::from_secs(120);

/// How often the scheduled jobs run; they work in days, so a minute is plenty.
const SCHEDULE_EVERY: Duration = Duration::from_secs(60);

/// Runs until the task is dropped. Webhooks go out from a task of their own, so that slow
/// receivers never hold up e-mail or the schedule.
pub async fn run(
    db: DatabaseConnection,
    mailer: Arc<Mailer>,
    events: EventHub,
    (poll, lease): (Duration, Duration),
    egress: Egress,
    documents: crate::storage::DocumentStore,
) {
    let sender = match webhooks::Sender::new(egress) {
        Ok(sender) => sender,
        Err(err) => {
            tracing::error!(error = %err, "worker cannot start its HTTP client");
            return;
        }
    };
    let _webhooks = AbortOnDrop(tokio::spawn(deliver_webhooks(db.clone(), sender, poll, lease)));
    let holder = format!("worker-{}", uuid::Uuid::new_v4().simple());
    let mut last_schedule: Option<Instant> = None;
    let mut tail = OutboxTail::default();
    loop {
        if let Err(err) = tail.poll(&db, &events).await {
            tracing::warn!(error = %err, "worker: reading new events failed");
        }
        let mut busy = 0;
        match mail::send_due(&db, &mailer, lease).await {
            Ok(n) => busy += n,
            Err(err) => tracing::warn!(error = %err, "worker: claiming e-mails failed"),
        }
        match crate::service::assessment::campaign_send::send_pending(&db).await {
            Ok(n) => busy += n,
            Err(err) => tracing::warn!(error = %err, "worker: sending a campaign batch failed"),
        }
        if let Err(err) = crate::service::portfolio::freshness::refresh(&db, chrono::Utc::now()).await {
            tracing::warn!(error = %err, "worker: rebuilding a portfolio view failed");
        }
        if last_schedule.is_none_or(|t| t.elapsed() >= SCHEDULE_EVERY) {
            last_schedule = Some(Instant::now());
            match run_scheduled_jobs(&db, &holder, chrono::Utc::now()).await {
                Ok(Some(report)) if report != ScheduleReport::default() => {
                    tracing::info!(?report, "scheduled jobs ran")
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "worker: scheduled jobs failed"),
            }
            match crate::service::stewardship::retention::run_daily(&db, &documents, chrono::Utc::now()).await {
                Ok(Some(purged)) => tracing::info!(?purged, "retention purge ran"),
                Ok(None) => {}
                Err(err) => tracing::warn!(error = %err, "worker: retention purge failed"),
            }
        }
        if busy == 0 {
            tokio::time::sleep(poll).await;
        }
    }
}

async fn deliver_webhooks(db: DatabaseConnection, sender: webhooks::Sender, poll: Duration, lease: Duration) {
    let mut deliveries = webhooks::Deliveries::new(lease);
    loop {
        match deliveries.start(&db, &sender).await {
            Ok(0) => deliveries.settle(poll).await,
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(error = %err, "worker: claiming webhook deliveries failed");
                deliveries.settle(poll).await;
            }
        }
    }
}

/// Stops a task when the worker that started it stops.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
