//! Who is calling and what they may do. Every service function takes a [`Caller`]; the
//! organisation it names is the only one whose rows the call can see.
pub mod jwt;
pub mod password;
pub mod secret;

use crate::domain::{ActorKind, ApiTokenScope, Role};
use crate::error::{ApiError, ApiResult};
use uuid::Uuid;

/// The authenticated party behind a request.
#[derive(Clone, Debug)]
pub enum Actor {
    User {
        id: Uuid,
        email: String,
        role: Role,
    },
    ApiToken {
        id: Uuid,
        name: String,
        scope: ApiTokenScope,
    },
    /// Command-line operations and background jobs.
    System {
        label: String,
    },
    /// A supplier's respondent, through an invitation: one assessment, nothing else.
    Respondent {
        invitation_id: Uuid,
        assessment_id: Uuid,
        email: String,
        /// A colleague the respondent delegated to answers only these sections.
        sections: Option<Vec<String>>,
    },
}

/// What an operation needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Read anything of the organisation.
    Read,
    /// Change the register: suppliers, contacts, services, dependencies.
    WriteRegister,
    /// Users, API tokens, settings.
    Administer,
}

#[derive(Clone, Debug)]
pub struct Caller {
    pub organisation_id: Uuid,
    pub actor: Actor,
}

impl Caller {
    pub fn can(&self, permission: Permission) -> bool {
        match (&self.actor, permission) {
            // Respondents reach their own assessment through respondent operations only.
            (Actor::Respondent { .. }, _) => false,
            // A provisioning token reaches the SCIM endpoints, which check its scope, and nothing else.
            (Actor::ApiToken { scope: ApiTokenScope::Scim, .. }, _) => false,
            (_, Permission::Read) => true,
            (Actor::System { .. }, _) => true,
            (Actor::User { role, .. }, Permission::WriteRegister) => {
                matches!(role, Role::Admin | Role::Analyst)
            }
            (Actor::User { role, .. }, Permission::Administer) => *role == Role::Admin,
            (Actor::ApiToken { scope, .. }, Permission::WriteRegister) => *scope == ApiTokenScope::ReadWrite,
            (Actor::ApiToken { .. }, Permission::Administer) => false,
        }
    }

    pub fn require(&self, permission: Permission) -> ApiResult<()> {
        if self.can(permission) {
            return Ok(());
        }
        Err(ApiError::Forbidden(match permission {
            Permission::Read => {
                "this credential may not read the register (an invitation reaches its own assessment, a SCIM token provisions users)"
            }
            Permission::WriteRegister => "your role may read the register but not change it",
            Permission::Administer => "only an administrator may do this",
        }))
    }

    /// The user behind the call, for operations that only people can perform.
    pub fn user_id(&self) -> Option<Uuid> {
        match &self.actor {
            Actor::User { id, .. } => Some(*id),
            _ => None,
        }
    }

    pub fn actor_kind(&self) -> ActorKind {
        match self.actor {
            Actor::User { .. } => ActorKind::User,
            Actor::ApiToken { .. } => ActorKind::ApiToken,
            Actor::System { .. } => ActorKind::System,
            Actor::Respondent { .. } => ActorKind::Respondent,
        }
    }

    pub fn actor_id(&self) -> Option<Uuid> {
        match &self.actor {
            Actor::User { id, .. } | Actor::ApiToken { id, .. } => Some(*id),
            Actor::Respondent { invitation_id, .. } => Some(*invitation_id),
            Actor::System { .. } => None,
        }
    }

    pub fn actor_label(&self) -> String {
        match &self.actor {
            Actor::User { email, .. } => email.clone(),
            Actor::ApiToken { name, .. } => format!("token:{name}"),
            Actor::System { label } => label.clone(),
            Actor::Respondent { email, .. } => format!("respondent:{email}"),
        }
    }

    /// The sections a delegated respondent may answer; None for everyone else.
    pub fn delegated_sections(&self) -> Option<&[String]> {
        match &self.actor {
            Actor::Respondent { sections: Some(sections), .. } => Some(sections),
            _ => None,
        }
    }

    /// Refuses a question outside a delegated respondent's sections.
    pub fn check_section(&self, question_id: &str, section: &str) -> Result<(), String> {
        match self.delegated_sections() {
            Some(allowed) if !allowed.iter().any(|s| s == section) => Err(format!(
                "{question_id} is in section {section}, which was not delegated to you (yours: {})",
                allowed.join(", ")
            )),
            _ => Ok(()),
        }
    }

    pub fn system(organisation_id: Uuid, label: &str) -> Self {
        Caller { organisation_id, actor: Actor::System { label: label.to_owned() } }
    }
}

/// What the request's `Authorization` header amounted to.
#[derive(Clone, Debug)]
pub enum RequestAuth {
    Anonymous,
    /// A credential was sent but is not valid (expired, forged, revoked...).
    Invalid,
    Caller(Caller),
}

impl RequestAuth {
    pub fn caller(&self) -> ApiResult<&Caller> {
        match self {
            RequestAuth::Caller(caller) => Ok(caller),
            RequestAuth::Anonymous => {
                Err(ApiError::Unauthenticated("authentication required: sign in or send a bearer token"))
            }
            RequestAuth::Invalid => Err(ApiError::Unauthenticated(
                "the bearer token is not valid (expired, revoked or not issued by this server)",
            )),
        }
    }
}
