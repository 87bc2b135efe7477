//! The subscription root: the events of the outbox, live over WebSocket (`/graphql/ws`,
//! protocols graphql-transport-ws and graphql-ws), only those of the subscriber's organisation.
use crate::auth::Permission;
use crate::events::EventHub;
use crate::graphql::caller;
use crate::service::kernel::outbox::EVENT_TYPES;
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
        let session = ctx.data_opt::<SessionCheck>().cloned();
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
        // Delivery stops when the credential stops being valid (expired, revoked, the user
        // deactivated or signed out): checked every few seconds.
        let ended = async move {
            match session {
                Some(session) => session.ended().await,
                None => std::future::pending().await,
            }
        };
        Ok(all.take_until(ended).filter_map(move |event| {
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

/// How often a subscriber's credential is checked again.
const CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

/// A WebSocket connection's credential, checked again while it listens.
#[derive(Clone)]
pub struct SessionCheck {
    pub db: sea_orm::DatabaseConnection,
    pub keys: std::sync::Arc<crate::auth::jwt::JwtKeys>,
    pub headers: axum::http::HeaderMap,
}

impl SessionCheck {
    /// Completes once the credential no longer authenticates.
    async fn ended(self) {
        loop {
            tokio::time::sleep(CHECK_EVERY).await;
            let auth = crate::service::identity::auth::authenticate(&self.db, &self.keys, &self.headers).await;
            if auth.caller().is_err() {
                tracing::info!("subscriber's credential ended; its subscription stops");
                return;
            }
        }
    }
}

/// Marks a request that came over `/graphql/ws`.
pub struct OverWebSocket;

/// Over WebSocket, subscriptions only: queries and mutations go to `/graphql`, where each
/// request is authenticated, limited and logged on its own.
pub struct SubscriptionsOnlyOverWebSocket;

impl async_graphql::extensions::ExtensionFactory for SubscriptionsOnlyOverWebSocket {
    fn create(&self) -> std::sync::Arc<dyn async_graphql::extensions::Extension> {
        std::sync::Arc::new(SubscriptionsOnlyOverWebSocket)
    }
}

#[async_graphql::async_trait::async_trait]
impl async_graphql::extensions::Extension for SubscriptionsOnlyOverWebSocket {
    async fn parse_query(
        &self,
        ctx: &async_graphql::extensions::ExtensionContext<'_>,
        query: &str,
        variables: &async_graphql::Variables,
        next: async_graphql::extensions::NextParseQuery<'_>,
    ) -> async_graphql::ServerResult<async_graphql::parser::types::ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let subscription = |ty| ty == async_graphql::parser::types::OperationType::Subscription;
        if ctx.data_opt::<OverWebSocket>().is_some()
            && !document.operations.iter().all(|(_, op)| subscription(op.node.ty))
        {
            let mut error = async_graphql::ServerError::new(
                "over WebSocket only subscriptions are answered; send queries and mutations to POST /graphql",
                None,
            );
            error.extensions.get_or_insert_with(Default::default).set("code", "BAD_REQUEST");
            return Err(error);
        }
        Ok(document)
    }
}
