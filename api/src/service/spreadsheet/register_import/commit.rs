//! Committing a register import: the rows are planned again against the register as it is at
//! commit time (someone may have changed a supplier since the preview) and written in one
//! transaction: suppliers, contacts, services and dependencies, each audited. Re-scoring what
//! the import moved is left to the worker.
use super::rows::RowChange;
use super::{get, plan, stored};
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::ImportStatus;
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::audit::{self, Event};
use crate::service::kernel::now;
use crate::service::scoring::rescoring;
use entity::{dependency, import_batch, supplier, supplier_contact};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel};
use serde_json::json;
use uuid::Uuid;

/// Rows per insert statement (SQLite bounds the parameters of one statement).
const ROWS_PER_INSERT: usize = 200;

/// Applies a previewed register import. Rows with problems are refused unless `skip_invalid`,
/// which imports the others.
pub async fn commit(
    db: &DatabaseConnection,
    caller: &Caller,
    batch_id: Uuid,
    skip_invalid: bool,
) -> ApiResult<import_batch::Model> {
    caller.require(Permission::WriteRegister)?;
    let batch = get(db, caller, batch_id).await?;
    if batch.status != ImportStatus::Previewed {
        return Err(ApiError::field("batchId", format!("this import was already {}", batch.status)));
    }
    let txn = begin_write(db).await?;
    let sheets = stored::sheets(&txn, &batch).await?;
    let plan = plan(&txn, caller, &sheets).await?;
    let counts = plan.preview.counts.clone();
    let invalid = counts.invalid + counts.invalid_links;
    if invalid > 0 && !skip_invalid {
        return Err(ApiError::field(
            "skipInvalid",
            format!(
                "{invalid} row(s) have problems; correct the file, or commit with skipInvalid to import the others"
            ),
        ));
    }
    let mut events: Vec<Event> = Vec::new();
    let (mut created, mut tier_moved) = (Vec::new(), Vec::new());
    let mut contacts_new: Vec<supplier_contact::Model> = Vec::new();
    for planned in plan.rows {
        match (planned.preview.change, planned.before) {
            (RowChange::New, _) => {
                events.push(("supplier.create", "supplier", planned.after.id, audit::diff(None, Some(&planned.after))));
                created.push(planned.after);
            }
            (RowChange::Changed, Some(before)) => {
                let mut after = planned.after;
                let changes = audit::diff(Some(&before), Some(&after));
                if changes.as_object().is_some_and(|c| !c.is_empty()) {
                    after.updated_at = now();
                    let tier =
                        |s: &supplier::Model| (s.data_sensitivity, s.access_level, s.substitutability, s.nis2_relevant);
                    if tier(&before) != tier(&after) {
                        tier_moved.push(after.id);
                    }
                    after.into_active_model().reset_all().update(&txn).await?;
                    events.push(("supplier.update", "supplier", before.id, changes));
                }
                for contact in planned.changed_contacts {
                    let id = contact.id;
                    contact.into_active_model().reset_all().update(&txn).await?;
                    events.push(("supplier_contact.update", "supplier_contact", id, json!({"import": batch_id})));
                }
            }
            _ => continue,
        }
        contacts_new.extend(planned.new_contacts);
    }
    insert_all(&txn, created.into_iter().map(|s| s.into_active_model().reset_all())).await?;
    for contact in &contacts_new {
        events.push(("supplier_contact.create", "supplier_contact", contact.id, audit::diff(None, Some(contact))));
    }
    insert_all(&txn, contacts_new.into_iter().map(|c| c.into_active_model().reset_all())).await?;
    for service in &plan.links.new_services {
        events.push(("service.create", "service", service.id, audit::diff(None, Some(service))));
    }
    insert_all(&txn, plan.links.new_services.into_iter().map(|s| s.into_active_model().reset_all())).await?;
    let edges: Vec<dependency::Model> = plan
        .links
        .edges
        .iter()
        .map(|edge| dependency::Model {
            id: Uuid::new_v4(),
            organisation_id: caller.organisation_id,
            dependent_kind: edge.dependent.0,
            dependent_id: edge.dependent.1,
            provider_kind: crate::domain::NodeKind::Supplier,
            provider_id: edge.provider,
            description: None,
            created_at: now(),
            function: edge.function.clone(),
            alternative: false,
        })
        .collect();
    let providers: Vec<Uuid> = edges.iter().map(|e| e.provider_id).collect();
    for edge in &edges {
        events.push(("dependency.create", "dependency", edge.id, audit::diff(None, Some(edge))));
    }
    insert_all(&txn, edges.into_iter().map(|e| e.into_active_model().reset_all())).await?;
    let mut affected = rescoring::scored_beneath_any(&txn, caller, &providers).await?;
    affected.extend(tier_moved);
    affected.sort();
    affected.dedup();
    rescoring::queue(&txn, caller, &affected).await?;
    audit::record_many(&txn, caller, events).await?;
    let mut row: import_batch::ActiveModel = batch.into();
    row.status = Set(ImportStatus::Committed);
    row.committed_at = Set(Some(now()));
    // What was written is what the commit planned, which the preview may predate.
    row.changes = Set(stored::summary(&sheets, &plan.preview).1);
    let committed = row.update(&txn).await?;
    stored::save_previews(&txn, &committed, &plan.preview).await?;
    let summary = json!({"file": committed.file_name, "sha256": committed.file_sha256, "counts": counts,
        "skippedInvalid": if skip_invalid { invalid } else { 0 }, "rescoringQueued": affected.len()});
    audit::record(&txn, caller, "register_import.commit", "import_batch", Some(committed.id), summary).await?;
    txn.commit().await?;
    Ok(committed)
}

/// Inserts rows a few hundred per statement.
async fn insert_all<C, A>(db: &C, rows: impl Iterator<Item = A>) -> ApiResult<()>
where
    C: ConnectionTrait,
    A: ActiveModelTrait,
{
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}
