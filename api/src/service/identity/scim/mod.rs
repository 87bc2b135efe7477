//! SCIM 2.0 provisioning (RFC 7643 / 7644) by the organisation's identity provider, with a token
//! of the scope SCIM: users created, replaced, deactivated and deleted, groups whose members get
//! the role the organisation maps each group to. A user deactivated or deleted here loses every
//! session at once. Deleted users stay (inactive, for the audit trail and the records they
//! own) but are no SCIM resource any more.
pub mod groups;
pub mod users;

use crate::auth::{Actor, Caller};
use crate::domain::ApiTokenScope;
use crate::error::{ApiError, ApiResult};

/// Only a provisioning token reaches SCIM.
pub fn require_scim(caller: &Caller) -> ApiResult<()> {
    match &caller.actor {
        Actor::ApiToken { scope: ApiTokenScope::Scim, .. } => Ok(()),
        _ => Err(ApiError::Forbidden("SCIM needs an API token of the scope SCIM (an administrator creates one)")),
    }
}

/// A SCIM filter this service answers: `attribute eq "value"` (RFC 7644 3.4.2.2), attribute
/// names compared without case as the RFC says.
pub fn equality(filter: &str, attributes: &[&str]) -> ApiResult<(String, String)> {
    let refused = || {
        ApiError::field(
            "filter",
            format!("only filters of the form {} eq \"value\" are supported", attributes.join(" / ")),
        )
    };
    let mut parts = filter.trim().splitn(3, ' ');
    let (Some(attribute), Some(operator), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(refused());
    };
    let attribute = attributes.iter().find(|a| a.eq_ignore_ascii_case(attribute)).ok_or_else(refused)?;
    if !operator.eq_ignore_ascii_case("eq") {
        return Err(refused());
    }
    let value = value.trim();
    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).ok_or_else(refused)?;
    Ok(((*attribute).to_owned(), value.replace("\\\"", "\"")))
}
