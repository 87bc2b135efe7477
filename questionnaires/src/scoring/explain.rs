//! The findings a completed assessment opens, and the explanation of a score in words a
//! procurement analyst understands.
use super::aggregate::{QuestionResult, QuestionStatus};
use super::risk::InherentRisk;
use super::{ScoreReport, ScoringInput};
use crate::answer::AnswerValue;
use crate::template::{Importance, Template};
use chrono::{Days, NaiveDate};
use serde::Serialize;

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

pub fn findings(input: &ScoringInput<'_>, results: &[QuestionResult], inherent: &InherentRisk) -> Vec<FindingProposal> {
    let sla = &input.settings.sla_days;
    // Results are in template order, so they pair with the questions without a lookup.
    results
        .iter()
        .zip(input.template.questions())
        .filter(|(result, _)| result.failed())
        .map(|(_, question)| {
            let severity = severity(question.importance, inherent.level, question.knock_out);
            let days = match severity {
                Severity::Low => sla.low,
                Severity::Medium => sla.medium,
                Severity::High => sla.high,
                Severity::Critical => sla.critical,
            };
            FindingProposal {
                question_id: question.id.clone(),
                title: question.finding_title(),
                severity,
                due_date: input.today.checked_add_days(Days::new(u64::from(days))).unwrap_or(input.today),
                knock_out: question.knock_out,
                iso: question.iso.clone(),
                nis2: question.nis2.clone(),
            }
        })
        .collect()
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

fn answered_as(answer: &Option<AnswerValue>) -> String {
    match answer {
        None => "no answer".into(),
        Some(AnswerValue::Yes) => "answered yes".into(),
        Some(AnswerValue::No) => "answered no".into(),
        Some(AnswerValue::Partial) => "answered partially".into(),
        Some(AnswerValue::Choice(v)) => format!("answered \"{v}\""),
        Some(AnswerValue::MultiChoice(v)) => format!("answered \"{}\"", v.join(", ")),
        Some(AnswerValue::Maturity(level)) => format!("maturity {level} of 5"),
        Some(AnswerValue::Number(n)) => format!("answered {n}"),
        Some(AnswerValue::Date(d)) => format!("answered {d}"),
        Some(other) => format!("{other:?}"),
    }
}

fn short(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().take(14).collect();
    if text.split_whitespace().count() > 14 {
        words.push("...");
    }
    words.join(" ")
}

pub fn explain(report: &ScoreReport, template: &Template) -> Explanation {
    let possible = report.points_possible.max(f64::EPSILON);
    let mut summary = vec![format!(
        "Security score {:.0}/100 on {:.0}% coverage ({} of {} applicable questions answered).",
        report.security_score,
        report.coverage,
        report.questions.iter().filter(|q| q.status == QuestionStatus::Answered && q.applicable()).count(),
        report.questions.iter().filter(|q| q.applicable()).count(),
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

    let mut losers: Vec<&QuestionResult> = report.questions.iter().filter(|q| q.points_lost > 0.0).collect();
    losers.sort_by(|a, b| b.points_lost.total_cmp(&a.points_lost).then_with(|| a.id.cmp(&b.id)));
    let top_questions = losers
        .iter()
        .take(5)
        .filter_map(|result| {
            let question = template.question(&result.id)?;
            Some(format!(
                "{} ({}, {} points): {} - \"{}\" costs {:.1} points of the score.",
                result.id,
                format!("{:?}", result.importance).to_lowercase(),
                result.points_possible,
                answered_as(&result.answer),
                short(&question.text),
                100.0 * result.points_lost / possible,
            ))
        })
        .collect();
    let mut controls: Vec<&super::AreaScore> = report.controls.iter().filter(|c| c.points_lost > 0.0).collect();
    controls.sort_by(|a, b| b.points_lost.total_cmp(&a.points_lost).then_with(|| a.id.cmp(&b.id)));
    let top_controls = controls
        .iter()
        .take(5)
        .map(|c| {
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
