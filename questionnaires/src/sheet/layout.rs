//! The layout of a questionnaire workbook: which sheets hold questions, which row is the header,
//! and which column holds the id, the question, the answer (one column, or an `X` under
//! Yes / No / N/A), comments and evidence. `detect` finds it; people see it, correct it and save
//! it as a profile, so it is plain data.
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
    // Checked without building the id: every cell of a sheet is asked.
    let mut chars = text.chars().filter(|&c| !skipped_in_id(c));
    let (mut length, mut letters, mut digits) = (0, 0, 0);
    let (mut first, mut second, mut last) = (' ', ' ', ' ');
    for c in chars.by_ref() {
        length += c.len_utf8();
        if length > 24 || !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '&' | '/' | '(' | ')')) {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
        digits += usize::from(c.is_ascii_digit());
        match length - c.len_utf8() {
            0 => first = c,
            _ if second == ' ' => second = c,
            _ => {}
        }
        last = c;
    }
    let version = matches!(first, 'v' | 'V') && second.is_ascii_digit();
    length > 0 && digits > 0 && letters <= 10 && last != '.' && !version
}

/// The id a cell holds, normalised, if it holds one.
pub fn id_of(text: &str) -> Option<String> {
    is_id(text).then(|| normalise_id(text))
}

/// An id without the spaces and debris spreadsheets put inside it: `AIS- 02.2` -> `AIS-02.2`.
pub fn normalise_id(text: &str) -> String {
    text.chars().filter(|&c| !skipped_in_id(c)).collect()
}

/// [`normalise_id`] in lower case, for comparing ids: one pass, one allocation.
pub fn id_key(text: &str) -> String {
    if text.is_ascii() {
        let bytes = text.bytes().filter(|b| !b.is_ascii_whitespace()).map(|b| b.to_ascii_lowercase()).collect();
        // Only ASCII bytes were kept.
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut key = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| !skipped_in_id(c)) {
        key.extend(c.to_lowercase());
    }
    key
}

/// White space of any kind, byte-order marks and zero-width spaces: debris inside an id.
fn skipped_in_id(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{a0}' | '\u{2007}' | '\u{202f}')
}
