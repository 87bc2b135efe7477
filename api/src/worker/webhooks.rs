//! Webhook deliveries from the outbox: signed, sent outside any transaction, retried with
//! exponential backoff and given up (dead) after [`MAX_ATTEMPTS`].
use super::claim::{Queue, backoff, claim_where, release};
use crate::domain::DeliveryStatus;
use crate::egress::Egress;
use entity::{outbox_event, webhook_delivery, webhook_subscription};
use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, IntoActiveModel,
};
use sha2::Sha256;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Attempts before a delivery is given up (dead).
pub const MAX_ATTEMPTS: i32 = 8;

fn queue(lease: std::time::Duration) -> Queue<webhook_delivery::Entity> {
    Queue {
        id: webhook_delivery::Column::Id,
        status: webhook_delivery::Column::Status,
        next_attempt_at: webhook_delivery::Column::NextAttemptAt,
        locked_until: webhook_delivery::Column::LockedUntil,
        pending: DeliveryStatus::Pending.as_db(),
        working: DeliveryStatus::Delivering.as_db(),
        key: |row| row.id,
        lease,
    }
}

/// Organisations served at once.
const IN_FLIGHT: usize = 8;
/// Deliveries of one organisation taken in one turn (each may take up to ten seconds).
const PER_ORGANISATION: usize = 5;

/// What sends webhooks: an HTTP client that resolves host names through the egress policy (so
/// it connects to the address that was checked), and that policy for addresses written as
/// such in a URL. Ten seconds per delivery at most; redirects are not followed.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
    egress: Egress,
}

impl Sender {
    pub fn new(egress: Egress) -> reqwest::Result<Sender> {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .connect_timeout(std::time::Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(egress.clone())
            .build()?;
        Ok(Sender { client, egress })
    }
}

/// Deliveries under way, at most [`IN_FLIGHT`] at once and one organisation's one after
/// another: a slow receiver holds up its own organisation only, never another organisation's
/// deliveries (nor e-mail, which the worker sends from another task).
pub struct Deliveries {
    running: tokio::task::JoinSet<Uuid>,
    busy: std::collections::HashSet<Uuid>,
    lease: std::time::Duration,
}

impl Deliveries {
    /// Deliveries claimed for `lease` at a time.
    pub fn new(lease: std::time::Duration) -> Deliveries {
        Deliveries { running: tokio::task::JoinSet::new(), busy: Default::default(), lease }
    }

    /// Claims due deliveries and starts those it can; deliveries of an organisation that is
    /// still busy go back to the queue untouched. Returns how many were started.
    pub async fn start(&mut self, db: &DatabaseConnection, sender: &Sender) -> Result<usize, sea_orm::DbErr> {
        self.reap();
        if self.running.len() >= IN_FLIGHT {
            return Ok(0);
        }
        // Busy organisations are left out of the claim, so one organisation's backlog never
        // keeps the others' deliveries from being claimed.
        let idle = webhook_delivery::Column::OrganisationId.is_not_in(self.busy.iter().copied());
        let mut by_organisation: BTreeMap<Uuid, Vec<webhook_delivery::Model>> = BTreeMap::new();
        for delivery in claim_where(db, &queue(self.lease), Condition::all().add(idle)).await? {
            by_organisation.entry(delivery.organisation_id).or_default().push(delivery);
        }
        let (mut started, mut later) = (0, Vec::new());
        for (organisation, mut deliveries) in by_organisation {
            if self.running.len() >= IN_FLIGHT {
                later.extend(deliveries.iter().map(|d| d.id));
                continue;
            }
            // A few at a time, well within the claim's lease even if every receiver is slow.
            if deliveries.len() > PER_ORGANISATION {
                later.extend(deliveries.split_off(PER_ORGANISATION).iter().map(|d| d.id));
            }
            started += deliveries.len();
            self.busy.insert(organisation);
            let (db, sender) = (db.clone(), sender.clone());
            self.running.spawn(async move {
                for delivery in &deliveries {
                    if let Err(err) = attempt(&db, &sender, delivery).await {
                        tracing::warn!(error = %err, delivery = %delivery.id, "webhook delivery not recorded");
                    }
                }
                organisation
            });
        }
        release(db, &queue(self.lease), later).await?;
        Ok(started)
    }

    /// Waits until a delivery task ends, or `at_most`.
    pub async fn settle(&mut self, at_most: std::time::Duration) {
        if self.running.is_empty() {
            tokio::time::sleep(at_most).await;
        } else if let Ok(Some(Ok(organisation))) = tokio::time::timeout(at_most, self.running.join_next()).await {
            self.busy.remove(&organisation);
        }
    }

    /// Waits for every delivery under way.
    pub async fn drain(&mut self) {
        while let Some(done) = self.running.join_next().await {
            if let Ok(organisation) = done {
                self.busy.remove(&organisation);
            }
        }
    }

    fn reap(&mut self) {
        while let Some(done) = self.running.try_join_next() {
            if let Ok(organisation) = done {
                self.busy.remove(&organisation);
            }
        }
    }
}

/// Claims and delivers one batch to the end; returns how many were attempted (for workers
/// that drain the queue step by step).
pub async fn deliver_due(
    db: &DatabaseConnection,
    sender: &Sender,
    lease: std::time::Duration,
) -> Result<usize, sea_orm::DbErr> {
    let mut deliveries = Deliveries::new(lease);
    let started = deliveries.start(db, sender).await?;
    deliveries.drain().await;
    Ok(started)
}

/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: receivers recompute it with the
/// subscription secret and reject old timestamps (replay window).
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let digest: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("t={timestamp},v1={digest}")
}

async fn attempt(
    db: &DatabaseConnection,
    sender: &Sender,
    delivery: &webhook_delivery::Model,
) -> Result<(), sea_orm::DbErr> {
    let event = outbox_event::Entity::find_by_id(delivery.event_id).one(db).await?;
    let subscription = webhook_subscription::Entity::find_by_id(delivery.subscription_id).one(db).await?;
    let (Some(event), Some(subscription)) = (event, subscription) else {
        return finish(db, delivery, Err((None, "event or subscription no longer exists".into())), true).await;
    };
    if let Some(reason) = sender.egress.refuses_literal(&subscription.url) {
        return finish(db, delivery, Err((None, reason.into())), true).await;
    }
    let body = event.payload.to_string();
    let timestamp = chrono::Utc::now().timestamp();
    let response = sender
        .client
        .post(&subscription.url)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Chainward-Webhooks/1")
        .header("Chainward-Event", &event.event_type)
        .header("Chainward-Delivery", delivery.id.to_string())
        .header("Chainward-Signature", signature(&subscription.secret, timestamp, &body))
        .body(body)
        .send()
        .await;
    let outcome = match response {
        Ok(r) if r.status().is_success() => Ok(r.status().as_u16()),
        Ok(r) => Err((Some(r.status().as_u16()), format!("receiver answered {}", r.status()))),
        Err(err) => Err((None, failure(&err).into())),
    };
    finish(db, delivery, outcome, false).await
}

/// A failed request in words for the tenant's delivery log: never the raw connection error,
/// which would make the log a port scanner.
fn failure(err: &reqwest::Error) -> &'static str {
    let mut source: Option<&dyn std::error::Error> = Some(err);
    while let Some(cause) = source {
        if cause.to_string().contains(crate::egress::REFUSED) {
            return crate::egress::REFUSED;
        }
        source = cause.source();
    }
    if err.is_timeout() { "unreachable: no answer in time" } else { "unreachable" }
}

async fn finish(
    db: &DatabaseConnection,
    delivery: &webhook_delivery::Model,
    outcome: Result<u16, (Option<u16>, String)>,
    give_up: bool,
) -> Result<(), sea_orm::DbErr> {
    let now = chrono::Utc::now();
    let attempts = delivery.attempts + 1;
    let mut row = delivery.clone().into_active_model();
    row.attempts = Set(attempts);
    row.locked_until = Set(None);
    match outcome {
        Ok(code) => {
            row.status = Set(DeliveryStatus::Delivered);
            row.last_status_code = Set(Some(i32::from(code)));
            row.last_error = Set(None);
            row.delivered_at = Set(Some(now));
        }
        Err((code, error)) => {
            let dead = give_up || attempts >= MAX_ATTEMPTS;
            let wait = backoff(attempts);
            tracing::warn!(delivery = %delivery.id, attempts, %error, dead, "webhook delivery failed");
            row.status = Set(if dead { DeliveryStatus::Dead } else { DeliveryStatus::Pending });
            row.next_attempt_at = Set(now + wait);
            row.last_status_code = Set(code.map(i32::from));
            row.last_error = Set(Some(error));
        }
    }
    row.update(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn signatures_are_hmac_sha256_of_timestamp_and_body() {
        // Reference value computed with: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        let signed = super::signature("secret", 1_700_000_000, r#"{"a":1}"#);
        assert_eq!(signed, "t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    }
}
