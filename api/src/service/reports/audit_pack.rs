//! The NIS 2 supply-chain audit pack (IR 2024/2690 section 5) for a period: one zip with the
//! register (5.2), the tiering criteria and weights in force, the review schedule with when each
//! supplier was last assessed, the report of every supplier assessed in the period, the
//! contract clause coverage (5.1.4 (a)-(h)) per supplier, the audit log of the period, and a
//! manifest of every file with its SHA-256, so that an auditor can verify nothing was altered.
use super::{file_stem, supplier as supplier_report};
use crate::auth::{Caller, Permission};
use crate::domain::{AssessmentStatus, Rating};
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::kernel::{lookup, now, settings};
use crate::service::spreadsheet::register::RegisterPages;
use chrono::{Days, Months, NaiveDate};
use entity::{assessment, audit_event, supplier};
use questionnaires::sheet::export::{csv_row, table_csv};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;
use std::io::Write;
use uuid::Uuid;

/// Suppliers whose report a pack may hold; more means a shorter period.
pub const MAX_REPORTS: usize = 300;
/// Audit events a pack may hold.
pub const MAX_EVENTS: usize = 500_000;

/// Files of the pack, in order, before the manifest.
struct Pack {
    files: Vec<(String, Vec<u8>)>,
}

impl Pack {
    fn add(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.push((path.into(), bytes));
    }

    /// The manifest: every file with its size and SHA-256, then the zip of all.
    fn finish(mut self, period: &str) -> ApiResult<Vec<u8>> {
        let rows: Vec<Vec<String>> = self
            .files
            .iter()
            .map(|(path, bytes)| vec![path.clone(), bytes.len().to_string(), crate::auth::secret::sha256_hex(bytes)])
            .collect();
        let manifest = table_csv(&["file", "bytes", "sha256"], &rows);
        let readme = format!(
            "Chainward NIS 2 supply-chain audit pack, {period}.\r\n\r\nmanifest.csv lists every other file of this archive with its size and SHA-256.\r\nCheck one with: sha256sum <file>  (or: shasum -a 256 <file>)\r\n"
        );
        self.files.push(("manifest.csv".into(), manifest));
        self.files.push(("README.txt".into(), readme.into_bytes()));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (path, bytes) in &self.files {
            zip.start_file(path.as_str(), options).map_err(ApiError::internal)?;
            zip.write_all(bytes).map_err(ApiError::internal)?;
        }
        Ok(zip.finish().map_err(ApiError::internal)?.into_inner())
    }
}

fn date(value: Option<NaiveDate>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

/// The tiering criteria, weights, bands and review intervals in force.
fn tiering(rules: &settings::OrganisationSettings) -> Vec<u8> {
    let w = &rules.inherent_risk_weights;
    let b = &rules.rating_bands;
    let months = |r: Rating| rules.reassessment_months.for_rating(r).map(|m| m.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = [
        ("inherent risk factor", "data sensitivity", w.data_sensitivity.to_string()),
        ("inherent risk factor", "access to our systems", w.access_level.to_string()),
        ("inherent risk factor", "criticality of dependent services", w.service_criticality.to_string()),
        ("inherent risk factor", "substitutability", w.substitutability.to_string()),
        ("inherent risk factor", "NIS 2 relevance", w.nis2_relevance.to_string()),
        ("rating band (residual risk up to)", "low", b.low.to_string()),
        ("rating band (residual risk up to)", "medium", b.medium.to_string()),
        ("rating band (residual risk up to)", "high", b.high.to_string()),
        ("review interval (months)", "critical", months(Rating::Critical)),
        ("review interval (months)", "high", months(Rating::High)),
        ("review interval (months)", "medium", months(Rating::Medium)),
        ("review interval (months)", "low", months(Rating::Low)),
    ]
    .into_iter()
    .map(|(kind, what, value)| vec![kind.to_owned(), what.to_owned(), value])
    .collect();
    table_csv(&["criterion", "item", "value"], &rows)
}

/// Checks the period; returns it as the first and the day after the last day.
fn period(from: NaiveDate, until: NaiveDate) -> ApiResult<(NaiveDate, NaiveDate)> {
    let mut problems = Problems::default();
    if until < from {
        problems.add("until", "must not be before from");
    }
    if from.checked_add_months(Months::new(60)).is_some_and(|limit| until > limit) {
        problems.add("until", "a pack covers at most five years");
    }
    problems.into_result()?;
    Ok((from, until + Days::new(1)))
}

/// The pack for the period `from`..=`until`, and a file name for it.
pub async fn build<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    from: NaiveDate,
    until: NaiveDate,
) -> ApiResult<(String, Vec<u8>)> {
    caller.require(Permission::Read)?;
    let (start, end) = period(from, until)?;
    let (start_at, end_at) = (
        start.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        end.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
    );
    let mut pack = Pack { files: Vec::new() };
    let mut register = String::new();
    let mut pages = RegisterPages::open(caller.clone())?;
    while let Some(page) = pages.next_csv(db).await? {
        register.push_str(&page);
    }
    pack.add("01-register/supplier-register.csv", register.into_bytes());
    let rules = settings::in_force(db, caller).await?;
    pack.add("02-tiering/criteria-and-weights.csv", tiering(&rules));
    let suppliers =
        lookup::scoped::<supplier::Entity>(caller).order_by_asc(supplier::Column::LegalName).all(db).await?;
    let completed = lookup::scoped::<assessment::Entity>(caller)
        .filter(assessment::Column::Status.eq(AssessmentStatus::Completed))
        .order_by_asc(assessment::Column::CompletedAt)
        .all(db)
        .await?;
    let mut last: BTreeMap<Uuid, NaiveDate> = BTreeMap::new();
    for done in &completed {
        if let Some(at) = done.completed_at.filter(|at| *at < end_at) {
            last.insert(done.supplier_id, at.date_naive());
        }
    }
    let today = now().date_naive();
    let schedule: Vec<Vec<String>> = suppliers
        .iter()
        .map(|s| {
            let interval = s.rating.and_then(|r| rules.reassessment_months.for_rating(r));
            let last_assessed = last.get(&s.id).copied();
            let due = match (last_assessed, interval) {
                (Some(day), Some(months)) => day.checked_add_months(Months::new(months.max(0) as u32)),
                _ => None,
            };
            let state = match (last_assessed, due) {
                (None, _) => "never assessed",
                (Some(_), Some(due)) if due < today => "overdue",
                (Some(_), _) => "on schedule",
            };
            vec![
                s.legal_name.clone(),
                s.status.to_string(),
                s.rating.map(|r| r.to_string()).unwrap_or_default(),
                interval.map(|m| m.to_string()).unwrap_or_default(),
                date(last_assessed),
                date(due),
                state.to_owned(),
            ]
        })
        .collect();
    let header = ["supplier", "status", "rating", "review every (months)", "last assessed", "next review due", "state"];
    pack.add("03-reviews/review-schedule.csv", table_csv(&header, &schedule));
    let mut assessed: Vec<Uuid> = completed
        .iter()
        .filter(|a| a.completed_at.is_some_and(|at| at >= start_at && at < end_at))
        .map(|a| a.supplier_id)
        .collect();
    assessed.sort();
    assessed.dedup();
    if assessed.len() > MAX_REPORTS {
        return Err(ApiError::Limit(format!(
            "{} suppliers were assessed in this period; a pack holds the reports of at most {MAX_REPORTS}: choose a shorter period",
            assessed.len()
        )));
    }
    for id in assessed {
        let (name, bytes) = supplier_report::pdf(db, caller, id).await?;
        pack.add(format!("04-assessments/{name}"), bytes);
    }
    let clauses: Vec<Vec<String>> = suppliers
        .iter()
        .map(|s| {
            let listed = supplier_report::clauses(s);
            let present = listed.iter().filter(|(_, _, status)| status == "present").count();
            let mut row = vec![s.legal_name.clone()];
            row.extend(listed.into_iter().map(|(_, _, status)| status));
            row.push(format!("{present} of 8"));
            row
        })
        .collect();
    let mut header = vec!["supplier".to_owned()];
    header.extend(supplier_report::CLAUSES.iter().map(|(clause, subject)| format!("{clause} {subject}")));
    header.push("present".into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    pack.add("05-contracts/clause-coverage-5.1.4.csv", table_csv(&header, &clauses));
    let events = lookup::scoped::<audit_event::Entity>(caller)
        .filter(audit_event::Column::CreatedAt.gte(start_at))
        .filter(audit_event::Column::CreatedAt.lt(end_at))
        .order_by_asc(audit_event::Column::CreatedAt)
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?;
    if events.len() > MAX_EVENTS {
        return Err(ApiError::Limit(format!(
            "{} audit events in this period; a pack holds at most {MAX_EVENTS}: choose a shorter period",
            events.len()
        )));
    }
    let mut log = format!("\u{feff}{}", csv_row(&["when", "who", "action", "object", "object id", "changes"]));
    for e in &events {
        log.push_str(&csv_row(&[
            e.created_at.to_rfc3339(),
            e.actor_label.clone(),
            e.action.clone(),
            e.object_type.clone(),
            e.object_id.map(|id| id.to_string()).unwrap_or_default(),
            e.changes.to_string(),
        ]));
    }
    pack.add("06-audit-log/audit-events.csv", log.into_bytes());
    let described = format!("{from} to {until}");
    let bytes = pack.finish(&described)?;
    let organisation = crate::service::identity::user::organisation(db, caller).await?;
    Ok((format!("{}-nis2-audit-pack-{from}-{until}.zip", file_stem(&organisation.name)), bytes))
}
