//! Recording that a write changed an input of the organisation's portfolio read model (see
//! `portfolio::freshness`): one `portfolio_change` row, inserted in the write's transaction by
//! the audit log (for the actions below) and by the outbox (for every event).
use crate::error::ApiResult;
use entity::portfolio_change;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// Audit actions that change an input of the portfolio (every outbox event does).
const INPUTS: &[&str] = &[
    "supplier.",
    "service.",
    "dependency.",
    "finding",
    "assessment.status_change",
    "campaign.",
    "import.commit",
    "organisation.settings_update",
];

/// Whether an audited `action` changes an input of the portfolio.
pub fn affects(action: &str) -> bool {
    INPUTS.iter().any(|prefix| action.starts_with(prefix))
}

/// Records that the caller's transaction changes the organisation's portfolio.
pub async fn changed<C: ConnectionTrait>(db: &C, organisation: Uuid) -> ApiResult<()> {
    let row = portfolio_change::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation),
        created_at: Set(crate::service::kernel::now()),
    };
    portfolio_change::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}
