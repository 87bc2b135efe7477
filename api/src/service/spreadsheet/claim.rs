//! Committing an import batch once: the batch is claimed inside the committing transaction, so
//! that two requests committing one preview never both write.
use crate::auth::Caller;
use crate::domain::ImportStatus;
use crate::error::{ApiError, ApiResult};
use entity::import_batch;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Marks a previewed batch committed in the committing transaction, or refuses (CONFLICT)
/// when another request committed it first: two commits of one batch never both write.
pub(crate) async fn claim<C: ConnectionTrait>(txn: &C, caller: &Caller, batch_id: Uuid) -> ApiResult<()> {
    let claimed = import_batch::Entity::update_many()
        .col_expr(import_batch::Column::Status, Expr::value(ImportStatus::Committed))
        .filter(import_batch::Column::Id.eq(batch_id))
        .filter(import_batch::Column::OrganisationId.eq(caller.organisation_id))
        .filter(import_batch::Column::Status.eq(ImportStatus::Previewed))
        .exec(txn)
        .await?;
    if claimed.rows_affected == 1 {
        Ok(())
    } else {
        Err(ApiError::conflict(Some("batchId"), "this import was committed meanwhile"))
    }
}
