//! Webhook subscriptions of GRC tools, managed by administrators, and their delivery log.
use crate::auth::secret::random_token;
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiResult, Problems};
use crate::service::kernel::lookup;
use crate::service::kernel::outbox::EVENT_TYPES;
use crate::service::{kernel::audit, kernel::now};
use entity::{webhook_delivery, webhook_subscription};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

/// A new webhook subscription.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewWebhookSubscription {
    /// Where events are POSTed (https:// or http://).
    pub url: String,
    /// Event types to receive: assessment.sent, assessment.submitted, assessment.completed,
    /// score.changed, finding.created.
    pub event_types: Vec<String>,
}

/// Returns the subscription and its signing secret, shown once.
/// A receiver's address: http or https with a host, written as the URL standard writes it
/// (an address in decimal or octal becomes the dotted form that the egress check reads).
fn endpoint(raw: &str) -> Option<String> {
    let url = reqwest::Url::parse(raw.trim()).ok()?;
    let web = matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty());
    (web && url.username().is_empty() && url.password().is_none() && url.as_str().len() <= 2000)
        .then(|| url.to_string())
}

pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    egress: &crate::egress::Egress,
    input: NewWebhookSubscription,
) -> ApiResult<(webhook_subscription::Model, String)> {
    caller.require(Permission::Administer)?;
    let mut problems = Problems::default();
    let url = endpoint(&input.url).unwrap_or_else(|| {
        problems.add("input.url", "must be an address starting with https:// or http://");
        String::new()
    });
    // An address written as such is checked now; a host name when each delivery resolves it.
    if let Some(reason) = egress.refuses_literal(&url) {
        problems.add("input.url", format!("{reason}: webhooks go to public addresses"));
    }
    if input.event_types.is_empty() {
        problems.add("input.eventTypes", format!("name at least one of {}", EVENT_TYPES.join(", ")));
    }
    for (i, event_type) in input.event_types.iter().enumerate() {
        if !EVENT_TYPES.contains(&event_type.as_str()) {
            problems.add(
                format!("input.eventTypes[{i}]"),
                format!("\"{event_type}\" is not one of {}", EVENT_TYPES.join(", ")),
            );
        }
    }
    problems.into_result()?;
    let secret = random_token();
    let txn = begin_write(db).await?;
    let created = webhook_subscription::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        url: Set(url),
        event_types: Set(json!(input.event_types)),
        secret: Set(secret.clone()),
        active: Set(true),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    let changes = audit::diff(None, Some(&created));
    audit::record(&txn, caller, "webhook_subscription.create", "webhook_subscription", Some(created.id), changes)
        .await?;
    txn.commit().await?;
    Ok((created, secret))
}

pub async fn list<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<webhook_subscription::Model>> {
    caller.require(Permission::Administer)?;
    Ok(lookup::scoped::<webhook_subscription::Entity>(caller)
        .order_by_asc(webhook_subscription::Column::CreatedAt)
        .all(db)
        .await?)
}

async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<webhook_subscription::Model> {
    lookup::find::<webhook_subscription::Entity>(db, caller, id).await
}

/// Deletes a subscription and what it has not delivered yet; the delivery log goes with it.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<Uuid> {
    caller.require(Permission::Administer)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    webhook_delivery::Entity::delete_many().filter(webhook_delivery::Column::SubscriptionId.eq(id)).exec(&txn).await?;
    webhook_subscription::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        caller,
        "webhook_subscription.delete",
        "webhook_subscription",
        Some(id),
        audit::diff(Some(&before), None),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// The newest deliveries of a subscription (at most 200).
pub async fn deliveries<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    subscription_id: Uuid,
) -> ApiResult<Vec<webhook_delivery::Model>> {
    caller.require(Permission::Administer)?;
    get(db, caller, subscription_id).await?;
    Ok(webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::SubscriptionId.eq(subscription_id))
        .order_by_desc(webhook_delivery::Column::CreatedAt)
        .limit(200)
        .all(db)
        .await?)
}
