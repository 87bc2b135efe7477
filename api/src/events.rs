//! Live events for GraphQL subscriptions. The worker of each replica tails the outbox table
//! and publishes new events here, so a subscriber hears of changes made through any replica.
//! Delivery is best effort (a slow subscriber skips what it missed); webhooks are the
//! at-least-once channel.
use chrono::{DateTime, Duration, Utc};
use entity::outbox_event;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::broadcast;
use uuid::Uuid;

/// Events kept for a subscriber that falls behind.
const BUFFER: usize = 1024;
/// Transactions commit a little after their events were stamped: look back this far.
const LOOK_BACK_SECONDS: i64 = 30;
/// Most events read per poll.
const BATCH: u64 = 1000;

#[derive(Clone)]
pub struct EventHub {
    sender: broadcast::Sender<Arc<outbox_event::Model>>,
}

impl Default for EventHub {
    fn default() -> Self {
        EventHub { sender: broadcast::channel(BUFFER).0 }
    }
}

impl EventHub {
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<outbox_event::Model>> {
        self.sender.subscribe()
    }

    fn publish(&self, event: outbox_event::Model) {
        // No subscriber is not an error.
        let _ = self.sender.send(Arc::new(event));
    }

    fn has_subscribers(&self) -> bool {
        self.sender.receiver_count() > 0
    }
}

/// Where the tail of the outbox stands: events seen within the look-back window.
pub struct OutboxTail {
    since: DateTime<Utc>,
    seen: HashMap<Uuid, DateTime<Utc>>,
}

impl Default for OutboxTail {
    /// Starts at the present: subscribers hear of new events only.
    fn default() -> Self {
        OutboxTail { since: Utc::now(), seen: HashMap::new() }
    }
}

impl OutboxTail {
    /// Publishes the events committed since the last call; returns how many.
    pub async fn poll(&mut self, db: &DatabaseConnection, hub: &EventHub) -> Result<usize, sea_orm::DbErr> {
        if !hub.has_subscribers() {
            *self = OutboxTail::default();
            return Ok(0);
        }
        let from = self.since - Duration::seconds(LOOK_BACK_SECONDS);
        let events = outbox_event::Entity::find()
            .filter(outbox_event::Column::CreatedAt.gt(from))
            .order_by_asc(outbox_event::Column::CreatedAt)
            .limit(BATCH)
            .all(db)
            .await?;
        let mut published = 0;
        for event in events {
            if self.seen.contains_key(&event.id) {
                continue;
            }
            self.seen.insert(event.id, event.created_at);
            self.since = self.since.max(event.created_at);
            hub.publish(event);
            published += 1;
        }
        let horizon = self.since - Duration::seconds(LOOK_BACK_SECONDS);
        self.seen.retain(|_, at| *at > horizon);
        Ok(published)
    }
}
