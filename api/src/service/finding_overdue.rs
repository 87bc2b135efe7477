//! Findings past their remediation due date: each emits `finding.overdue` once, so that GRC
//! tools and subscribers learn of it without polling.
use crate::auth::Caller;
use crate::db::begin_write;
use crate::error::ApiResult;
use crate::service::outbox;
use chrono::{DateTime, Utc};
use entity::finding;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;

/// Findings handled per run; the next run takes the rest.
const BATCH: u64 = 500;

/// Statuses in which a finding still waits for remediation.
pub const UNRESOLVED: [&str; 2] = ["open", "in_progress"];

/// Emits `finding.overdue` for unresolved findings due before `now`'s date; returns how many.
pub async fn mark_due(db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<usize> {
    let overdue = finding::Entity::find()
        .filter(finding::Column::Status.is_in(UNRESOLVED))
        .filter(finding::Column::DueDate.lt(now.date_naive()))
        .filter(finding::Column::OverdueNotifiedAt.is_null())
        .limit(BATCH)
        .all(db)
        .await?;
    let mut marked = 0;
    for found in overdue {
        let txn = begin_write(db).await?;
        // Marking first, conditionally, makes the event once-only even if two runs overlap.
        let claimed = finding::Entity::update_many()
            .col_expr(finding::Column::OverdueNotifiedAt, Expr::value(now))
            .filter(finding::Column::Id.eq(found.id))
            .filter(finding::Column::OverdueNotifiedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            let caller = Caller::system(found.organisation_id, "scheduler");
            let data = json!({
                "finding_id": found.id,
                "supplier_id": found.supplier_id,
                "assessment_id": found.assessment_id,
                "question_id": found.question_id,
                "title": found.title,
                "severity": found.severity,
                "status": found.status,
                "due_date": found.due_date,
                "days_overdue": (now.date_naive() - found.due_date).num_days(),
            });
            outbox::emit(&txn, &caller, "finding.overdue", data).await?;
            marked += 1;
        }
        txn.commit().await?;
    }
    Ok(marked)
}
