//! The real third-party questionnaires in `$CHAINWARD_SAMPLES` (or `../shared/samples`), never
//! copied into the repository: each is imported as xlsx and, where LibreOffice is installed,
//! as the ods and xls copies it makes, and the whole extraction is compared with the cells a
//! person would pick, read here independently with calamine (sheet, column letters and the rows
//! whose id cell holds a code). Skipped with a message when the samples are absent.
use super::import::{ImportChoices, analyse};
use super::layout::{AnswerColumns, normalise_id};
use super::report::ImportReport;
use super::rows::SourceRow;
use super::vocab::clean;
use super::{Limits, read_workbook};
use calamine::{Data, Reader};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where a person finds the answer on a sample's sheets.
enum Answer {
    /// One column, by letter.
    Column(&'static str),
    /// An X under one of these columns (yes, no, n/a), by letter.
    Marks([&'static str; 3]),
}

/// What a person reads off one sample: the sheets that hold the questions (in order), the
/// column of each part, and which rows are questions.
struct Expected {
    file: &'static str,
    sheets: &'static [&'static str],
    id: &'static str,
    question: &'static str,
    answer: Answer,
    comment: &'static str,
    /// The first row (1-based) that may hold a question.
    from_row: usize,
    /// Whether an id cell holds a question's code (not a section title).
    is_code: fn(&str) -> bool,
}

/// `GNRL-01`: four capitals, a dash, two digits (the HECVAT codes).
fn hecvat_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[..4].iter().all(u8::is_ascii_uppercase)
        && bytes[4] == b'-'
        && bytes[5..].iter().all(u8::is_ascii_digit)
}

fn any_text(text: &str) -> bool {
    !text.is_empty()
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "caiq-v4-answered.xlsx",
        sheets: &["CAIQv4.0.3"],
        id: "A",
        question: "B",
        answer: Answer::Column("C"),
        comment: "E",
        from_row: 3,
        is_code: any_text,
    },
    Expected {
        file: "answered-hecvat-3.04-full.xlsx",
        sheets: &["HECVAT - Full | Vendor Response"],
        id: "A",
        question: "B",
        answer: Answer::Column("C"),
        comment: "D",
        from_row: 1,
        is_code: hecvat_code,
    },
    Expected {
        file: "blank-caiq-v3.0.1.xlsx",
        sheets: &["CSA CAIQ v3.0.1"],
        id: "C",
        question: "E",
        answer: Answer::Marks(["F", "G", "H"]),
        comment: "I",
        from_row: 5,
        is_code: any_text,
    },
    Expected {
        file: "hecvat-4.1.4-blank.xlsx",
        sheets: &[
            "START HERE",
            "Organization",
            "Product",
            "Infrastructure",
            "IT Accessibility",
            "Case-Specific",
            "AI",
            "Privacy",
        ],
        id: "A",
        question: "B",
        answer: Answer::Column("C"),
        comment: "D",
        from_row: 1,
        is_code: hecvat_code,
    },
];

fn column(letter: &str) -> usize {
    letter.bytes().fold(0, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1
}

/// A cell as a person reads it (calamine's own value, not our reader's).
fn shown(data: Option<&Data>) -> Option<String> {
    let text = match data? {
        Data::String(s) => clean(s),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => d.as_datetime().map(|d| d.date().to_string()).unwrap_or_default(),
        Data::DateTimeIso(d) => d.get(..10).unwrap_or(d).to_owned(),
        _ => String::new(),
    };
    (!text.is_empty()).then_some(text)
}

/// One question row as a person picks it: id, question, answer, comment.
type Picked = (String, String, Option<String>, Option<String>);

/// The rows of `expected` read from `path` with calamine, first occurrence of each id winning.
fn picked(path: &Path, expected: &Expected) -> Vec<(String, Picked)> {
    let mut workbook = calamine::open_workbook_auto(path).expect("calamine opens the sample");
    let mut seen = BTreeSet::new();
    let mut rows = Vec::new();
    for &name in expected.sheets {
        let range = workbook.worksheet_range(name).expect("the sheet exists");
        let at = |row: usize, letter: &str| shown(range.get_value((row as u32, column(letter) as u32)));
        for row in expected.from_row - 1..range.end().map_or(0, |(r, _)| r as usize + 1) {
            let Some(id) = at(row, expected.id).filter(|id| (expected.is_code)(id)) else { continue };
            let Some(question) = at(row, expected.question) else { continue };
            if !seen.insert(normalise_id(&id)) {
                continue;
            }
            let answer = match &expected.answer {
                Answer::Column(letter) => at(row, letter),
                Answer::Marks(letters) => {
                    let words = ["Yes", "No", "N/A"];
                    let marked: Vec<&str> =
                        letters.iter().zip(words).filter(|(l, _)| at(row, l).is_some()).map(|(_, w)| w).collect();
                    marked.first().map(|w| (*w).to_owned())
                }
            };
            let cell = format!("{name}!{}{}", expected.id, row + 1);
            rows.push((cell, (normalise_id(&id), question, answer, at(row, expected.comment))));
        }
    }
    rows
}

fn extracted(row: &SourceRow) -> Picked {
    (row.id.clone(), row.question.clone(), row.answer.clone(), row.comment.clone())
}

fn import(path: &Path) -> ImportReport {
    let bytes = std::fs::read(path).expect("read the sample");
    let workbook = read_workbook(&bytes, &Limits::default()).expect("the sample reads");
    analyse(&workbook, None, &ImportChoices::default()).expect("the layout is detected")
}

/// The extraction of `path` is exactly what a person picks, and nothing else.
fn check(path: &Path, expected: &Expected) -> Vec<Picked> {
    let report = import(path);
    let label = path.file_name().unwrap_or_default().to_string_lossy().to_string();
    let sheets: Vec<&str> = report.columns.sheets.iter().map(|s| s.sheet.as_str()).collect();
    assert_eq!(sheets, expected.sheets, "{label}: the sheets read ({})", report.layout);
    for layout in &report.columns.sheets {
        let found = (layout.id, layout.question, layout.comment);
        let want = (column(expected.id), column(expected.question), Some(column(expected.comment)));
        assert_eq!(found, want, "{label}: {} columns ({})", layout.sheet, report.layout);
        let answer = match &expected.answer {
            Answer::Column(letter) => AnswerColumns::Single { column: column(letter) },
            Answer::Marks([yes, no, na]) => {
                AnswerColumns::Marks { yes: column(yes), no: column(no), na: Some(column(na)), partial: None }
            }
        };
        assert_eq!(layout.answer, answer, "{label}: {} answer columns", layout.sheet);
    }
    let picked = picked(path, expected);
    let from_elsewhere: Vec<&String> =
        report.rows.iter().map(|r| &r.cell).filter(|c| !picked.iter().any(|(p, _)| p == *c)).collect();
    assert!(from_elsewhere.is_empty(), "{label}: rows a person would not take: {from_elsewhere:?}");
    assert_eq!(report.rows.len(), picked.len(), "{label}: every question");
    let mut exact = 0;
    for (row, (cell, want)) in report.rows.iter().zip(&picked) {
        assert_eq!(&row.cell, cell, "{label}: rows in sheet order");
        assert_eq!(&extracted(row), want, "{label}: {cell}");
        exact += 1;
    }
    let answered = report.rows.iter().filter(|r| r.answer.is_some()).count();
    let commented = report.rows.iter().filter(|r| r.comment.is_some()).count();
    eprintln!(
        "{label}: {} questions found, {exact} rows exact, 0 false rows ({answered} answered, {commented} commented)",
        report.rows.len()
    );
    report.rows.iter().map(extracted).collect()
}

/// The folder of real samples, if there is one.
pub(crate) fn samples() -> Option<PathBuf> {
    let dir = std::env::var_os("CHAINWARD_SAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples"));
    dir.is_dir().then_some(dir)
}

/// LibreOffice's copy of `source` as `format` (ods or xls), recalculated on load so that the
/// copy holds each formula's value; `None` when LibreOffice is not installed.
fn converted(source: &Path, format: &str) -> Option<PathBuf> {
    let out = std::env::temp_dir().join("chainward-sample-copies");
    let stem = source.file_stem()?.to_string_lossy().to_string();
    let target = out.join(format!("{stem}.{format}"));
    let fresh = |t: &Path| {
        let (a, b) =
            (std::fs::metadata(t).and_then(|m| m.modified()), std::fs::metadata(source).and_then(|m| m.modified()));
        matches!((a, b), (Ok(a), Ok(b)) if a >= b)
    };
    if fresh(&target) {
        return Some(target);
    }
    let profile = out.join("profile");
    std::fs::create_dir_all(profile.join("user")).ok()?;
    let recalc = ["OOXMLRecalcMode", "ODFRecalcMode"]
        .map(|p| format!(r#"<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{p}" oor:op="fuse"><value>0</value></prop></item>"#))
        .join("");
    let settings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry">{recalc}</oor:items>"#
    );
    std::fs::write(profile.join("user/registrymodifications.xcu"), settings).ok()?;
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(&out)
        .arg(source)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Err(_) => None,
        Ok(status) => {
            assert!(status.success() && target.exists(), "soffice could not convert {} to {format}", source.display());
            Some(target)
        }
    }
}

#[test]
fn real_samples_come_out_exactly_in_every_format() {
    let Some(dir) = samples() else {
        eprintln!("no samples (set CHAINWARD_SAMPLES): skipped");
        return;
    };
    for expected in EXPECTED {
        let source = dir.join(expected.file);
        if !source.exists() {
            eprintln!("{}: not in {}: skipped", expected.file, dir.display());
            continue;
        }
        let xlsx = check(&source, expected);
        for format in ["ods", "xls"] {
            match converted(&source, format) {
                // The same workbook in another format: the same questions, answers and comments.
                Some(copy) => assert_eq!(check(&copy, expected), xlsx, "{} as {format}", expected.file),
                None => eprintln!("soffice not installed: {} not tried as {format}", expected.file),
            }
        }
    }
}

/// Any other workbook in the samples folder (other versions, other families) is read and its
/// layout detected without error.
#[test]
fn other_samples_are_read_and_detected() {
    let Some(dir) = samples() else { return };
    let known: Vec<&str> = EXPECTED.iter().map(|e| e.file).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let spreadsheet = [".xlsx", ".xlsm", ".xls", ".ods", ".csv"].iter().any(|x| name.ends_with(x));
        if !spreadsheet || known.contains(&name.as_str()) {
            continue;
        }
        let report = import(&entry.path());
        eprintln!("{name}: {} questions; {}", report.rows.len(), report.layout);
    }
}
