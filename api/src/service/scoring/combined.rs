//! What an assessment is scored on: its own questionnaire and answers, or, for a follow-up, one
//! template over both questionnaires (`questionnaires::foreign::gap::combine`), with the fixes
//! verified on either side counting as compliant.
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use crate::service::templates::template;
use entity::assessment_answer;
use entity::{assessment as assessment_entity, finding};
use questionnaires::foreign::gap::{combine, foreign_id};
use questionnaires::{Answer, AnswerValue, Evidence, Template};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet};

/// An assessment's answers with their valid documents, by question id.
pub(super) async fn answers_of<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment_entity::Model,
) -> ApiResult<BTreeMap<String, Answer>> {
    let rows = assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(assessment.id))
        .all(db)
        .await?;
    let documents = entity::evidence::Entity::find()
        .filter(entity::evidence::Column::AssessmentId.eq(assessment.id))
        .filter(entity::evidence::Column::FindingId.is_null())
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let value: AnswerValue = serde_json::from_value(row.value).ok()?;
            let evidence = documents
                .iter()
                .filter(|d| d.question_id == row.question_id)
                .map(|d| Evidence { name: d.file_name.clone(), valid_until: d.valid_until })
                .collect();
            Some((row.question_id, Answer { value, evidence }))
        })
        .collect())
}

/// An assessment's questionnaire (as published) and its answers.
pub async fn template_and_answers<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: &assessment_entity::Model,
) -> ApiResult<(Template, BTreeMap<String, Answer>)> {
    let (_, template) = template::published_template(db, caller, assessment.template_version_id).await?;
    Ok((template, answers_of(db, assessment).await?))
}

/// The template and answers to score, the verified fixes, and whether the answers are a
/// foreign questionnaire's (alone or in a follow-up): then the report carries its coverage.
pub struct Scored {
    pub template: Template,
    pub answers: BTreeMap<String, Answer>,
    pub remediated: BTreeSet<String>,
    /// A follow-up: its template is one of its own making, never planned under its version id.
    pub combined: bool,
}

/// Questions whose findings on `assessment` were fixed and verified.
async fn verified<C: ConnectionTrait>(db: &C, assessment: uuid::Uuid) -> ApiResult<BTreeSet<String>> {
    Ok(finding::Entity::find()
        .filter(finding::Column::AssessmentId.eq(assessment))
        .filter(finding::Column::Status.eq("verified"))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|f| f.question_id)
        .collect())
}

pub async fn scored<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: &assessment_entity::Model,
) -> ApiResult<Scored> {
    let (template, answers) = template_and_answers(db, caller, assessment).await?;
    let mut remediated = verified(db, assessment.id).await?;
    let Some(follows) = assessment.follows_assessment_id else {
        return Ok(Scored { template, answers, remediated, combined: false });
    };
    let imported = lookup::find::<assessment_entity::Entity>(db, caller, follows).await?;
    let (foreign, foreign_answers) = template_and_answers(db, caller, &imported).await?;
    // A fix verified on the imported questionnaire's finding counts in the follow-up too.
    remediated.extend(verified(db, imported.id).await?.iter().map(|id| foreign_id(&foreign, id)));
    let (template, answers) = combine(&template, &answers, &foreign, &foreign_answers);
    Ok(Scored { template, answers, remediated, combined: true })
}
