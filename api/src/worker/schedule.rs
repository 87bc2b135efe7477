//! Scheduled jobs: reminders before and after due dates, overdue findings, due
//! re-assessments, expired risk acceptances and re-scores after large graph changes. With several replicas, a lease row lets one worker at a time run them.
use crate::error::ApiResult;
use crate::service::{
    assessment::reassessment, assessment::reminder, remediation::overdue as finding_overdue,
    remediation::workflow as remediation, scoring::rescoring,
};
use chrono::{DateTime, Duration, Utc};
use entity::worker_lease;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};

const LEASE: &str = "schedule";
/// A run that takes longer than this is presumed dead and another worker may start.
const LEASE_MINUTES: i64 = 10;

/// What one run of the scheduled jobs did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ScheduleReport {
    pub reminders: usize,
    pub overdue_findings: usize,
    pub reassessments: usize,
    pub reopened_findings: usize,
    /// Suppliers re-scored after a large change in the graph.
    pub rescored_suppliers: usize,
    /// Attempt counters of addresses whose window ended a day ago.
    pub forgotten_rate_limits: u64,
}

/// Runs the scheduled jobs as of `now` (tests pass a future date), unless another worker is
/// running them; returns None then.
pub async fn run_scheduled_jobs(
    db: &DatabaseConnection,
    holder: &str,
    now: DateTime<Utc>,
) -> ApiResult<Option<ScheduleReport>> {
    if !acquire(db, holder).await? {
        return Ok(None);
    }
    let report = async {
        Ok::<_, crate::error::ApiError>(ScheduleReport {
            reminders: reminder::send_due(db, now).await?,
            overdue_findings: finding_overdue::mark_due(db, now).await?,
            reassessments: reassessment::create_due(db, now).await?,
            reopened_findings: remediation::reopen_expired(db, now).await?,
            rescored_suppliers: rescoring::run_queued(db, now).await?,
            forgotten_rate_limits: crate::throttle::forget_stale(db, now).await?,
        })
    }
    .await;
    release(db, holder).await?;
    report.map(Some)
}

async fn acquire(db: &DatabaseConnection, holder: &str) -> ApiResult<bool> {
    let now = Utc::now();
    let until = now + Duration::minutes(LEASE_MINUTES);
    let taken = worker_lease::Entity::update_many()
        .col_expr(worker_lease::Column::Holder, Expr::value(holder))
        .col_expr(worker_lease::Column::Until, Expr::value(until))
        .filter(worker_lease::Column::Name.eq(LEASE))
        .filter(Condition::any().add(worker_lease::Column::Until.lt(now)).add(worker_lease::Column::Holder.eq(holder)))
        .exec(db)
        .await?;
    if taken.rows_affected == 1 {
        return Ok(true);
    }
    let inserted = worker_lease::Entity::insert(worker_lease::ActiveModel {
        name: Set(LEASE.to_owned()),
        holder: Set(holder.to_owned()),
        until: Set(until),
    })
    .on_conflict(OnConflict::column(worker_lease::Column::Name).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

async fn release(db: &DatabaseConnection, holder: &str) -> ApiResult<()> {
    worker_lease::Entity::update_many()
        .col_expr(worker_lease::Column::Until, Expr::value(Utc::now() - Duration::seconds(1)))
        .filter(worker_lease::Column::Name.eq(LEASE))
        .filter(worker_lease::Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}
