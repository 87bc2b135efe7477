//! What every domain builds on: the tenant-scoped lookup, the audit log, the outbox of events,
//! paging, field checks, the unique keys, the mail queue, and the organisation's settings as they are in force.
//! Nothing here imports another domain.
pub mod audit;
pub mod changes;
pub mod in_response;
pub mod lookup;
pub mod notification;
pub mod outbox;
pub mod outgoing;
pub mod page;
pub mod retention;
pub mod settings;
pub mod unique;
pub mod validate;

/// The time every service stamps its writes with.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
