//! Assessments: a published template version sent to a supplier, its answers, its status
//! machine and the analyst's review. Completion (scoring) is in `assessment_scoring`.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::AssessmentStatus;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::{assessment_review, assessment_scoring, audit, now, outbox, supplier, template, validate};
use chrono::NaiveDate;
use entity::{assessment, assessment_answer};
use questionnaires::answer::parse_answer;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

/// An assessment to prepare for a supplier.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewAssessment {
    /// The supplier to assess.
    pub supplier_id: Uuid,
    /// A published template version (`latestPublished.id` of a questionnaire template).
    pub template_version_id: Uuid,
    /// When the answers are due; not in the past.
    pub due_date: Option<NaiveDate>,
    /// A message to the supplier.
    pub message: Option<String>,
}

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

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<assessment::Model> {
    caller.require(Permission::Read)?;
    find(db, caller, id).await
}

/// The assessment, in the caller's organisation, without a permission check.
pub(crate) async fn find<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<assessment::Model> {
    assessment::Entity::find_by_id(id)
        .filter(assessment::Column::OrganisationId.eq(caller.organisation_id))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("assessment"))
}

/// Newest first, optionally for one supplier and some statuses.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    supplier_id: Option<Uuid>,
    statuses: Option<Vec<AssessmentStatus>>,
) -> ApiResult<Vec<assessment::Model>> {
    caller.require(Permission::Read)?;
    let mut select = assessment::Entity::find().filter(assessment::Column::OrganisationId.eq(caller.organisation_id));
    if let Some(supplier_id) = supplier_id {
        select = select.filter(assessment::Column::SupplierId.eq(supplier_id));
    }
    if let Some(statuses) = statuses {
        select = select.filter(assessment::Column::Status.is_in(statuses.iter().map(|s| s.as_db())));
    }
    Ok(select.order_by_desc(assessment::Column::CreatedAt).order_by_desc(assessment::Column::Id).all(db).await?)
}

/// The answers of an assessment of the caller's organisation; the caller's right has been checked.
pub(crate) async fn answers<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<Vec<assessment_answer::Model>> {
    find(db, caller, id).await?;
    Ok(assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(id))
        .order_by_asc(assessment_answer::Column::QuestionId)
        .all(db)
        .await?)
}

pub async fn create(db: &DatabaseConnection, caller: &Caller, input: NewAssessment) -> ApiResult<assessment::Model> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let message = check_message_and_due(&mut problems, input.message.as_deref(), input.due_date);
    let txn = begin_write(db).await?;
    if supplier::get(&txn, caller, input.supplier_id).await.is_err() {
        problems.add("input.supplierId", "no supplier of your organisation has this id");
    }
    let template = template::published_template(&txn, caller, input.template_version_id).await;
    if template.is_err() {
        problems.add(
            "input.templateVersionId",
            "no published template version of your organisation or shipped one has this id",
        );
    }
    problems.into_result()?;
    let (version, template) = template?;
    let draft = Draft {
        supplier_id: input.supplier_id,
        template_version_id: input.template_version_id,
        template: &template,
        version,
        due_date: input.due_date,
        message,
        campaign_id: None,
    };
    let created = insert_draft(&txn, caller, draft).await?;
    txn.commit().await?;
    Ok(created)
}

/// Checks the message to the supplier and the due date of a request, recording problems under
/// `input.message` and `input.dueDate`; returns the cleaned message.
pub(crate) fn check_message_and_due(
    problems: &mut Problems,
    message: Option<&str>,
    due: Option<NaiveDate>,
) -> Option<String> {
    let message = validate::optional_text(message.unwrap_or_default(), 5000).unwrap_or_else(|m| {
        problems.add("input.message", m);
        None
    });
    if due.is_some_and(|due| due < now().date_naive()) {
        problems.add("input.dueDate", "must not be in the past");
    }
    message
}

/// A draft assessment about to be written (alone or as part of a campaign).
pub(crate) struct Draft<'a> {
    pub supplier_id: Uuid,
    pub template_version_id: Uuid,
    pub template: &'a questionnaires::Template,
    pub version: i32,
    pub due_date: Option<NaiveDate>,
    pub message: Option<String>,
    pub campaign_id: Option<Uuid>,
}

/// Writes a draft assessment with its audit event in the caller's transaction.
pub(crate) async fn insert_draft<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    draft: Draft<'_>,
) -> ApiResult<assessment::Model> {
    let created = assessment::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        supplier_id: Set(draft.supplier_id),
        template_version_id: Set(draft.template_version_id),
        template_slug: Set(draft.template.slug.clone()),
        template_title: Set(draft.template.title.clone()),
        template_version: Set(draft.version),
        status: Set(AssessmentStatus::Draft.as_db().to_owned()),
        due_date: Set(draft.due_date),
        message: Set(draft.message),
        created_by: Set(caller.user_id()),
        campaign_id: Set(draft.campaign_id),
        sent_at: Set(None),
        submitted_at: Set(None),
        completed_at: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
    }
    .insert(db)
    .await?;
    audit::record(db, caller, "assessment.create", "assessment", Some(created.id), audit::diff(None, Some(&created)))
        .await?;
    Ok(created)
}

pub(crate) fn status_of(assessment: &assessment::Model) -> AssessmentStatus {
    AssessmentStatus::from_db(&assessment.status).unwrap_or(AssessmentStatus::Draft)
}

/// Records answers (source `api`), checking each against its question; the first answers move
/// a sent or returned assessment to in progress.
pub async fn save_answers(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    answers: Vec<AnswerInput>,
) -> ApiResult<assessment::Model> {
    caller.require(Permission::WriteRegister)?;
    record_answers(db, caller, id, answers, "api").await
}

/// Records answers from `source` (api or portal); the caller's right to the assessment has
/// been checked.
pub(crate) async fn record_answers(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    answers: Vec<AnswerInput>,
    source: &str,
) -> ApiResult<assessment::Model> {
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
    source: &str,
) -> ApiResult<assessment::Model> {
    let assessment = find(txn, caller, id).await?;
    let status = status_of(&assessment);
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
        row.source = Set(source.to_owned());
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
        move_to(txn, caller, assessment, AssessmentStatus::InProgress, None).await?
    } else {
        assessment
    };
    audit::record(txn, caller, "assessment.answers_saved", "assessment", Some(id), json!({"source": source})).await?;
    Ok(assessment)
}

/// Moves an assessment along its status machine. Submitting checks that every scored question
/// is answered; completing scores the answers, freezes the snapshot and opens the findings.
pub async fn change_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    to: AssessmentStatus,
    note: Option<String>,
) -> ApiResult<assessment::Model> {
    caller.require(Permission::WriteRegister)?;
    transition(db, caller, id, to, note).await
}

/// Moves an assessment to `to` if the status machine allows it; the caller's right has been
/// checked.
pub(crate) async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    to: AssessmentStatus,
    note: Option<String>,
) -> ApiResult<assessment::Model> {
    let note =
        validate::optional_text(note.as_deref().unwrap_or_default(), 2000).map_err(|m| ApiError::field("note", m))?;
    let txn = begin_write(db).await?;
    let assessment = find(&txn, caller, id).await?;
    let from = status_of(&assessment);
    if !from.allowed_next().contains(&to) {
        let allowed: Vec<&str> = from.allowed_next().iter().map(|s| s.as_db()).collect();
        let allowed = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
        return Err(ApiError::field(
            "status",
            format!("an assessment cannot go from {} to {}; allowed: {allowed}", from.as_db(), to.as_db()),
        ));
    }
    if to == AssessmentStatus::Submitted {
        assessment_scoring::check_complete(&txn, caller, &assessment).await?;
    }
    if to == AssessmentStatus::Completed {
        assessment_scoring::complete(&txn, caller, &assessment).await?;
    }
    let updated = move_to(&txn, caller, assessment, to, note).await?;
    txn.commit().await?;
    Ok(updated)
}

pub(crate) async fn move_to<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: assessment::Model,
    to: AssessmentStatus,
    note: Option<String>,
) -> ApiResult<assessment::Model> {
    let from = assessment.status.clone();
    let mut row = assessment.into_active_model();
    row.status = Set(to.as_db().to_owned());
    row.updated_at = Set(now());
    match to {
        AssessmentStatus::Sent => row.sent_at = Set(Some(now())),
        AssessmentStatus::Submitted => row.submitted_at = Set(Some(now())),
        AssessmentStatus::Completed => row.completed_at = Set(Some(now())),
        _ => {}
    }
    let updated = row.update(db).await?;
    let changes = json!({"status": {"before": from, "after": to.as_db()}, "note": note});
    audit::record(db, caller, "assessment.status_change", "assessment", Some(updated.id), changes).await?;
    if matches!(to, AssessmentStatus::Sent | AssessmentStatus::Submitted | AssessmentStatus::Completed) {
        let data = json!({
            "assessment_id": updated.id,
            "supplier_id": updated.supplier_id,
            "template": updated.template_slug,
            "template_version": updated.template_version,
            "status": to.as_db(),
            "due_date": updated.due_date,
        });
        outbox::emit(db, caller, &format!("assessment.{}", to.as_db()), data).await?;
    }
    assessment_review::tell_respondents(db, &updated, to, note.as_deref()).await?;
    Ok(updated)
}
