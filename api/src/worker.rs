//! The background worker of `chainward serve`: delivers pending webhook deliveries from the
//! outbox, signed, with exponential backoff and a dead-letter state. Deliveries are claimed
//! in a short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so that replicas never
//! double-send; SQLite's single writer does the same) and sent outside any transaction.
use chrono::Duration;
use entity::{outbox_event, webhook_delivery, webhook_subscription};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, DbBackend, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use sha2::Sha256;

/// Attempts before a delivery is given up (dead).
pub const MAX_ATTEMPTS: i32 = 8;
const BATCH: u64 = 20;
/// How long a worker holds a claimed delivery before another may retry it.
const LEASE_SECONDS: i64 = 120;

/// Runs until the task is dropped.
pub async fn run(db: DatabaseConnection, poll: std::time::Duration) {
    let client = match reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(client) => client,
        Err(err) => {
            tracing::error!(error = %err, "webhook worker cannot start its HTTP client");
            return;
        }
    };
    loop {
        match deliver_due(&db, &client).await {
            Ok(0) => tokio::time::sleep(poll).await,
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(error = %err, "webhook worker: claiming deliveries failed");
                tokio::time::sleep(poll).await;
            }
        }
    }
}

/// Claims and delivers one batch; returns how many were attempted.
pub async fn deliver_due(db: &DatabaseConnection, client: &reqwest::Client) -> Result<usize, sea_orm::DbErr> {
    let claimed = claim(db).await?;
    for delivery in &claimed {
        attempt(db, client, delivery).await?;
    }
    Ok(claimed.len())
}

async fn claim(db: &DatabaseConnection) -> Result<Vec<webhook_delivery::Model>, sea_orm::DbErr> {
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let due = Condition::any()
        .add(
            Condition::all()
                .add(webhook_delivery::Column::Status.eq("pending"))
                .add(webhook_delivery::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(webhook_delivery::Column::Status.eq("delivering"))
                .add(webhook_delivery::Column::LockedUntil.lt(now)),
        );
    let mut select =
        webhook_delivery::Entity::find().filter(due).order_by_asc(webhook_delivery::Column::NextAttemptAt).limit(BATCH);
    if db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = select.all(&txn).await?;
    if !rows.is_empty() {
        webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::Status, Expr::value("delivering"))
            .col_expr(webhook_delivery::Column::LockedUntil, Expr::value(now + Duration::seconds(LEASE_SECONDS)))
            .filter(webhook_delivery::Column::Id.is_in(rows.iter().map(|r| r.id)))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(rows)
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
            // 10 s, 20 s, 40 s ... at most an hour between attempts.
            let wait = Duration::seconds((10i64 << (attempts - 1).min(9)).min(3600));
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
