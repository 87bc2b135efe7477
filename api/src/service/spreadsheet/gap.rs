//! Asking only the gaps: from a supplier's own questionnaire as imported, a follow-up
//! assessment with only the questions of one of our templates that its answers did not cover,
//! or covered with an answer that falls short. It is sent like any assessment; its score counts
//! both questionnaires (`scoring::completion`).
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::assessment::{
    self,
    lifecycle::{Draft, check_message_and_due, insert_draft},
};
use crate::service::kernel::audit;
use crate::service::spreadsheet::foreign::coverage_of;
use crate::service::templates::{generated, template};
use chrono::NaiveDate;
use questionnaires::foreign::gap::{GapDecision, gap_decisions, gap_template};
use sea_orm::DatabaseConnection;
use serde_json::json;
use uuid::Uuid;

/// A follow-up to prepare.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewGapAssessment {
    /// The assessment holding the supplier's own questionnaire (from previewSupplierQuestionnaire).
    pub assessment_id: Uuid,
    /// One of our templates (shipped or your own) whose open questions to ask.
    pub template_id: Uuid,
    /// When the answers are due; not in the past.
    pub due_date: Option<NaiveDate>,
    /// A message to the supplier.
    pub message: Option<String>,
}

/// The follow-up (a draft, to send like any assessment) and the decision for every question.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: NewGapAssessment,
) -> ApiResult<(entity::assessment::Model, Vec<GapDecision>)> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let message = check_message_and_due(&mut problems, input.message.as_deref(), input.due_date);
    problems.into_result()?;
    let imported = assessment::find(db, caller, input.assessment_id).await?;
    let Some(coverage) = coverage_of(db, caller, &imported).await? else {
        return Err(ApiError::field(
            "input.assessmentId",
            "this assessment holds none of the supplier's own questionnaires (CAIQ, HECVAT, SoA); import one first",
        ));
    };
    let view = template::get(db, caller, input.template_id).await.map_err(|_| {
        ApiError::field("input.templateId", "no template of your organisation, nor a shipped one, has this id")
    })?;
    if view.based_on.as_deref().is_some_and(|b| b.starts_with("family:") || b.starts_with("follow-up:")) {
        return Err(ApiError::field("input.templateId", "choose one of your questionnaires, not a generated one"));
    }
    let Some(version) = view.versions.iter().rev().find(|v| v.published) else {
        return Err(ApiError::field("input.templateId", "this template has no published version yet"));
    };
    let (_, ours) = template::published_template(db, caller, version.id).await?;
    let decisions = gap_decisions(&ours, &coverage);
    let asked = decisions.iter().filter(|d| d.asked).count();
    if asked == 0 {
        return Err(ApiError::field(
            "input.templateId",
            format!(
                "{} already meets every control of {}: there is nothing to ask",
                coverage.questionnaire, ours.title
            ),
        ));
    }
    let slug = format!("follow-up-{}-{}", ours.slug, &imported.id.simple().to_string()[..8]);
    let title = format!("{}: follow-up to {}", ours.title, coverage.questionnaire);
    let follow_up = gap_template(&ours, &decisions, &coverage.questionnaire, &slug, &title);
    let txn = begin_write(db).await?;
    let published = generated::publish(&txn, caller, &follow_up, &format!("follow-up:{}", imported.id)).await?;
    let draft = Draft {
        supplier_id: imported.supplier_id,
        template_version_id: published.id,
        template: &follow_up,
        version: published.version,
        due_date: input.due_date,
        message,
        campaign_id: None,
        created_by: caller.user_id(),
        follows: Some(imported.id),
    };
    let created = insert_draft(&txn, caller, draft).await?;
    let summary = json!({"follows": imported.id, "template": ours.slug, "asked": asked,
        "not_asked": decisions.len() - asked, "covered_by": coverage.questionnaire});
    audit::record(&txn, caller, "assessment.follow_up", "assessment", Some(created.id), summary).await?;
    txn.commit().await?;
    Ok((created, decisions))
}
