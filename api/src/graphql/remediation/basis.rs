//! What a finding rests on, for its page: the question, the answer and the answer's documents.
use crate::graphql::assessment::answer::AssessmentAnswer;
use crate::graphql::assessment::answer::EvidenceDocument;
use crate::graphql::templates::template::TemplateQuestion;
use crate::service::remediation::basis::Basis;
use async_graphql::Object;

/// The question a finding was raised from, the answer given and the documents attached to it.
pub struct FindingBasis(pub Basis);

/// The question a finding was raised from, the answer given and the documents attached to it.
#[Object]
impl FindingBasis {
    /// The question, with its options (to read the answer in words) and references.
    async fn question(&self) -> TemplateQuestion {
        TemplateQuestion(self.0.question.clone())
    }
    /// The answer that fell short; null when the question was left unanswered.
    async fn answer(&self) -> Option<AssessmentAnswer> {
        self.0.answer.clone().map(AssessmentAnswer)
    }
    /// Documents the supplier attached to the answer (those proving the fix are the finding's
    /// `evidence`).
    async fn evidence(&self) -> Vec<EvidenceDocument> {
        self.0.documents.iter().cloned().map(EvidenceDocument).collect()
    }
}
