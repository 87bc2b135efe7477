//! An assessment's life: prepared as a draft for a supplier (alone or in a campaign), then
//! moved along its status machine. Submitting checks that every scored question is answered;
//! completing scores it (`scoring::completion`); respondents are told of returns and completion.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::AssessmentStatus;
use crate::domain::Moves;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::assessment::{self, review};
use crate::service::kernel::{audit, now, outbox, validate};
use crate::service::register::supplier;
use crate::service::scoring::completion;
use crate::service::templates::template;
use chrono::NaiveDate;
use entity::assessment as assessment_entity;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, IntoActiveModel};
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

pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: NewAssessment,
) -> ApiResult<assessment_entity::Model> {
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
        created_by: caller.user_id(),
        follows: None,
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
    /// The person behind it (replies to the supplier's e-mails reach them); none for Chainward's own.
    pub created_by: Option<Uuid>,
    /// A follow-up's imported questionnaire (see `gap`).
    pub follows: Option<Uuid>,
}

/// Writes a draft assessment with its audit event in the caller's transaction.
pub(crate) async fn insert_draft<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    draft: Draft<'_>,
) -> ApiResult<assessment_entity::Model> {
    let created = assessment_entity::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        supplier_id: Set(draft.supplier_id),
        template_version_id: Set(draft.template_version_id),
        template_slug: Set(draft.template.slug.clone()),
        template_title: Set(draft.template.title.clone()),
        template_version: Set(draft.version),
        status: Set(AssessmentStatus::Draft),
        due_date: Set(draft.due_date),
        message: Set(draft.message),
        created_by: Set(draft.created_by),
        campaign_id: Set(draft.campaign_id),
        sent_at: Set(None),
        submitted_at: Set(None),
        completed_at: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
        follows_assessment_id: Set(draft.follows),
    }
    .insert(db)
    .await?;
    audit::record(db, caller, "assessment.create", "assessment", Some(created.id), audit::diff(None, Some(&created)))
        .await?;
    Ok(created)
}

/// Moves an assessment along its status machine. Submitting checks that every scored question
/// is answered; completing scores the answers, freezes the snapshot and opens the findings.
pub async fn change_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    to: AssessmentStatus,
    note: Option<String>,
) -> ApiResult<assessment_entity::Model> {
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
) -> ApiResult<assessment_entity::Model> {
    let note =
        validate::optional_text(note.as_deref().unwrap_or_default(), 2000).map_err(|m| ApiError::field("note", m))?;
    let txn = begin_write(db).await?;
    let assessment = assessment::find(&txn, caller, id).await?;
    let from = assessment.status;
    if !from.allowed_next().contains(&to) {
        let allowed: Vec<&str> = from.allowed_next().iter().map(|s| s.as_db()).collect();
        let allowed = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
        return Err(ApiError::field(
            "status",
            format!("an assessment cannot go from {} to {}; allowed: {allowed}", from.as_db(), to.as_db()),
        ));
    }
    if to == AssessmentStatus::Submitted {
        completion::check_complete(&txn, caller, &assessment).await?;
    }
    if to == AssessmentStatus::Completed {
        completion::complete(&txn, caller, &assessment).await?;
    }
    let updated = move_to(&txn, caller, assessment, to, note).await?;
    txn.commit().await?;
    Ok(updated)
}

pub(crate) async fn move_to<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: assessment_entity::Model,
    to: AssessmentStatus,
    note: Option<String>,
) -> ApiResult<assessment_entity::Model> {
    let from = assessment.status;
    let mut row = assessment.into_active_model();
    row.status = Set(to);
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
    review::tell_respondents(db, &updated, to, note.as_deref()).await?;
    Ok(updated)
}
