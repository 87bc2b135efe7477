//! Matching rows read from a workbook to the questions of a template: by Chainward's question
//! id, by a question's external reference (e.g. a CAIQ id), or by a saved profile's mapping.
//! Rows that match nothing are listed, never dropped silently.
use super::Format;
use super::layout::{Layout, id_key};
use super::report::{CellProblem, ImportReport, ImportedAnswer, UnmatchedRow};
use super::rows::SourceRow;
use super::vocab::read_answer;
use crate::{Question, Template};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::BTreeMap;

/// A report of what was read, matched to nothing (no template chosen yet).
pub fn unmatched_report(format: Format, layout: Layout, rows: Vec<SourceRow>) -> ImportReport {
    ImportReport {
        format,
        layout: layout.describe(),
        columns: layout,
        template: None,
        template_version: None,
        assessment_id: None,
        rows,
        answers: Vec::new(),
        unanswered: Vec::new(),
        unmatched: Vec::new(),
        invalid: Vec::new(),
        missing: Vec::new(),
        notes: Vec::new(),
    }
}

fn key(id: &str) -> String {
    id_key(id)
}

/// Matches `rows` to `template`; `mapping` (foreign id -> question id) comes from a profile
/// and wins over everything else.
pub fn match_rows(
    format: Format,
    layout: Layout,
    rows: Vec<SourceRow>,
    template: &Template,
    mapping: &BTreeMap<String, String>,
) -> ImportReport {
    // Hash maps: ten thousand ids of one prefix make ordered maps compare long strings.
    let mut by_key: HashMap<String, &Question> = HashMap::with_capacity(template.questions().count() * 2);
    for question in template.questions() {
        for external in &question.external {
            by_key.entry(key(&external.id)).or_insert(question);
        }
    }
    for question in template.questions() {
        by_key.insert(key(&question.id), question);
    }
    let mapped: HashMap<String, &Question> =
        mapping.iter().filter_map(|(from, to)| template.question(to).map(|q| (key(from), q))).collect();
    let mut report = unmatched_report(format, layout, Vec::new());
    report.template = Some(template.slug.clone());
    report.template_version = Some(template.version);
    let mut answered: HashMap<&str, &str> = HashMap::with_capacity(rows.len());
    for row in &rows {
        if let Some(problem) = &row.problem {
            let cell = row.answer_cell.clone().unwrap_or_else(|| row.cell.clone());
            report.invalid.push(CellProblem { cell, question_id: None, message: problem.clone() });
            continue;
        }
        let Some(question) = mapped.get(&key(&row.id)).or_else(|| by_key.get(&key(&row.id))) else {
            report.unmatched.push(UnmatchedRow {
                cell: row.cell.clone(),
                id: row.id.clone(),
                text: row.question.clone(),
            });
            continue;
        };
        if let Some(first) = answered.get(question.id.as_str()) {
            report.invalid.push(CellProblem {
                cell: row.cell.clone(),
                question_id: Some(question.id.clone()),
                message: format!("{} is answered twice (first at {first}); only the first is taken", question.id),
            });
            continue;
        }
        answered.insert(question.id.as_str(), row.cell.as_str());
        let Some(raw) = row.answer.clone() else {
            report.unanswered.push(question.id.clone());
            continue;
        };
        let cell = row.answer_cell.clone().unwrap_or_else(|| row.cell.clone());
        match read_answer(question, &raw) {
            Ok(value) => report.answers.push(ImportedAnswer {
                question_id: question.id.clone(),
                cell,
                raw,
                value,
                comment: row.comment.clone(),
                evidence: row.evidence.clone(),
            }),
            Err(message) => report.invalid.push(CellProblem { cell, question_id: Some(question.id.clone()), message }),
        }
    }
    let present: HashSet<&str> = answered.keys().copied().collect();
    report.missing = template.questions().filter(|q| !present.contains(q.id.as_str())).map(|q| q.id.clone()).collect();
    report.rows = rows;
    report
}
