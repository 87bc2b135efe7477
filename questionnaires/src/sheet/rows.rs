//! Reading the question rows of a workbook with a (detected or corrected) layout: ids
//! cleaned and recovered, section header rows carried down, merged cells already filled,
//! trailing boilerplate ignored (only rows with an id are questions).
use super::ids::row_id;
use super::layout::{AnswerColumns, Layout, SheetLayout};
use super::{Sheet, Workbook};
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
    /// Why the row cannot be used as it is (two marks at once).
    pub problem: Option<String>,
    /// The entries of the answer cell's drop-down list, if it has one.
    #[serde(default)]
    pub options: Option<Vec<String>>,
    /// Id cells of later rows with the same id, merged into this one.
    #[serde(default)]
    pub merged: Vec<String>,
}

/// "No", "Excluded", "Not applicable" in an applicability column.
fn not_applicable(text: &str) -> bool {
    let lower = text.to_lowercase();
    matches!(super::vocab::yes_no(text), Some("no" | "n/a"))
        || lower.contains("exclu")
        || lower.contains("not applicable")
}

fn text_at(sheet: &Sheet, row: usize, col: Option<usize>) -> Option<String> {
    col.map(|c| sheet.own(row, c).clean_text()).filter(|t| !t.is_empty())
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
                    .filter(|(_, c)| !sheet.own(row, *c).is_empty())
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

/// Words of a header cell in the id column that label the column, not a section.
const ID_LABELS: &[&str] = &[
    "id",
    "ref",
    "nr",
    "no",
    "#",
    "number",
    "num",
    "nummer",
    "control",
    "kontrolle",
    "clause",
    "item",
    "code",
    "key",
    "identifier",
    "question",
    "frage",
];

/// The section a header row names in its id column (`Qualifiers | Vendor Answers | ...`), if
/// that cell is not the id column's own label.
fn header_section(sheet: &Sheet, row: usize, layout: &SheetLayout) -> Option<String> {
    let text = text_at(sheet, row, Some(layout.id))?;
    let lower = text.to_lowercase();
    let label = lower.split(|c: char| !c.is_alphanumeric() && c != '#').any(|w| ID_LABELS.contains(&w));
    (!label && text.chars().count() <= 120).then_some(text)
}

/// A title row between questions: one text, short, not a sentence of instructions.
fn title(sheet: &Sheet, row: usize) -> Option<String> {
    let mut texts: Vec<String> = sheet.rows[row].iter().map(|c| c.clean_text()).filter(|t| !t.is_empty()).collect();
    texts.dedup();
    match texts.as_slice() {
        [only] if only.chars().count() <= 80 && !only.contains(';') => Some(only.clone()),
        _ => None,
    }
}

/// How strict an answer is, for merging rows of one control: the least compliant wins.
fn strictness(answer: Option<&str>) -> u8 {
    match answer.and_then(super::vocab::leading_answer) {
        Some("no") => 0,
        Some("partial") => 1,
        Some("yes") => 2,
        Some(_) => 4,
        None if answer.is_some() => 3,
        None => 5,
    }
}

/// Folds a later row of the same id into the first: the strictest answer wins, comments and
/// evidence are joined, and the first row names every cell it took.
fn merge(first: &mut SourceRow, later: SourceRow) {
    if strictness(later.answer.as_deref()) < strictness(first.answer.as_deref()) {
        (first.answer, first.answer_cell) = (later.answer, later.answer_cell);
        first.problem = later.problem.or(first.problem.take());
    }
    // Joined up to what one cell may hold: a thousand rows of one id cost no more than one.
    let join = |a: &mut Option<String>, b: Option<String>| match (a.as_mut(), b) {
        (Some(a), Some(b)) if a.len() + b.len() < super::grid::MAX_CELL_BYTES && !a.contains(&b) => {
            a.push_str(&format!("\n{b}"))
        }
        (None, b) => *a = b,
        _ => {}
    };
    join(&mut first.comment, later.comment);
    join(&mut first.evidence, later.evidence);
    if first.question.is_empty() {
        first.question = later.question;
    }
    first.merged.push(later.cell);
}

/// The question rows of a workbook, and what a person should know about how they were read.
#[derive(Debug, Default)]
pub struct Read {
    pub rows: Vec<SourceRow>,
    /// Ids inferred from a neighbour, rows of one id merged: each names its cell.
    pub notes: Vec<String>,
}

/// Every question row of every sheet in the layout, from the top of each sheet (a date to fill
/// in may stand above the first header). Rows of one id (the same question on several sheets,
/// or an SoA's several rows for one control) are merged into one.
/// `options`: whether to keep each answer cell's drop-down entries (for a template drafted from
/// a blank questionnaire; matching to a template does not need them).
pub fn read_rows(workbook: &Workbook, layout: &Layout, options: bool) -> Read {
    let mut read = Read::default();
    let mut seen: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    let mut notes = Vec::new();
    for sheet_layout in &layout.sheets {
        let Some(sheet) = workbook.sheet(&sheet_layout.sheet) else { continue };
        let headers: foldhash::HashSet<usize> =
            sheet_layout.header_rows.iter().chain(&sheet_layout.repeated_headers).copied().collect();
        let mut section: Option<String> = None;
        let mut previous: Option<String> = None;
        for row in 0..sheet.rows.len() {
            if headers.contains(&row) {
                section = header_section(sheet, row, sheet_layout).or(section);
                continue;
            }
            let Some(found) = row_id(sheet, row, sheet_layout, previous.as_deref()) else {
                section = title(sheet, row).or(section);
                continue;
            };
            let Some(question) = text_at(sheet, row, Some(sheet_layout.question)) else { continue };
            let id = found.id;
            previous = Some(id.clone());
            if let Some(note) = found.note {
                notes.push(format!("{}: {note}", sheet.reference(row, sheet_layout.id)));
            }
            let (mut answer, mut answer_cell, problem) = answer_of(sheet, row, &sheet_layout.answer);
            // Not applicable in a Statement of Applicability overrides the implementation status.
            if let Some(col) = sheet_layout.applicable
                && text_at(sheet, row, Some(col)).is_some_and(|t| not_applicable(&t))
            {
                answer = Some("N/A".into());
                answer_cell = Some(sheet.reference(row, col));
            }
            let source = SourceRow {
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
                    AnswerColumns::Single { column } if options => sheet.list_at(row, column).map(<[String]>::to_vec),
                    _ => None,
                },
                merged: Vec::new(),
            };
            match seen.get(&id.to_lowercase()) {
                Some(&index) => {
                    let first = &read.rows[index];
                    // The same question on several sheets is a questionnaire's habit; several
                    // rows of one id on one sheet (an SoA's) are worth a word.
                    if first.cell.rsplit_once('!').map(|(s, _)| s) == Some(sheet.name.as_str()) {
                        notes.push(format!(
                            "{}: another row of {id} (first at {}); the two are merged, the least compliant answer counts",
                            source.cell, first.cell
                        ));
                    }
                    merge(&mut read.rows[index], source);
                }
                None => {
                    seen.insert(id.to_lowercase(), read.rows.len());
                    read.rows.push(source);
                }
            }
        }
    }
    // Enough notes to see what happened; a sheet of a thousand guesses gets a count.
    if notes.len() > MAX_NOTES {
        let more = notes.len() - MAX_NOTES;
        notes.truncate(MAX_NOTES);
        notes.push(format!("... and {more} more notes like these"));
    }
    read.notes = notes;
    read
}

const MAX_NOTES: usize = 50;
