//! Hand-computed portfolio figures.
use super::*;
use serde_json::{Value, json};

fn at(day: &str) -> DateTime<Utc> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc()
}

fn finding(created: &str, verified: Option<&str>) -> (DateTime<Utc>, Option<DateTime<Utc>>) {
    (at(created), verified.map(at))
}

/// A latest score: (inherent, residual, rating) and its report.
fn snapshot(inherent: f64, residual: f64, rating: &str, report: serde_json::Value) -> ((f64, f64, Rating), Value) {
    ((inherent, residual, Rating::from_db(rating).expect("a rating")), report)
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
    let latest = [
        snapshot(4.4, 2.6, "high", json!({"nis2_points": [point("21(2)(d)", Some(40.0)), point("21(2)(j)", None)]})),
        snapshot(4.0, 3.4, "critical", json!({"nis2_points": [point("21(2)(d)", Some(80.0))]})),
        snapshot(1.2, 0.3, "low", json!({})),
    ];
    let scores = || latest.iter().map(|(score, _)| *score);
    let cells: Vec<(u8, u8, usize)> =
        heat_map(scores()).iter().map(|c| (c.inherent, c.residual, c.suppliers)).collect();
    assert_eq!(cells, [(4, 3, 2), (1, 1, 1)]);
    // A cell is coloured by the worst rating in it, not by its place: a knock-out can make a
    // supplier critical in a cell where another is high.
    let top = &heat_map(scores())[0];
    assert_eq!((top.worst_rating, top.critical, top.high, top.medium, top.low), (Rating::Critical, 1, 1, 0, 0));
    assert_eq!(heat_map(scores())[1].worst_rating, Rating::Low);
    let everyone = scores().map(|(_, _, rating)| Some(rating)).chain([None]);
    assert_eq!(
        rating_distribution(everyone),
        RatingDistribution { low: 1, medium: 0, high: 1, critical: 1, unrated: 1 }
    );
    let mut points: HashMap<String, Vec<f64>> = HashMap::new();
    for (point, score) in latest.iter().flat_map(|(_, report)| nis2_points(report)) {
        points.entry(point).or_default().push(score);
    }
    let coverage = nis2_coverage(latest.len(), points);
    assert_eq!(coverage.len(), 10, "every point (a)-(j), assessed or not");
    let d = coverage.iter().find(|c| c.point == "21(2)(d)").unwrap();
    assert_eq!((d.suppliers_assessed, d.suppliers_not_assessed, d.suppliers_below_half), (2, 1, 1));
    assert_eq!(d.average_score, Some(60.0));
    let j = coverage.iter().find(|c| c.point == "21(2)(j)").unwrap();
    assert_eq!((j.suppliers_assessed, j.average_score), (0, None), "asked but unanswerable (n/a) is not assessed");
}
