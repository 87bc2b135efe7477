//! The audit log: one append-only event per change, written in the change's transaction.
use crate::auth::{Caller, Permission};
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::kernel::page::{self, Page, PageRequest};
use entity::audit_event;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// Fields never copied into the log: secrets and bookkeeping.
const UNLOGGED: &[&str] = &["password_hash", "token_hash", "updated_at", "organisation_id"];

pub async fn record<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    action: &str,
    object_type: &str,
    object_id: Option<Uuid>,
    changes: Value,
) -> ApiResult<()> {
    let event = audit_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        actor_kind: Set(caller.actor_kind()),
        actor_id: Set(caller.actor_id()),
        actor_label: Set(caller.actor_label()),
        action: Set(action.to_owned()),
        object_type: Set(object_type.to_owned()),
        object_id: Set(object_id),
        changes: Set(changes),
        created_at: Set(crate::service::kernel::now()),
    };
    audit_event::Entity::insert(event).exec_without_returning(db).await?;
    if crate::service::kernel::changes::affects(action) {
        crate::service::kernel::changes::changed(db, caller.organisation_id).await?;
    }
    Ok(())
}

/// One event of [`record_many`]: action, object type, object id and changes.
pub type Event = (&'static str, &'static str, Uuid, Value);

/// Records many events of one change (an import) in a few statements, counted as one change
/// of the organisation's data.
pub async fn record_many<C: ConnectionTrait>(db: &C, caller: &Caller, events: Vec<Event>) -> ApiResult<()> {
    let now = crate::service::kernel::now();
    let (kind, id, label) = (caller.actor_kind(), caller.actor_id(), caller.actor_label());
    let mut rows = events.into_iter().map(|(action, object_type, object_id, changes)| audit_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        actor_kind: Set(kind),
        actor_id: Set(id),
        actor_label: Set(label.clone()),
        action: Set(action.to_owned()),
        object_type: Set(object_type.to_owned()),
        object_id: Set(Some(object_id)),
        changes: Set(changes),
        created_at: Set(now),
    });
    let mut any = false;
    loop {
        // A few hundred rows per statement stay under SQLite's bound on parameters.
        let chunk: Vec<audit_event::ActiveModel> = rows.by_ref().take(300).collect();
        if chunk.is_empty() {
            break;
        }
        any = true;
        audit_event::Entity::insert_many(chunk).exec_without_returning(db).await?;
    }
    if any {
        crate::service::kernel::changes::changed(db, caller.organisation_id).await?;
    }
    Ok(())
}

/// `{"field": {"before": .., "after": ..}}` for every field that differs between two snapshots.
pub fn diff<T: Serialize>(before: Option<&T>, after: Option<&T>) -> Value {
    let as_map = |value: Option<&T>| -> Map<String, Value> {
        match value.map(serde_json::to_value) {
            Some(Ok(Value::Object(map))) => map,
            _ => Map::new(),
        }
    };
    let (before, after) = (as_map(before), as_map(after));
    let mut changes = Map::new();
    let keys = before.keys().chain(after.keys().filter(|k| !before.contains_key(*k)));
    for key in keys {
        if UNLOGGED.contains(&key.as_str()) {
            continue;
        }
        let (old, new) = (before.get(key), after.get(key));
        if old != new {
            changes.insert(key.clone(), json!({"before": old, "after": new}));
        }
    }
    Value::Object(changes)
}

/// Narrows the audit log.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct AuditFilter {
    /// Exact action, e.g. `supplier.update`.
    pub action: Option<String>,
    /// Object type, e.g. `supplier`.
    pub object_type: Option<String>,
    /// Events about this object only.
    pub object_id: Option<Uuid>,
    /// Events by this user or API token only.
    pub actor_id: Option<Uuid>,
    /// Events at or after this instant.
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Events before this instant.
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

/// Newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    filter: AuditFilter,
    page: PageRequest,
) -> ApiResult<Page<audit_event::Model>> {
    caller.require(Permission::Read)?;
    let mut select = lookup::scoped::<audit_event::Entity>(caller);
    if let Some(action) = filter.action {
        select = select.filter(audit_event::Column::Action.eq(action));
    }
    if let Some(object_type) = filter.object_type {
        select = select.filter(audit_event::Column::ObjectType.eq(object_type));
    }
    if let Some(object_id) = filter.object_id {
        select = select.filter(audit_event::Column::ObjectId.eq(object_id));
    }
    if let Some(actor_id) = filter.actor_id {
        select = select.filter(audit_event::Column::ActorId.eq(actor_id));
    }
    if let Some(since) = filter.since {
        select = select.filter(audit_event::Column::CreatedAt.gte(since));
    }
    if let Some(until) = filter.until {
        select = select.filter(audit_event::Column::CreatedAt.lt(until));
    }
    let ordered = select.clone().order_by_desc(audit_event::Column::CreatedAt).order_by_desc(audit_event::Column::Id);
    page::fetch(db, select, ordered, page).await
}
