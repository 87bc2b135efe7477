//! Invitations: sending an assessment to the supplier's respondents, each with a link holding
//! a random 256-bit token (stored only as a hash), exchanged for a respondent token scoped to
//! that one assessment.
use crate::auth::jwt::JwtKeys;
use crate::auth::secret::{random_token, token_hash};
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::AssessmentStatus;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::assessment::{self, lifecycle};
use crate::service::kernel::lookup;
use crate::service::{identity, kernel::audit, kernel::notification, kernel::now};
use chrono::{Duration, NaiveDate};
use entity::{invitation, invitation_link, supplier_contact};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use serde_json::json;
use uuid::Uuid;

/// Days an invitation stays valid after the due date (or after sending, without one).
const VALID_AFTER_DUE_DAYS: i64 = 30;

/// Links stay valid a while after the due date, so that late answers can still come in.
fn link_expiry(due: Option<NaiveDate>) -> chrono::DateTime<chrono::Utc> {
    match due {
        Some(due) => {
            due.and_hms_opt(23, 59, 59).map(|t| t.and_utc()).unwrap_or_else(now) + Duration::days(VALID_AFTER_DUE_DAYS)
        }
        None => now() + Duration::days(60 + VALID_AFTER_DUE_DAYS),
    }
}

/// Whom to send an assessment to, and by when.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct SendAssessmentInput {
    /// Contacts of the assessed supplier who will answer; each gets their own link.
    pub respondent_contact_ids: Vec<Uuid>,
    /// Replaces the assessment's due date.
    pub due_date: Option<NaiveDate>,
    /// Replaces the message to the supplier.
    pub message: Option<String>,
}

/// Sends a draft assessment: one invitation per respondent, the status moves to sent, and the
/// invitation e-mails are queued with the change.
pub async fn send(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: SendAssessmentInput,
) -> ApiResult<(entity::assessment::Model, Vec<invitation::Model>)> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    if input.respondent_contact_ids.is_empty() {
        problems.add("input.respondentContactIds", "name at least one contact of the supplier");
    }
    let message = lifecycle::check_message_and_due(&mut problems, input.message.as_deref(), input.due_date);
    let txn = begin_write(db).await?;
    let draft = assessment::get(&txn, caller, id).await?;
    if draft.status != AssessmentStatus::Draft {
        return Err(ApiError::field("id", format!("only a draft can be sent; this assessment is {}", draft.status)));
    }
    let mut contacts = Vec::new();
    for (i, contact_id) in input.respondent_contact_ids.iter().enumerate() {
        let contact = lookup::scoped::<supplier_contact::Entity>(caller)
            .filter(supplier_contact::Column::Id.eq(*contact_id))
            .filter(supplier_contact::Column::SupplierId.eq(draft.supplier_id))
            .one(&txn)
            .await?;
        match contact {
            Some(contact) => contacts.push(contact),
            None => problems.add(
                format!("input.respondentContactIds[{i}]"),
                "not a contact of the assessed supplier of your organisation",
            ),
        }
    }
    problems.into_result()?;
    let due = input.due_date.or(draft.due_date);
    let mut row = draft.into_active_model();
    row.due_date = Set(due);
    if message.is_some() {
        row.message = Set(message);
    }
    let draft = row.update(&txn).await?;
    let (sent, invitations) = invite(&txn, caller, draft, contacts).await?;
    txn.commit().await?;
    Ok((sent, invitations))
}

/// Who an invitation is for, and what it may reach.
pub(crate) struct Invitee {
    pub assessment_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub email: String,
    pub name: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// Limits a delegated invitation to these sections.
    pub sections: Option<Vec<String>>,
    pub delegated_by: Option<Uuid>,
}

/// Writes an invitation with a fresh token; returns it with the clear token for the e-mail.
pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    invitee: Invitee,
) -> ApiResult<(invitation::Model, String)> {
    let token = random_token();
    let created = invitation::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        assessment_id: Set(invitee.assessment_id),
        contact_id: Set(invitee.contact_id),
        email: Set(invitee.email),
        name: Set(invitee.name),
        token_hash: Set(token_hash(&token)),
        expires_at: Set(invitee.expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        created_at: Set(now()),
        sections: Set(invitee.sections.map(|s| json!(s))),
        delegated_by: Set(invitee.delegated_by),
    }
    .insert(db)
    .await?;
    Ok((created, token))
}

/// Invites each contact to the draft assessment, queues their e-mails and moves it to sent, in
/// the caller's transaction.
pub(crate) async fn invite<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    draft: entity::assessment::Model,
    contacts: Vec<supplier_contact::Model>,
) -> ApiResult<(entity::assessment::Model, Vec<invitation::Model>)> {
    let expires_at = link_expiry(draft.due_date);
    let mut invitations = Vec::new();
    for contact in contacts {
        let invitee = Invitee {
            assessment_id: draft.id,
            contact_id: Some(contact.id),
            email: contact.email.clone(),
            name: contact.name.clone(),
            expires_at,
            sections: None,
            delegated_by: None,
        };
        let (created, token) = insert(db, caller, invitee).await?;
        let changes = json!({"email": created.email});
        audit::record(db, caller, "invitation.create", "invitation", Some(created.id), changes).await?;
        notification::invitation_mail(db, &draft, &created, &token).await?;
        invitations.push(created);
    }
    let sent = lifecycle::move_to(db, caller, draft, AssessmentStatus::Sent, None).await?;
    Ok((sent, invitations))
}

/// Exchanges an invitation token for a respondent token.
pub async fn exchange(db: &DatabaseConnection, keys: &JwtKeys, token: &str) -> ApiResult<(String, i64, Uuid)> {
    const REFUSED: &str = "this invitation link is not valid (expired, revoked or mistyped)";
    let txn = begin_write(db).await?;
    let hash = token_hash(token.trim());
    let mut found = invitation::Entity::find().filter(invitation::Column::TokenHash.eq(&hash)).one(&txn).await?;
    // A later e-mail's link is another key to the same invitation, and lives and dies with it.
    if found.is_none()
        && let Some(key) =
            invitation_link::Entity::find().filter(invitation_link::Column::TokenHash.eq(&hash)).one(&txn).await?
    {
        found = invitation::Entity::find_by_id(key.invitation_id).one(&txn).await?;
    }
    let Some(found) = found.filter(|i| i.revoked_at.is_none() && i.expires_at > now()) else {
        return Err(ApiError::Unauthenticated(REFUSED));
    };
    let caller = identity::respondent::caller_of(&found);
    let assessment = assessment::find(&txn, &caller, found.assessment_id).await?;
    if assessment.status == AssessmentStatus::Cancelled {
        return Err(ApiError::Unauthenticated("this assessment was withdrawn"));
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::LastUsedAt, Expr::value(now()))
        .filter(invitation::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    audit::record(&txn, &caller, "invitation.exchange", "invitation", Some(found.id), json!({})).await?;
    txn.commit().await?;
    let (jwt, expires_in) = keys.issue_respondent(found.id, found.organisation_id, found.assessment_id)?;
    Ok((jwt, expires_in, found.assessment_id))
}

/// Invitations of an assessment, oldest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment_id: Uuid,
) -> ApiResult<Vec<invitation::Model>> {
    caller.require(Permission::Read)?;
    Ok(lookup::scoped::<invitation::Entity>(caller)
        .filter(invitation::Column::AssessmentId.eq(assessment_id))
        .order_by_asc(invitation::Column::CreatedAt)
        .all(db)
        .await?)
}

async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<invitation::Model> {
    lookup::find::<invitation::Entity>(db, caller, id).await
}

/// Revokes an invitation: its link and every respondent token from it stop working at once.
pub async fn revoke(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<invitation::Model> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let found = get(&txn, caller, id).await?;
    if found.revoked_at.is_some() {
        return Ok(found);
    }
    let mut row = found.into_active_model();
    row.revoked_at = Set(Some(now()));
    let revoked = row.update(&txn).await?;
    // Colleagues this respondent delegated to lose their access with them.
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now()))
        .filter(invitation::Column::DelegatedBy.eq(id))
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    audit::record(&txn, caller, "invitation.revoke", "invitation", Some(id), json!({"email": revoked.email})).await?;
    txn.commit().await?;
    Ok(revoked)
}

/// Sends an invitation again as a new invitation with a fresh link and a renewed expiry, for a
/// respondent who lost the e-mail or let the link expire. The earlier invitation is revoked,
/// so its link and every session opened with it stay dead, whether or not it was revoked
/// before; colleagues it delegated to now answer to the new one.
pub async fn resend(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<invitation::Model> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let found = get(&txn, caller, id).await?;
    let assessment = assessment::get(&txn, caller, found.assessment_id).await?;
    let status = assessment.status;
    if matches!(status, AssessmentStatus::Completed | AssessmentStatus::Cancelled | AssessmentStatus::Draft) {
        return Err(ApiError::field("id", format!("the assessment is {}; there is nothing to answer", status.as_db())));
    }
    // A resent link lasts at least a week, even when the due date has passed.
    let invitee = Invitee {
        assessment_id: found.assessment_id,
        contact_id: found.contact_id,
        email: found.email.clone(),
        name: found.name.clone(),
        expires_at: link_expiry(assessment.due_date).max(now() + Duration::days(7)),
        sections: identity::respondent::sections_of(&found),
        delegated_by: found.delegated_by,
    };
    let (renewed, token) = insert(&txn, caller, invitee).await?;
    if found.revoked_at.is_none() {
        let mut old = found.clone().into_active_model();
        old.revoked_at = Set(Some(now()));
        old.update(&txn).await?;
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::DelegatedBy, Expr::value(renewed.id))
        .filter(invitation::Column::DelegatedBy.eq(found.id))
        .exec(&txn)
        .await?;
    let changes = json!({"email": renewed.email, "replaces": found.id});
    audit::record(&txn, caller, "invitation.resend", "invitation", Some(renewed.id), changes).await?;
    notification::invitation_mail(&txn, &assessment, &renewed, &token).await?;
    txn.commit().await?;
    Ok(renewed)
}
