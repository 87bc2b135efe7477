//! An import as the API shows it: the batch with what it read (answers, rows matched to no
//! question, problems by sheet and cell), and the saved import profiles.
use crate::domain::ImportStatus;
use async_graphql::{Json, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{import_batch, import_profile};
use questionnaires::sheet::report::ImportReport;
use serde_json::Value;
use uuid::Uuid;

/// One answer an import would record.
#[derive(SimpleObject)]
pub struct ImportAnswer {
    /// The template question.
    pub question_id: String,
    /// Where it was read, e.g. `Answers!E12`.
    pub cell: String,
    /// The cell as written.
    pub raw: String,
    /// Its comment (and evidence reference).
    pub comment: Option<String>,
    /// new, changed or unchanged against the answers already there.
    pub change: String,
    /// For a changed answer: what the assessment holds now.
    pub previous: Option<String>,
}

/// A row whose id is no question of the template.
#[derive(SimpleObject)]
pub struct ImportUnmatched {
    /// Where its id is.
    pub cell: String,
    /// The id as written.
    pub id: String,
    /// Its question text.
    pub text: String,
}

/// A cell that cannot be used.
#[derive(SimpleObject)]
pub struct ImportProblem {
    /// e.g. `Answers!C12`.
    pub cell: String,
    /// The question, if the row matched one.
    pub question_id: Option<String>,
    /// What is wrong, e.g. `"Maybe" is not one of yes, no, partial, n/a`.
    pub message: String,
}

/// A spreadsheet upload: what it holds, how it matches, and whether it was applied.
pub struct ImportBatch(pub import_batch::Model);

impl ImportBatch {
    fn report(&self) -> Option<ImportReport> {
        serde_json::from_value(self.0.report.clone()).ok()
    }
}

/// A spreadsheet upload: what it holds, how it matches, and whether it was applied.
#[Object]
impl ImportBatch {
    /// Pass it to commitImport.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The assessment it is for (none for a try against a template version); for a supplier's
    /// own questionnaire, the assessment the commit created.
    async fn assessment_id(&self) -> Option<Uuid> {
        self.0.assessment_id
    }
    /// A supplier's own questionnaire: the supplier it is for.
    async fn supplier_id(&self) -> Option<Uuid> {
        self.0.supplier_id
    }
    /// A supplier's own questionnaire: the family and version recognised, and where each
    /// question's Annex A controls come from.
    async fn questionnaire(&self) -> Option<super::foreign::RecognisedQuestionnaire> {
        super::foreign::RecognisedQuestionnaire::of(&self.0)
    }
    /// A supplier's own questionnaire: the Annex A controls and NIS 2 points its answers cover.
    async fn coverage(&self) -> Option<super::foreign::QuestionnaireCoverage> {
        crate::service::spreadsheet::foreign::Foreign::part::<questionnaires::foreign::Coverage>(&self.0, "coverage")
            .map(Into::into)
    }
    /// The file name as uploaded.
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    /// SHA-256 of the file, hex.
    async fn sha256(&self) -> &str {
        &self.0.file_sha256
    }
    /// xlsx, xlsm, xlsb, xls, ods or csv, told by the bytes.
    async fn format(&self) -> &str {
        &self.0.format
    }
    /// The layout found, in words.
    async fn layout(&self) -> &str {
        &self.0.layout
    }
    /// The layout itself: edit it and pass it back as `input.layout`, or save it as a profile.
    async fn columns(&self) -> Json<Value> {
        Json(self.0.report.get("columns").cloned().unwrap_or_default())
    }
    /// Previewed, or committed (its answers written).
    async fn status(&self) -> ImportStatus {
        self.0.status
    }
    /// Who uploaded it.
    async fn uploaded_by(&self) -> &str {
        &self.0.actor_label
    }
    /// When it was previewed.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was applied.
    async fn committed_at(&self) -> Option<DateTime<Utc>> {
        self.0.committed_at
    }
    /// Question rows read.
    async fn rows_read(&self) -> usize {
        self.report().map_or(0, |r| r.rows.len())
    }
    /// Answers it would record, with the difference to the answers already there.
    async fn answers(&self) -> Vec<ImportAnswer> {
        let changes: Vec<Value> = self.0.changes.as_array().cloned().unwrap_or_default();
        let change_of = |id: &str| changes.iter().find(|c| c["question_id"] == id).cloned().unwrap_or_default();
        self.report()
            .map(|r| r.answers)
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                let change = change_of(&a.question_id);
                ImportAnswer {
                    change: change["change"].as_str().unwrap_or("new").to_owned(),
                    previous: change["from"].as_str().map(str::to_owned),
                    comment: a.comment,
                    question_id: a.question_id,
                    cell: a.cell,
                    raw: a.raw,
                }
            })
            .collect()
    }
    /// Questions in the file left unanswered.
    async fn unanswered(&self) -> Vec<String> {
        self.report().map(|r| r.unanswered).unwrap_or_default()
    }
    /// Rows that match no question (map them with `input.mapping` or a profile).
    async fn unmatched(&self) -> Vec<ImportUnmatched> {
        let rows = self.report().map(|r| r.unmatched).unwrap_or_default();
        rows.into_iter().map(|u| ImportUnmatched { cell: u.cell, id: u.id, text: u.text }).collect()
    }
    /// Cells that cannot be used, each named by sheet and cell.
    async fn invalid(&self) -> Vec<ImportProblem> {
        let problems = self.report().map(|r| r.invalid).unwrap_or_default();
        problems
            .into_iter()
            .map(|p| ImportProblem { cell: p.cell, question_id: p.question_id, message: p.message })
            .collect()
    }
    /// Questions of the template the file does not have.
    async fn missing(&self) -> Vec<String> {
        self.report().map(|r| r.missing).unwrap_or_default()
    }
    /// Remarks, e.g. that the same file was imported before.
    async fn notes(&self) -> Vec<String> {
        self.report().map(|r| r.notes).unwrap_or_default()
    }
}

/// A saved foreign layout.
pub struct ImportProfile(pub import_profile::Model);

/// A saved foreign layout.
#[Object]
impl ImportProfile {
    /// Pass it as `input.profileId`.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Its name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The layout.
    async fn columns(&self) -> Json<Value> {
        Json(self.0.layout.clone())
    }
    /// Foreign id -> question id.
    async fn mapping(&self) -> Json<Value> {
        Json(self.0.mapping.clone())
    }
}
