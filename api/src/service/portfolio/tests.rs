//! Hand-computed portfolio figures.
use super::*;
use crate::domain::{FindingSource, FindingStatus, Severity};
use serde_json::json;

fn at(day: &str) -> DateTime<Utc> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc()
}

fn finding(created: &str, verified: Option<&str>) -> finding::Model {
    finding::Model {
        id: Uuid::new_v4(),
        organisation_id: Uuid::nil(),
        supplier_id: Uuid::nil(),
        assessment_id: None,
        question_id: None,
        title: "t".into(),
        severity: Severity::High,
        status: if verified.is_some() { FindingStatus::Verified } else { FindingStatus::Open },
        due_date: at(created).date_naive(),
        knock_out: false,
        iso_refs: json!([]),
        nis2_refs: json!([]),
        created_at: at(created),
        updated_at: at(created),
        overdue_notified_at: None,
        owner_id: None,
        remediation_plan: None,
        resolved_at: None,
        verified_at: verified.map(at),
        risk_reason: None,
        risk_accepted_until: None,
        source: FindingSource::Assessment,
        contact_id: None,
    }
}

fn snapshot(inherent: f64, residual: f64, rating: &str, report: serde_json::Value) -> score_snapshot::Model {
    score_snapshot::Model {
        id: Uuid::new_v4(),
        organisation_id: Uuid::nil(),
        supplier_id: Uuid::new_v4(),
        assessment_id: Uuid::nil(),
        security_score: 50.0,
        coverage: 100.0,
        inherent_risk: inherent,
        residual_risk: residual,
        rating: Rating::from_db(rating).expect("a rating"),
        report,
        created_at: at("2026-11-02"),
        reason: "assessment completed".into(),
    }
}

fn standing(snapshots: Vec<score_snapshot::Model>) -> Standing {
    Standing { latest: snapshots.into_iter().map(|s| (s.supplier_id, s)).collect(), findings: HashMap::new() }
}

#[test]
fn burn_down_counts_each_week_from_monday() {
    // Thursday 26 November 2026: the last week starts on Monday 23rd.
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let findings = [
        finding("2026-11-10", Some("2026-11-17")),
        finding("2026-11-11", None),
        finding("2026-11-18", Some("2026-11-24")),
        finding("2026-11-25", None),
    ];
    let weeks = burn_down(&findings, 3, today);
    let rows: Vec<(String, usize, usize, usize)> =
        weeks.iter().map(|w| (w.week_start.to_string(), w.opened, w.closed, w.open_at_end)).collect();
    assert_eq!(
        rows,
        [("2026-11-09".to_owned(), 2, 0, 2), ("2026-11-16".to_owned(), 1, 1, 2), ("2026-11-23".to_owned(), 1, 1, 2),]
    );
}

#[test]
fn heat_map_ratings_and_nis2_coverage() {
    let point = |id: &str, score: Option<f64>| json!({"id": id, "title": "", "score": score});
    let latest = standing(vec![
        snapshot(4.4, 2.6, "high", json!({"nis2_points": [point("21(2)(d)", Some(40.0)), point("21(2)(j)", None)]})),
        snapshot(4.0, 3.4, "critical", json!({"nis2_points": [point("21(2)(d)", Some(80.0))]})),
        snapshot(1.2, 0.3, "low", json!({})),
    ]);
    let cells: Vec<(u8, u8, usize)> = heat_map(&latest, latest.latest.keys().copied())
        .iter()
        .map(|c| (c.inherent, c.residual, c.suppliers))
        .collect();
    assert_eq!(cells, [(4, 3, 2), (1, 1, 1)]);
    // A cell is coloured by the worst rating in it, not by its place: a knock-out can make a
    // supplier critical in a cell where another is high.
    let top = &heat_map(&latest, latest.latest.keys().copied())[0];
    assert_eq!((top.worst_rating, top.critical, top.high, top.medium, top.low), (Rating::Critical, 1, 1, 0, 0));
    assert_eq!(heat_map(&latest, latest.latest.keys().copied())[1].worst_rating, Rating::Low);
    let unrated = Uuid::new_v4();
    let everyone = latest.latest.keys().copied().chain([unrated]);
    assert_eq!(
        rating_distribution(&latest, everyone),
        RatingDistribution { low: 1, medium: 0, high: 1, critical: 1, unrated: 1 }
    );
    let coverage = nis2_coverage(&latest);
    assert_eq!(coverage.len(), 10, "every point (a)-(j), assessed or not");
    let d = coverage.iter().find(|c| c.point == "21(2)(d)").unwrap();
    assert_eq!((d.suppliers_assessed, d.suppliers_not_assessed, d.suppliers_below_half), (2, 1, 1));
    assert_eq!(d.average_score, Some(60.0));
    let j = coverage.iter().find(|c| c.point == "21(2)(j)").unwrap();
    assert_eq!((j.suppliers_assessed, j.average_score), (0, None), "asked but unanswerable (n/a) is not assessed");
}
