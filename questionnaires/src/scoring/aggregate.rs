//! Per-question results and their roll-up to ISO controls, Annex A themes and NIS 2 points.
use super::ScoringInput;
use crate::answer::{AnswerValue, answer_value};
use crate::catalogue::{Theme, catalogues};
use crate::template::{EvidenceRequirement, Importance, Template};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    Answered,
    Unanswered,
    NotApplicable,
    /// Informational question: never scored.
    Unscored,
}

/// One question's contribution.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionResult {
    pub id: String,
    pub section: String,
    pub importance: Importance,
    pub knock_out: bool,
    pub status: QuestionStatus,
    /// The answer's value in [0, 1] (0 when unanswered); `None` when it does not count.
    pub value: Option<f64>,
    /// Points the question can give (its weight) when it counts, else 0.
    pub points_possible: f64,
    pub points_earned: f64,
    /// `points_possible - points_earned`.
    pub points_lost: f64,
    pub evidence_required: bool,
    /// Documents attached that are still valid today.
    pub valid_evidence: usize,
    /// Documents attached that have expired.
    pub expired_evidence: usize,
    /// A verified fix makes it count as compliant, whatever the answer.
    pub remediated: bool,
    /// The answer as given, for explanations.
    #[serde(skip)]
    pub answer: Option<AnswerValue>,
}

impl QuestionResult {
    /// Counts towards score and coverage (answered or not, but applicable and scored).
    pub fn applicable(&self) -> bool {
        matches!(self.status, QuestionStatus::Answered | QuestionStatus::Unanswered)
    }

    /// Answered with less than full value.
    pub fn failed(&self) -> bool {
        self.status == QuestionStatus::Answered && self.value.is_some_and(|v| v < 1.0)
    }
}

pub fn question_results(input: &ScoringInput<'_>) -> Vec<QuestionResult> {
    input
        .template
        .questions()
        .map(|question| {
            let answer = input.answers.get(&question.id);
            let remediated = question.is_scored() && input.remediated.contains(&question.id);
            let (status, value) = match answer {
                _ if !question.is_scored() => (QuestionStatus::Unscored, None),
                _ if remediated => (QuestionStatus::Answered, Some(1.0)),
                None => (QuestionStatus::Unanswered, Some(0.0)),
                Some(a) if a.value == AnswerValue::NotApplicable => (QuestionStatus::NotApplicable, None),
                Some(a) => (QuestionStatus::Answered, answer_value(question, &a.value, input.today).or(Some(0.0))),
            };
            let possible = if value.is_some() { question.weight() } else { 0.0 };
            let earned = possible * value.unwrap_or(0.0);
            let evidence = answer.map(|a| a.evidence.as_slice()).unwrap_or_default();
            let expired = evidence.iter().filter(|e| e.valid_until.is_some_and(|until| until < input.today)).count();
            QuestionResult {
                id: question.id.clone(),
                section: question.section.clone(),
                importance: question.importance,
                knock_out: question.knock_out,
                status,
                value,
                points_possible: possible,
                points_earned: earned,
                points_lost: possible - earned,
                evidence_required: question.evidence == EvidenceRequirement::Required,
                valid_evidence: evidence.len() - expired,
                expired_evidence: expired,
                remediated,
                answer: answer.map(|a| a.value.clone()),
            }
        })
        .collect()
}

/// Sums over a set of question results.
#[derive(Clone, Copy, Debug, Default)]
pub struct Totals {
    pub earned: f64,
    pub possible: f64,
    pub applicable: usize,
    pub answered: usize,
}

impl Totals {
    pub fn of<'a>(results: impl IntoIterator<Item = &'a QuestionResult>) -> Totals {
        let mut totals = Totals::default();
        for result in results.into_iter().filter(|r| r.applicable()) {
            totals.earned += result.points_earned;
            totals.possible += result.points_possible;
            totals.applicable += 1;
            totals.answered += usize::from(result.status == QuestionStatus::Answered);
        }
        totals
    }

    /// 0-100; 0 when nothing applies.
    pub fn score(&self) -> f64 {
        if self.possible > 0.0 { (100.0 * self.earned / self.possible).clamp(0.0, 100.0) } else { 0.0 }
    }

    /// 0-100; 0 when nothing applies.
    pub fn coverage(&self) -> f64 {
        if self.applicable > 0 { 100.0 * self.answered as f64 / self.applicable as f64 } else { 0.0 }
    }
}

/// A score for a group of questions: a control, a theme or a NIS 2 point.
#[derive(Clone, Debug, Serialize)]
pub struct AreaScore {
    pub id: String,
    pub title: String,
    /// 0-100 weighted mean of the applicable questions; `None` when none applies.
    pub score: Option<f64>,
    pub coverage: Option<f64>,
    pub points_lost: f64,
    /// The questions that count for this area.
    pub questions: Vec<String>,
}

fn area(id: &str, title: &str, members: &BTreeSet<usize>, results: &[QuestionResult]) -> AreaScore {
    let selected: Vec<&QuestionResult> = members.iter().map(|i| &results[*i]).collect();
    let totals = Totals::of(selected.iter().copied());
    let any = totals.applicable > 0;
    AreaScore {
        id: id.to_owned(),
        title: title.to_owned(),
        score: any.then(|| totals.score()),
        coverage: any.then(|| totals.coverage()),
        points_lost: totals.possible - totals.earned,
        questions: selected.iter().map(|r| r.id.clone()).collect(),
    }
}

/// Question indexes per ISO control, following the template's `iso` references.
fn by_control(template: &Template) -> BTreeMap<String, BTreeSet<usize>> {
    let mut map: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, question) in template.questions().enumerate() {
        for control in &question.iso {
            map.entry(control.clone()).or_default().insert(i);
        }
    }
    map
}

/// Every Annex A control the template asks about, in catalogue order.
pub fn controls(results: &[QuestionResult], template: &Template) -> Vec<AreaScore> {
    let map = by_control(template);
    catalogues()
        .iso_controls()
        .iter()
        .filter_map(|control| map.get(&control.id).map(|members| area(&control.id, &control.title, members, results)))
        .collect()
}

/// The four Annex A themes; a question counts once per theme however many controls it maps to.
pub fn themes(results: &[QuestionResult], template: &Template) -> Vec<AreaScore> {
    let map = by_control(template);
    Theme::ALL
        .iter()
        .map(|theme| {
            let members: BTreeSet<usize> = catalogues()
                .iso_controls()
                .iter()
                .filter(|c| c.theme == *theme)
                .filter_map(|c| map.get(&c.id))
                .flatten()
                .copied()
                .collect();
            area(&format!("{theme:?}").to_lowercase(), theme.title(), &members, results)
        })
        .collect()
}

/// NIS 2 Art. 21(2) points (a)-(j): the questions that name the point (or a supply-chain
/// requirement under it) and those mapped to an ISO control or clause that intersects it.
pub fn nis2_points(results: &[QuestionResult], template: &Template) -> Vec<AreaScore> {
    let catalogues = catalogues();
    let mut members: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (i, question) in template.questions().enumerate() {
        for reference in &question.nis2 {
            if let Some(point) = catalogues.nis2_point_of(reference) {
                members.entry(point).or_default().insert(i);
            }
        }
        for iso in question.iso_refs() {
            for point in catalogues.nis2_points_for(&iso) {
                if let Some(point) = catalogues.nis2_point_of(point) {
                    members.entry(point).or_default().insert(i);
                }
            }
        }
    }
    catalogues
        .nis2_points()
        .map(|point| area(&point.id, &point.title, members.get(point.id.as_str()).unwrap_or(&BTreeSet::new()), results))
        .collect()
}
