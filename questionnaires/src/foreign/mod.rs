//! Questionnaires a supplier already filled in (CSA CAIQ, EDUCAUSE HECVAT, its own Statement of
//! Applicability): recognised by family and version from what the workbook holds, turned into a
//! read-only template whose questions carry the Annex A controls of a crosswalk (shipped as data
//! in `crosswalks/`, or read from the workbook's own crosswalk sheet), scored by the scoring
//! engine like any template, with the coverage of Annex A and NIS 2 as the point; a follow-up
//! then asks only what it left open.
pub mod build;
pub mod coverage;
pub mod crosswalk;
pub mod embedded;
pub mod family;
pub mod gap;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_gap;
#[cfg(test)]
mod tests_samples;

use crate::Template;
use crate::answer::Answer;
use crate::sheet::import::{ImportChoices, analyse};
use crate::sheet::matching::match_rows;
use crate::sheet::report::ImportReport;
use crate::sheet::{SheetError, Workbook};
pub use build::{MappedQuestion, MappingSource};
pub use coverage::{ControlStatus, Coverage};
pub use family::{Family, Recognised};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A foreign workbook read: its family, its read-only template, where each question's controls
/// come from, the answers matched to that template, and the coverage they give.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ForeignReading {
    pub recognised: Recognised,
    pub template: Template,
    pub mapping: Vec<MappedQuestion>,
    pub embedded: embedded::Embedded,
    /// The rows matched to `template`: answers, invalid cells, notes.
    pub report: ImportReport,
    pub coverage: Coverage,
}

/// Reads a supplier's own questionnaire: recognised, mapped, matched and covered. An
/// unrecognised file still gives its questions (all "not mapped"), so the analyst sees why.
pub fn read_foreign(
    workbook: &Workbook,
    choices: &ImportChoices,
    today: chrono::NaiveDate,
) -> Result<ForeignReading, SheetError> {
    let read = analyse(workbook, None, choices)?;
    if read.rows.is_empty() {
        return Err(SheetError::Layout("no question rows were found in the workbook".into()));
    }
    let recognised = family::recognise(workbook, &read.rows);
    let embedded = embedded::read_embedded(workbook);
    let (template, mapping) = build::family_template(&recognised, &read.rows, &embedded);
    if template.sections.is_empty() {
        return Err(SheetError::Layout("no question with a text was found in the workbook".into()));
    }
    // `build` makes any file's template valid; should a shape slip through, the supplier hears
    // what is wrong with the file at the preview, not an internal error at the commit.
    if let Some(problem) = crate::template::validate(&template, crate::catalogues()).first() {
        return Err(SheetError::Layout(format!("the questionnaire cannot be read as a template: {problem}")));
    }
    let mut report = match_rows(workbook.format, read.columns.clone(), read.rows.clone(), &template, &BTreeMap::new());
    report.notes.extend(read.notes);
    report.notes.extend(
        embedded
            .untranslated
            .iter()
            .map(|cell| format!("{cell}: not an ISO/IEC 27002:2013 control number; that mapping is left out")),
    );
    let answers: BTreeMap<String, Answer> =
        report.answers.iter().map(|a| (a.question_id.clone(), Answer::new(a.value.clone()))).collect();
    let coverage = coverage::coverage(&template, &answers, today);
    Ok(ForeignReading { recognised, template, mapping, embedded, report, coverage })
}
