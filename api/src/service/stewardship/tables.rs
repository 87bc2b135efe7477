//! Every table Chainward keeps, in an order in which each row's references come before it, with
//! a way to read a table out as JSON rows and to write such rows back. Backups and restores go
//! through this one list; a table of the schema missing from it fails the test
//! `every_table_of_the_schema_is_in_the_backup`.
use super::values;
use crate::error::{ApiError, ApiResult};
use futures_util::future::BoxFuture;
use sea_orm::sea_query::Value;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IdenStatic,
    IntoActiveModel, Iterable, ModelTrait, PrimaryKeyToColumn, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

/// A row as JSON: column name to value.
pub type Row = Map<String, Json>;

/// Rows read or written at a time.
const PAGE: u64 = 1_000;
/// Rows per INSERT: the widest table (about 35 columns) stays far below the bind-parameter
/// limits of SQLite (32,766) and PostgreSQL (65,535).
const INSERT: usize = 200;

/// Where the rows of a table go as they are read.
pub trait RowSink: Send {
    fn row(&mut self, row: &Row) -> ApiResult<()>;
}

type Dump = for<'a> fn(&'a DatabaseTransaction, Option<Uuid>, &'a mut dyn RowSink) -> BoxFuture<'a, ApiResult<u64>>;
type Load = for<'a> fn(&'a DatabaseTransaction, Vec<Row>) -> BoxFuture<'a, Result<(), String>>;
type Clear = for<'a> fn(&'a DatabaseTransaction) -> BoxFuture<'a, ApiResult<()>>;
type Purge = for<'a> fn(&'a DatabaseTransaction, Uuid) -> BoxFuture<'a, ApiResult<u64>>;
type Rewrite = for<'a> fn(&'a DatabaseTransaction, Uuid, &'a super::rewrite::Edit<'a>) -> BoxFuture<'a, ApiResult<u64>>;

/// One table, type-erased.
pub struct Table {
    pub name: String,
    dump: Dump,
    load: Load,
    clear: Clear,
    purge: Purge,
    rewrite: Rewrite,
    /// The columns holding text or JSON.
    pub text_columns: Vec<String>,
}

impl Table {
    fn of<E>() -> Table
    where
        E: EntityTrait + Default,
        E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
        E::Model: IntoActiveModel<E::ActiveModel> + Send + Sync,
    {
        Table {
            name: E::default().table_name().to_owned(),
            dump: |txn, organisation, sink| Box::pin(dump::<E>(txn, organisation, sink)),
            load: |txn, rows| Box::pin(load::<E>(txn, rows)),
            clear: |txn| Box::pin(async move { E::delete_many().exec(txn).await.map(|_| ()).map_err(ApiError::from) }),
            purge: |txn, organisation| Box::pin(purge::<E>(txn, organisation)),
            rewrite: |txn, organisation, edit| Box::pin(super::rewrite::rewrite::<E>(txn, organisation, edit)),
            text_columns: E::Column::iter()
                .filter(|c| super::columns::is_text(c.def().get_column_type()))
                .map(|c| c.as_str().to_owned())
                .collect(),
        }
    }

    /// Writes every row (of `organisation` only, if given) to `sink` in primary-key order;
    /// returns how many.
    pub async fn dump(
        &self,
        txn: &DatabaseTransaction,
        organisation: Option<Uuid>,
        sink: &mut dyn RowSink,
    ) -> ApiResult<u64> {
        (self.dump)(txn, organisation, sink).await
    }

    /// Inserts `rows` (as [`Table::dump`] wrote them); an error names the column at fault.
    pub async fn load(&self, txn: &DatabaseTransaction, rows: Vec<Row>) -> Result<(), String> {
        let mut rows = rows;
        while !rows.is_empty() {
            let rest = rows.split_off(rows.len().min(INSERT));
            (self.load)(txn, rows).await?;
            rows = rest;
        }
        Ok(())
    }

    /// Deletes every row.
    pub async fn clear(&self, txn: &DatabaseTransaction) -> ApiResult<()> {
        (self.clear)(txn).await
    }

    /// Changes the texts of `organisation`'s rows that `edit` names, as it says; returns how many
    /// rows changed.
    pub async fn rewrite(
        &self,
        txn: &DatabaseTransaction,
        organisation: Uuid,
        edit: &super::rewrite::Edit<'_>,
    ) -> ApiResult<u64> {
        (self.rewrite)(txn, organisation, edit).await
    }

    /// Deletes the rows of `organisation` (its own row, in `organisation`); returns how many.
    pub async fn purge(&self, txn: &DatabaseTransaction, organisation: Uuid) -> ApiResult<u64> {
        (self.purge)(txn, organisation).await
    }
}

/// Tables an organisation's export leaves out: credentials (sign-in sessions, API tokens: an
/// instance issues its own), what no organisation owns, and the read model, which the
/// importing instance builds from the rest.
const NOT_CARRIED: [&str; 9] = [
    "refresh_token",
    "api_token",
    "rate_limit",
    "worker_lease",
    "portfolio_change",
    "portfolio_view",
    // The provider's client secret is a credential, and sign-ins under way end with the instance.
    "identity_provider",
    "sso_attempt",
    "sso_ticket",
];

/// The tables an organisation's export carries, in [`all`]'s order.
pub fn portable() -> Vec<Table> {
    all().into_iter().filter(|t| !NOT_CARRIED.contains(&t.name.as_str())).collect()
}

/// Every table, those referred to before those that refer to them.
pub fn all() -> Vec<Table> {
    use entity::*;
    vec![
        Table::of::<organisation::Entity>(),
        Table::of::<user::Entity>(),
        Table::of::<api_token::Entity>(),
        Table::of::<refresh_token::Entity>(),
        Table::of::<identity_provider::Entity>(),
        Table::of::<sso_attempt::Entity>(),
        Table::of::<sso_ticket::Entity>(),
        Table::of::<scim_group::Entity>(),
        Table::of::<rate_limit::Entity>(),
        Table::of::<questionnaire_template::Entity>(),
        Table::of::<template_version::Entity>(),
        Table::of::<supplier::Entity>(),
        Table::of::<supplier_contact::Entity>(),
        Table::of::<business_service::Entity>(),
        Table::of::<dependency::Entity>(),
        Table::of::<campaign::Entity>(),
        Table::of::<campaign_target::Entity>(),
        Table::of::<assessment::Entity>(),
        Table::of::<assessment_answer::Entity>(),
        Table::of::<assessment_reminder::Entity>(),
        Table::of::<invitation::Entity>(),
        Table::of::<invitation_link::Entity>(),
        Table::of::<finding::Entity>(),
        Table::of::<finding_comment::Entity>(),
        Table::of::<evidence::Entity>(),
        Table::of::<score_snapshot::Entity>(),
        Table::of::<import_profile::Entity>(),
        Table::of::<import_batch::Entity>(),
        Table::of::<import_row::Entity>(),
        Table::of::<outbox_event::Entity>(),
        Table::of::<webhook_subscription::Entity>(),
        Table::of::<webhook_delivery::Entity>(),
        Table::of::<mail_message::Entity>(),
        Table::of::<audit_event::Entity>(),
        Table::of::<worker_lease::Entity>(),
        Table::of::<portfolio_change::Entity>(),
        Table::of::<portfolio_view::Entity>(),
    ]
}

async fn purge<E: EntityTrait>(txn: &DatabaseTransaction, organisation: Uuid) -> ApiResult<u64> {
    let Some(column) = super::columns::tenant::<E>() else { return Ok(0) };
    Ok(E::delete_many().filter(column.eq(organisation)).exec(txn).await?.rows_affected)
}

async fn dump<E>(txn: &DatabaseTransaction, organisation: Option<Uuid>, sink: &mut dyn RowSink) -> ApiResult<u64>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    let mut select = E::find();
    if let Some(organisation) = organisation {
        let Some(column) = super::columns::tenant::<E>() else { return Ok(0) };
        select = select.filter(column.eq(organisation));
    }
    // Every table has a one-column key: pages follow it (keyset), so each costs the same.
    let Some(key) = E::PrimaryKey::iter().next().map(|k| k.into_column()) else { return Ok(0) };
    let mut after: Option<Value> = None;
    let mut rows = 0;
    loop {
        let mut page = select.clone().order_by_asc(key).limit(PAGE);
        if let Some(after) = &after {
            page = page.filter(key.gt(after.clone()));
        }
        let models = page.all(txn).await?;
        let Some(last) = models.last() else { break };
        after = Some(last.get(key));
        let full = models.len() as u64 == PAGE;
        for model in models {
            let mut row = Row::new();
            for column in E::Column::iter() {
                let value = values::encode(model.get(column)).map_err(|e| {
                    ApiError::internal(format!("{}.{}: {e}", E::default().table_name(), column.as_str()))
                })?;
                row.insert(column.as_str().to_owned(), value);
            }
            sink.row(&row)?;
            rows += 1;
        }
        if !full {
            break;
        }
    }
    Ok(rows)
}

async fn load<E>(txn: &DatabaseTransaction, rows: Vec<Row>) -> Result<(), String>
where
    E: EntityTrait,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let columns: Vec<E::Column> = E::Column::iter().collect();
    let mut models = Vec::with_capacity(rows.len());
    for row in rows {
        let mut model = <E::ActiveModel as ActiveModelTrait>::default();
        for (name, json) in &row {
            let column = columns
                .iter()
                .find(|c| c.as_str() == name)
                .ok_or_else(|| format!("column {name} is not one this version of Chainward knows"))?;
            let value: Value =
                values::decode(column.def().get_column_type(), json).map_err(|e| format!("{name}: {e}"))?;
            model.try_set(*column, value).map_err(|e| format!("{name}: {e}"))?;
        }
        models.push(model);
    }
    if models.is_empty() {
        return Ok(());
    }
    E::insert_many(models).exec_without_returning(txn).await.map(|_| ()).map_err(|e| {
        tracing::warn!(error = %e, table = E::default().table_name(), "restoring rows failed");
        "the database refused the rows (see the log)".to_owned()
    })
}

/// The name of the migration table's rows applied, oldest first.
pub async fn migrations<C: ConnectionTrait>(db: &C) -> ApiResult<Vec<String>> {
    let backend = db.get_database_backend();
    let statement = sea_orm::Statement::from_string(backend, "SELECT version FROM seaql_migrations ORDER BY version");
    let rows = db.query_all_raw(statement).await?;
    rows.iter().map(|row| row.try_get::<String>("", "version").map_err(ApiError::from)).collect()
}
