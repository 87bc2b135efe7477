//! Deleting an organisation (the instance operator, from the command line): every row of it in
//! every table in one transaction, then the documents no other organisation's rows name (the
//! store keeps a document once per content, so two organisations may share one).
use super::tables;
use crate::error::{ApiError, ApiResult};
use crate::storage::DocumentStore;
use entity::{evidence, organisation};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeSet;
use uuid::Uuid;

/// What deleting an organisation removed (or would remove).
#[derive(Debug, Default)]
pub struct Deleted {
    pub organisation: String,
    /// Rows per table, tables with none left out.
    pub rows: Vec<(String, u64)>,
    pub documents: usize,
}

/// The organisation named `name` (or with the id `name`).
pub async fn find(db: &DatabaseConnection, name: &str) -> ApiResult<organisation::Model> {
    let by_id = Uuid::parse_str(name).ok().map(|id| organisation::Column::Id.eq(id));
    let condition = match by_id {
        Some(id) => sea_orm::Condition::any().add(id).add(organisation::Column::Name.eq(name)),
        None => sea_orm::Condition::all().add(organisation::Column::Name.eq(name)),
    };
    organisation::Entity::find().filter(condition).one(db).await?.ok_or(ApiError::NotFound("organisation"))
}

/// The one organisation of a database that holds only one (the command line's default).
pub async fn only(db: &DatabaseConnection) -> ApiResult<organisation::Model> {
    let mut all = organisation::Entity::find().limit(2).all(db).await?;
    match (all.pop(), all.is_empty()) {
        (Some(found), true) => Ok(found),
        (None, _) => Err(ApiError::field("organisation", "the database holds no organisation yet")),
        (Some(_), false) => Err(ApiError::field("organisation", "the database holds several organisations; name one")),
    }
}

/// Deletes `organisation` and everything of it; with `dry_run`, counts instead and changes
/// nothing (the transaction is rolled back).
pub async fn delete(
    db: &DatabaseConnection,
    store: &DocumentStore,
    organisation: &organisation::Model,
    dry_run: bool,
) -> ApiResult<Deleted> {
    let id = organisation.id;
    let txn = crate::db::begin_write(db).await?;
    let own: BTreeSet<String> = evidence::Entity::find()
        .select_only()
        .column(evidence::Column::Sha256)
        .filter(evidence::Column::OrganisationId.eq(id))
        .into_tuple::<String>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let mut deleted = Deleted { organisation: organisation.name.clone(), ..Default::default() };
    for table in tables::all().iter().rev() {
        let rows = table.purge(&txn, id).await?;
        if rows > 0 {
            deleted.rows.push((table.name.clone(), rows));
        }
    }
    deleted.rows.reverse();
    // Documents another organisation's rows still name stay.
    deleted.documents = unnamed(&txn, own.clone()).await?.len();
    if dry_run {
        txn.rollback().await?;
        return Ok(deleted);
    }
    txn.commit().await?;
    // After the commit: a document left behind by a failure here is unreachable, never a row
    // without its document.
    delete_unnamed(db, store, own).await?;
    Ok(deleted)
}

/// Deletes from the store those of `candidates` no row names. Each is checked again just
/// before it goes, so that content another organisation uploaded meanwhile (the store keeps
/// one copy per content) stays.
pub(super) async fn delete_unnamed(
    db: &DatabaseConnection,
    store: &DocumentStore,
    candidates: BTreeSet<String>,
) -> ApiResult<()> {
    for sha256 in unnamed(db, candidates).await? {
        if !unnamed(db, BTreeSet::from([sha256.clone()])).await?.is_empty() {
            store.delete(&sha256).await?;
        }
    }
    Ok(())
}

/// Of the documents `candidates` (by SHA-256), those no evidence row names any more, in `db`
/// as it stands (the store keeps one copy per content, which several rows may share).
pub(super) async fn unnamed<C: sea_orm::ConnectionTrait>(
    db: &C,
    candidates: BTreeSet<String>,
) -> ApiResult<Vec<String>> {
    let all: Vec<String> = candidates.into_iter().collect();
    let mut unnamed = Vec::new();
    for chunk in all.chunks(500) {
        let named: BTreeSet<String> = evidence::Entity::find()
            .select_only()
            .column(evidence::Column::Sha256)
            .filter(evidence::Column::Sha256.is_in(chunk.iter().cloned()))
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        unnamed.extend(chunk.iter().filter(|sha256| !named.contains(*sha256)).cloned());
    }
    Ok(unnamed)
}
