//! Remediating findings: an owner and a plan, the status workflow
//! (open -> in_progress -> resolved -> verified, reopened from any of them), and risk
//! accepted by an administrator with a reason and an expiry, after which the worker reopens
//! the finding. Every change is audited.
use crate::auth::{Actor, Caller, Permission};
use crate::db::begin_write;
use crate::domain::FindingStatus;
use crate::domain::{Moves, respondent_next};
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::kernel::lookup;
use crate::service::remediation::{self, comments};
use crate::service::{kernel::audit, kernel::now, kernel::outbox, kernel::validate, scoring::rescoring};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{finding, user as app_user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

/// Owner, plan and due date of a finding; absent fields stay as they are.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct FindingPatch {
    /// A user of your organisation who owns the remediation.
    pub owner_id: Option<Uuid>,
    /// What will be done, by whom.
    pub remediation_plan: Option<String>,
    /// A new due date.
    pub due_date: Option<NaiveDate>,
}

async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<finding::Model> {
    lookup::find::<finding::Entity>(db, caller, id).await
}

async fn save<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    before: &finding::Model,
    row: finding::ActiveModel,
    action: &str,
) -> ApiResult<finding::Model> {
    let after = row.update(db).await?;
    audit::record(db, caller, action, "finding", Some(after.id), audit::diff(Some(before), Some(&after))).await?;
    if after.status != before.status {
        status_changed(db, caller, &after, before.status).await?;
    }
    Ok(after)
}

/// Emits `finding.status_changed`, so that GRC tools learn of every step of a remediation.
async fn status_changed<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    finding: &finding::Model,
    from: FindingStatus,
) -> ApiResult<()> {
    let data = json!({
        "finding_id": finding.id,
        "supplier_id": finding.supplier_id,
        "assessment_id": finding.assessment_id,
        "from": from,
        "to": finding.status,
        "by": caller.actor_label(),
    });
    outbox::emit(db, caller, "finding.status_changed", data).await
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    patch: FindingPatch,
) -> ApiResult<finding::Model> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let plan =
        patch.remediation_plan.as_deref().map(|p| validate::optional_text(p, 5000)).transpose().unwrap_or_else(|m| {
            problems.add("input.remediationPlan", m);
            None
        });
    let txn = begin_write(db).await?;
    let found = get(&txn, caller, id).await?;
    if let Some(owner) = patch.owner_id {
        let user = lookup::find_optional::<app_user::Entity>(&txn, caller, owner).await?;
        if user.is_none() {
            problems.add("input.ownerId", "not a user of your organisation");
        }
    }
    problems.into_result()?;
    let mut row: finding::ActiveModel = found.clone().into();
    if let Some(owner) = patch.owner_id {
        row.owner_id = Set(Some(owner));
    }
    if let Some(plan) = plan {
        row.remediation_plan = Set(plan);
    }
    if let Some(due) = patch.due_date {
        row.due_date = Set(due);
        row.overdue_notified_at = Set(None);
    }
    row.updated_at = Set(now());
    let saved = save(&txn, caller, &found, row, "finding.update").await?;
    txn.commit().await?;
    Ok(saved)
}

/// An analyst moves a finding to `to`, following [`Moves::allowed_next`]; the comment (why,
/// what was checked) joins the finding's thread and its audit record.
pub async fn change_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    to: FindingStatus,
    comment: Option<&str>,
) -> ApiResult<finding::Model> {
    caller.require(Permission::WriteRegister)?;
    let comment = comment.map(|c| comments::checked(c, "comment")).transpose()?;
    move_status(db, caller, id, to, comment).await
}

/// Moves a finding to `to`. Analysts follow [`Moves::allowed_next`]; the supplier's
/// respondent follows [`respondent_next`] and resolves only with a document
/// proving the fix attached.
pub(crate) async fn move_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    to: FindingStatus,
    comment: Option<String>,
) -> ApiResult<finding::Model> {
    let txn = begin_write(db).await?;
    let found = remediation::reachable(&txn, caller, id, true).await?;
    let respondent = matches!(caller.actor, Actor::Respondent { .. });
    let documents =
        if respondent && to == FindingStatus::Resolved { remediation::fix_documents(&txn, id).await? } else { 0 };
    check_move(found.status, to, respondent, documents)?;
    let mut row: finding::ActiveModel = found.clone().into();
    row.status = Set(to);
    match to {
        FindingStatus::Resolved => row.resolved_at = Set(Some(now())),
        FindingStatus::Verified => row.verified_at = Set(Some(now())),
        FindingStatus::Open => {
            row.resolved_at = Set(None);
            row.verified_at = Set(None);
            row.risk_reason = Set(None);
            row.risk_accepted_until = Set(None);
        }
        _ => {}
    }
    row.updated_at = Set(now());
    let saved = save(&txn, caller, &found, row, "finding.status_change").await?;
    if let Some(body) = comment {
        let written = comments::insert(&txn, caller, &saved, body).await?;
        let changes = json!({"comment": written.body, "status": saved.status});
        audit::record(&txn, caller, "finding.comment", "finding", Some(saved.id), changes).await?;
    }
    // A verified fix counts as compliant in the supplier's score; reopening takes that back.
    if to == FindingStatus::Verified || found.status == FindingStatus::Verified {
        let reason = if to == FindingStatus::Verified { "finding verified" } else { "verified finding reopened" };
        rescoring::rescore(&txn, caller, &[found.supplier_id], reason).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// Whether a finding may go `from` -> `to`: the organisation follows
/// [`Moves::allowed_next`], the supplier's respondent [`respondent_next`]
/// and resolves only with `fix_documents` attached. The error names the moves that are allowed.
fn check_move(from: FindingStatus, to: FindingStatus, by_respondent: bool, fix_documents: u64) -> ApiResult<()> {
    let allowed = if by_respondent { respondent_next(from) } else { from.allowed_next() };
    if by_respondent && to == FindingStatus::Resolved && fix_documents == 0 {
        return Err(ApiError::field("status", "attach a document proving the fix before marking the finding resolved"));
    }
    if !allowed.contains(&to) {
        let allowed: Vec<&str> = allowed.iter().map(|s| s.as_db()).collect();
        let allowed = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
        return Err(ApiError::field("status", format!("a finding cannot go from {from} to {to}; allowed: {allowed}")));
    }
    Ok(())
}

/// An administrator accepts the risk until `until` (at most three years ahead), with a reason.
pub async fn accept_risk(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    reason: &str,
    until: NaiveDate,
) -> ApiResult<finding::Model> {
    caller.require(Permission::Administer)?;
    let mut problems = Problems::default();
    let reason = validate::required_text(reason, 2000).unwrap_or_else(|m| {
        problems.add("reason", m);
        String::new()
    });
    let today = now().date_naive();
    if until <= today || until > today + Duration::days(3 * 366) {
        problems.add("until", "a day after today and at most three years ahead");
    }
    problems.into_result()?;
    let txn = begin_write(db).await?;
    let found = get(&txn, caller, id).await?;
    if matches!(found.status, FindingStatus::Verified | FindingStatus::RiskAccepted) {
        return Err(ApiError::field("id", format!("the finding is {}; nothing to accept", found.status)));
    }
    let mut row: finding::ActiveModel = found.clone().into();
    row.status = Set(FindingStatus::RiskAccepted);
    row.risk_reason = Set(Some(reason));
    row.risk_accepted_until = Set(Some(until));
    row.updated_at = Set(now());
    let saved = save(&txn, caller, &found, row, "finding.risk_accepted").await?;
    txn.commit().await?;
    Ok(saved)
}

/// Reopens findings whose accepted risk expired before `now`'s date; returns how many.
pub async fn reopen_expired(db: &DatabaseConnection, at: DateTime<Utc>) -> ApiResult<usize> {
    let expired = finding::Entity::find()
        .filter(finding::Column::Status.eq(FindingStatus::RiskAccepted))
        .filter(finding::Column::RiskAcceptedUntil.lt(at.date_naive()))
        .all(db)
        .await?;
    for found in &expired {
        let caller = Caller::system(found.organisation_id, "scheduler");
        let txn = begin_write(db).await?;
        let mut row: finding::ActiveModel = found.clone().into();
        row.status = Set(FindingStatus::Open);
        row.updated_at = Set(now());
        let after = row.update(&txn).await?;
        let changes =
            json!({"status": {"before": "risk_accepted", "after": "open"}, "reason": "accepted risk expired"});
        audit::record(&txn, &caller, "finding.reopened", "finding", Some(after.id), changes).await?;
        status_changed(&txn, &caller, &after, FindingStatus::RiskAccepted).await?;
        txn.commit().await?;
    }
    Ok(expired.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use FindingStatus::*;

    fn refusal(from: FindingStatus, to: FindingStatus, by_respondent: bool, documents: u64) -> String {
        match check_move(from, to, by_respondent, documents) {
            Err(ApiError::Validation(errors)) => {
                assert_eq!(errors[0].field, "status");
                errors[0].message.clone()
            }
            other => panic!("{from} -> {to} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn a_respondent_resolves_only_with_a_document_and_never_verifies() {
        assert!(check_move(Open, Resolved, true, 1).is_ok());
        assert!(check_move(InProgress, Resolved, true, 2).is_ok());
        assert!(refusal(InProgress, Resolved, true, 0).contains("attach a document"));
        assert_eq!(
            refusal(Resolved, Verified, true, 1),
            "a finding cannot go from resolved to verified; allowed: none"
        );
        assert_eq!(
            refusal(InProgress, Open, true, 0),
            "a finding cannot go from in_progress to open; allowed: resolved"
        );
    }

    #[test]
    fn the_organisation_verifies_resolved_findings_and_reopens_any_without_a_document() {
        assert!(check_move(Resolved, Verified, false, 0).is_ok());
        assert!(check_move(Open, Resolved, false, 0).is_ok(), "an analyst may record a fix made elsewhere");
        for from in [InProgress, Resolved, Verified, RiskAccepted] {
            assert!(check_move(from, Open, false, 0).is_ok(), "{from} -> open");
        }
        assert_eq!(
            refusal(Open, Verified, false, 0),
            "a finding cannot go from open to verified; allowed: in_progress, resolved"
        );
        assert!(refusal(Verified, RiskAccepted, false, 0).ends_with("allowed: open"));
    }
}
