//! The layout of a questionnaire workbook: which sheets hold questions, which row is the header,
//! and which column holds the id, the question, the answer (one column, or an `X` under
//! Yes / No / N/A), comments and evidence. `detect` finds it; people see it, correct it and save
//! it as a profile, so it is plain data.
use super::vocab::clean;
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
    /// The header row(s) above the table, zero-based.
    pub header_rows: Vec<usize>,
    /// Header rows repeated inside the table, one per section.
    #[serde(default)]
    pub repeated_headers: Vec<usize>,
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
    /// How sure the detection is, 0 to 100 (ids of one shape, question texts, an answer column
    /// that header and content agree on); 100 for a layout given by a person.
    #[serde(default = "certain")]
    pub confidence: u8,
}

fn certain() -> u8 {
    100
}

/// A sheet left out, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub sheet: String,
    pub reason: String,
}

/// The layout of a whole workbook: the sheets that hold questions, in workbook order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub sheets: Vec<SheetLayout>,
    /// Sheets that were not read as questions, with the reason.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

impl Layout {
    /// In words, e.g. `CAIQ!A2:L2 header; id A, question B, answer C, comment E`.
    pub fn describe(&self) -> String {
        let name = super::grid::column_name;
        let sheets: Vec<String> = self
            .sheets
            .iter()
            .map(|s| {
                let mut rows: Vec<String> = s.header_rows.iter().map(|r| (r + 1).to_string()).collect();
                if rows.is_empty() {
                    let repeated: Vec<String> =
                        s.repeated_headers.iter().take(3).map(|r| (r + 1).to_string()).collect();
                    rows.push(format!(
                        "repeated per section ({}{})",
                        repeated.join(", "),
                        if s.repeated_headers.len() > 3 { ", ..." } else { "" }
                    ));
                }
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
                    + &format!(" (confidence {}%)", s.confidence)
            })
            .collect();
        let skipped: Vec<String> = self.skipped.iter().map(|s| format!("{} left out: {}", s.sheet, s.reason)).collect();
        sheets.into_iter().chain(skipped).collect::<Vec<_>>().join("; ")
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
