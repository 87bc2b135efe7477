//! The audit log.
use crate::domain::ActorKind;
use crate::error::GqlResultExt;
use crate::graphql::kernel::page::{PageConnection, connection};
use crate::graphql::{caller, db};
use crate::service::kernel::audit::AuditFilter;
use crate::service::kernel::page::PageRequest;
use crate::service::{self};
use async_graphql::{Context, Json, Object, Result};
use chrono::{DateTime, Utc};
use entity::audit_event;
use uuid::Uuid;

/// One recorded change.
pub struct AuditEvent(pub audit_event::Model);

/// One recorded change.
#[Object]
impl AuditEvent {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Who acted: a user, an API token, Chainward itself or a respondent.
    async fn actor_kind(&self) -> ActorKind {
        self.0.actor_kind
    }
    /// The user or API token that acted.
    async fn actor_id(&self) -> Option<Uuid> {
        self.0.actor_id
    }
    /// E-mail of the user or name of the token, as it was at the time.
    async fn actor_label(&self) -> &str {
        &self.0.actor_label
    }
    /// What happened, e.g. `supplier.update`.
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// Kind of object changed, e.g. `supplier`.
    async fn object_type(&self) -> &str {
        &self.0.object_type
    }
    /// Identifier of the object changed.
    async fn object_id(&self) -> Option<Uuid> {
        self.0.object_id
    }
    /// Changed fields: `{"field": {"before": .., "after": ..}}`.
    async fn changes(&self) -> Json<serde_json::Value> {
        Json(self.0.changes.clone())
    }
    /// When it happened.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit log of your organisation, newest first.
    #[graphql(complexity = "first.unwrap_or(50).max(0) as usize * child_complexity")]
    async fn audit_events(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<PageConnection<AuditEvent>> {
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let events =
            service::kernel::audit::list(db(ctx), caller(ctx)?, filter.unwrap_or_default(), page).await.gql()?;
        Ok(connection(events, AuditEvent))
    }
}
