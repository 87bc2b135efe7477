//! `chainward score FILE` without `--template`: a supplier's own questionnaire (CAIQ, HECVAT,
//! an ISO 27001 SoA), recognised from its ids, scored through its crosswalk, and reported with
//! the Annex A controls it covers and those it does not.
use super::input::{Source, answers_source};
use chrono::NaiveDate;
use questionnaires::Template;
use questionnaires::foreign::coverage::is_covered;
use questionnaires::foreign::{Coverage, Family, Recognised, read_foreign};
use questionnaires::scoring::ScoreReport;
use questionnaires::sheet::import::ImportChoices;
use questionnaires::sheet::{Limits, read_workbook};
use std::fmt::Write as _;
use std::path::Path;

/// What the file was read as.
pub struct Read {
    pub recognised: Recognised,
    pub template: Template,
    /// The answers in the JSON form `check` reads.
    pub answers: Source,
    pub coverage: Coverage,
}

/// Reads and recognises the file; an unrecognised family is an error that says how to go on.
pub fn read(path: &Path, today: NaiveDate) -> Result<Read, Vec<String>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| vec![format!("{name}: cannot read: {e}")])?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF)) == Some(&b'{') {
        return Err(vec![format!(
            "{name}: JSON answers are scored against one of our templates: name it with --template (without it, ANSWERS is a supplier's own questionnaire as a spreadsheet)"
        )]);
    }
    let workbook = read_workbook(&bytes, &Limits::default()).map_err(|e| {
        vec![format!("{name}: {e} (without --template, ANSWERS is a supplier's own questionnaire as a spreadsheet)")]
    })?;
    let reading =
        read_foreign(&workbook, &ImportChoices::default(), today).map_err(|e| vec![format!("{name}: {e}")])?;
    if reading.recognised.family == Family::Unknown {
        return Err(vec![format!(
            "{name}: not a questionnaire family Chainward knows ({}); name --template to score it against one of ours",
            reading.recognised.evidence.join("; ")
        )]);
    }
    for problem in &reading.report.invalid {
        eprintln!("warning: {name}: {problem} (left unanswered)");
    }
    let answers = answers_source(name, &reading.report, &reading.template);
    Ok(Read { recognised: reading.recognised, template: reading.template, answers, coverage: reading.coverage })
}

/// The score report as JSON (its `annex_a_coverage` filled in), with the questionnaire
/// recognised beside it.
pub fn json(report: &ScoreReport, foreign: Option<&Read>) -> serde_json::Result<String> {
    let mut value = serde_json::to_value(report)?;
    if let (Some(read), Some(object)) = (foreign, value.as_object_mut()) {
        object.insert("questionnaire".into(), serde_json::to_value(&read.recognised)?);
    }
    serde_json::to_string_pretty(&value)
}

/// The coverage section of the text report.
pub fn text(read: &Read) -> String {
    let coverage = &read.coverage;
    let mut out = String::new();
    let _ = writeln!(out, "\n{} recognised: {}", read.recognised.name(), read.recognised.evidence.join("; "));
    for line in coverage.explanation.iter().take(3) {
        let _ = writeln!(out, "{line}");
    }
    let ids = |covered: bool| -> String {
        let list: Vec<String> = coverage
            .controls
            .iter()
            .filter(|c| is_covered(c.status) == covered)
            .map(|c| format!("A.{}", c.id))
            .collect();
        if list.is_empty() { "none".into() } else { list.join(", ") }
    };
    let _ = writeln!(out, "\nAnnex A controls covered ({})\n  {}", coverage.controls_covered, ids(true));
    let _ = writeln!(out, "Annex A controls not covered ({})\n  {}", coverage.controls_not_covered, ids(false));
    let _ = writeln!(out, "\nNIS 2 Art. 21(2) points (related controls covered)");
    for point in &coverage.nis2_points {
        let _ = writeln!(
            out,
            "  {}  {:>2} of {:>2}  {}",
            point.id.trim_start_matches("21(2)"),
            point.covered,
            point.controls,
            point.title
        );
    }
    out
}
