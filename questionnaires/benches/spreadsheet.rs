//! Reading and importing 10,000 answers, from our own export and from a supplier's own layout:
//! `cargo bench -p questionnaires --bench spreadsheet`. Both workbooks are also written to
//! `$CARGO_TARGET_DIR`, so that `bash bench/import_vs_openpyxl.sh` has openpyxl read the very
//! same files (figures and ratio in BENCHMARKS.md).
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

/// The same questions and answers in a supplier's own layout (no hidden sheet naming the
/// template): the layout is detected from the cells, and the ids match by external reference.
fn foreign_workbook(template: &Template) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Supplier answers").expect("sheet");
    for (col, title) in ["Ref", "Question", "Response", "Remarks"].iter().enumerate() {
        sheet.write_string(0, col as u16, *title).expect("header");
    }
    let answers = ["Yes", "No", "Partial", "N/A"];
    for (i, question) in template.questions().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &question.id).expect("id");
        sheet.write_string(row, 1, &question.text).expect("question");
        sheet.write_string(row, 2, answers[i % 4]).expect("answer");
        if i % 2 == 0 {
            sheet.write_string(row, 3, format!("Comment {i}")).expect("comment");
        }
    }
    book.save_to_buffer().expect("foreign workbook")
}

/// Where the workbooks are written for `bench/import_vs_openpyxl.sh`: `$CARGO_TARGET_DIR`, else the
/// temporary directory.
fn written(name: &str, bytes: &[u8]) {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    let path = target.join(name);
    std::fs::write(&path, bytes).expect("write the bench workbook");
    eprintln!("workbook: {} ({} bytes)", path.display(), bytes.len());
}

fn read(c: &mut Criterion) {
    let template = template();
    let bytes = workbook(&template);
    written("bench-10000-questions.xlsx", &bytes);
    let foreign = foreign_workbook(&template);
    written("bench-10000-questions-foreign.xlsx", &foreign);
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
    group.bench_function("read, detect the layout and import 10,000 answers", |b| {
        b.iter(|| {
            let workbook = read_workbook(black_box(&foreign), &Limits::default()).expect("read");
            let report = analyse(&workbook, Some(&template), &ImportChoices::default()).expect("import");
            assert_eq!(report.answers.len(), 10_000);
            report
        })
    });
    group.finish();
}

/// A CAIQ v4 of every CCM control (a question or two each, our own texts), answered: what
/// previewing a supplier's own questionnaire costs (recognised, mapped, matched, covered).
fn caiq_workbook() -> Vec<u8> {
    let crosswalk = questionnaires::foreign::crosswalk::crosswalk("caiq-v4").expect("shipped crosswalk");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("CAIQv4.0.3").expect("sheet");
    sheet.write_string(0, 0, "Consensus Assessment Initiative Questionnaire v4.0.3").expect("banner");
    for (col, title) in
        ["Question ID", "Question", "CSP CAIQ Answer", "CSP Implementation Description"].iter().enumerate()
    {
        sheet.write_string(1, col as u16, *title).expect("header");
    }
    let mut row = 2;
    for (i, control) in crosswalk.ids().enumerate() {
        for q in 1..=(1 + i % 2) {
            let id = format!("{control}.{q}");
            sheet.write_string(row, 0, &id).expect("id");
            sheet.write_string(row, 1, format!("Is the practice {id} asks about in place?")).expect("question");
            sheet.write_string(row, 2, ["Yes", "Yes", "No", "NA"][row as usize % 4]).expect("answer");
            sheet.write_string(row, 3, "Described in our security policy.").expect("comment");
            row += 1;
        }
    }
    book.save_to_buffer().expect("caiq workbook")
}

fn foreign(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
    let caiq = caiq_workbook();
    written("bench-caiq-v4.xlsx", &caiq);
    let mut group = c.benchmark_group("foreign questionnaire");
    group.sample_size(20);
    group.bench_function("read, recognise, map and cover a CAIQ v4 of 295 questions", |b| {
        b.iter(|| {
            let workbook = read_workbook(black_box(&caiq), &Limits::default()).expect("read");
            let reading =
                questionnaires::foreign::read_foreign(&workbook, &ImportChoices::default(), today).expect("foreign");
            assert_eq!(reading.recognised.family, questionnaires::foreign::Family::CaiqV4);
            reading
        })
    });
    group.finish();
}

criterion_group!(benches, read, foreign);
criterion_main!(benches);
