//! Webhook deliveries from the outbox: signed, sent outside any transaction, retried with
//! exponential backoff and given up (dead) after [`MAX_ATTEMPTS`].
use super::claim::{Queue, backoff, claim};
use entity::{outbox_event, webhook_delivery, webhook_subscription};
use hmac::{Hmac, Mac};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, IntoActiveModel};
use sha2::Sha256;

/// Attempts before a delivery is given up (dead).
pub const MAX_ATTEMPTS: i32 = 8;

fn queue() -> Queue<webhook_delivery::Entity> {
    Queue {
        id: webhook_delivery::Column::Id,
        status: webhook_delivery::Column::Status,
        next_attempt_at: webhook_delivery::Column::NextAttemptAt,
        locked_until: webhook_delivery::Column::LockedUntil,
        working: "delivering",
        key: |row| row.id,
    }
}

/// Claims and delivers one batch; returns how many were attempted.
pub async fn deliver_due(db: &DatabaseConnection, client: &reqwest::Client) -> Result<usize, sea_orm::DbErr> {
    let claimed = claim(db, &queue()).await?;
    for delivery in &claimed {
        attempt(db, client, delivery).await?;
    }
    Ok(claimed.len())
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
    client: &reqwest::Client,
    delivery: &webhook_delivery::Model,
) -> Result<(), sea_orm::DbErr> {
    let event = outbox_event::Entity::find_by_id(delivery.event_id).one(db).await?;
    let subscription = webhook_subscription::Entity::find_by_id(delivery.subscription_id).one(db).await?;
    let (Some(event), Some(subscription)) = (event, subscription) else {
        return finish(db, delivery, Err((None, "event or subscription no longer exists".into())), true).await;
    };
    let body = event.payload.to_string();
    let timestamp = chrono::Utc::now().timestamp();
    let response = client
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
        Err(err) => Err((None, format!("request failed: {}", err.without_url()))),
    };
    finish(db, delivery, outcome, false).await
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
            row.status = Set("delivered".into());
            row.last_status_code = Set(Some(i32::from(code)));
            row.last_error = Set(None);
            row.delivered_at = Set(Some(now));
        }
        Err((code, error)) => {
            let dead = give_up || attempts >= MAX_ATTEMPTS;
            let wait = backoff(attempts);
            tracing::warn!(delivery = %delivery.id, attempts, %error, dead, "webhook delivery failed");
            row.status = Set(if dead { "dead" } else { "pending" }.into());
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
