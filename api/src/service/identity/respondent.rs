//! Respondents: the people at a supplier who answer through an invitation link. The caller an
//! invitation stands for (its assessment, and the sections a delegated colleague is limited
//! to), and the caller a respondent token stands for while its invitation is still valid.
use crate::auth::jwt::AccessClaims;
use crate::auth::{Actor, Caller};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::now;
use entity::invitation;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// The respondent an invitation makes of whoever holds its link.
pub fn caller_of(invitation: &invitation::Model) -> Caller {
    Caller {
        organisation_id: invitation.organisation_id,
        actor: Actor::Respondent {
            invitation_id: invitation.id,
            assessment_id: invitation.assessment_id,
            email: invitation.email.clone(),
            sections: sections_of(invitation),
        },
    }
}

/// The sections a delegated invitation is limited to; None: the whole questionnaire.
pub fn sections_of(invitation: &invitation::Model) -> Option<Vec<String>> {
    invitation.sections.clone().and_then(|v| serde_json::from_value(v).ok())
}

/// The caller a respondent token stands for, while its invitation is valid.
pub async fn caller_for_token<C: ConnectionTrait>(db: &C, claims: &AccessClaims) -> ApiResult<Option<Caller>> {
    let found = invitation::Entity::find_by_id(claims.sub)
        .filter(invitation::Column::OrganisationId.eq(claims.org))
        .one(db)
        .await?
        .filter(|i| i.revoked_at.is_none() && i.expires_at > now() && Some(i.assessment_id) == claims.asm);
    Ok(found.as_ref().map(caller_of))
}

/// The assessment a respondent token may touch; anything else is FORBIDDEN.
pub fn assessment_of(caller: &Caller) -> ApiResult<Uuid> {
    match &caller.actor {
        Actor::Respondent { assessment_id, .. } => Ok(*assessment_id),
        _ => Err(ApiError::Forbidden("only a respondent with an invitation link can do this")),
    }
}
