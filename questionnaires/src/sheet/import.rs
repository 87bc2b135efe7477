//! The import dry run: a workbook in, a report out. Chainward's own export is recognised by
//! its hidden sheet; any other layout is detected (or given, corrected by the user or saved in
//! a profile). Nothing here writes anywhere.
use super::detect::detect;
use super::layout::Layout;
use super::matching::{match_rows, unmatched_report};
use super::own::{own_layout, own_meta};
use super::report::ImportReport;
use super::rows::read_rows;
use super::{SheetError, Workbook};
use crate::Template;
use std::collections::BTreeMap;

/// What the user chose for an import.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ImportChoices {
    /// A layout to use instead of the detected one.
    pub layout: Option<Layout>,
    /// Foreign id -> question id, from a profile or the user's corrections.
    pub mapping: BTreeMap<String, String>,
}

/// Reads the questions and answers of `workbook` and matches them to `template` if given.
pub fn analyse(
    workbook: &Workbook,
    template: Option<&Template>,
    choices: &ImportChoices,
) -> Result<ImportReport, SheetError> {
    if let Some(meta) = own_meta(workbook) {
        if let Some(template) = template.filter(|t| t.slug != meta.template) {
            return Err(SheetError::Layout(format!(
                "this file was exported for the questionnaire \"{}\", not \"{}\"",
                meta.template, template.slug
            )));
        }
        let layout = own_layout(workbook).ok_or_else(|| {
            SheetError::Layout("the Answers sheet or its header row is missing; was it renamed?".into())
        })?;
        let read = read_rows(workbook, &layout, template.is_none());
        let mut report = match template {
            Some(template) => match_rows(workbook.format, layout, read.rows, template, &choices.mapping),
            None => unmatched_report(workbook.format, layout, read.rows),
        };
        report.notes.extend(read.notes);
        report.layout = format!("Chainward export of {} version {}", meta.template, meta.version);
        report.assessment_id = meta.assessment_id.clone();
        if let Some(template) = template.filter(|t| t.version != meta.version) {
            report.notes.push(format!(
                "the file was exported from version {} of the questionnaire; answers are matched to version {} by question id",
                meta.version, template.version
            ));
        }
        return Ok(report);
    }
    let layout = match &choices.layout {
        Some(layout) => layout.clone(),
        None => detect(workbook)?,
    };
    let read = read_rows(workbook, &layout, template.is_none());
    let mut report = match template {
        Some(template) => match_rows(workbook.format, layout, read.rows, template, &choices.mapping),
        None => unmatched_report(workbook.format, layout, read.rows),
    };
    report.notes.extend(read.notes);
    Ok(report)
}
