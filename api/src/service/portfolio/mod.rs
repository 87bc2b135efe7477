//! The organisation's whole supplier portfolio at a glance: the risk heat map (inherent x
//! residual), the rating distribution, how well the NIS 2 Art. 21(2) points are covered,
//! campaigns in flight, the remediation burn-down and score trends. The whole-organisation
//! parts are kept in a read model (`view`, kept current by `freshness`), so that a dashboard
//! costs a few row reads whatever the number of suppliers.
use crate::auth::{Caller, Permission};
use crate::domain::Rating;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::{assessment as assessment_entity, score_snapshot};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Suppliers in one cell of the heat map. A cell's place says how exposed its suppliers are
/// and how much of that their answers leave; its rating says what the organisation's rules made
/// of it (bands and knock-outs), which the place alone does not tell.
#[derive(Clone, Debug, PartialEq, Eq, async_graphql::SimpleObject, Serialize, Deserialize)]
pub struct HeatCell {
    /// Inherent risk level, 1-5 (the inherent risk rounded, at least 1).
    pub inherent: u8,
    /// Residual risk level, 1-5 (the residual risk rounded, at least 1).
    pub residual: u8,
    /// Suppliers in the cell.
    pub suppliers: usize,
    /// The worst rating among them: the cell's colour.
    pub worst_rating: Rating,
    /// Of them, rated critical.
    pub critical: usize,
    /// Of them, rated high.
    pub high: usize,
    /// Of them, rated medium.
    pub medium: usize,
    /// Of them, rated low.
    pub low: usize,
}

fn level(risk: f64) -> u8 {
    risk.round().clamp(1.0, 5.0) as u8
}

/// How bad a rating is, low = 0.
fn rank(rating: Rating) -> usize {
    Rating::ALL.iter().position(|r| *r == rating).unwrap_or(0)
}

/// The latest score of suppliers still in the register (as the rating distribution counts
/// them), as (inherent risk, residual risk, rating), by inherent and residual risk level; only
/// non-empty cells, highest inherent then highest residual first.
pub fn heat_map(scores: impl IntoIterator<Item = (f64, f64, Rating)>) -> Vec<HeatCell> {
    let mut cells: BTreeMap<(u8, u8), HeatCell> = BTreeMap::new();
    for (inherent_risk, residual_risk, rating) in scores {
        let (inherent, residual) = (level(inherent_risk), level(residual_risk));
        let cell = cells.entry((inherent, residual)).or_insert(HeatCell {
            inherent,
            residual,
            suppliers: 0,
            worst_rating: rating,
            critical: 0,
            high: 0,
            medium: 0,
            low: 0,
        });
        cell.suppliers += 1;
        if rank(rating) > rank(cell.worst_rating) {
            cell.worst_rating = rating;
        }
        *match rating {
            Rating::Critical => &mut cell.critical,
            Rating::High => &mut cell.high,
            Rating::Medium => &mut cell.medium,
            Rating::Low => &mut cell.low,
        } += 1;
    }
    cells.into_values().rev().collect()
}

/// Suppliers per rating of their latest score; `unrated` have never been scored.
#[derive(Clone, Debug, Default, PartialEq, Eq, async_graphql::SimpleObject, Serialize, Deserialize)]
pub struct RatingDistribution {
    /// Rated low.
    pub low: usize,
    /// Rated medium.
    pub medium: usize,
    /// Rated high.
    pub high: usize,
    /// Rated critical.
    pub critical: usize,
    /// Never scored.
    pub unrated: usize,
}

/// The rating of the latest score of every supplier still in the register (not
/// terminated); `None`: never scored.
pub fn rating_distribution(ratings: impl IntoIterator<Item = Option<Rating>>) -> RatingDistribution {
    let mut counts = RatingDistribution::default();
    for rating in ratings {
        match rating {
            Some(Rating::Low) => counts.low += 1,
            Some(Rating::Medium) => counts.medium += 1,
            Some(Rating::High) => counts.high += 1,
            Some(Rating::Critical) => counts.critical += 1,
            None => counts.unrated += 1,
        }
    }
    counts
}

/// How one NIS 2 Art. 21(2) point is covered across the rated suppliers.
#[derive(Clone, Debug, PartialEq, async_graphql::SimpleObject, Serialize, Deserialize)]
pub struct Nis2Coverage {
    /// e.g. 21(2)(d).
    pub point: String,
    /// What the point asks for.
    pub title: String,
    /// Rated suppliers whose latest assessment asked about the point.
    pub suppliers_assessed: usize,
    /// Rated suppliers whose latest assessment did not.
    pub suppliers_not_assessed: usize,
    /// Mean score of the point (0-100) over the suppliers assessed on it.
    pub average_score: Option<f64>,
    /// Of those assessed, the suppliers scoring under 50 on it.
    pub suppliers_below_half: usize,
}

/// The NIS 2 points a score report scored, as (point, score 0-100).
pub fn nis2_points(report: &serde_json::Value) -> impl Iterator<Item = (String, f64)> + '_ {
    report
        .get("nis2_points")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .filter_map(|point| Some((point.get("id")?.as_str()?.to_owned(), point.get("score")?.as_f64()?)))
}

/// Every NIS 2 point, in order, from the latest score reports of `rated` suppliers: `scores`
/// holds each point's scores over the reports that scored it.
pub fn nis2_coverage(rated: usize, mut scores: HashMap<String, Vec<f64>>) -> Vec<Nis2Coverage> {
    questionnaires::catalogues()
        .nis2_points()
        .map(|point| {
            let given = scores.remove(&point.id).unwrap_or_default();
            Nis2Coverage {
                point: point.id.clone(),
                title: point.title.clone(),
                suppliers_assessed: given.len(),
                suppliers_not_assessed: rated.saturating_sub(given.len()),
                average_score: (!given.is_empty()).then(|| given.iter().sum::<f64>() / given.len() as f64),
                suppliers_below_half: given.iter().filter(|s| **s < 50.0).count(),
            }
        })
        .collect()
}

/// The assessments completed last, newest first.
pub async fn recently_completed<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    first: u64,
) -> ApiResult<Vec<assessment_entity::Model>> {
    caller.require(Permission::Read)?;
    Ok(lookup::scoped::<assessment_entity::Entity>(caller)
        .filter(assessment_entity::Column::CompletedAt.is_not_null())
        .order_by_desc(assessment_entity::Column::CompletedAt)
        .limit(first.min(50))
        .all(db)
        .await?)
}

/// Findings opened and closed in one week, and those still open at its end.
#[derive(Clone, Debug, PartialEq, Eq, async_graphql::SimpleObject, Serialize, Deserialize)]
pub struct BurnDownWeek {
    /// The Monday the week starts.
    pub week_start: NaiveDate,
    /// Findings opened in the week.
    pub opened: usize,
    /// Verified fixes.
    pub closed: usize,
    /// Opened by the week's end and not verified by then (accepted risks included).
    pub open_at_end: usize,
}

/// The last `weeks` weeks up to the one holding `today`, oldest first, from each finding's
/// (opened, verified) instants.
pub fn burn_down(
    findings: &[(DateTime<Utc>, Option<DateTime<Utc>>)],
    weeks: u32,
    today: NaiveDate,
) -> Vec<BurnDownWeek> {
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let day = |at: DateTime<Utc>| at.date_naive();
    (0..weeks.clamp(1, MAX_WEEKS))
        .rev()
        .map(|back| {
            let start = this_monday - Duration::weeks(i64::from(back));
            let end = start + Duration::days(7);
            let within = |d: NaiveDate| d >= start && d < end;
            BurnDownWeek {
                week_start: start,
                opened: findings.iter().filter(|(opened, _)| within(day(*opened))).count(),
                closed: findings.iter().filter(|(_, verified)| verified.is_some_and(|v| within(day(v)))).count(),
                open_at_end: findings
                    .iter()
                    .filter(|(opened, verified)| day(*opened) < end && verified.is_none_or(|v| day(v) >= end))
                    .count(),
            }
        })
        .collect()
}

/// The longest burn-down asked for: two years.
pub const MAX_WEEKS: u32 = 104;

/// The score history of some suppliers, oldest first, grouped by supplier.
pub async fn score_history<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    suppliers: &[Uuid],
) -> ApiResult<HashMap<Uuid, Vec<score_snapshot::Model>>> {
    caller.require(Permission::Read)?;
    let mut history: HashMap<Uuid, Vec<score_snapshot::Model>> = HashMap::new();
    for snapshot in lookup::scoped::<score_snapshot::Entity>(caller)
        .filter(score_snapshot::Column::SupplierId.is_in(suppliers.iter().copied()))
        .order_by_asc(score_snapshot::Column::CreatedAt)
        .all(db)
        .await?
    {
        history.entry(snapshot.supplier_id).or_default().push(snapshot);
    }
    Ok(history)
}

pub mod freshness;
pub mod view;

#[cfg(test)]
mod tests;
