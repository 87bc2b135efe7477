//! The findings a completed assessment opens, and the explanation of a score in words a
//! procurement analyst understands.
use super::aggregate::{QuestionResult, Totals};
use super::plan::ScoringPlan;
use super::risk::InherentRisk;
use super::{ScoreReport, ScoringInput};
use crate::answer::AnswerValue;
use crate::template::{Importance, Question};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

/// A finding the assessment should open: one per answer that falls short.
#[derive(Clone, Debug, Serialize)]
pub struct FindingProposal {
    pub question_id: String,
    pub title: String,
    pub severity: Severity,
    pub due_date: NaiveDate,
    pub knock_out: bool,
    pub iso: Vec<String>,
    pub nis2: Vec<String>,
}

/// Severity grows with the question's importance and the supplier's inherent risk; a failed
/// knock-out is at least high.
pub fn severity(importance: Importance, inherent_level: u8, knock_out: bool) -> Severity {
    use Severity::*;
    let by_matrix = match (importance, inherent_level) {
        (Importance::Minor, 0..=3) => Low,
        (Importance::Minor, _) => Medium,
        (Importance::Standard, 0..=2) => Low,
        (Importance::Standard, 3) => Medium,
        (Importance::Standard, _) => High,
        (Importance::Critical, 0..=2) => Medium,
        (Importance::Critical, 3) => High,
        (Importance::Critical, _) => Critical,
    };
    if knock_out { by_matrix.max(High) } else { by_matrix }
}

pub fn findings(
    plan: &ScoringPlan,
    questions: &[&Question],
    input: &ScoringInput<'_>,
    results: &[QuestionResult],
    inherent: &InherentRisk,
) -> Vec<FindingProposal> {
    let sla = &input.settings.sla_days;
    // Results are in template order, so they pair with the questions without a lookup.
    let mut findings = Vec::with_capacity(results.iter().filter(|r| r.failed()).count());
    let failed = results.iter().zip(&plan.questions).zip(questions).filter(|((result, _), _)| result.failed());
    findings.extend(failed.map(|((_, planned), question)| {
        let severity = severity(planned.importance, inherent.level, planned.knock_out);
        let days = match severity {
            Severity::Low => sla.low,
            Severity::Medium => sla.medium,
            Severity::High => sla.high,
            Severity::Critical => sla.critical,
        };
        FindingProposal {
            question_id: question.id.clone(),
            title: planned.finding_title(question).to_owned(),
            severity,
            due_date: input.today.checked_add_days(Days::new(u64::from(days))).unwrap_or(input.today),
            knock_out: planned.knock_out,
            iso: question.iso.clone(),
            nis2: question.nis2.clone(),
        }
    }));
    findings
}

/// A score's story: a summary, and where the points were lost.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Explanation {
    pub summary: Vec<String>,
    /// The questions that cost the most points, most first.
    pub top_questions: Vec<String>,
    /// The controls that cost the most points, most first.
    pub top_controls: Vec<String>,
}

/// How a question was answered, in the explanation's words, written straight into the line.
struct AnsweredAs<'a>(&'a Option<AnswerValue>);

impl fmt::Display for AnsweredAs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => f.write_str("no answer"),
            Some(AnswerValue::Yes) => f.write_str("answered yes"),
            Some(AnswerValue::No) => f.write_str("answered no"),
            Some(AnswerValue::Partial) => f.write_str("answered partially"),
            Some(AnswerValue::Choice(v)) => write!(f, "answered \"{v}\""),
            Some(AnswerValue::MultiChoice(v)) => write!(f, "answered \"{}\"", v.join(", ")),
            Some(AnswerValue::Maturity(level)) => write!(f, "maturity {level} of 5"),
            Some(AnswerValue::Number(n)) => write!(f, "answered {n}"),
            Some(AnswerValue::Date(d)) => write!(f, "answered {d}"),
            Some(other) => write!(f, "{other:?}"),
        }
    }
}

fn importance_name(importance: Importance) -> &'static str {
    match importance {
        Importance::Minor => "minor",
        Importance::Standard => "standard",
        Importance::Critical => "critical",
    }
}

/// The (at most) `count` indexes with the most points lost, most first, ties by rank (id
/// order) then position: a total order, so the same items as sorting them all, in the same
/// order, without sorting them all.
fn top(
    mut candidates: Vec<usize>,
    count: usize,
    lost: impl Fn(usize) -> f64,
    rank: impl Fn(usize) -> u32,
) -> Vec<usize> {
    let order = |a: &usize, b: &usize| lost(*b).total_cmp(&lost(*a)).then(rank(*a).cmp(&rank(*b))).then(a.cmp(b));
    if count > 0 && candidates.len() > count {
        candidates.select_nth_unstable_by(count - 1, order);
    }
    candidates.truncate(count);
    candidates.sort_unstable_by(order);
    candidates
}

pub fn explain(
    report: &ScoreReport,
    plan: &ScoringPlan,
    questions_in_order: &[&Question],
    totals: &Totals,
) -> Explanation {
    let possible = report.points_possible.max(f64::EPSILON);
    let mut summary = vec![format!(
        "Security score {:.0}/100 on {:.0}% coverage ({} of {} applicable questions answered).",
        report.security_score, report.coverage, totals.answered, totals.applicable,
    )];
    let mut drivers: Vec<&super::RiskFactor> = report.inherent_risk.factors.iter().filter(|f| f.level >= 4).collect();
    drivers.sort_by_key(|f| std::cmp::Reverse(f.level));
    let driven_by: Vec<&str> = drivers.iter().map(|f| f.reason.as_str()).collect();
    // The same figure as the score's header (one decimal), so the two never disagree.
    summary.push(if driven_by.is_empty() {
        format!("Inherent risk {:.1}/5: the supplier's exposure is limited.", report.inherent_risk.value)
    } else {
        format!("Inherent risk {:.1}/5, driven by {}.", report.inherent_risk.value, driven_by.join(", "))
    });
    summary.push(format!(
        "Residual risk {:.1}/5 after the controls, with {:.0}% confidence: rated {}.",
        report.residual_risk,
        report.confidence.value * 100.0,
        report.rating.as_str()
    ));
    if !report.failed_knock_outs.is_empty() {
        summary.push(format!(
            "Rating kept at {} or worse because knock-out question(s) {} failed.",
            report.rating.as_str(),
            report.failed_knock_outs.join(", ")
        ));
    }
    summary.extend(report.confidence.reasons.iter().map(|r| format!("Confidence is lower: {r}.")));
    let remediated: Vec<&str> = report.questions.iter().filter(|q| q.remediated).map(|q| q.id.as_str()).collect();
    if !remediated.is_empty() {
        summary.push(format!(
            "Counted as compliant after a verified fix: {} (the answers given said otherwise).",
            remediated.join(", ")
        ));
    }

    // Only the five questions and controls that cost the most are put into words.
    let questions = &report.questions;
    let mut losers = Vec::with_capacity(questions.len());
    losers.extend((0..questions.len()).filter(|i| questions[*i].points_lost > 0.0));
    let top_questions = top(losers, 5, |i| questions[i].points_lost, |i| plan.questions[i].id_rank)
        .into_iter()
        .map(|i| {
            let result = &questions[i];
            format!(
                "{} ({}, {} points): {} - \"{}\" costs {:.1} points of the score.",
                result.id,
                importance_name(result.importance),
                result.points_possible,
                AnsweredAs(&result.answer),
                plan.quoted(i, questions_in_order),
                100.0 * result.points_lost / possible,
            )
        })
        .collect();
    let controls = &report.controls;
    let mut losing = Vec::with_capacity(controls.len());
    losing.extend((0..controls.len()).filter(|i| controls[*i].points_lost > 0.0));
    let top_controls = top(losing, 5, |i| controls[i].points_lost, |i| plan.controls[i].id_rank)
        .into_iter()
        .map(|i| {
            let c = &controls[i];
            format!(
                "ISO {} {}: {:.0}/100 ({} lost through {})",
                c.id,
                c.title,
                c.score.unwrap_or(0.0),
                c.points_lost,
                c.questions.join(", ")
            )
        })
        .collect();
    Explanation { summary, top_questions, top_controls }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn importance_names_are_the_importances_in_lower_case() {
        for importance in [Importance::Minor, Importance::Standard, Importance::Critical] {
            assert_eq!(importance_name(importance), format!("{importance:?}").to_lowercase());
        }
    }

    proptest! {
        /// Selecting the top items gives the first items of the full sort, in its order.
        #[test]
        fn the_top_items_are_those_of_the_full_sort(
            lost in prop::collection::vec(0u8..6, 0..40),
            ranks in prop::collection::vec(0u32..8, 40),
            count in 0usize..8,
        ) {
            let candidates: Vec<usize> = (0..lost.len()).collect();
            let mut sorted = candidates.clone();
            sorted.sort_by(|a, b| f64::from(lost[*b]).total_cmp(&f64::from(lost[*a])).then(ranks[*a].cmp(&ranks[*b])));
            sorted.truncate(count);
            prop_assert_eq!(top(candidates, count, |i| f64::from(lost[i]), |i| ranks[i]), sorted);
        }
    }
}
