//! The scoring engine: from a template, a set of answers and the supplier's profile to a
//! security score, coverage, per-control / per-theme / per-NIS 2 point scores, knock-outs,
//! inherent and residual risk, a rating, the findings to open and a plain-words explanation.
//!
//! Rules (see DESIGN.md, "Scoring"): an answer is worth a value in [0, 1]; a question's points
//! are its importance (minor 5, standard 10, critical 20) times that value; N/A leaves both
//! numerator and denominator; an unanswered question counts 0 and lowers coverage. A failed
//! knock-out keeps the rating at high or worse (critical for the most exposed suppliers)
//! whatever the average.
//!
//! ```
//! use questionnaires::scoring::{score, ScoringInput, ScoringSettings, SupplierContext};
//! use questionnaires::{Answer, AnswerValue, shipped_template};
//! use std::collections::{BTreeMap, BTreeSet};
//!
//! let template = shipped_template("supplier-lite").unwrap();
//! let answers: BTreeMap<String, Answer> = template
//!     .questions()
//!     .filter(|q| q.answer == questionnaires::AnswerType::YesNoNa)
//!     .map(|q| (q.id.clone(), Answer::new(AnswerValue::Yes)))
//!     .collect();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
//! let report = score(&ScoringInput {
//!     template,
//!     answers: &answers,
//!     supplier: &SupplierContext::default(),
//!     settings: &ScoringSettings::default(),
//!     assessed_on: today,
//!     today,
//!     remediated: &Default::default(),
//! });
//! assert!(report.coverage < 100.0); // the non-yes/no questions are unanswered
//! assert!(report.security_score > 0.0 && report.security_score <= 100.0);
//! println!("{}", report.explanation.summary.join("\n"));
//! ```
mod aggregate;
mod explain;
mod plan;
mod risk;
mod settings;

pub use aggregate::{AreaScore, QuestionResult, QuestionStatus};
pub use explain::{Explanation, FindingProposal, Severity};
pub use plan::ScoringPlan;
pub use risk::{Confidence, InherentRisk, RiskFactor};
pub use settings::{
    AccessLevel, DataSensitivity, FactorWeights, Rating, RatingBands, ScoringSettings, SlaDays, Substitutability,
    SupplierContext,
};

use crate::answer::Answer;
use crate::template::Template;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Everything a score depends on.
pub struct ScoringInput<'a> {
    pub template: &'a Template,
    /// Answers by question id; questions without an entry are unanswered.
    pub answers: &'a BTreeMap<String, Answer>,
    pub supplier: &'a SupplierContext,
    pub settings: &'a ScoringSettings,
    /// When the answers were given (their age lowers confidence).
    pub assessed_on: NaiveDate,
    /// The day the score is computed for (evidence validity, date answers, due dates).
    pub today: NaiveDate,
    /// Questions whose shortfall was remediated and the fix verified by an analyst: they
    /// count as compliant, whatever was answered.
    pub remediated: &'a BTreeSet<String>,
}

/// The complete, explainable result.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreReport {
    pub template: String,
    pub template_version: u32,
    /// 0-100: points earned over points possible on the applicable questions.
    pub security_score: f64,
    /// 0-100: answered applicable questions over applicable questions.
    pub coverage: f64,
    pub points_earned: f64,
    pub points_possible: f64,
    pub questions: Vec<QuestionResult>,
    pub controls: Vec<AreaScore>,
    pub themes: Vec<AreaScore>,
    pub nis2_points: Vec<AreaScore>,
    pub failed_knock_outs: Vec<String>,
    pub inherent_risk: InherentRisk,
    pub confidence: Confidence,
    /// inherent x (1 - effectiveness x confidence), 0-5.
    pub residual_risk: f64,
    pub rating: Rating,
    pub findings: Vec<FindingProposal>,
    pub explanation: Explanation,
    /// For a supplier's own questionnaire (and a follow-up that counts one): the Annex A
    /// controls and NIS 2 points its answers cover, and how strongly (see [`ScoreReport::with_coverage`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annex_a_coverage: Option<crate::foreign::Coverage>,
}

impl ScoreReport {
    /// The report with the coverage of the answers it scored, its first lines in the summary.
    pub fn with_coverage(mut self, coverage: crate::foreign::Coverage) -> ScoreReport {
        self.explanation.summary.extend(coverage.explanation.iter().take(3).cloned());
        self.annex_a_coverage = Some(coverage);
        self
    }
}

/// Scores one set of answers. Pure and deterministic: the same input gives the same report,
/// whatever the order of the answers. Works out the template's [`ScoringPlan`] for this one
/// assessment; to score many assessments of a template version, build the plan once and use
/// [`score_with`].
pub fn score(input: &ScoringInput<'_>) -> ScoreReport {
    score_with(&ScoringPlan::new(input.template), input)
}

/// Scores one set of answers with a plan made for `input.template` (see [`ScoringPlan`]): the
/// same report as [`score`], without working out the template's roll-up again.
///
/// # Panics
///
/// When the plan was made for another template or version ([`ScoringPlan::fits`]).
pub fn score_with(plan: &ScoringPlan, input: &ScoringInput<'_>) -> ScoreReport {
    assert!(
        plan.fits(input.template),
        "a scoring plan for {} version {} cannot score {} version {}",
        plan.slug,
        plan.version,
        input.template.slug,
        input.template.version
    );
    let in_order = aggregate::in_order(input.template, plan.questions.len());
    let questions = aggregate::question_results(plan, &in_order, input);
    let totals = aggregate::Totals::of(&questions);
    let controls = aggregate::controls(&questions, plan);
    let themes = aggregate::themes(&questions, plan);
    let nis2_points = aggregate::nis2_points(&questions, plan);
    let failed_knock_outs: Vec<String> =
        questions.iter().filter(|q| q.knock_out && q.failed()).map(|q| q.id.clone()).collect();
    let inherent_risk = risk::inherent(input.supplier, &input.settings.factor_weights);
    let confidence = risk::confidence(input, &questions);
    let effectiveness = totals.score() / 100.0;
    let residual_risk = inherent_risk.value * (1.0 - effectiveness * confidence.value);
    let rating =
        risk::rating(residual_risk, &input.settings.rating_bands, !failed_knock_outs.is_empty(), &inherent_risk);
    let findings = explain::findings(plan, &in_order, input, &questions, &inherent_risk);
    let mut report = ScoreReport {
        template: input.template.slug.clone(),
        template_version: input.template.version,
        security_score: totals.score(),
        coverage: totals.coverage(),
        points_earned: totals.earned,
        points_possible: totals.possible,
        questions,
        controls,
        themes,
        nis2_points,
        failed_knock_outs,
        inherent_risk,
        confidence,
        residual_risk,
        rating,
        findings,
        explanation: Explanation::default(),
        annex_a_coverage: None,
    };
    report.explanation = explain::explain(&report, plan, &in_order, &totals);
    report
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_plan;
