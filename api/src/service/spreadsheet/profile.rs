//! Import profiles: a foreign layout (columns) and id mapping saved under a name, so that the
//! next file of the same kind is read without corrections.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult, OnConstraint, Problems};
use crate::service::kernel::{lookup, unique};
use crate::service::{kernel::audit, kernel::now, kernel::validate};
use entity::import_profile;
use questionnaires::sheet::layout::Layout;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// One foreign id and the template question it corresponds to.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct IdMapping {
    /// The id as the spreadsheet writes it, e.g. `A&A-01.1`.
    pub foreign_id: String,
    /// The template question it corresponds to, e.g. `GOV-01`.
    pub question_id: String,
}

/// A profile to save (replacing one of the same name).
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct SaveImportProfileInput {
    /// e.g. "CAIQ v4 from Acme".
    pub name: String,
    /// The layout: the `columns` of a preview, corrected if need be.
    pub layout: async_graphql::Json<Value>,
    /// Foreign id -> question id.
    #[graphql(default)]
    pub mapping: Vec<IdMapping>,
}

pub async fn list<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<import_profile::Model>> {
    caller.require(Permission::Read)?;
    Ok(lookup::scoped::<import_profile::Entity>(caller).order_by_asc(import_profile::Column::Name).all(db).await?)
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<import_profile::Model> {
    lookup::find::<import_profile::Entity>(db, caller, id).await
}

pub async fn save(
    db: &DatabaseConnection,
    caller: &Caller,
    input: SaveImportProfileInput,
) -> ApiResult<import_profile::Model> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let name = validate::required_line(&input.name, 200).unwrap_or_else(|m| {
        problems.add("input.name", m);
        String::new()
    });
    if let Err(e) = serde_json::from_value::<Layout>(input.layout.0.clone()) {
        problems.add("input.layout", format!("not a layout: {e}"));
    }
    problems.into_result()?;
    let mapping: serde_json::Map<String, Value> =
        input.mapping.iter().map(|m| (m.foreign_id.trim().to_owned(), json!(m.question_id.trim()))).collect();
    let txn = begin_write(db).await?;
    let existing = lookup::scoped::<import_profile::Entity>(caller)
        .filter(import_profile::Column::Name.eq(&name))
        .one(&txn)
        .await?;
    let saved = match existing {
        Some(found) => {
            let mut row: import_profile::ActiveModel = found.into();
            row.layout = Set(input.layout.0);
            row.mapping = Set(Value::Object(mapping));
            row.updated_at = Set(now());
            row.update(&txn).await?
        }
        None => {
            import_profile::ActiveModel {
                id: Set(Uuid::new_v4()),
                organisation_id: Set(caller.organisation_id),
                name: Set(name),
                layout: Set(input.layout.0),
                mapping: Set(Value::Object(mapping)),
                created_at: Set(now()),
                updated_at: Set(now()),
            }
            .insert(&txn)
            .await
            // Two saves of a new name at once: the second finds the first's row on a retry.
            .on_constraint(&unique::IMPORT_PROFILE_NAME, || {
                ApiError::conflict(Some("input.name"), "a profile of this name was saved at the same time; retry")
            })?
        }
    };
    audit::record(&txn, caller, "import_profile.save", "import_profile", Some(saved.id), json!({"name": saved.name}))
        .await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<Uuid> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let found = get(&txn, caller, id).await?;
    import_profile::Entity::delete_by_id(found.id).exec(&txn).await?;
    audit::record(&txn, caller, "import_profile.delete", "import_profile", Some(id), json!({"name": found.name}))
        .await?;
    txn.commit().await?;
    Ok(id)
}
