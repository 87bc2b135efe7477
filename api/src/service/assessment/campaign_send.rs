//! Sending a campaign: the selection fixed at launch (`campaign_target`), then batches that each
//! write their suppliers' assessments, invite their contacts and mark them sent in one
//! transaction. A batch that fails or whose process dies is rolled back whole and sent again
//! later, never twice: on PostgreSQL replicas skip each other's locked rows, on SQLite the
//! single writer orders them.
use crate::auth::Caller;
use crate::db::begin_write;
use crate::error::ApiResult;
use crate::service::assessment::invitation;
use crate::service::assessment::lifecycle::{self, Draft};
use crate::service::kernel::{lookup, now};
use crate::service::templates::template;
use entity::{campaign, campaign_target, supplier_contact};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

/// Suppliers a worker sends in one transaction.
pub const BATCH: u64 = 100;

/// Records the suppliers `launched` selected, in their order.
pub(crate) async fn select<C: ConnectionTrait>(
    db: &C,
    launched: &campaign::Model,
    suppliers: &[Uuid],
) -> ApiResult<()> {
    // A few hundred rows a statement keeps within every database's limit on bound values.
    for (chunk_index, chunk) in suppliers.chunks(500).enumerate() {
        let rows = chunk.iter().enumerate().map(|(i, supplier)| campaign_target::ActiveModel {
            id: sea_orm::ActiveValue::Set(Uuid::new_v4()),
            organisation_id: sea_orm::ActiveValue::Set(launched.organisation_id),
            campaign_id: sea_orm::ActiveValue::Set(launched.id),
            supplier_id: sea_orm::ActiveValue::Set(*supplier),
            position: sea_orm::ActiveValue::Set((chunk_index * 500 + i) as i32),
            processed_at: sea_orm::ActiveValue::Set(None),
        });
        campaign_target::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Sends the next `limit` suppliers of `launched` in the caller's transaction; returns how many.
pub(crate) async fn send_batch<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    launched: &campaign::Model,
    limit: u64,
) -> ApiResult<usize> {
    let mut next = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(launched.id))
        .filter(campaign_target::Column::ProcessedAt.is_null())
        .order_by_asc(campaign_target::Column::Position)
        .limit(limit);
    if db.get_database_backend() == DbBackend::Postgres {
        next = next.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let targets = next.all(db).await?;
    if targets.is_empty() {
        return Ok(0);
    }
    let (version, questionnaire) = template::published_template(db, caller, launched.template_version_id).await?;
    let contacts = lookup::scoped::<supplier_contact::Entity>(caller)
        .filter(supplier_contact::Column::SupplierId.is_in(targets.iter().map(|t| t.supplier_id)))
        .order_by_asc(supplier_contact::Column::Name)
        .all(db)
        .await?;
    for target in &targets {
        let draft = Draft {
            supplier_id: target.supplier_id,
            template_version_id: launched.template_version_id,
            template: &questionnaire,
            version,
            due_date: launched.due_date,
            message: launched.message.clone(),
            campaign_id: Some(launched.id),
            created_by: launched.created_by,
            follows: None,
        };
        let draft = lifecycle::insert_draft(db, caller, draft).await?;
        let respondents: Vec<_> = contacts.iter().filter(|c| c.supplier_id == target.supplier_id).cloned().collect();
        if !respondents.is_empty() {
            invitation::invite(db, caller, draft, respondents).await?;
        }
    }
    campaign_target::Entity::update_many()
        .col_expr(campaign_target::Column::ProcessedAt, Expr::value(now()))
        .filter(campaign_target::Column::Id.is_in(targets.iter().map(|t| t.id)))
        .exec(db)
        .await?;
    Ok(targets.len())
}

/// The worker's turn: one batch of the oldest campaign with suppliers left to send; returns how
/// many were sent (0: nothing waits).
pub async fn send_pending(db: &DatabaseConnection) -> ApiResult<usize> {
    let waiting: Option<Uuid> = campaign_target::Entity::find()
        .select_only()
        .column(campaign_target::Column::CampaignId)
        .filter(campaign_target::Column::ProcessedAt.is_null())
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    let Some(campaign_id) = waiting else { return Ok(0) };
    let txn = begin_write(db).await?;
    let Some(launched) = campaign::Entity::find_by_id(campaign_id).one(&txn).await? else { return Ok(0) };
    let caller = Caller::system(launched.organisation_id, &format!("campaign {}", launched.name));
    let sent = send_batch(&txn, &caller, &launched, BATCH).await?;
    txn.commit().await?;
    Ok(sent)
}

/// Suppliers of `campaign_id` not sent yet.
pub async fn queued<C: ConnectionTrait>(db: &C, campaign_id: Uuid) -> ApiResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(campaign_id))
        .filter(campaign_target::Column::ProcessedAt.is_null())
        .count(db)
        .await?)
}
