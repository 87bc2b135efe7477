//! Per-question results and their roll-up to ISO controls, Annex A themes and NIS 2 points.
use super::ScoringInput;
use super::plan::{PlannedArea, ScoringPlan};
use crate::answer::{Answer, AnswerValue, answer_value};
use crate::template::{Importance, Question, Template};
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Each question's result, in template order. `plan` was made for `input.template`, whose
/// questions are `questions`.
pub fn question_results(plan: &ScoringPlan, questions: &[&Question], input: &ScoringInput<'_>) -> Vec<QuestionResult> {
    let answers = paired_answers(plan, questions, input.answers);
    plan.questions
        .iter()
        .zip(questions)
        .zip(answers)
        .map(|((planned, question), answer)| {
            let remediated = planned.scored && input.remediated.contains(&question.id);
            let (status, value) = match answer {
                _ if !planned.scored => (QuestionStatus::Unscored, None),
                _ if remediated => (QuestionStatus::Answered, Some(1.0)),
                None => (QuestionStatus::Unanswered, Some(0.0)),
                Some(a) if a.value == AnswerValue::NotApplicable => (QuestionStatus::NotApplicable, None),
                Some(a) => (QuestionStatus::Answered, answer_value(question, &a.value, input.today).or(Some(0.0))),
            };
            let possible = if value.is_some() { planned.weight } else { 0.0 };
            let earned = possible * value.unwrap_or(0.0);
            let evidence = answer.map(|a| a.evidence.as_slice()).unwrap_or_default();
            let expired = evidence.iter().filter(|e| e.valid_until.is_some_and(|until| until < input.today)).count();
            QuestionResult {
                id: question.id.clone(),
                section: question.section.clone(),
                importance: planned.importance,
                knock_out: planned.knock_out,
                status,
                value,
                points_possible: possible,
                points_earned: earned,
                points_lost: possible - earned,
                evidence_required: planned.evidence_required,
                valid_evidence: evidence.len() - expired,
                expired_evidence: expired,
                remediated,
                answer: answer.map(|a| a.value.clone()),
            }
        })
        .collect()
}

/// The template's questions in order, in a vector of the plan's size (the questions of all
/// sections do not tell `collect` their number).
pub fn in_order(template: &Template, count: usize) -> Vec<&Question> {
    let mut questions = Vec::with_capacity(count);
    questions.extend(template.questions());
    questions
}

/// Each question's answer, in template order: the questions in id order walk the answers
/// (also in id order) once, rather than searching the answers for every question.
fn paired_answers<'a>(
    plan: &ScoringPlan,
    questions: &[&Question],
    answers: &'a BTreeMap<String, Answer>,
) -> Vec<Option<&'a Answer>> {
    let mut paired = vec![None; questions.len()];
    let mut answers = answers.iter().peekable();
    for &i in &plan.by_id {
        let wanted = questions[i].id.as_str();
        while answers.next_if(|(id, _)| id.as_str() < wanted).is_some() {}
        if let Some((id, answer)) = answers.peek()
            && id.as_str() == wanted
        {
            paired[i] = Some(*answer);
        }
    }
    paired
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

fn area(planned: &PlannedArea, results: &[QuestionResult]) -> AreaScore {
    let totals = Totals::of(planned.members.iter().map(|i| &results[*i]));
    let any = totals.applicable > 0;
    AreaScore {
        id: planned.id.to_owned(),
        title: planned.title.to_owned(),
        score: any.then(|| totals.score()),
        coverage: any.then(|| totals.coverage()),
        points_lost: totals.possible - totals.earned,
        questions: planned.members.iter().map(|i| results[*i].id.clone()).collect(),
    }
}

/// Every Annex A control the template asks about, in catalogue order.
pub fn controls(results: &[QuestionResult], plan: &ScoringPlan) -> Vec<AreaScore> {
    plan.controls.iter().map(|planned| area(planned, results)).collect()
}

/// The four Annex A themes; a question counts once per theme however many controls it maps to.
pub fn themes(results: &[QuestionResult], plan: &ScoringPlan) -> Vec<AreaScore> {
    plan.themes.iter().map(|planned| area(planned, results)).collect()
}

/// NIS 2 Art. 21(2) points (a)-(j): the questions that name the point (or a supply-chain
/// requirement under it) and those mapped to an ISO control or clause that intersects it.
pub fn nis2_points(results: &[QuestionResult], plan: &ScoringPlan) -> Vec<AreaScore> {
    plan.nis2_points.iter().map(|planned| area(planned, results)).collect()
}
