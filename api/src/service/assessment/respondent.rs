//! What a supplier's respondent can do through an invitation: read the questionnaire with
//! their answers and the reviewer's notes, save answers any number of times, and submit.
//! Every operation is bound to the one assessment named by the respondent token.
use crate::auth::Caller;
use crate::domain::{AnswerSource, AssessmentStatus};
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::answers::AnswerInput;
use crate::service::assessment::{self, answers, lifecycle};
use crate::service::identity::respondent::assessment_of;
use crate::service::{identity::user, templates::template};
use entity::{assessment as assessment_entity, assessment_answer, supplier};
use questionnaires::Template;
use sea_orm::{DatabaseConnection, EntityTrait};

/// The respondent's assessment with everything the answering page shows.
pub struct RespondentView {
    pub assessment: assessment_entity::Model,
    pub organisation: String,
    pub supplier: String,
    pub template: Template,
    pub answers: Vec<assessment_answer::Model>,
    pub evidence: Vec<entity::evidence::Model>,
    /// For a delegated colleague: the sections they answer (the others are hidden).
    pub delegated_sections: Option<Vec<String>>,
    /// The colleagues this respondent delegated sections to.
    pub delegations: Vec<entity::invitation::Model>,
}

pub async fn view(db: &DatabaseConnection, caller: &Caller) -> ApiResult<RespondentView> {
    let id = assessment_of(caller)?;
    let assessment = assessment::find(db, caller, id).await?;
    let (_, template) = template::published_template(db, caller, assessment.template_version_id).await?;
    let template = template::as_seen_by(caller, template);
    let mut answers = assessment::answers(db, caller, id).await?;
    let evidence = crate::service::assessment::evidence::list(db, caller, id).await?;
    let delegated_sections = caller.delegated_sections().map(<[String]>::to_vec);
    let visible: std::collections::HashSet<&str> = template.questions().map(|q| q.id.as_str()).collect();
    answers.retain(|a| visible.contains(a.question_id.as_str()));
    let delegations = crate::service::assessment::delegation::made_by(db, caller).await?;
    let organisation = user::organisation(db, caller).await?.name;
    let supplier =
        supplier::Entity::find_by_id(assessment.supplier_id).one(db).await?.map(|s| s.legal_name).unwrap_or_default();
    Ok(RespondentView {
        assessment,
        organisation,
        supplier,
        template,
        answers,
        evidence,
        delegated_sections,
        delegations,
    })
}

/// Saves answers (source `portal`) while the assessment is open to the supplier.
pub async fn save(db: &DatabaseConnection, caller: &Caller, answers: Vec<AnswerInput>) -> ApiResult<RespondentView> {
    let id = assessment_of(caller)?;
    answers::record_answers(db, caller, id, answers, AnswerSource::Portal).await?;
    view(db, caller).await
}

/// Submits the answers for review; every scored question must be answered (n/a counts).
pub async fn submit(db: &DatabaseConnection, caller: &Caller) -> ApiResult<RespondentView> {
    let id = assessment_of(caller)?;
    if caller.delegated_sections().is_some() {
        return Err(ApiError::Forbidden("the colleague who delegated sections to you submits the questionnaire"));
    }
    let current = assessment::find(db, caller, id).await?;
    if current.status == AssessmentStatus::Submitted {
        return view(db, caller).await;
    }
    lifecycle::transition(db, caller, id, AssessmentStatus::Submitted, None).await?;
    view(db, caller).await
}
