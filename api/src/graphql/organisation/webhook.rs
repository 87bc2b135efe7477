//! Webhook subscriptions and their delivery log (administrators).
use crate::domain::DeliveryStatus;
use crate::error::GqlResultExt;
use crate::graphql::{caller, db};
use crate::service::organisation::webhook::NewWebhookSubscription;
use crate::service::{self};
use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{webhook_delivery, webhook_subscription};
use uuid::Uuid;

/// Where a GRC tool receives events.
pub struct WebhookSubscription(webhook_subscription::Model);

/// Where a GRC tool receives events.
#[Object]
impl WebhookSubscription {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The receiving address.
    async fn url(&self) -> &str {
        &self.0.url
    }
    /// The event types delivered.
    async fn event_types(&self) -> Vec<String> {
        serde_json::from_value(self.0.event_types.clone()).unwrap_or_default()
    }
    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A new subscription; the secret is shown here once.
#[derive(SimpleObject)]
pub struct CreatedWebhookSubscription {
    /// Key of the `Chainward-Signature` HMAC-SHA256; store it now.
    pub secret: String,
    /// The subscription.
    pub subscription: WebhookSubscription,
}

/// One event's delivery to one subscription.
pub struct WebhookDelivery(webhook_delivery::Model);

/// One event's delivery to one subscription.
#[Object]
impl WebhookDelivery {
    /// Unique identifier (sent as `Chainward-Delivery`).
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The event delivered (its `id` in the body).
    async fn event_id(&self) -> Uuid {
        self.0.event_id
    }
    /// Where the delivery stands (DEAD: given up after 8 attempts).
    async fn status(&self) -> DeliveryStatus {
        self.0.status
    }
    /// Attempts so far.
    async fn attempts(&self) -> i32 {
        self.0.attempts
    }
    /// When the next attempt is due.
    async fn next_attempt_at(&self) -> DateTime<Utc> {
        self.0.next_attempt_at
    }
    /// HTTP status of the last attempt.
    async fn last_status_code(&self) -> Option<i32> {
        self.0.last_status_code
    }
    /// Why the last attempt failed.
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// When the receiver accepted it.
    async fn delivered_at(&self) -> Option<DateTime<Utc>> {
        self.0.delivered_at
    }
}

#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// Your organisation's webhook subscriptions (administrators only).
    async fn webhook_subscriptions(&self, ctx: &Context<'_>) -> Result<Vec<WebhookSubscription>> {
        service::organisation::webhook::list(db(ctx), caller(ctx)?)
            .await
            .map(|v| v.into_iter().map(WebhookSubscription).collect())
            .gql()
    }

    /// The newest deliveries of a subscription (administrators only).
    async fn webhook_deliveries(&self, ctx: &Context<'_>, subscription_id: Uuid) -> Result<Vec<WebhookDelivery>> {
        let rows = service::organisation::webhook::deliveries(db(ctx), caller(ctx)?, subscription_id).await.gql()?;
        Ok(rows.into_iter().map(WebhookDelivery).collect())
    }
}

#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Subscribes an address to events; deliveries are signed with the returned secret.
    async fn create_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        input: NewWebhookSubscription,
    ) -> Result<CreatedWebhookSubscription> {
        let egress = ctx.data_unchecked::<crate::egress::Egress>();
        let (subscription, secret) =
            service::organisation::webhook::create(db(ctx), caller(ctx)?, egress, input).await.gql()?;
        Ok(CreatedWebhookSubscription { secret, subscription: WebhookSubscription(subscription) })
    }

    /// Deletes a subscription with its pending deliveries and log; returns its id.
    async fn delete_webhook_subscription(&self, ctx: &Context<'_>, id: Uuid) -> Result<Uuid> {
        service::organisation::webhook::delete(db(ctx), caller(ctx)?, id).await.gql()
    }
}
