//! A respondent hands some sections to a colleague at the supplier: the colleague gets their
//! own invitation, limited to those sections (they read, answer and upload documents there
//! only, and cannot submit or delegate further). The analyst sees it among the invitations.
use crate::auth::{Actor, Caller};
use crate::db::begin_write;
use crate::domain::AssessmentStatus;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::assessment::invitation::{self, Invitee};
use crate::service::assessment::{self};
use crate::service::identity::respondent::assessment_of;
use crate::service::{kernel::audit, kernel::notification, kernel::now, kernel::validate, templates::template};
use entity::invitation as invitation_entity;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

/// Sections to hand to a colleague.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct DelegateSectionsInput {
    /// The colleague's name.
    pub name: String,
    /// The colleague's e-mail address; their link is sent there.
    pub email: String,
    /// Ids of the sections they answer (e.g. "ACC").
    pub section_ids: Vec<String>,
    /// A note to the colleague.
    pub message: Option<String>,
}

/// The invitation behind a respondent who may delegate (not a delegate themself).
fn delegator(caller: &Caller) -> ApiResult<Uuid> {
    assessment_of(caller)?;
    match &caller.actor {
        Actor::Respondent { invitation_id, sections: None, .. } => Ok(*invitation_id),
        _ => Err(ApiError::Forbidden("sections delegated to you cannot be delegated further")),
    }
}

/// A note to a colleague: a few lines.
const MAX_MESSAGE: usize = 500;
/// Delegations of one questionnaire, in all and within an hour.
const MAX_DELEGATIONS: usize = 20;
const MAX_PER_HOUR: usize = 5;

pub async fn delegate(
    db: &DatabaseConnection,
    caller: &Caller,
    input: DelegateSectionsInput,
) -> ApiResult<invitation_entity::Model> {
    let from_id = delegator(caller)?;
    let assessment_id = assessment_of(caller)?;
    let mut problems = Problems::default();
    let name = validate::required_line(&input.name, 200).unwrap_or_else(|m| {
        problems.add("input.name", m);
        String::new()
    });
    let email = validate::email(&input.email).unwrap_or_else(|m| {
        problems.add("input.email", m);
        String::new()
    });
    let message =
        validate::optional_text(input.message.as_deref().unwrap_or_default(), MAX_MESSAGE).unwrap_or_else(|m| {
            problems.add("input.message", m);
            None
        });
    // The message goes out under Chainward's name to an address the supplier chose: a short
    // note, no links (the only link is the invitation's own).
    if message.as_deref().is_some_and(|m| {
        let lower = m.to_lowercase();
        lower.contains("http:") || lower.contains("https:") || lower.contains("www.") || lower.contains("://")
    }) {
        problems.add("input.message", "must not contain links; your colleague gets their own link");
    }
    if input.section_ids.is_empty() {
        problems.add("input.sectionIds", "name at least one section");
    }
    let txn = begin_write(db).await?;
    let found = assessment::find(&txn, caller, assessment_id).await?;
    let status = found.status;
    if !matches!(status, AssessmentStatus::Sent | AssessmentStatus::InProgress | AssessmentStatus::Returned) {
        return Err(ApiError::field(
            "assessmentId",
            format!("nothing can be delegated while it is {}", status.as_db()),
        ));
    }
    let (_, questionnaire) = template::published_template(&txn, caller, found.template_version_id).await?;
    let known: Vec<&str> = questionnaire.sections.iter().map(|s| s.id.as_str()).collect();
    let mut sections: Vec<String> = Vec::new();
    for (i, id) in input.section_ids.iter().enumerate() {
        let id = id.trim();
        if !known.contains(&id) {
            problems.add(
                format!("input.sectionIds[{i}]"),
                format!("{id} is not a section of this questionnaire ({})", known.join(", ")),
            );
        } else if !sections.iter().any(|s| s == id) {
            sections.push(id.to_owned());
        }
    }
    let from =
        invitation_entity::Entity::find_by_id(from_id).one(&txn).await?.ok_or(ApiError::NotFound("invitation"))?;
    // Delegations write e-mail to addresses the supplier chooses: a few per hour, a few in all.
    let made = invitation_entity::Entity::find()
        .filter(invitation_entity::Column::AssessmentId.eq(assessment_id))
        .filter(invitation_entity::Column::DelegatedBy.is_not_null())
        .all(&txn)
        .await?;
    let recent = made.iter().filter(|d| d.created_at > now() - chrono::Duration::hours(1)).count();
    if made.len() >= MAX_DELEGATIONS || recent >= MAX_PER_HOUR {
        return Err(ApiError::Limit(format!(
            "at most {MAX_PER_HOUR} delegations an hour and {MAX_DELEGATIONS} in all for one questionnaire; \
             withdraw one you no longer need, or ask {} to invite your colleague",
            "the organisation that sent it"
        )));
    }
    if email.eq_ignore_ascii_case(&from.email) {
        problems.add("input.email", "this is your own address; answer these sections yourself");
    }
    problems.into_result()?;
    let invitee = Invitee {
        assessment_id,
        contact_id: None,
        email,
        name,
        expires_at: from.expires_at,
        sections: Some(sections.clone()),
        delegated_by: Some(from.id),
    };
    let (created, token) = invitation::insert(&txn, caller, invitee).await?;
    let changes = json!({"email": created.email, "sections": sections});
    audit::record(&txn, caller, "invitation.delegate", "invitation", Some(created.id), changes).await?;
    notification::delegation_mail(&txn, &found, &created, &from, &sections, message.as_deref(), &token).await?;
    txn.commit().await?;
    Ok(created)
}

/// The delegations the calling respondent made, oldest first.
pub async fn made_by<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<invitation_entity::Model>> {
    let Actor::Respondent { invitation_id, .. } = &caller.actor else { return Ok(Vec::new()) };
    Ok(invitation_entity::Entity::find()
        .filter(invitation_entity::Column::DelegatedBy.eq(*invitation_id))
        .order_by_asc(invitation_entity::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Withdraws one of the calling respondent's delegations: the colleague's link stops working.
pub async fn withdraw(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<invitation_entity::Model> {
    let from_id = delegator(caller)?;
    let txn = begin_write(db).await?;
    let found = invitation_entity::Entity::find_by_id(id)
        .filter(invitation_entity::Column::DelegatedBy.eq(from_id))
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound("delegation"))?;
    if found.revoked_at.is_some() {
        return Ok(found);
    }
    let mut row = found.into_active_model();
    row.revoked_at = Set(Some(now()));
    let revoked = row.update(&txn).await?;
    audit::record(&txn, caller, "invitation.revoke", "invitation", Some(id), json!({"email": revoked.email})).await?;
    txn.commit().await?;
    Ok(revoked)
}
