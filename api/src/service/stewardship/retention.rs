//! The daily purge: what each organisation's retention periods (`kernel::retention`) no longer
//! keep is deleted, one organisation per transaction, and the audit trail records how many of
//! each (counts, never contents). Once a day across every replica (a lease row).
use crate::auth::Caller;
use crate::domain::{DeliveryStatus, MailStatus, SupplierStatus};
use crate::error::ApiResult;
use crate::service::kernel::audit;
use crate::service::kernel::settings::OrganisationSettings;
use crate::storage::DocumentStore;
use chrono::{DateTime, Duration, Utc};
use entity::{
    assessment, audit_event, evidence, import_batch, mail_message, organisation, outbox_event, supplier,
    webhook_delivery, worker_lease,
};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use std::collections::BTreeSet;
use uuid::Uuid;

/// How many rows of each kind a purge deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Purged {
    pub mail_copies: u64,
    pub delivery_logs: u64,
    pub events: u64,
    pub import_batches: u64,
    pub audit_events: u64,
    pub documents: u64,
}

impl Purged {
    fn is_empty(&self) -> bool {
        *self == Purged::default()
    }
}

const LEASE: &str = "retention";
/// Ids per statement: well under SQLite's and PostgreSQL's parameter limits.
const CHUNK: usize = 500;

/// Purges every organisation, unless a purge already ran within the day (on any replica);
/// returns None then.
pub async fn run_daily(
    db: &DatabaseConnection,
    store: &DocumentStore,
    now: DateTime<Utc>,
) -> ApiResult<Option<Purged>> {
    // The lease row's `until` is when the next purge is due: taking it is one update.
    let next = now + Duration::days(1);
    let taken = worker_lease::Entity::update_many()
        .col_expr(worker_lease::Column::Until, Expr::value(next))
        .col_expr(worker_lease::Column::Holder, Expr::value("daily purge"))
        .filter(worker_lease::Column::Name.eq(LEASE))
        .filter(worker_lease::Column::Until.lte(now))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    let first = !taken
        && worker_lease::Entity::insert(worker_lease::ActiveModel {
            name: Set(LEASE.to_owned()),
            holder: Set("daily purge".to_owned()),
            until: Set(next),
        })
        .on_conflict(OnConflict::column(worker_lease::Column::Name).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?
            == 1;
    if !taken && !first {
        return Ok(None);
    }
    let mut total = Purged::default();
    for organisation in organisation::Entity::find().order_by_asc(organisation::Column::Id).all(db).await? {
        // One organisation's failure is logged and leaves the others' purge to run.
        let purged = match purge(db, store, &organisation, now).await {
            Ok(purged) => purged,
            Err(error) => {
                tracing::warn!(%error, organisation = %organisation.id, "retention purge failed");
                continue;
            }
        };
        total.mail_copies += purged.mail_copies;
        total.delivery_logs += purged.delivery_logs;
        total.events += purged.events;
        total.import_batches += purged.import_batches;
        total.audit_events += purged.audit_events;
        total.documents += purged.documents;
    }
    Ok(Some(total))
}

/// Purges what `organisation`'s retention periods no longer keep as of `now`.
pub async fn purge(
    db: &DatabaseConnection,
    store: &DocumentStore,
    organisation: &organisation::Model,
    now: DateTime<Utc>,
) -> ApiResult<Purged> {
    let periods = OrganisationSettings::of(organisation).retention;
    let id = organisation.id;
    let before = |days: i32| now - Duration::days(days.into());
    let txn = crate::db::begin_write(db).await?;
    let mail_copies = mail_message::Entity::delete_many()
        .filter(mail_message::Column::OrganisationId.eq(id))
        .filter(mail_message::Column::Status.is_in([MailStatus::Sent, MailStatus::Dead]))
        .filter(mail_message::Column::CreatedAt.lt(before(periods.mail_copies_days)))
        .exec(&txn)
        .await?
        .rows_affected;
    let mut purged = Purged { mail_copies, ..Default::default() };
    let logs = before(periods.delivery_logs_days);
    purged.delivery_logs = webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::OrganisationId.eq(id))
        .filter(webhook_delivery::Column::Status.is_in([DeliveryStatus::Delivered, DeliveryStatus::Dead]))
        .filter(webhook_delivery::Column::CreatedAt.lt(logs))
        .exec(&txn)
        .await?
        .rows_affected;
    // An event stays while a delivery of it is still on record.
    let delivered = webhook_delivery::Entity::find()
        .select_only()
        .column(webhook_delivery::Column::EventId)
        .filter(webhook_delivery::Column::OrganisationId.eq(id))
        .into_query();
    purged.events = outbox_event::Entity::delete_many()
        .filter(outbox_event::Column::OrganisationId.eq(id))
        .filter(outbox_event::Column::CreatedAt.lt(logs))
        .filter(outbox_event::Column::Id.not_in_subquery(delivered))
        .exec(&txn)
        .await?
        .rows_affected;
    purged.import_batches = import_batch::Entity::delete_many()
        .filter(import_batch::Column::OrganisationId.eq(id))
        .filter(import_batch::Column::CreatedAt.lt(before(periods.import_batches_days)))
        .exec(&txn)
        .await?
        .rows_affected;
    let mut gone = BTreeSet::new();
    if let Some(days) = periods.terminated_supplier_documents_days {
        for assessments in terminated_before(&txn, id, before(days)).await?.chunks(CHUNK) {
            let documents = evidence::Entity::find()
                .filter(evidence::Column::OrganisationId.eq(id))
                .filter(evidence::Column::AssessmentId.is_in(assessments.iter().copied()))
                .all(&txn)
                .await?;
            gone.extend(documents.iter().map(|d| d.sha256.clone()));
            purged.documents += evidence::Entity::delete_many()
                .filter(evidence::Column::Id.is_in(documents.iter().map(|d| d.id)))
                .exec(&txn)
                .await?
                .rows_affected;
        }
    }
    // After the documents: their suppliers' terminations are read from the audit trail.
    if let Some(days) = periods.audit_events_days {
        purged.audit_events = audit_event::Entity::delete_many()
            .filter(audit_event::Column::OrganisationId.eq(id))
            .filter(audit_event::Column::CreatedAt.lt(before(days)))
            .exec(&txn)
            .await?
            .rows_affected;
    }
    if !purged.is_empty() {
        let caller = Caller::system(id, "retention");
        let counts = serde_json::to_value(&purged).unwrap_or_default();
        audit::record(&txn, &caller, "retention.purge", "organisation", Some(id), counts).await?;
    }
    txn.commit().await?;
    super::organisation::delete_unnamed(db, store, gone).await?;
    Ok(purged)
}

/// The assessments of the organisation's suppliers terminated before `cutoff`: when their
/// status last changed, by the audit trail, or else (the record purged) when they were last
/// changed at all.
async fn terminated_before<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    cutoff: DateTime<Utc>,
) -> ApiResult<Vec<Uuid>> {
    let terminated: Vec<(Uuid, DateTime<Utc>)> = supplier::Entity::find()
        .select_only()
        .column(supplier::Column::Id)
        .column(supplier::Column::UpdatedAt)
        .filter(supplier::Column::OrganisationId.eq(organisation))
        .filter(supplier::Column::Status.eq(SupplierStatus::Terminated))
        .into_tuple()
        .all(db)
        .await?;
    let mut due = Vec::new();
    for chunk in terminated.chunks(CHUNK) {
        let changes = audit_event::Entity::find()
            .filter(audit_event::Column::OrganisationId.eq(organisation))
            .filter(audit_event::Column::Action.eq("supplier.status_change"))
            .filter(audit_event::Column::ObjectId.is_in(chunk.iter().map(|(id, _)| *id)))
            .order_by_desc(audit_event::Column::CreatedAt)
            .all(db)
            .await?;
        let mut seen = BTreeSet::new();
        for change in changes {
            let Some(supplier) = change.object_id else { continue };
            // The newest change of each supplier is the one into `terminated`.
            if seen.insert(supplier) && change.created_at < cutoff {
                due.push(supplier);
            }
        }
        due.extend(chunk.iter().filter(|(id, changed)| !seen.contains(id) && *changed < cutoff).map(|(id, _)| *id));
    }
    let mut assessments = Vec::new();
    for suppliers in due.chunks(CHUNK) {
        let of_these: Vec<Uuid> = assessment::Entity::find()
            .select_only()
            .column(assessment::Column::Id)
            .filter(assessment::Column::OrganisationId.eq(organisation))
            .filter(Condition::all().add(assessment::Column::SupplierId.is_in(suppliers.iter().copied())))
            .into_tuple()
            .all(db)
            .await?;
        assessments.extend(of_these);
    }
    Ok(assessments)
}
