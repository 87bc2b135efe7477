//! The subscription root: the events of the outbox, live over WebSocket (`/graphql/ws`,
//! protocols graphql-transport-ws and graphql-ws), only those of the subscriber's organisation.
use super::caller;
use crate::auth::Permission;
use crate::events::EventHub;
use crate::service::outbox::EVENT_TYPES;
use async_graphql::futures_util::{Stream, StreamExt, stream};
use async_graphql::{Context, Json, Result, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

/// Something that happened in your organisation; the same body webhooks receive.
#[derive(SimpleObject, Clone)]
pub struct Event {
    /// Unique identifier (the webhook body's `id`).
    pub id: Uuid,
    /// e.g. `assessment.completed`.
    #[graphql(name = "type")]
    pub event_type: String,
    /// When it happened.
    pub created_at: DateTime<Utc>,
    /// The event's fields, as documented for webhooks.
    pub data: Json<serde_json::Value>,
}

/// Listen to what happens in your organisation (over WebSocket at /graphql/ws).
#[derive(Default)]
pub struct SubscriptionRoot;

/// Listen to what happens in your organisation (over WebSocket at /graphql/ws).
#[Subscription(name = "Subscription")]
impl SubscriptionRoot {
    /// Events of your organisation as they happen, optionally only some types (those webhooks
    /// offer, e.g. `assessment.completed`). Best effort: use webhooks where every event must
    /// arrive.
    async fn events(&self, ctx: &Context<'_>, types: Option<Vec<String>>) -> Result<impl Stream<Item = Event>> {
        let caller = caller(ctx)?;
        caller.require(Permission::Read).map_err(crate::error::ApiError::into_graphql)?;
        if let Some(unknown) = types.iter().flatten().find(|t| !EVENT_TYPES.contains(&t.as_str())) {
            let message = format!("unknown event type {unknown}; known: {}", EVENT_TYPES.join(", "));
            return Err(crate::error::ApiError::field("types", message).into_graphql());
        }
        let organisation = caller.organisation_id;
        let receiver = ctx.data_unchecked::<EventHub>().subscribe();
        let all = stream::unfold(receiver, |mut receiver| async move {
            loop {
                match receiver.recv().await {
                    Ok(event) => return Some((event, receiver)),
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return None,
                }
            }
        });
        Ok(all.filter_map(move |event| {
            let wanted = event.organisation_id == organisation
                && types.as_ref().is_none_or(|t| t.iter().any(|t| *t == event.event_type));
            let data = event.payload.get("data").cloned().unwrap_or_default();
            let found = wanted.then(|| Event {
                id: event.id,
                event_type: event.event_type.clone(),
                created_at: event.created_at,
                data: Json(data),
            });
            async move { found }
        }))
    }
}
