//! Finding the questions in a workbook nobody told us about: which sheets hold them, which row
//! is the header (not always row 1, sometimes two rows), and which column holds the id, the
//! question, the answer (one column, or an `X` under Yes / No / N/A), comments and evidence.
//! Detection reads content first and header words second, so that it works in any language
//! the answers are written in; the result can be shown, corrected and saved as a profile.
use super::vocab::{clean, yes_no};
use super::{Cell, Sheet, SheetError, Workbook};
use serde::{Deserialize, Serialize};

/// Where a sheet's answers are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerColumns {
    /// No answer column (a blank questionnaire without one).
    None,
    /// One column holding the answer.
    Single { column: usize },
    /// A mark (`X`) in the column of the answer chosen.
    Marks { yes: usize, no: usize, na: Option<usize>, partial: Option<usize> },
}

/// The columns of one sheet that holds questions (zero-based).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLayout {
    pub sheet: String,
    /// The header row(s), zero-based; questions are read below the last.
    pub header_rows: Vec<usize>,
    pub id: usize,
    pub question: usize,
    pub answer: AnswerColumns,
    pub comment: Option<usize>,
    pub evidence: Option<usize>,
    pub guidance: Option<usize>,
    /// A Statement of Applicability's "applicable" column: "no" there means n/a.
    #[serde(default)]
    pub applicable: Option<usize>,
    /// The header of each column as read (two header rows joined), for showing the mapping.
    pub headers: Vec<String>,
}

/// The layout of a whole workbook: the sheets that hold questions, in workbook order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub sheets: Vec<SheetLayout>,
}

impl Layout {
    /// In words, e.g. `CAIQ!A2:L2 header; id A, question B, answer C, comment E`.
    pub fn describe(&self) -> String {
        let name = super::grid::column_name;
        let sheets: Vec<String> = self
            .sheets
            .iter()
            .map(|s| {
                let rows: Vec<String> = s.header_rows.iter().map(|r| (r + 1).to_string()).collect();
                let answer = match &s.answer {
                    AnswerColumns::None => "no answer column".to_owned(),
                    AnswerColumns::Single { column } => format!("answer {}", name(*column)),
                    AnswerColumns::Marks { yes, no, na, partial } => {
                        let mut marks = format!("marks yes {} no {}", name(*yes), name(*no));
                        if let Some(na) = na {
                            marks.push_str(&format!(" n/a {}", name(*na)));
                        }
                        if let Some(partial) = partial {
                            marks.push_str(&format!(" partial {}", name(*partial)));
                        }
                        marks
                    }
                };
                let optional =
                    |label: &str, col: Option<usize>| col.map(|c| format!(", {label} {}", name(c))).unwrap_or_default();
                format!(
                    "{}: header row {}; id {}, question {}, {answer}{}{}{}",
                    s.sheet,
                    rows.join("+"),
                    name(s.id),
                    name(s.question),
                    optional("comment", s.comment),
                    optional("evidence", s.evidence),
                    optional("guidance", s.guidance),
                ) + &optional("applicable", s.applicable)
            })
            .collect();
        sheets.join("; ")
    }
}

/// Whether text looks like a question id: `A&A-01.1`, `GNRL-01`, `5.10`, `A.8.24`, `AIS- 02.2`.
pub fn is_id(text: &str) -> bool {
    let id = normalise_id(text);
    if id.is_empty() || id.len() > 24 || !id.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let letters = id.chars().filter(|c| c.is_alphabetic()).count();
    // A version stamp (v4.0.3) is not a question.
    let version = id.len() > 1 && id.starts_with(['v', 'V']) && id[1..].starts_with(|c: char| c.is_ascii_digit());
    let allowed = id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '&' | '/' | '(' | ')'));
    // Ids are mostly short codes; a number with a unit or a year sentence is not one.
    allowed && letters <= 10 && !id.ends_with('.') && !version
}

/// An id without the spaces and debris spreadsheets put inside it: `AIS- 02.2` -> `AIS-02.2`.
pub fn normalise_id(text: &str) -> String {
    clean(text).chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_question_text(cell: &Cell) -> bool {
    let text = cell.text();
    text.chars().filter(|c| c.is_alphabetic()).count() >= 10
}

fn id_cell(cell: &Cell) -> bool {
    match cell {
        Cell::Text(text) => is_id(text),
        // Numbered controls stored as numbers (5.1, 8.24): only small positive decimals.
        Cell::Number(n) => *n > 0.0 && *n < 1000.0,
        _ => false,
    }
}

/// Header words for the question column, most telling first.
const QUESTION_WORDS: &[&str] =
    &["question", "frage", "requirement", "anforderung", "exigence", "control", "kontrolle"];
const ANSWER_WORDS: &[&str] = &[
    "answer",
    "response",
    "reply",
    "antwort",
    "réponse",
    "respuesta",
    "compliance",
    "compliant",
    "status",
    "implemented",
    "in place",
    "yes/no",
    "y/n",
];
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "additional information",
    "explanation",
    "remark",
    "notes",
    "details",
    "justification",
    "implementation description",
    "description",
    "kommentar",
    "bemerkung",
    "erläuterung",
    "commentaire",
];
const EVIDENCE_WORDS: &[&str] =
    &["evidence", "reference", "document", "link", "attachment", "artifact", "nachweis", "preuve"];
const APPLICABLE_WORDS: &[&str] = &["applicab", "anwendbar", "applicabilit"];
const GUIDANCE_WORDS: &[&str] = &["guidance", "help", "hint", "instruction"];
/// Columns for the other side (the assessor), never the supplier's answer or comment.
const FOREIGN_WORDS: &[&str] =
    &["analyst", "assessor", "reviewer", "institution", "evaluat", "scor", "weight", "csc ", "(backend"];

fn has_word(header: &str, words: &[&str]) -> bool {
    words.iter().any(|w| header.contains(w))
}

/// Finds every sheet that holds questions. Visible sheets come first; hidden sheets are read
/// only when no visible sheet holds questions.
pub fn detect(workbook: &Workbook) -> Result<Layout, SheetError> {
    // Sheets for the assessor (evaluation, scoring) repeat the questions but hold no answers.
    let respondent = |s: &&Sheet| !has_word(&s.name.to_lowercase(), FOREIGN_WORDS);
    let mut sheets: Vec<SheetLayout> =
        workbook.sheets.iter().filter(|s| !s.hidden).filter(respondent).filter_map(detect_sheet).collect();
    if sheets.is_empty() {
        sheets = workbook.sheets.iter().filter(|s| !s.hidden).filter_map(detect_sheet).collect();
    }
    if sheets.is_empty() {
        sheets = workbook.sheets.iter().filter(|s| s.hidden).filter_map(detect_sheet).collect();
    }
    if sheets.is_empty() {
        return Err(SheetError::Layout(
            "no sheet holds a table of questions (a column of ids such as GOV-01 or 5.1 beside question texts)".into(),
        ));
    }
    Ok(Layout { sheets })
}

fn detect_sheet(sheet: &Sheet) -> Option<SheetLayout> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    // The id column: most rows with an id beside question-like text.
    let id_hits = |col: usize| {
        sheet
            .rows
            .iter()
            .filter(|row| {
                row.get(col).is_some_and(id_cell)
                    && row.iter().enumerate().any(|(c, cell)| c != col && is_question_text(cell))
            })
            .count()
    };
    let (id, hits) = (0..width).map(|c| (c, id_hits(c))).max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))?;
    if hits < 2 {
        return None;
    }
    let data: Vec<usize> = (0..sheet.rows.len())
        .filter(|&r| id_cell(sheet.cell(r, id)) && sheet.rows[r].iter().any(is_question_text))
        .collect();
    let letters = |col: usize| -> usize {
        data.iter().map(|&r| sheet.cell(r, col).text().chars().filter(|c| c.is_alphabetic()).count()).sum()
    };
    let first = *data.first()?;
    let header = (first.saturating_sub(6)..first)
        .rev()
        .find(|&r| sheet.rows[r].iter().filter(|c| !c.is_empty()).count() >= 2 && !id_cell(sheet.cell(r, id)));
    let mut header_rows: Vec<usize> = header.into_iter().collect();
    if let Some(h) = header.filter(|&h| h > 0 && two_row_header(sheet, h - 1, h)) {
        header_rows.insert(0, h - 1);
    }
    // Header rows repeated inside the table (one per section) may name more columns.
    let repeated: Vec<usize> = (first..sheet.rows.len())
        .filter(|&r| !id_cell(sheet.cell(r, id)) && sheet.rows[r].iter().filter(|c| !c.is_empty()).count() >= 2)
        .filter(|&r| sheet.rows[r].iter().any(|c| has_word(&c.text().to_lowercase(), ANSWER_WORDS)))
        .collect();
    let headers: Vec<String> = (0..width)
        .map(|c| {
            let mut parts: Vec<String> =
                header_rows.iter().map(|&r| clean(&sheet.cell(r, c).text())).filter(|t| !t.is_empty()).collect();
            parts.dedup();
            if parts.is_empty() {
                parts.extend(repeated.iter().map(|&r| clean(&sheet.cell(r, c).text())).find(|t| !t.is_empty()));
            }
            parts.join(" ")
        })
        .collect();
    let lower: Vec<String> = headers.iter().map(|h| h.to_lowercase()).collect();
    // The question column: the one a header calls so, else the most letters (ties: leftmost).
    let most_letters = |cols: &mut dyn Iterator<Item = usize>| cols.max_by_key(|&c| (letters(c), std::cmp::Reverse(c)));
    let named = QUESTION_WORDS.iter().find_map(|word| {
        most_letters(&mut (0..width).filter(|&c| c != id && lower[c].contains(word) && letters(c) > 0))
    });
    let other_role = |c: usize| {
        [ANSWER_WORDS, COMMENT_WORDS, EVIDENCE_WORDS, GUIDANCE_WORDS, FOREIGN_WORDS]
            .iter()
            .any(|w| has_word(&lower[c], w))
    };
    let question = named.or_else(|| most_letters(&mut (0..width).filter(|&c| c != id && !other_role(c))))?;
    let applicable = (0..width).find(|&c| c != id && c != question && has_word(&lower[c], APPLICABLE_WORDS));
    let taken: Vec<usize> = [Some(id), Some(question), applicable].into_iter().flatten().collect();
    let free = |c: &usize| !taken.contains(c) && !has_word(&lower[*c], FOREIGN_WORDS);
    let answer = answer_columns(sheet, &data, &lower, &taken);
    let used: Vec<usize> = match &answer {
        AnswerColumns::None => Vec::new(),
        AnswerColumns::Single { column } => vec![*column],
        AnswerColumns::Marks { yes, no, na, partial } => {
            [Some(*yes), Some(*no), *na, *partial].into_iter().flatten().collect()
        }
    };
    let pick = |words: &[&str], also_taken: &[usize]| {
        (0..width)
            .filter(free)
            .filter(|c| !used.contains(c) && !also_taken.contains(c))
            .find(|&c| has_word(&lower[c], words))
    };
    let guidance = pick(GUIDANCE_WORDS, &[]);
    let evidence = pick(EVIDENCE_WORDS, &guidance.into_iter().collect::<Vec<_>>());
    let comment = pick(COMMENT_WORDS, &[guidance, evidence].into_iter().flatten().collect::<Vec<_>>());
    Some(SheetLayout {
        sheet: sheet.name.clone(),
        header_rows,
        id,
        question,
        answer,
        comment,
        evidence,
        guidance,
        applicable,
        headers,
    })
}

/// A header over two rows: the upper row names groups (distinct short labels over several
/// columns, e.g. "Supplier response" over "Yes | No | N/A"), not a title repeated by a merge.
fn two_row_header(sheet: &Sheet, upper: usize, lower: usize) -> bool {
    let texts: Vec<String> = sheet.rows[upper].iter().map(|c| clean(&c.text())).filter(|t| !t.is_empty()).collect();
    let mut distinct = texts.clone();
    distinct.sort();
    distinct.dedup();
    let short = texts.iter().all(|t| t.chars().count() <= 40);
    let below_marks = sheet.rows[lower].iter().any(|c| yes_no(&c.text()).is_some_and(|w| w == "yes"));
    !texts.is_empty() && short && (distinct.len() >= 2 || below_marks)
}

fn answer_columns(sheet: &Sheet, data: &[usize], lower: &[String], taken: &[usize]) -> AnswerColumns {
    // An X under Yes / No (/ N/A / Partial) headers.
    let mark = |word: &str| {
        (0..lower.len()).find(|&c| {
            !taken.contains(&c)
                && lower[c].split(' ').next_back().is_some_and(|last| yes_no(last) == Some(word))
                && lower[c].chars().count() <= 40
        })
    };
    if let (Some(yes), Some(no)) = (mark("yes"), mark("no"))
        && yes != no
    {
        return AnswerColumns::Marks { yes, no, na: mark("n/a"), partial: mark("partial") };
    }
    // One column: the one whose cells read as answers, or else whose header says so.
    let vocabulary = |col: usize| data.iter().filter(|&&r| yes_no(&sheet.cell(r, col).text()).is_some()).count();
    let candidates: Vec<usize> =
        (0..lower.len()).filter(|c| !taken.contains(c) && !has_word(&lower[*c], FOREIGN_WORDS)).collect();
    if let Some(best) = candidates.iter().copied().max_by_key(|&c| (vocabulary(c), std::cmp::Reverse(c)))
        && vocabulary(best) * 3 >= data.len()
        && vocabulary(best) > 0
    {
        return AnswerColumns::Single { column: best };
    }
    match candidates.iter().copied().find(|&c| has_word(&lower[c], ANSWER_WORDS)) {
        Some(column) => AnswerColumns::Single { column },
        None => AnswerColumns::None,
    }
}
