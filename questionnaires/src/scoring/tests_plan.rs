//! The scoring plan must not change a single figure or word: every report is compared, as JSON
//! and as its `Debug` text (which also shows the answers kept for the explanation), with the
//! one the scorer produced before plans existed (kept below, frozen, as `reference::score`).
use super::*;
use crate::answer::{Answer, AnswerValue, Evidence};
use crate::template::{AnswerType, Template};
use crate::{catalogues, shipped_templates};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The scorer as it was before the plan (commit e506ad1): roll-up maps built per assessment,
/// questions looked up by id for the explanation. Only what the plan replaced is copied; the
/// risk functions, `answer_value`, `Totals` and `severity` are shared.
mod reference {
    use super::super::aggregate::{AreaScore, QuestionResult, QuestionStatus, Totals};
    use super::super::explain::{Explanation, FindingProposal, Severity, severity};
    use super::super::risk::{self, InherentRisk};
    use super::super::{ScoreReport, ScoringInput};
    use crate::answer::{AnswerValue, answer_value};
    use crate::catalogue::{Theme, catalogues};
    use crate::template::{EvidenceRequirement, Template};
    use chrono::Days;
    use std::collections::{BTreeMap, BTreeSet};

    pub fn score(input: &ScoringInput<'_>) -> ScoreReport {
        let questions = question_results(input);
        let totals = Totals::of(&questions);
        let controls = controls(&questions, input.template);
        let themes = themes(&questions, input.template);
        let nis2_points = nis2_points(&questions, input.template);
        let failed_knock_outs: Vec<String> =
            questions.iter().filter(|q| q.knock_out && q.failed()).map(|q| q.id.clone()).collect();
        let inherent_risk = risk::inherent(input.supplier, &input.settings.factor_weights);
        let confidence = risk::confidence(input, &questions);
        let effectiveness = totals.score() / 100.0;
        let residual_risk = inherent_risk.value * (1.0 - effectiveness * confidence.value);
        let rating =
            risk::rating(residual_risk, &input.settings.rating_bands, !failed_knock_outs.is_empty(), &inherent_risk);
        let findings = findings(input, &questions, &inherent_risk);
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
        report.explanation = explain(&report, input.template);
        report
    }

    fn question_results(input: &ScoringInput<'_>) -> Vec<QuestionResult> {
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
                let expired =
                    evidence.iter().filter(|e| e.valid_until.is_some_and(|until| until < input.today)).count();
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

    fn by_control(template: &Template) -> BTreeMap<String, BTreeSet<usize>> {
        let mut map: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (i, question) in template.questions().enumerate() {
            for control in &question.iso {
                map.entry(control.clone()).or_default().insert(i);
            }
        }
        map
    }

    fn controls(results: &[QuestionResult], template: &Template) -> Vec<AreaScore> {
        let map = by_control(template);
        catalogues()
            .iso_controls()
            .iter()
            .filter_map(|control| {
                map.get(&control.id).map(|members| area(&control.id, &control.title, members, results))
            })
            .collect()
    }

    fn themes(results: &[QuestionResult], template: &Template) -> Vec<AreaScore> {
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

    fn nis2_points(results: &[QuestionResult], template: &Template) -> Vec<AreaScore> {
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
            .map(|point| {
                area(&point.id, &point.title, members.get(point.id.as_str()).unwrap_or(&BTreeSet::new()), results)
            })
            .collect()
    }

    fn findings(input: &ScoringInput<'_>, results: &[QuestionResult], inherent: &InherentRisk) -> Vec<FindingProposal> {
        let sla = &input.settings.sla_days;
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

    fn explain(report: &ScoreReport, template: &Template) -> Explanation {
        let possible = report.points_possible.max(f64::EPSILON);
        let mut summary = vec![format!(
            "Security score {:.0}/100 on {:.0}% coverage ({} of {} applicable questions answered).",
            report.security_score,
            report.coverage,
            report.questions.iter().filter(|q| q.status == QuestionStatus::Answered && q.applicable()).count(),
            report.questions.iter().filter(|q| q.applicable()).count(),
        )];
        let mut drivers: Vec<&super::super::RiskFactor> =
            report.inherent_risk.factors.iter().filter(|f| f.level >= 4).collect();
        drivers.sort_by_key(|f| std::cmp::Reverse(f.level));
        let driven_by: Vec<&str> = drivers.iter().map(|f| f.reason.as_str()).collect();
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
        let mut controls: Vec<&AreaScore> = report.controls.iter().filter(|c| c.points_lost > 0.0).collect();
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
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every way a report can be read: the JSON the API stores and the `Debug` text.
fn both_ways(report: &ScoreReport) -> (String, String) {
    (serde_json::to_string(report).unwrap(), format!("{report:?}"))
}

/// Scores `input` through the reference, `score` and `score_with` a plan made earlier (and
/// used for other answer sets already), and asserts the three reports are the same.
fn assert_same(plan: &ScoringPlan, input: &ScoringInput<'_>) {
    let expected = both_ways(&reference::score(input));
    for (path, report) in [("score()", score(input)), ("score_with(plan)", score_with(plan, input))] {
        let (json, debug) = both_ways(&report);
        assert_eq!(json, expected.0, "{path}: the JSON differs from the reference for {}", input.template.slug);
        assert_eq!(debug, expected.1, "{path}: the report differs from the reference for {}", input.template.slug);
    }
}

fn exposed() -> SupplierContext {
    SupplierContext {
        data_sensitivity: DataSensitivity::Personal,
        access_level: AccessLevel::Privileged,
        substitutability: Substitutability::Hard,
        nis2_relevant: true,
        highest_service_criticality: Some(4),
    }
}

/// A valid answer (or none) for `question` chosen by `seed`, with evidence now and then: all
/// answer types, n/a, choices outside the options, valid and expired documents.
fn answer_for(question: &crate::Question, seed: u8) -> Option<Answer> {
    let value = match seed % 16 {
        0 => return None,
        1 => AnswerValue::NotApplicable,
        _ => match question.answer {
            AnswerType::YesNoNa => {
                [AnswerValue::Yes, AnswerValue::No, AnswerValue::Partial][usize::from(seed) % 3].clone()
            }
            AnswerType::Choice if seed.is_multiple_of(5) => AnswerValue::Choice("not-an-option".into()),
            AnswerType::Choice => {
                AnswerValue::Choice(question.options[usize::from(seed) % question.options.len()].value.clone())
            }
            AnswerType::MultiChoice => AnswerValue::MultiChoice(
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| seed & (1 << (i % 8)) != 0)
                    .map(|(_, o)| o.value.clone())
                    .collect(),
            ),
            AnswerType::Maturity0To5 => AnswerValue::Maturity(seed % 7),
            AnswerType::Number => AnswerValue::Number(f64::from(seed) / 3.0),
            AnswerType::Date => AnswerValue::Date(day(2026, 11, 27) - chrono::Days::new(u64::from(seed) * 4)),
            AnswerType::Text => AnswerValue::Text("text".into()),
            AnswerType::File => {
                AnswerValue::File(if seed.is_multiple_of(2) { "cert.pdf".into() } else { String::new() })
            }
        },
    };
    let answer = Answer::new(value);
    Some(match seed % 9 {
        0 => answer.with_evidence(Evidence { name: "cert.pdf".into(), valid_until: None }),
        1 => answer.with_evidence(Evidence { name: "old.pdf".into(), valid_until: Some(day(2026, 1, 1)) }),
        2 => answer
            .with_evidence(Evidence { name: "old.pdf".into(), valid_until: Some(day(2026, 1, 1)) })
            .with_evidence(Evidence { name: "new.pdf".into(), valid_until: Some(day(2027, 6, 30)) }),
        _ => answer,
    })
}

fn answer_set(template: &Template, seeds: &[u8]) -> BTreeMap<String, Answer> {
    let mut answers: BTreeMap<String, Answer> = template
        .questions()
        .zip(seeds.iter().cycle())
        .filter_map(|(q, seed)| answer_for(q, *seed).map(|a| (q.id.clone(), a)))
        .collect();
    // Answers to questions the template does not ask are ignored.
    answers.insert("ZZZ-99".into(), Answer::new(AnswerValue::Yes));
    answers.insert("AAA-00".into(), Answer::new(AnswerValue::No));
    answers
}

/// The benchmark's template: 100 questions over ten sections, one Annex A control each.
fn synthetic() -> Template {
    let controls: Vec<&str> = catalogues().iso_controls().iter().map(|c| c.id.as_str()).collect();
    let mut yaml = String::from("slug: synthetic\ntitle: Synthetic\nversion: 3\ndescription: Synthetic.\nsections:\n");
    for s in 0..10u8 {
        yaml += &format!("  - id: S{}\n    title: Section {s}\n    questions:\n", (b'A' + s) as char);
        for q in 0..10 {
            let n = usize::from(s) * 10 + q;
            let (answer, compliant) =
                if n % 4 == 0 { ("maturity_0_5", "") } else { ("yes_no_na", ", compliant: [\"yes\"]") };
            let importance = ["minor", "standard", "critical"][n % 3];
            yaml += &format!(
                "      - {{id: S{}-{q:02}, text: Question {n} with quite a few words in it so that the explanation has to shorten it?, answer: {answer}, importance: {importance}{compliant}, knock_out: {}, evidence: {}, iso: [\"{}\", \"{}\"]}}\n",
                (b'A' + s) as char,
                n % 17 == 0,
                if n % 5 == 0 { "required" } else { "none" },
                controls[n % controls.len()],
                controls[(n * 7) % controls.len()],
            );
        }
    }
    Template::from_yaml("synthetic.yaml", &yaml, catalogues()).unwrap()
}

/// Every shipped template and the synthetic one, several answer sets each, several suppliers,
/// remediations, an old assessment and stricter settings.
#[test]
fn reports_are_identical_to_the_scorer_before_plans() {
    let mut templates: Vec<Template> = shipped_templates().to_vec();
    templates.push(synthetic());
    let settings = [
        ScoringSettings::default(),
        ScoringSettings {
            rating_bands: RatingBands { low: 0.5, medium: 1.0, high: 1.5 },
            reassessment_days: 30,
            ..ScoringSettings::default()
        },
    ];
    let suppliers = [SupplierContext::default(), exposed()];
    let today = day(2026, 11, 27);
    let mut compared = 0;
    for template in &templates {
        let plan = ScoringPlan::new(template);
        let first_ids: BTreeSet<String> = template.questions().step_by(3).map(|q| q.id.clone()).collect();
        for round in 0u8..6 {
            let seeds: Vec<u8> = (0..97u8).map(|i| i.wrapping_mul(31).wrapping_add(round.wrapping_mul(57))).collect();
            let answers = if round == 5 { BTreeMap::new() } else { answer_set(template, &seeds) };
            let remediated = if round % 2 == 1 { first_ids.clone() } else { BTreeSet::new() };
            for (settings, supplier) in settings.iter().zip(suppliers.iter().cycle().skip(usize::from(round))) {
                assert_same(
                    &plan,
                    &ScoringInput {
                        template,
                        answers: &answers,
                        supplier,
                        settings,
                        assessed_on: if round == 2 { day(2025, 1, 15) } else { today },
                        today,
                        remediated: &remediated,
                    },
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, templates.len() * 12);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_answer_sets_score_the_same_as_before_plans(
        seeds in prop::collection::vec(any::<u8>(), 1..150),
        pick in 0usize..5,
        remediate in prop::collection::vec(any::<bool>(), 0..40),
    ) {
        let synthetic = synthetic();
        let template = shipped_templates().get(pick).unwrap_or(&synthetic);
        let answers = answer_set(template, &seeds);
        let remediated: BTreeSet<String> =
            template.questions().zip(&remediate).filter(|(_, r)| **r).map(|(q, _)| q.id.clone()).collect();
        let today = day(2026, 11, 27);
        assert_same(&ScoringPlan::new(template), &ScoringInput {
            template,
            answers: &answers,
            supplier: &exposed(),
            settings: &ScoringSettings::default(),
            assessed_on: today,
            today,
            remediated: &remediated,
        });
    }
}

/// A template whose questions share an id (not a valid template, but a `Template` value can be
/// built by hand): the answer, the quoted text and the explanation's order are those of before.
#[test]
fn repeated_question_ids_score_as_before() {
    let mut template = synthetic();
    let copy = template.sections[0].questions[3].clone();
    template.sections[2].questions.insert(1, crate::Question { text: "Another text, same id?".into(), ..copy });
    template.sections[4].questions[0].id = "SA-03".into();
    let answers = answer_set(&template, &[3, 9, 12, 5, 2, 7]);
    let today = day(2026, 11, 27);
    assert_same(
        &ScoringPlan::new(&template),
        &ScoringInput {
            template: &template,
            answers: &answers,
            supplier: &exposed(),
            settings: &ScoringSettings::default(),
            assessed_on: today,
            today,
            remediated: &BTreeSet::new(),
        },
    );
}

#[test]
#[should_panic(expected = "a scoring plan for synthetic version 3 cannot score supplier-lite version")]
fn a_plan_scores_only_its_own_template_version() {
    let plan = ScoringPlan::new(&synthetic());
    let template = crate::shipped_template("supplier-lite").unwrap();
    let today = day(2026, 11, 27);
    score_with(
        &plan,
        &ScoringInput {
            template,
            answers: &BTreeMap::new(),
            supplier: &SupplierContext::default(),
            settings: &ScoringSettings::default(),
            assessed_on: today,
            today,
            remediated: &BTreeSet::new(),
        },
    );
}
