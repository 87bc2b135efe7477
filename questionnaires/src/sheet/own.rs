//! Importing Chainward's own export: the hidden sheet names template, version and
//! assessment; the answers sheet has one row per question id. What was exported comes back
//! exactly.
use super::export::{ANSWERS_SHEET, COLUMNS, META_SHEET};
use super::report::{CellProblem, ImportReport, ImportedAnswer, UnmatchedRow};
use super::{SheetError, Workbook};
use crate::Template;
use crate::answer::parse_answer;
use std::collections::BTreeMap;

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

fn clean(text: &str) -> String {
    text.replace(['\u{a0}', '\u{feff}'], " ").trim().to_owned()
}

pub fn import_own(workbook: &Workbook, template: &Template, meta: &OwnMeta) -> Result<ImportReport, SheetError> {
    if meta.template != template.slug {
        return Err(SheetError::Layout(format!(
            "this file was exported for the questionnaire \"{}\", not \"{}\"",
            meta.template, template.slug
        )));
    }
    let sheet = workbook
        .sheet(ANSWERS_SHEET)
        .ok_or_else(|| SheetError::Layout(format!("the sheet \"{ANSWERS_SHEET}\" is missing; was it renamed?")))?;
    let header_row =
        sheet.rows.iter().position(|r| r.first().is_some_and(|c| c.text().trim() == COLUMNS[0])).ok_or_else(|| {
            SheetError::Layout(format!("{ANSWERS_SHEET} has no header row starting with \"{}\"", COLUMNS[0]))
        })?;
    let column = |title: &str| sheet.rows[header_row].iter().position(|c| c.text().trim() == title);
    let (Some(answer_col), comment_col, evidence_col) =
        (column("Answer"), column("Comment"), column("Evidence reference"))
    else {
        return Err(SheetError::Layout(format!("{ANSWERS_SHEET} has no \"Answer\" column")));
    };
    let mut report = ImportReport {
        format: workbook.format,
        layout: format!("Chainward export of {} version {}", meta.template, meta.version),
        template: template.slug.clone(),
        template_version: template.version,
        assessment_id: meta.assessment_id.clone(),
        rows_read: 0,
        answers: Vec::new(),
        unanswered: Vec::new(),
        unmatched: Vec::new(),
        invalid: Vec::new(),
        missing: Vec::new(),
        notes: Vec::new(),
    };
    if meta.version != template.version {
        report.notes.push(format!(
            "the file was exported from version {} of the questionnaire; answers are matched to version {} by question id",
            meta.version, template.version
        ));
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (row, cells) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        let id = clean(&cells.first().map(|c| c.text()).unwrap_or_default());
        if id.is_empty() {
            continue; // a section row or an empty line
        }
        report.rows_read += 1;
        let id_cell = sheet.reference(row, 0);
        let Some(question) = template.question(&id) else {
            let text = clean(&sheet.cell(row, 2).text());
            report.unmatched.push(UnmatchedRow { cell: id_cell, id, text });
            continue;
        };
        if let Some(first) = seen.insert(id.clone(), id_cell.clone()) {
            report.invalid.push(CellProblem {
                cell: id_cell,
                question_id: Some(id.clone()),
                message: format!("{id} appears twice (first at {first}); only the first row is taken"),
            });
            continue;
        }
        let raw = clean(&sheet.cell(row, answer_col).text());
        let optional = |col: Option<usize>| col.map(|c| clean(&sheet.cell(row, c).text())).filter(|t| !t.is_empty());
        if raw.is_empty() {
            report.unanswered.push(id);
            continue;
        }
        let cell = sheet.reference(row, answer_col);
        match parse_answer(question, &raw) {
            Ok(value) => report.answers.push(ImportedAnswer {
                question_id: id,
                cell,
                raw,
                value,
                comment: optional(comment_col),
                evidence: optional(evidence_col),
            }),
            Err(message) => report.invalid.push(CellProblem { cell, question_id: Some(id), message }),
        }
    }
    report.missing = template.questions().filter(|q| !seen.contains_key(&q.id)).map(|q| q.id.clone()).collect();
    Ok(report)
}
