//! What a finding raised from an assessment rests on: the question, the answer the supplier
//! gave and the documents attached to that answer, so that its page shows why it exists.
use crate::auth::Caller;
use crate::domain::UNRESOLVED_FINDINGS;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::{assessment, templates::template::published_template};
use chrono::NaiveDate;
use entity::{assessment_answer, evidence, finding};
use questionnaires::Question;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};

/// The question, the answer and its documents behind a finding.
pub struct Basis {
    pub question: Question,
    /// None when the question was left unanswered.
    pub answer: Option<assessment_answer::Model>,
    /// Documents attached to the answer (not those proving the fix), oldest first.
    pub documents: Vec<evidence::Model>,
}

/// What `found` rests on; None for a finding raised by hand, or one whose question is no
/// longer in the questionnaire it was answered against.
pub async fn basis<C: ConnectionTrait>(db: &C, caller: &Caller, found: &finding::Model) -> ApiResult<Option<Basis>> {
    let (Some(assessment_id), Some(question_id)) = (found.assessment_id, found.question_id.as_deref()) else {
        return Ok(None);
    };
    let assessed = assessment::get(db, caller, assessment_id).await?;
    let (_, template) = published_template(db, caller, assessed.template_version_id).await?;
    let Some(question) = template.questions().find(|q| q.id == question_id).cloned() else {
        return Ok(None);
    };
    let answer = lookup::scoped::<assessment_answer::Entity>(caller)
        .filter(assessment_answer::Column::AssessmentId.eq(assessment_id))
        .filter(assessment_answer::Column::QuestionId.eq(question_id))
        .one(db)
        .await?;
    let documents = lookup::scoped::<evidence::Entity>(caller)
        .filter(evidence::Column::AssessmentId.eq(assessment_id))
        .filter(evidence::Column::QuestionId.eq(question_id))
        .filter(evidence::Column::FindingId.is_null())
        .order_by_asc(evidence::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(Some(Basis { question, answer, documents }))
}

/// Past its due date and not yet resolved, accepted or verified (as the findings board counts).
pub fn overdue(found: &finding::Model, today: NaiveDate) -> bool {
    UNRESOLVED_FINDINGS.contains(&found.status) && found.due_date < today
}
