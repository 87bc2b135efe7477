//! The analyst's review: a verdict and note per answer, and what respondents are told when
//! their questionnaire is returned with notes or completed.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::{AnswerVerdict, AssessmentStatus};
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::get;
use crate::service::{kernel::audit, kernel::notification, kernel::validate};
use entity::{assessment, assessment_answer};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

/// The reviewer's verdict on one answer, while the assessment is in review.
pub async fn review_answer(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    question_id: &str,
    verdict: AnswerVerdict,
    note: Option<String>,
) -> ApiResult<assessment_answer::Model> {
    caller.require(Permission::WriteRegister)?;
    let note =
        validate::optional_text(note.as_deref().unwrap_or_default(), 2000).map_err(|m| ApiError::field("note", m))?;
    if verdict == AnswerVerdict::NeedsChange && note.is_none() {
        return Err(ApiError::field("note", "say what the supplier must change"));
    }
    let txn = begin_write(db).await?;
    let assessment = get(&txn, caller, id).await?;
    if assessment.status != AssessmentStatus::InReview {
        return Err(ApiError::field("assessmentId", "answers are reviewed while the assessment is in review"));
    }
    let answer = assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(id))
        .filter(assessment_answer::Column::QuestionId.eq(question_id))
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::field("questionId", format!("{question_id} has no answer to review")))?;
    let before = answer.clone();
    let mut row = answer.into_active_model();
    row.verdict = Set(Some(verdict));
    row.review_note = Set(note);
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        caller,
        "assessment.answer_reviewed",
        "assessment",
        Some(id),
        audit::diff(Some(&before), Some(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Queues the e-mails respondents get when their questionnaire is returned or completed.
pub(crate) async fn tell_respondents<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    to: AssessmentStatus,
    note: Option<&str>,
) -> ApiResult<()> {
    if !matches!(to, AssessmentStatus::Returned | AssessmentStatus::Completed) {
        return Ok(());
    }
    let needing_change: Vec<(String, Option<String>)> = assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(assessment.id))
        .filter(assessment_answer::Column::Verdict.eq(AnswerVerdict::NeedsChange))
        .order_by_asc(assessment_answer::Column::QuestionId)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.question_id, a.review_note))
        .collect();
    let findings =
        entity::finding::Entity::find().filter(entity::finding::Column::AssessmentId.eq(assessment.id)).all(db).await?;
    for invitation in notification::active_invitations(db, assessment.id).await? {
        if to == AssessmentStatus::Returned {
            notification::returned_mail(db, assessment, &invitation, &needing_change, note).await?;
        } else if invitation.delegated_by.is_some() {
            // Remediation is for the invited respondent; a colleague's part is over.
            notification::completed_mail(db, assessment, &invitation, &[]).await?;
        } else {
            notification::completed_mail(db, assessment, &invitation, &findings).await?;
        }
    }
    Ok(())
}
