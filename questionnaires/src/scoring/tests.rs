//! Hand-computed examples and properties of the scoring engine.
use super::*;
use crate::answer::{Answer, AnswerValue, Evidence};
use crate::template::{AnswerType, Template};
use crate::{catalogues, shipped_template};
use proptest::prelude::*;
use std::collections::BTreeSet;

const EXAMPLE: &str = r#"
slug: example
title: Example
version: 1
description: A small template with hand-computed scores.
sections:
  - id: ACC
    title: Access
    questions:
      - {id: ACC-01, text: MFA for admins?, answer: yes_no_na, importance: critical, compliant: ["yes"], knock_out: true, iso: ["8.5"], nis2: ["21(2)(j)"]}
      - {id: ACC-02, text: Policy approved?, finding: No approved security policy, answer: yes_no_na, importance: standard, compliant: ["yes"], evidence: required, iso: ["5.1"]}
      - {id: ACC-03, text: Policy maturity?, answer: maturity_0_5, importance: standard, iso: ["5.1"]}
      - id: ACC-04
        text: Backup frequency?
        answer: choice
        importance: minor
        iso: ["8.13"]
        options: [{value: daily, label: Daily, score: 1.0}, {value: weekly, label: Weekly, score: 0.5}]
      - {id: ACC-05, text: Security contact?, answer: text, importance: minor}
      - {id: ACC-06, text: Disciplinary process?, answer: yes_no_na, importance: minor, compliant: ["yes"], iso: ["6.4"]}
      - {id: ACC-07, text: TLS everywhere?, answer: yes_no_na, importance: standard, compliant: ["yes"], iso: ["8.24"]}
"#;

fn example() -> Template {
    Template::from_yaml("example.yaml", EXAMPLE, catalogues()).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn answers(pairs: &[(&str, AnswerValue)]) -> BTreeMap<String, Answer> {
    pairs.iter().map(|(id, v)| (id.to_string(), Answer::new(v.clone()))).collect()
}

fn run(template: &Template, answers: &BTreeMap<String, Answer>, supplier: &SupplierContext) -> ScoreReport {
    let today = day(2026, 11, 27);
    score(&ScoringInput {
        template,
        answers,
        supplier,
        settings: &ScoringSettings::default(),
        assessed_on: today,
        today,
        remediated: &Default::default(),
    })
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

fn base_answers() -> BTreeMap<String, Answer> {
    answers(&[
        ("ACC-01", AnswerValue::Yes),
        ("ACC-02", AnswerValue::Partial),
        ("ACC-03", AnswerValue::Maturity(3)),
        ("ACC-04", AnswerValue::Choice("weekly".into())),
        ("ACC-05", AnswerValue::Text("Jo, jo@example.com".into())),
        ("ACC-06", AnswerValue::NotApplicable),
    ])
}

#[test]
fn hand_computed_scores() {
    let report = run(&example(), &base_answers(), &SupplierContext::default());
    // Earned 20 + 10*0.5 + 10*3/5 + 5*0.5 = 33.5 of 20+10+10+5+10 = 55 (ACC-06 n/a, ACC-05 text).
    assert_eq!(report.points_possible, 55.0);
    assert_eq!(report.points_earned, 33.5);
    assert!((report.security_score - 100.0 * 33.5 / 55.0).abs() < 1e-9);
    assert_eq!(report.coverage, 80.0, "4 of 5 applicable answered (ACC-07 missing)");
    let control = |id: &str| report.controls.iter().find(|c| c.id == id).unwrap();
    assert_eq!(control("5.1").score, Some(55.0), "(5 + 6) / 20");
    assert_eq!(control("6.4").score, None, "only a n/a answer");
    assert_eq!(control("8.24").score, Some(0.0));
    let theme = |id: &str| report.themes.iter().find(|t| t.id == id).unwrap();
    assert_eq!(theme("organizational").score, Some(55.0));
    assert!((theme("technological").score.unwrap() - 100.0 * 22.5 / 35.0).abs() < 1e-9);
    assert_eq!(theme("physical").score, None);
    let point = |id: &str| report.nis2_points.iter().find(|p| p.id == id).unwrap();
    assert_eq!(point("21(2)(j)").score, Some(100.0), "ACC-01 names (j) and maps to 8.5");
    assert!(report.failed_knock_outs.is_empty());
    // Default profile: every factor at level 1.
    assert_eq!(report.inherent_risk.value, 1.0);
    // ACC-02 requires a document and has none: confidence 1 - 0.5 * 1/1.
    assert_eq!(report.confidence.value, 0.5);
    let residual = 1.0 * (1.0 - (33.5 / 55.0) * 0.5);
    assert!((report.residual_risk - residual).abs() < 1e-9);
    assert_eq!(report.rating, Rating::Low);
}

#[test]
fn inherent_risk_residual_risk_and_findings_for_an_exposed_supplier() {
    let report = run(&example(), &base_answers(), &exposed());
    // 0.25*4 + 0.20*5 + 0.30*4 + 0.10*5 + 0.15*5 = 4.45
    assert!((report.inherent_risk.value - 4.45).abs() < 1e-9);
    assert_eq!(report.inherent_risk.level, 4);
    let residual = 4.45 * (1.0 - (33.5 / 55.0) * 0.5);
    assert!((report.residual_risk - residual).abs() < 1e-9);
    assert_eq!(report.rating, Rating::Critical, "residual {residual:.2} >= 3.0");
    let findings: Vec<(&str, Severity, chrono::NaiveDate)> =
        report.findings.iter().map(|f| (f.question_id.as_str(), f.severity, f.due_date)).collect();
    assert_eq!(
        findings,
        [
            ("ACC-02", Severity::High, day(2026, 12, 27)),
            ("ACC-03", Severity::High, day(2026, 12, 27)),
            ("ACC-04", Severity::Medium, day(2027, 2, 25)),
        ]
    );
    let titles: Vec<&str> = report.findings.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles,
        ["No approved security policy", "Shortfall: Policy maturity", "Shortfall: Backup frequency"],
        "the template's finding title, else the question as a shortfall"
    );
    assert!(report.explanation.top_questions[0].starts_with("ACC-07 (standard, 10 points): no answer"));
    assert!(report.explanation.summary[1].contains("privileged access to our systems"));
}

#[test]
fn a_verified_fix_counts_as_compliant_and_clears_the_knock_out() {
    let mut given = base_answers();
    given.insert("ACC-01".into(), Answer::new(AnswerValue::No));
    let today = day(2026, 11, 27);
    let remediated: BTreeSet<String> = ["ACC-01".to_owned(), "ACC-04".to_owned()].into();
    let (template, supplier, settings, none) = (example(), exposed(), ScoringSettings::default(), BTreeSet::new());
    let input = |remediated| ScoringInput {
        template: &template,
        answers: &given,
        supplier: &supplier,
        settings: &settings,
        assessed_on: today,
        today,
        remediated,
    };
    let before = score(&input(&none));
    let after = score(&input(&remediated));
    // Before: 0 + 5 + 6 + 2.5 = 13.5 of 55; after, ACC-01 and ACC-04 count in full: 20 + 5 + 6 + 5 = 36.
    assert_eq!(before.points_earned, 13.5);
    assert_eq!(after.points_earned, 36.0);
    assert_eq!(before.failed_knock_outs, ["ACC-01"]);
    assert!(after.failed_knock_outs.is_empty());
    assert!(after.residual_risk < before.residual_risk);
    let proposed: Vec<&str> = after.findings.iter().map(|f| f.question_id.as_str()).collect();
    assert_eq!(proposed, ["ACC-02", "ACC-03"], "a fixed question proposes no finding");
    assert!(after.questions.iter().find(|q| q.id == "ACC-01").unwrap().remediated);
    assert!(after.explanation.summary.iter().any(|s| s.contains("verified fix: ACC-01, ACC-04")));
}

#[test]
fn a_failed_knock_out_caps_the_rating_whatever_the_average() {
    let mut all_good = base_answers();
    for (id, value) in
        [("ACC-02", AnswerValue::Yes), ("ACC-03", AnswerValue::Maturity(5)), ("ACC-07", AnswerValue::Yes)]
    {
        all_good.insert(
            id.into(),
            Answer::new(value).with_evidence(Evidence { name: "policy.pdf".into(), valid_until: None }),
        );
    }
    assert_eq!(run(&example(), &all_good, &SupplierContext::default()).rating, Rating::Low);
    all_good.insert("ACC-01".into(), Answer::new(AnswerValue::No));
    let report = run(&example(), &all_good, &SupplierContext::default());
    assert_eq!(report.failed_knock_outs, ["ACC-01"]);
    assert_eq!(report.rating, Rating::High);
    assert!(report.explanation.summary.iter().any(|s| s.contains("knock-out question(s) ACC-01 failed")));
    let critical_supplier = SupplierContext { highest_service_criticality: Some(5), ..exposed() };
    let critical_supplier = SupplierContext { data_sensitivity: DataSensitivity::SpecialCategory, ..critical_supplier };
    assert_eq!(run(&example(), &all_good, &critical_supplier).rating, Rating::Critical);
}

#[test]
fn expired_evidence_and_old_answers_lower_confidence() {
    let template = example();
    let mut given = base_answers();
    given.insert(
        "ACC-02".into(),
        Answer::new(AnswerValue::Yes)
            .with_evidence(Evidence { name: "cert".into(), valid_until: Some(day(2026, 1, 1)) }),
    );
    let settings = ScoringSettings::default();
    let input = ScoringInput {
        template: &template,
        answers: &given,
        supplier: &SupplierContext::default(),
        settings: &settings,
        assessed_on: day(2025, 5, 1),
        today: day(2026, 11, 27),
        remediated: &Default::default(),
    };
    let report = score(&input);
    assert_eq!(report.confidence.reasons.len(), 2, "{:?}", report.confidence.reasons);
    // Evidence: 1 - 0.5 = 0.5; age 575 days vs 365: x (1 - 0.5 * 210/365).
    let expected = 0.5 * (1.0 - 0.5 * 210.0 / 365.0);
    assert!((report.confidence.value - expected).abs() < 1e-9, "{}", report.confidence.value);
}

/// A valid answer for `question` chosen by `seed` (or none).
fn answer_for(question: &crate::Question, seed: u8) -> Option<AnswerValue> {
    if seed.is_multiple_of(7) {
        return None;
    }
    if seed.is_multiple_of(11) {
        return Some(AnswerValue::NotApplicable);
    }
    Some(match question.answer {
        AnswerType::YesNoNa => [AnswerValue::Yes, AnswerValue::No, AnswerValue::Partial][usize::from(seed) % 3].clone(),
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
        AnswerType::Maturity0To5 => AnswerValue::Maturity(seed % 6),
        AnswerType::Number => AnswerValue::Number(f64::from(seed)),
        AnswerType::Date => AnswerValue::Date(day(2026, 11, 27) - chrono::Days::new(u64::from(seed) * 4)),
        AnswerType::Text => AnswerValue::Text("text".into()),
        AnswerType::File => AnswerValue::File(if seed.is_multiple_of(2) { "cert.pdf".into() } else { String::new() }),
    })
}

fn random_answers(template: &Template, seeds: &[u8]) -> BTreeMap<String, Answer> {
    template
        .questions()
        .zip(seeds.iter().cycle())
        .filter_map(|(q, seed)| answer_for(q, *seed).map(|v| (q.id.clone(), Answer::new(v))))
        .collect()
}

fn within(value: Option<f64>, max: f64) -> bool {
    value.is_none_or(|v| (0.0..=max).contains(&v))
}

/// The worst valid answer to `question`: the one a supplier who has none of it in place gives.
fn worst_answer(question: &crate::Question) -> AnswerValue {
    let lowest = || {
        let option = question.options.iter().min_by(|a, b| a.score.total_cmp(&b.score)).unwrap();
        option.value.clone()
    };
    match question.answer {
        AnswerType::YesNoNa if question.compliant.iter().any(|c| c == "yes") => AnswerValue::No,
        AnswerType::YesNoNa => AnswerValue::Yes,
        AnswerType::Choice => AnswerValue::Choice(lowest()),
        AnswerType::MultiChoice => AnswerValue::MultiChoice(vec![lowest()]),
        AnswerType::Maturity0To5 => AnswerValue::Maturity(0),
        AnswerType::Number => {
            let range = question.range.unwrap_or_default();
            AnswerValue::Number(range.min.map_or_else(|| range.max.unwrap_or(0.0) + 1.0, |min| min - 1.0))
        }
        AnswerType::Date => AnswerValue::Date(day(1990, 1, 1)),
        AnswerType::Text => AnswerValue::Text("text".into()),
        AnswerType::File => AnswerValue::File(String::new()),
    }
}

#[test]
fn every_shipped_question_that_can_fail_opens_a_finding_titled_as_a_finding() {
    for template in crate::shipped_templates() {
        let given: BTreeMap<String, Answer> =
            template.questions().map(|q| (q.id.clone(), Answer::new(worst_answer(q)))).collect();
        let report = run(template, &given, &exposed());
        let opened: Vec<&str> = report.findings.iter().map(|f| f.question_id.as_str()).collect();
        let scored: Vec<&str> = template.questions().filter(|q| q.is_scored()).map(|q| q.id.as_str()).collect();
        assert_eq!(opened, scored, "{}: every scored question can fail", template.slug);
        for finding in &report.findings {
            let question = template.question(&finding.question_id).unwrap();
            assert_eq!(Some(&finding.title), question.finding.as_ref(), "{} {}", template.slug, question.id);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_stay_within_bounds(seeds in prop::collection::vec(any::<u8>(), 1..120), slug in prop::sample::select(vec!["supplier-lite", "nis2-supplier-baseline", "iso27001-annex-a"])) {
        let template = shipped_template(slug).unwrap();
        let report = run(template, &random_answers(template, &seeds), &exposed());
        prop_assert!((0.0..=100.0).contains(&report.security_score));
        prop_assert!((0.0..=100.0).contains(&report.coverage));
        prop_assert!((0.0..=5.0).contains(&report.residual_risk));
        prop_assert!((1.0..=5.0).contains(&report.inherent_risk.value));
        prop_assert!((0.25..=1.0).contains(&report.confidence.value));
        for area in report.controls.iter().chain(&report.themes).chain(&report.nis2_points) {
            prop_assert!(within(area.score, 100.0) && within(area.coverage, 100.0), "{area:?}");
        }
    }

    #[test]
    fn a_compliant_answer_never_lowers_a_score(seeds in prop::collection::vec(any::<u8>(), 1..80), pick in any::<prop::sample::Index>()) {
        let template = shipped_template("nis2-supplier-baseline").unwrap();
        let mut given = random_answers(template, &seeds);
        let yes_no: Vec<&crate::Question> = template.questions().filter(|q| q.answer == AnswerType::YesNoNa).collect();
        let question = pick.get(&yes_no);
        let bad = if question.compliant.iter().any(|c| c == "yes") { AnswerValue::No } else { AnswerValue::Yes };
        let good = if bad == AnswerValue::No { AnswerValue::Yes } else { AnswerValue::No };
        given.insert(question.id.clone(), Answer::new(bad));
        let before = run(template, &given, &exposed());
        given.insert(question.id.clone(), Answer::new(good));
        let after = run(template, &given, &exposed());
        prop_assert!(after.security_score >= before.security_score);
        prop_assert!(after.residual_risk <= before.residual_risk + 1e-12);
        prop_assert!(after.rating <= before.rating);
        for (a, b) in after.controls.iter().chain(&after.nis2_points).zip(before.controls.iter().chain(&before.nis2_points)) {
            prop_assert!(a.score.unwrap_or(0.0) + 1e-9 >= b.score.unwrap_or(0.0), "{} fell", a.id);
        }
    }

    #[test]
    fn not_applicable_leaves_the_other_questions_alone(seeds in prop::collection::vec(any::<u8>(), 1..80), pick in any::<prop::sample::Index>()) {
        let template = shipped_template("iso27001-annex-a").unwrap();
        let mut given = random_answers(template, &seeds);
        let ids: Vec<&String> = template.questions().map(|q| &q.id).collect();
        let chosen = pick.get(&ids).to_string();
        let before = run(template, &given, &exposed());
        given.insert(chosen.clone(), Answer::new(AnswerValue::NotApplicable));
        let after = run(template, &given, &exposed());
        for (a, b) in after.questions.iter().zip(&before.questions).filter(|(a, _)| a.id != chosen) {
            prop_assert_eq!((a.points_earned, a.points_possible), (b.points_earned, b.points_possible), "{}", &a.id);
        }
        let na = after.questions.iter().find(|q| q.id == chosen).unwrap();
        prop_assert_eq!(na.points_possible, 0.0);
    }

    #[test]
    fn scoring_is_deterministic_and_independent_of_answer_order(seeds in prop::collection::vec(any::<u8>(), 1..60)) {
        let template = shipped_template("supplier-lite").unwrap();
        let given = random_answers(template, &seeds);
        let reversed: BTreeMap<String, Answer> = given.clone().into_iter().rev().collect();
        let first = serde_json::to_string(&run(template, &given, &exposed())).unwrap();
        let second = serde_json::to_string(&run(template, &reversed, &exposed())).unwrap();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn failed_knock_outs_always_cap(seeds in prop::collection::vec(any::<u8>(), 1..80)) {
        let template = shipped_template("nis2-supplier-baseline").unwrap();
        let mut given = random_answers(template, &seeds);
        let knock_out = template.questions().find(|q| q.knock_out && q.answer == AnswerType::YesNoNa).unwrap();
        given.insert(knock_out.id.clone(), Answer::new(AnswerValue::No));
        let report = run(template, &given, &SupplierContext::default());
        prop_assert!(report.rating >= Rating::High);
        prop_assert!(report.failed_knock_outs.contains(&knock_out.id));
    }
}
