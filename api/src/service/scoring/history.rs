//! What scoring left for a supplier: its score history (one snapshot per completion or
//! rescoring, newest first) and its findings, most urgent first.
use crate::auth::{Caller, Permission};
use crate::domain::Severity;
use crate::error::ApiResult;
use crate::service::kernel::lookup;
use entity::{finding, score_snapshot};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// A supplier's score history, newest first.
pub async fn snapshots<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    supplier_id: Uuid,
) -> ApiResult<Vec<score_snapshot::Model>> {
    caller.require(Permission::Read)?;
    lookup::find::<entity::supplier::Entity>(db, caller, supplier_id).await?;
    Ok(lookup::scoped::<score_snapshot::Entity>(caller)
        .filter(score_snapshot::Column::SupplierId.eq(supplier_id))
        .order_by_desc(score_snapshot::Column::CreatedAt)
        .all(db)
        .await?)
}

/// A supplier's findings, most severe and soonest due first.
pub async fn findings<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    supplier_id: Uuid,
) -> ApiResult<Vec<finding::Model>> {
    caller.require(Permission::Read)?;
    lookup::find::<entity::supplier::Entity>(db, caller, supplier_id).await?;
    let mut rows =
        lookup::scoped::<finding::Entity>(caller).filter(finding::Column::SupplierId.eq(supplier_id)).all(db).await?;
    let rank = |s: &Severity| {
        [Severity::Critical, Severity::High, Severity::Medium, Severity::Low].iter().position(|x| x == s)
    };
    rows.sort_by(|a, b| {
        rank(&a.severity).cmp(&rank(&b.severity)).then(a.due_date.cmp(&b.due_date)).then(a.id.cmp(&b.id))
    });
    Ok(rows)
}
