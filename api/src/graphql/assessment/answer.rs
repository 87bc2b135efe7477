//! An answer as the API shows it, as written and as understood, and the documents behind it.
use crate::domain::{AnswerSource, AnswerVerdict};
use crate::error::ApiError;
use async_graphql::{Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use entity::assessment_answer;
use uuid::Uuid;

/// The answer to one question.
pub struct AssessmentAnswer(pub assessment_answer::Model);

/// The answer to one question.
#[Object]
impl AssessmentAnswer {
    /// The template question id.
    async fn question_id(&self) -> &str {
        &self.0.question_id
    }
    /// The answer as written.
    async fn value(&self) -> &str {
        &self.0.raw
    }
    /// The answer as the questionnaire's form writes it ("yes", "partial", "n/a", an option's
    /// value, a number, an ISO date): what was understood and is scored, whatever wording or
    /// language `value` came in ("Ja", "Oui", "1.0").
    async fn canonical_value(&self) -> Result<String> {
        let understood: questionnaires::AnswerValue =
            serde_json::from_value(self.0.value.clone()).map_err(|e| ApiError::internal(e).into_graphql())?;
        Ok(understood.canonical())
    }
    /// The respondent's comment.
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    /// Where the answer came from.
    async fn source(&self) -> AnswerSource {
        self.0.source
    }
    /// The reviewer's verdict.
    async fn verdict(&self) -> Option<AnswerVerdict> {
        self.0.verdict
    }
    /// The reviewer's note to the supplier.
    async fn review_note(&self) -> Option<&str> {
        self.0.review_note.as_deref()
    }
    /// When the answer last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// A document backing an answer.
pub struct EvidenceDocument(pub entity::evidence::Model);

/// A document backing an answer.
#[Object]
impl EvidenceDocument {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The question it backs.
    async fn question_id(&self) -> &str {
        &self.0.question_id
    }
    /// The file name given at upload.
    async fn file_name(&self) -> &str {
        &self.0.file_name
    }
    /// The type recognised from its bytes.
    async fn content_type(&self) -> &str {
        &self.0.content_type
    }
    /// Size in bytes.
    async fn size(&self) -> i64 {
        self.0.size
    }
    /// SHA-256 of the content, hex.
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }
    /// Last day the document is valid (e.g. a certificate).
    async fn valid_until(&self) -> Option<NaiveDate> {
        self.0.valid_until
    }
    /// Who uploaded it.
    async fn uploaded_by(&self) -> &str {
        &self.0.uploaded_by
    }
    /// When it was uploaded.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Where to download it (GET, with the same bearer token).
    async fn download_path(&self) -> String {
        format!("/api/evidence/{}", self.0.id)
    }
}
