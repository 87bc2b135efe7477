//! Coverage, the point of scoring a foreign questionnaire: which Annex A controls and NIS 2
//! points its answers reached, which they did not, and how strong the evidence is. A broad
//! question mapped to n controls gives each of them 1/n of an answer's weight: a "yes" spread
//! over six controls is weaker evidence for each than a question about that control alone.
use crate::answer::{Answer, AnswerValue, answer_value};
use crate::catalogue::IsoRef;
use crate::{Question, Template};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlStatus {
    /// Every answer mapped to it is compliant.
    Compliant,
    /// Answered, but at least one answer falls short.
    NonCompliant,
    /// Only N/A answers reach it.
    NotApplicable,
    /// No answered question maps to it.
    NotCovered,
}

/// One answer counted towards a control.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlEvidence {
    pub question_id: String,
    /// `yes`, `no`, `partial`, `n/a` or `unanswered`.
    pub answer: String,
    /// The answer's value in [0, 1]; `None` for n/a and unanswered.
    pub value: Option<f64>,
    /// How many controls the question maps to.
    pub spread: usize,
    /// 1 / spread: the share of one answer's weight this control receives.
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlCoverage {
    pub id: String,
    pub title: String,
    pub status: ControlStatus,
    /// The answered questions' weights summed, at most 1: how well the answers speak to it.
    pub strength: f64,
    pub evidence: Vec<ControlEvidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointCoverage {
    pub id: String,
    pub title: String,
    /// The Annex A controls the ENISA mapping relates to this point.
    pub controls: usize,
    pub covered: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// The questionnaire, e.g. `CSA CAIQ v4.0.3`.
    pub questionnaire: String,
    pub questions: usize,
    /// Questions that count towards a control.
    pub questions_mapped: usize,
    /// Questions that do not (no crosswalk row, deliberately unmapped, or not yes / no).
    pub questions_not_mapped: Vec<String>,
    /// Every Annex A control, in the standard's order.
    pub controls: Vec<ControlCoverage>,
    pub controls_covered: usize,
    pub controls_compliant: usize,
    pub controls_not_covered: usize,
    /// Mean strength of the covered controls, 0-1.
    pub confidence: f64,
    pub nis2_points: Vec<PointCoverage>,
    /// In words: what was covered, how strongly, and the rule.
    pub explanation: Vec<String>,
}

impl Coverage {
    pub fn control(&self, id: &str) -> Option<&ControlCoverage> {
        self.controls.iter().find(|c| c.id == id)
    }
}

fn answer_word(answer: Option<&Answer>) -> String {
    match answer.map(|a| &a.value) {
        None => "unanswered".into(),
        Some(AnswerValue::Yes) => "yes".into(),
        Some(AnswerValue::No) => "no".into(),
        Some(AnswerValue::Partial) => "partial".into(),
        Some(AnswerValue::NotApplicable) => "n/a".into(),
        Some(other) => serde_json::to_value(other).map(|v| v.to_string()).unwrap_or_default(),
    }
}

/// The coverage of a foreign template's answers (see [`super::build::family_template`]).
pub fn coverage(template: &Template, answers: &BTreeMap<String, Answer>, today: NaiveDate) -> Coverage {
    let catalogues = crate::catalogues();
    let mut by_control: BTreeMap<&str, Vec<ControlEvidence>> = BTreeMap::new();
    let (mut questions, mut mapped, mut not_mapped) = (0, 0, Vec::new());
    for question in template.questions() {
        questions += 1;
        if !question.is_scored() || question.iso.is_empty() {
            not_mapped.push(question.id.clone());
            continue;
        }
        mapped += 1;
        let answer = answers.get(&question.id);
        let value = answer.and_then(|a| answer_value(question, &a.value, today));
        for control in &question.iso {
            by_control.entry(control.as_str()).or_default().push(ControlEvidence {
                question_id: question.id.clone(),
                answer: answer_word(answer),
                value,
                spread: question.iso.len(),
                weight: 1.0 / question.iso.len() as f64,
            });
        }
    }
    let controls: Vec<ControlCoverage> = catalogues
        .iso_controls()
        .iter()
        .map(|control| {
            let evidence = by_control.remove(control.id.as_str()).unwrap_or_default();
            let answered: Vec<&ControlEvidence> = evidence.iter().filter(|e| e.value.is_some()).collect();
            let status = if !answered.is_empty() {
                if answered.iter().all(|e| e.value == Some(1.0)) {
                    ControlStatus::Compliant
                } else {
                    ControlStatus::NonCompliant
                }
            } else if evidence.iter().any(|e| e.answer == "n/a") {
                ControlStatus::NotApplicable
            } else {
                ControlStatus::NotCovered
            };
            let strength = answered.iter().map(|e| e.weight).sum::<f64>().min(1.0);
            ControlCoverage { id: control.id.clone(), title: control.title.clone(), status, strength, evidence }
        })
        .collect();
    let covered: Vec<&ControlCoverage> = controls.iter().filter(|c| is_covered(c.status)).collect();
    let compliant = covered.iter().filter(|c| c.status == ControlStatus::Compliant).count();
    let confidence =
        if covered.is_empty() { 0.0 } else { covered.iter().map(|c| c.strength).sum::<f64>() / covered.len() as f64 };
    let nis2_points = catalogues
        .nis2_points()
        .map(|point| {
            let related: Vec<&ControlCoverage> = controls
                .iter()
                .filter(|c| catalogues.nis2_points_for(&IsoRef::Control(c.id.clone())).any(|p| p == point.id))
                .collect();
            PointCoverage {
                id: point.id.clone(),
                title: point.title.clone(),
                controls: related.len(),
                covered: related.iter().filter(|c| is_covered(c.status)).count(),
            }
        })
        .collect();
    let mut report = Coverage {
        questionnaire: template.title.clone(),
        questions,
        questions_mapped: mapped,
        questions_not_mapped: not_mapped,
        controls_covered: covered.len(),
        controls_compliant: compliant,
        controls_not_covered: controls.len() - covered.len(),
        controls,
        confidence,
        nis2_points,
        explanation: Vec::new(),
    };
    report.explanation = explain(&report, template);
    report
}

/// Answered (compliant or not): the questionnaire spoke to it.
pub fn is_covered(status: ControlStatus) -> bool {
    matches!(status, ControlStatus::Compliant | ControlStatus::NonCompliant)
}

fn external_id(question: &Question) -> String {
    question.external.first().map_or_else(|| question.id.clone(), |r| r.id.clone())
}

fn explain(report: &Coverage, template: &Template) -> Vec<String> {
    let mut lines = vec![
        format!(
            "{}: {} of {} questions count towards Annex A controls; {} are not mapped to any.",
            report.questionnaire,
            report.questions_mapped,
            report.questions,
            report.questions_not_mapped.len()
        ),
        format!(
            "{} of {} Annex A controls covered ({} with only compliant answers), {} not covered.",
            report.controls_covered,
            report.controls.len(),
            report.controls_compliant,
            report.controls_not_covered
        ),
        format!(
            "Confidence {:.0}%: a question mapped to n controls gives each 1/n of an answer, so broad questions are weaker evidence than specific ones; a control's strength is the sum, at most 1.",
            report.confidence * 100.0
        ),
    ];
    for control in report.controls.iter().filter(|c| is_covered(c.status)) {
        let answers: Vec<String> = control
            .evidence
            .iter()
            .filter(|e| e.value.is_some())
            .take(4)
            .map(|e| {
                let shown = template.question(&e.question_id).map_or_else(|| e.question_id.clone(), external_id);
                format!("{shown} '{}' (1/{})", e.answer, e.spread)
            })
            .collect();
        lines.push(format!(
            "A.{} {}: {} by {} (strength {:.2}).",
            control.id,
            control.title,
            if control.status == ControlStatus::Compliant { "met" } else { "falls short" },
            answers.join(", "),
            control.strength
        ));
    }
    lines
}
