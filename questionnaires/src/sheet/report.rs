//! What an import found, before anything is written: the answers it would record and every
//! row it could not use, each named by sheet and cell.
use super::Format;
use super::layout::Layout;
use super::rows::SourceRow;
use crate::AnswerValue;
use serde::{Deserialize, Serialize};

/// One answer read from a row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedAnswer {
    pub question_id: String,
    /// Where the answer was read, e.g. `Answers!E12`.
    pub cell: String,
    /// The cell as written.
    pub raw: String,
    pub value: AnswerValue,
    pub comment: Option<String>,
    pub evidence: Option<String>,
}

/// A row whose id is no question of the template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmatchedRow {
    pub cell: String,
    pub id: String,
    pub text: String,
}

/// A cell that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    pub cell: String,
    pub question_id: Option<String>,
    pub message: String,
}

impl std::fmt::Display for CellProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.cell, self.message)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ImportReport {
    pub format: Format,
    /// The layout recognised, in words.
    pub layout: String,
    /// The layout itself, to show and correct.
    pub columns: Layout,
    /// The template the rows were matched to, if any.
    pub template: Option<String>,
    pub template_version: Option<u32>,
    /// The assessment an export was made for, if it names one.
    pub assessment_id: Option<String>,
    /// Every question row read, as written.
    pub rows: Vec<SourceRow>,
    /// Answers matched to questions of the template and valid for them.
    pub answers: Vec<ImportedAnswer>,
    /// Questions present in the file but left unanswered.
    pub unanswered: Vec<String>,
    pub unmatched: Vec<UnmatchedRow>,
    pub invalid: Vec<CellProblem>,
    /// Questions of the template the file does not have at all.
    pub missing: Vec<String>,
    /// Remarks that are not errors (e.g. another template version).
    pub notes: Vec<String>,
}
