//! Scoring throughput: 10,000 assessments of a 100-question template, with the template's
//! scoring plan made once (as bulk re-scoring does) and through `score`, which makes it for
//! every assessment. `cargo bench -p questionnaires --bench scoring` (figures in BENCHMARKS.md).
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use questionnaires::scoring::{ScoringInput, ScoringPlan, ScoringSettings, SupplierContext, score, score_with};
use questionnaires::{Answer, AnswerValue, Template, catalogues};
use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;

/// 100 yes/no and maturity questions over ten sections, each mapped to an Annex A control.
fn template() -> Template {
    let controls: Vec<&str> = catalogues().iso_controls().iter().map(|c| c.id.as_str()).collect();
    let mut yaml = String::from("slug: bench\ntitle: Bench\nversion: 1\ndescription: Synthetic.\nsections:\n");
    for s in 0..10 {
        yaml += &format!("  - id: S{}\n    title: Section {s}\n    questions:\n", (b'A' + s) as char);
        for q in 0..10 {
            let n = usize::from(s) * 10 + q;
            let (answer, compliant) =
                if n % 4 == 0 { ("maturity_0_5", "") } else { ("yes_no_na", ", compliant: [\"yes\"]") };
            let importance = ["minor", "standard", "critical"][n % 3];
            yaml += &format!(
                "      - {{id: S{}-{q:02}, text: Question {n}?, answer: {answer}, importance: {importance}{compliant}, knock_out: {}, iso: [\"{}\"]}}\n",
                (b'A' + s) as char,
                n % 17 == 0,
                controls[n % controls.len()]
            );
        }
    }
    Template::from_yaml("bench.yaml", &yaml, catalogues()).expect("bench template")
}

fn answer_sets(template: &Template, count: usize) -> Vec<BTreeMap<String, Answer>> {
    (0..count)
        .map(|i| {
            template
                .questions()
                .enumerate()
                .filter(|(q, _)| (i + q) % 13 != 0)
                .map(|(q, question)| {
                    let value = match (question.answer, (i * 7 + q) % 4) {
                        (questionnaires::AnswerType::Maturity0To5, k) => AnswerValue::Maturity(k as u8 + 1),
                        (_, 0) => AnswerValue::No,
                        (_, 1) => AnswerValue::Partial,
                        _ => AnswerValue::Yes,
                    };
                    (question.id.clone(), Answer::new(value))
                })
                .collect()
        })
        .collect()
}

fn scoring(c: &mut Criterion) {
    let template = template();
    let sets = answer_sets(&template, 10_000);
    let settings = ScoringSettings::default();
    let supplier = SupplierContext::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let remediated = BTreeSet::new();
    let input = |answers| ScoringInput {
        template: &template,
        answers,
        supplier: &supplier,
        settings: &settings,
        assessed_on: today,
        today,
        remediated: &remediated,
    };
    let mut group = c.benchmark_group("scoring");
    group.sample_size(10);
    group.bench_function("10000 assessments x 100 questions, one plan", |b| {
        b.iter(|| {
            let plan = ScoringPlan::new(&template);
            for answers in &sets {
                black_box(score_with(&plan, &input(answers)));
            }
        })
    });
    group.bench_function("10000 assessments x 100 questions, score() each", |b| {
        b.iter(|| {
            for answers in &sets {
                black_box(score(&input(answers)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
