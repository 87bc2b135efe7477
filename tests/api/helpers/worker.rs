//! The worker's schedule, run by a test as if it were a given day.
use super::TestApp;
use chrono::{DateTime, NaiveDate, Utc};

/// Runs the scheduled jobs as if it were `day` (retrying while the app's own worker holds
/// the schedule lease).
pub async fn run_jobs_on(app: &TestApp, day: NaiveDate) -> chainward::worker::ScheduleReport {
    let at: DateTime<Utc> = day.and_hms_opt(8, 0, 0).unwrap().and_utc();
    for _ in 0..100 {
        if let Some(report) = chainward::worker::run_scheduled_jobs(&app.state.db, "test", at).await.expect("jobs run")
        {
            return report;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the schedule lease was never free");
}
