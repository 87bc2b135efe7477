//! Asking only the gaps: from the coverage of a supplier's own questionnaire, the questions of
//! one of our templates that it left open, and afterwards one score over both, each point
//! saying which questionnaire it came from.
use super::coverage::{ControlStatus, Coverage};
use crate::answer::Answer;
use crate::{Section, Template};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a question of our template is asked again, or not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapDecision {
    pub question_id: String,
    pub asked: bool,
    pub reason: String,
}

/// The decision for every scored question of `ours`: asked when it maps to no Annex A control
/// (the foreign answers cannot speak for it), or when one of its controls was not covered or
/// was covered with an answer that falls short.
pub fn gap_decisions(ours: &Template, coverage: &Coverage) -> Vec<GapDecision> {
    ours.questions()
        .filter(|q| q.is_scored())
        .map(|question| {
            let open: Vec<String> = question
                .iso
                .iter()
                .filter_map(|id| {
                    let status = coverage.control(id).map_or(ControlStatus::NotCovered, |c| c.status);
                    match status {
                        ControlStatus::Compliant => None,
                        ControlStatus::NonCompliant => Some(format!("A.{id} answered short")),
                        ControlStatus::NotApplicable => Some(format!("A.{id} answered n/a")),
                        ControlStatus::NotCovered => Some(format!("A.{id} not covered")),
                    }
                })
                .collect();
            let (asked, reason) = if question.knock_out {
                // A knock-out caps the rating; a broad "yes" elsewhere does not answer it.
                (true, "a knock-out question: always asked in our own words".to_owned())
            } else if question.iso.is_empty() {
                (true, "maps to no Annex A control, so the other questionnaire cannot answer it".to_owned())
            } else if open.is_empty() {
                let controls: Vec<String> = question.iso.iter().map(|c| format!("A.{c}")).collect();
                (false, format!("{} met by {}", controls.join(", "), coverage.questionnaire))
            } else {
                (true, open.join(", "))
            };
            GapDecision { question_id: question.id.clone(), asked, reason }
        })
        .collect()
}

/// `ours` with only the asked questions (sections left empty are dropped).
pub fn gap_template(
    ours: &Template,
    decisions: &[GapDecision],
    questionnaire: &str,
    slug: &str,
    title: &str,
) -> Template {
    let asked: std::collections::BTreeSet<&str> =
        decisions.iter().filter(|d| d.asked).map(|d| d.question_id.as_str()).collect();
    let sections: Vec<Section> = ours
        .sections
        .iter()
        .map(|section| Section {
            questions: section.questions.iter().filter(|q| asked.contains(q.id.as_str())).cloned().collect(),
            ..section.clone()
        })
        .filter(|s| !s.questions.is_empty())
        .collect();
    Template {
        slug: slug.to_owned(),
        title: title.to_owned(),
        version: 1,
        description: format!(
            "Follow-up to the supplier's {questionnaire}: only the questions of {} that it did not cover or answered short.",
            ours.title
        ),
        sections,
    }
}

/// The prefix that marks a foreign question in a combined score: `caiq-v4:IAM-02.1`.
pub fn foreign_id(template: &Template, question_id: &str) -> String {
    format!("{}:{question_id}", template.slug)
}

/// One template and one set of answers over both questionnaires, for the scoring engine: our
/// follow-up's questions as they are, then the foreign questions (already weighted by their
/// spread) with their ids prefixed by their questionnaire, so every point names its source.
pub fn combine(
    follow_up: &Template,
    follow_up_answers: &BTreeMap<String, Answer>,
    foreign: &Template,
    foreign_answers: &BTreeMap<String, Answer>,
) -> (Template, BTreeMap<String, Answer>) {
    // A control the follow-up asks about again is answered by our question, not by the
    // foreign answer that fell short on it: a foreign question keeps only its other controls,
    // with their share of its points (1/n each, as before).
    let asked: std::collections::BTreeSet<&str> =
        follow_up.questions().flat_map(|q| q.iso.iter().map(String::as_str)).collect();
    let mut combined = follow_up.clone();
    for section in &foreign.sections {
        let questions = section
            .questions
            .iter()
            .filter(|q| q.is_scored())
            .filter_map(|q| {
                let kept: Vec<String> = q.iso.iter().filter(|c| !asked.contains(c.as_str())).cloned().collect();
                if kept.is_empty() {
                    return None;
                }
                let mut question = q.clone();
                question.points = Some(q.weight() * kept.len() as f64 / q.iso.len() as f64);
                question.iso = kept;
                question.id = foreign_id(foreign, &q.id);
                question.section = format!("{}:{}", foreign.slug, section.id);
                Some(question)
            })
            .collect::<Vec<_>>();
        if !questions.is_empty() {
            combined.sections.push(Section {
                id: format!("{}:{}", foreign.slug, section.id),
                title: format!("{}: {}", foreign.title, section.title),
                questions,
            });
        }
    }
    let mut answers = follow_up_answers.clone();
    for (id, answer) in foreign_answers {
        answers.insert(foreign_id(foreign, id), answer.clone());
    }
    (combined, answers)
}
