//! Reading the question rows of a workbook with a (detected or corrected) layout: ids
//! cleaned and recovered, section header rows carried down, merged cells already filled,
//! trailing boilerplate ignored (only rows with an id are questions).
use super::layout::{AnswerColumns, Layout, SheetLayout, is_id, normalise_id};
use super::vocab::clean;
use super::{Cell, Sheet, Workbook};
use serde::Serialize;

/// One question row as read, before it is matched to a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SourceRow {
    /// Where the id was read, e.g. `CAIQ!A12`.
    pub cell: String,
    pub id: String,
    pub section: Option<String>,
    pub question: String,
    /// The answer as written, and its cell.
    pub answer: Option<String>,
    pub answer_cell: Option<String>,
    pub comment: Option<String>,
    pub evidence: Option<String>,
    pub guidance: Option<String>,
    /// Why the row cannot be used as it is (two marks, a doubled id).
    pub problem: Option<String>,
    /// The entries of the answer cell's drop-down list, if it has one.
    #[serde(default)]
    pub options: Option<Vec<String>>,
}

/// "No", "Excluded", "Not applicable" in an applicability column.
fn not_applicable(text: &str) -> bool {
    let lower = text.to_lowercase();
    matches!(super::vocab::yes_no(text), Some("no" | "n/a"))
        || lower.contains("exclu")
        || lower.contains("not applicable")
}

fn text_at(sheet: &Sheet, row: usize, col: Option<usize>) -> Option<String> {
    col.map(|c| clean(&sheet.cell(row, c).text())).filter(|t| !t.is_empty())
}

/// The id of a row. A number cell may have lost a trailing zero (`5.10` stored as 5.1): the
/// row's own text ("5.10 Acceptable use ...") or the previous id (`5.9`) tells it back.
fn row_id(sheet: &Sheet, row: usize, layout: &SheetLayout, previous: Option<&str>) -> Option<String> {
    match sheet.cell(row, layout.id) {
        Cell::Text(text) if is_id(text) => Some(normalise_id(text)),
        Cell::Number(n) if *n > 0.0 && *n < 1000.0 => {
            let read = Cell::Number(*n).text();
            let from_text = sheet.rows[row].iter().filter_map(|c| match c {
                Cell::Text(t) => t.split_whitespace().next().map(|w| w.trim_end_matches(['.', ':']).to_owned()),
                _ => None,
            });
            for token in from_text {
                if token != read && token.parse::<f64>().ok() == Some(*n) {
                    return Some(token);
                }
            }
            if let (Some(prev), Some((major, minor))) = (previous, read.split_once('.'))
                && let Some((p_major, p_minor)) = prev.split_once('.')
            {
                let next = p_minor.parse::<u32>().ok().map(|m| m + 1);
                let padded = next.map(|m| m.to_string()).filter(|m| m.trim_end_matches('0') == minor);
                if p_major == major && padded.is_some() {
                    return Some(format!("{major}.{}", padded.unwrap_or_default()));
                }
            }
            Some(read)
        }
        _ => None,
    }
}

fn answer_of(sheet: &Sheet, row: usize, answer: &AnswerColumns) -> (Option<String>, Option<String>, Option<String>) {
    match answer {
        AnswerColumns::None => (None, None, None),
        AnswerColumns::Single { column } => {
            (text_at(sheet, row, Some(*column)), Some(sheet.reference(row, *column)), None)
        }
        AnswerColumns::Marks { yes, no, na, partial } => {
            let marked: Vec<(&str, usize)> =
                [("Yes", Some(*yes)), ("No", Some(*no)), ("N/A", *na), ("Partial", *partial)]
                    .into_iter()
                    .filter_map(|(word, col)| col.map(|c| (word, c)))
                    .filter(|(_, c)| !sheet.cell(row, *c).is_empty())
                    .collect();
            match marked.as_slice() {
                [] => (None, Some(sheet.reference(row, *yes)), None),
                [(word, col)] => (Some((*word).to_owned()), Some(sheet.reference(row, *col)), None),
                several => {
                    let words: Vec<&str> = several.iter().map(|(w, _)| *w).collect();
                    let problem = format!("marked under {} at once; mark one answer", words.join(" and "));
                    (None, Some(sheet.reference(row, several[0].1)), Some(problem))
                }
            }
        }
    }
}

/// Every question row of every sheet in the layout. An id already read earlier (the same
/// question repeated on another sheet) is kept once.
pub fn read_rows(workbook: &Workbook, layout: &Layout) -> Vec<SourceRow> {
    let mut rows: Vec<SourceRow> = Vec::new();
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for sheet_layout in &layout.sheets {
        let Some(sheet) = workbook.sheet(&sheet_layout.sheet) else { continue };
        let start = sheet_layout.header_rows.last().map_or(0, |h| h + 1);
        let mut section: Option<String> = None;
        let mut previous: Option<String> = None;
        for row in start..sheet.rows.len() {
            let Some(id) = row_id(sheet, row, sheet_layout, previous.as_deref()) else {
                // A row without an id that names something is a section header.
                let first = sheet.rows[row].iter().map(|c| clean(&c.text())).find(|t| !t.is_empty());
                if let Some(title) = first.filter(|t| t.chars().count() <= 120) {
                    section = Some(title);
                }
                continue;
            };
            previous = Some(id.clone());
            let question = text_at(sheet, row, Some(sheet_layout.question)).unwrap_or_default();
            let (mut answer, mut answer_cell, problem) = answer_of(sheet, row, &sheet_layout.answer);
            // Not applicable in a Statement of Applicability overrides the implementation status.
            if let Some(col) = sheet_layout.applicable
                && text_at(sheet, row, Some(col)).is_some_and(|t| not_applicable(&t))
            {
                answer = Some("N/A".into());
                answer_cell = Some(sheet.reference(row, col));
            }
            let read = SourceRow {
                cell: sheet.reference(row, sheet_layout.id),
                id: id.clone(),
                section: section.clone(),
                question,
                answer,
                answer_cell,
                comment: text_at(sheet, row, sheet_layout.comment),
                evidence: text_at(sheet, row, sheet_layout.evidence),
                guidance: text_at(sheet, row, sheet_layout.guidance),
                problem,
                options: match sheet_layout.answer {
                    AnswerColumns::Single { column } => sheet.list_at(row, column).map(<[String]>::to_vec),
                    _ => None,
                },
            };
            match seen.get(&id.to_lowercase()) {
                Some(&index) if read.question.is_empty() || rows[index].question == read.question => {
                    // The same question again (e.g. on several sheets): the first answer stands,
                    // unless only the later copy holds one.
                    if rows[index].answer.is_none() && read.answer.is_some() {
                        rows[index] = read;
                    }
                }
                Some(&index) => {
                    let first = rows[index].cell.clone();
                    rows.push(SourceRow {
                        problem: Some(format!("{id} appears twice with different texts (first at {first})")),
                        ..read
                    });
                }
                None => {
                    seen.insert(id.to_lowercase(), rows.len());
                    rows.push(read);
                }
            }
        }
    }
    rows
}
