//! The outbox: events written in the same transaction as the change they report, with one
//! pending delivery per matching webhook subscription. The worker delivers them afterwards, so
//! that no change waits for (or is lost with) a slow or failing receiver.
use crate::auth::Caller;
use crate::domain::DeliveryStatus;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::kernel::now;
use entity::{outbox_event, webhook_delivery, webhook_subscription};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

/// The events GRC tools can subscribe to.
pub const EVENT_TYPES: &[&str] = &[
    "assessment.sent",
    "assessment.submitted",
    "assessment.completed",
    "score.changed",
    "finding.created",
    "finding.overdue",
    "finding.status_changed",
];

/// Records `event_type` with `data`; the body delivered is
/// `{"id", "type", "organisation_id", "created_at", "data"}`.
pub async fn emit<C: ConnectionTrait>(db: &C, caller: &Caller, event_type: &str, data: Value) -> ApiResult<()> {
    let id = Uuid::new_v4();
    let created_at = now();
    let payload = json!({
        "id": id,
        "type": event_type,
        "organisation_id": caller.organisation_id,
        "created_at": created_at,
        "data": data,
    });
    outbox_event::ActiveModel {
        id: Set(id),
        organisation_id: Set(caller.organisation_id),
        event_type: Set(event_type.to_owned()),
        payload: Set(payload),
        created_at: Set(created_at),
    }
    .insert(db)
    .await?;
    // Every event reports a change the dashboard counts (scores, findings, assessments).
    crate::service::kernel::changes::changed(db, caller.organisation_id).await?;
    let subscriptions = lookup::scoped::<webhook_subscription::Entity>(caller)
        .filter(webhook_subscription::Column::Active.eq(true))
        .all(db)
        .await?;
    for subscription in subscriptions {
        let wanted: Vec<String> = serde_json::from_value(subscription.event_types.clone()).unwrap_or_default();
        if !wanted.iter().any(|t| t == event_type) {
            continue;
        }
        webhook_delivery::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(caller.organisation_id),
            subscription_id: Set(subscription.id),
            event_id: Set(id),
            status: Set(DeliveryStatus::Pending),
            attempts: Set(0),
            next_attempt_at: Set(created_at),
            locked_until: Set(None),
            last_status_code: Set(None),
            last_error: Set(None),
            delivered_at: Set(None),
            created_at: Set(created_at),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
