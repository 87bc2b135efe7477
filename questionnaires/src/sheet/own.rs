//! Chainward's own export: the hidden sheet names template, version and assessment, and the
//! answers sheet has a known layout, so nothing needs detecting. What was exported comes back
//! exactly.
use super::Workbook;
use super::export::{ANSWER_COL, ANSWERS_SHEET, COLUMNS, META_SHEET};
use super::layout::{AnswerColumns, Layout, SheetLayout};

/// What the hidden sheet of an export says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnMeta {
    pub template: String,
    pub version: u32,
    pub assessment_id: Option<String>,
}

/// The export's identity, if the workbook is one of ours.
pub fn own_meta(workbook: &Workbook) -> Option<OwnMeta> {
    let sheet = workbook.sheet(META_SHEET)?;
    let value = |key: &str| {
        sheet
            .rows
            .iter()
            .find(|r| r.first().is_some_and(|c| c.text().trim() == key))
            .map(|r| r.get(1).map(|c| c.text().trim().to_owned()).unwrap_or_default())
    };
    if value("format")? != "chainward-answers" {
        return None;
    }
    Some(OwnMeta {
        template: value("template")?,
        version: value("version")?.parse().ok()?,
        assessment_id: value("assessment").filter(|a| !a.is_empty()),
    })
}

/// The layout of our answers sheet, found by its header row wherever it now is.
pub fn own_layout(workbook: &Workbook) -> Option<Layout> {
    let sheet = workbook.sheet(ANSWERS_SHEET)?;
    let header = sheet.rows.iter().position(|r| r.first().is_some_and(|c| c.text().trim() == COLUMNS[0]))?;
    let column = |title: &str| sheet.rows[header].iter().position(|c| c.text().trim() == title);
    Some(Layout {
        sheets: vec![SheetLayout {
            sheet: ANSWERS_SHEET.to_owned(),
            header_rows: vec![header],
            repeated_headers: Vec::new(),
            id: 0,
            question: column("Question").unwrap_or(2),
            answer: AnswerColumns::Single { column: column("Answer").unwrap_or(ANSWER_COL as usize) },
            comment: column("Comment"),
            evidence: column("Evidence reference"),
            guidance: column("Guidance"),
            applicable: None,
            headers: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
            confidence: 100,
        }],
        skipped: Vec::new(),
    })
}
