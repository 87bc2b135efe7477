//! Answers to an assessment, from the API, the portal or a spreadsheet: each checked against
//! its question (and a delegated colleague's sections); the first answers move a sent or
//! returned assessment to in progress.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::{AnswerSource, AssessmentStatus};
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::assessment::{self, lifecycle};
use crate::service::kernel::{audit, now};
use crate::service::templates::template;
use entity::{assessment as assessment_entity, assessment_answer};
use questionnaires::answer::parse_answer;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

/// One answer, as the respondent wrote it.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct AnswerInput {
    /// The template question id, e.g. "GOV-01".
    pub question_id: String,
    /// yes / no / partial / n/a, an option value, a maturity level 0-5, a number or a date
    /// (YYYY-MM-DD), as the question asks.
    pub value: String,
    /// The respondent's explanation or reference.
    pub comment: Option<String>,
}

/// Records answers (source `api`), checking each against its question; the first answers move
/// a sent or returned assessment to in progress.
pub async fn save_answers(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    answers: Vec<AnswerInput>,
) -> ApiResult<assessment_entity::Model> {
    caller.require(Permission::WriteRegister)?;
    record_answers(db, caller, id, answers, AnswerSource::Api).await
}

/// Records answers from `source` (api or portal); the caller's right to the assessment has
/// been checked.
pub(crate) async fn record_answers(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    answers: Vec<AnswerInput>,
    source: AnswerSource,
) -> ApiResult<assessment_entity::Model> {
    let txn = begin_write(db).await?;
    let assessment = record_answers_in(&txn, caller, id, answers, source).await?;
    txn.commit().await?;
    Ok(assessment)
}

/// [`record_answers`] in the caller's transaction (a spreadsheet import commits it together
/// with its batch).
pub(crate) async fn record_answers_in<C: ConnectionTrait>(
    txn: &C,
    caller: &Caller,
    id: Uuid,
    answers: Vec<AnswerInput>,
    source: AnswerSource,
) -> ApiResult<assessment_entity::Model> {
    let assessment = assessment::find(txn, caller, id).await?;
    let status = assessment.status;
    if !matches!(status, AssessmentStatus::Sent | AssessmentStatus::InProgress | AssessmentStatus::Returned) {
        return Err(ApiError::field(
            "assessmentId",
            format!("answers cannot change while the assessment is {}", status.as_db()),
        ));
    }
    let (_, template) = template::published_template(txn, caller, assessment.template_version_id).await?;
    let mut problems = Problems::default();
    let mut parsed = Vec::new();
    for (i, answer) in answers.into_iter().enumerate() {
        let Some(question) = template.question(answer.question_id.trim()) else {
            problems.add(
                format!("answers[{i}].questionId"),
                format!("{} is not a question of this assessment", answer.question_id),
            );
            continue;
        };
        if let Err(message) = caller.check_section(&question.id, &question.section) {
            problems.add(format!("answers[{i}].questionId"), message);
            continue;
        }
        match parse_answer(question, &answer.value) {
            Ok(value) => parsed.push((question.id.clone(), value, answer)),
            Err(message) => problems.add(format!("answers[{i}].value"), format!("{}: {message}", question.id)),
        }
    }
    problems.into_result()?;
    for (question_id, value, input) in parsed {
        let existing = assessment_answer::Entity::find()
            .filter(assessment_answer::Column::AssessmentId.eq(id))
            .filter(assessment_answer::Column::QuestionId.eq(&question_id))
            .one(txn)
            .await?;
        let value = serde_json::to_value(&value).map_err(ApiError::internal)?;
        let comment = input.comment.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
        let mut row = match &existing {
            Some(row) => row.clone().into_active_model(),
            None => assessment_answer::ActiveModel {
                id: Set(Uuid::new_v4()),
                organisation_id: Set(caller.organisation_id),
                assessment_id: Set(id),
                question_id: Set(question_id.clone()),
                ..Default::default()
            },
        };
        row.value = Set(value);
        row.raw = Set(input.value.trim().to_owned());
        row.comment = Set(comment);
        row.source = Set(source);
        row.verdict = Set(None);
        row.review_note = Set(None);
        row.updated_at = Set(now());
        // `save` would UPDATE a row whose new id is already set: insert and update explicitly.
        if existing.is_some() {
            row.update(txn).await?;
        } else {
            row.insert(txn).await?;
        }
    }
    let assessment = if matches!(status, AssessmentStatus::Sent | AssessmentStatus::Returned) {
        lifecycle::move_to(txn, caller, assessment, AssessmentStatus::InProgress, None).await?
    } else {
        assessment
    };
    audit::record(txn, caller, "assessment.answers_saved", "assessment", Some(id), json!({"source": source})).await?;
    Ok(assessment)
}
