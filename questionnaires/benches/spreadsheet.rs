//! Reading a 10,000-question answer workbook (our own export, every answer filled):
//! `cargo bench -p questionnaires --bench spreadsheet`. The workbook is also written to
//! `$CARGO_TARGET_DIR/bench-10000-questions.xlsx`, so that `python3 bench/openpyxl_read.py`
//! reads the very same file (figures and ratio in BENCHMARKS.md).
use criterion::{Criterion, criterion_group, criterion_main};
use questionnaires::sheet::export::{Filled, Prefill, export_template};
use questionnaires::sheet::import::{ImportChoices, analyse};
use questionnaires::sheet::{Limits, read_workbook};
use questionnaires::{AnswerValue, Section, Template, shipped_template};
use std::hint::black_box;

/// supplier-lite's questions repeated to 10,000, in 100 sections of 100.
fn template() -> Template {
    let lite = shipped_template("supplier-lite").expect("shipped");
    let pool: Vec<_> = lite.questions().filter(|q| q.answer == questionnaires::AnswerType::YesNoNa).cloned().collect();
    let letters = |n: usize| format!("{}{}", (b'A' + (n / 26) as u8) as char, (b'A' + (n % 26) as u8) as char);
    let sections = (0..100)
        .map(|s| Section {
            id: letters(s),
            title: format!("Section {s}"),
            questions: (0..100)
                .map(|q| {
                    let mut question = pool[(s * 100 + q) % pool.len()].clone();
                    question.id = format!("{}-{q:03}", letters(s));
                    question.section = letters(s);
                    question
                })
                .collect(),
        })
        .collect();
    Template { slug: "bench".into(), title: "Bench".into(), version: 1, description: "Synthetic".into(), sections }
}

fn workbook(template: &Template) -> Vec<u8> {
    let answers = template
        .questions()
        .enumerate()
        .map(|(i, q)| {
            let value =
                [AnswerValue::Yes, AnswerValue::No, AnswerValue::Partial, AnswerValue::NotApplicable][i % 4].clone();
            let filled =
                Filled { value: Some(value), comment: (i % 2 == 0).then(|| format!("Comment {i}")), evidence: None };
            (q.id.clone(), filled)
        })
        .collect();
    export_template(template, &Prefill { assessment_id: None, answers }).expect("export")
}

fn read(c: &mut Criterion) {
    let template = template();
    let bytes = workbook(&template);
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let path = std::path::Path::new(&target).join("bench-10000-questions.xlsx");
    std::fs::write(&path, &bytes).expect("write the bench workbook");
    eprintln!("workbook: {} ({} bytes)", path.display(), bytes.len());
    let mut group = c.benchmark_group("spreadsheet");
    group.sample_size(10);
    group.bench_function("read 10,000-question workbook", |b| {
        b.iter(|| read_workbook(black_box(&bytes), &Limits::default()).expect("read"))
    });
    group.bench_function("size and inflate checks only", |b| {
        b.iter(|| questionnaires::sheet::format::sniff(black_box(&bytes), &Limits::default()).expect("sniff"))
    });
    group.bench_function("read and import 10,000 answers", |b| {
        b.iter(|| {
            let workbook = read_workbook(black_box(&bytes), &Limits::default()).expect("read");
            let report = analyse(&workbook, Some(&template), &ImportChoices::default()).expect("import");
            assert_eq!(report.answers.len(), 10_000);
            report
        })
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
