//! Findings past their remediation due date: each emits `finding.overdue` once, so that GRC
//! tools and subscribers learn of it without polling, and reminds the supplier's respondent.
use crate::auth::Caller;
use crate::db::begin_write;
use crate::domain::UNRESOLVED_FINDINGS;
use crate::error::ApiResult;
use crate::service::{kernel::notification, kernel::outbox};
use chrono::{DateTime, Utc};
use entity::finding;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;

/// Findings handled per run; the next run takes the rest.
const BATCH: u64 = 500;

/// Emits `finding.overdue` for unresolved findings due before `now`'s date; returns how many.
pub async fn mark_due(db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<usize> {
    let overdue = finding::Entity::find()
        .filter(finding::Column::Status.is_in(UNRESOLVED_FINDINGS))
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
            remind_supplier(&txn, &found).await?;
            marked += 1;
        }
        txn.commit().await?;
    }
    Ok(marked)
}

/// Reminds the supplier's respondent who answers for the finding (its contact's invitation,
/// else the invited respondent) while their link still works.
async fn remind_supplier<C: ConnectionTrait>(db: &C, found: &finding::Model) -> ApiResult<()> {
    let Some(assessment_id) = found.assessment_id else { return Ok(()) };
    let invited: Vec<_> = notification::active_invitations(db, assessment_id)
        .await?
        .into_iter()
        .filter(|i| i.delegated_by.is_none())
        .collect();
    let chosen = invited.iter().find(|i| found.contact_id.is_some() && i.contact_id == found.contact_id);
    if let Some(invitation) = chosen.or(invited.first()) {
        notification::finding_overdue_mail(db, invitation, found).await?;
    }
    Ok(())
}
