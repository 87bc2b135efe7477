//! Dependencies: "A depends on B" between services and suppliers. Cycles are legal data (two
//! suppliers can subcontract each other); duplicates and self-loops are not.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::NodeKind;
use crate::error::{ApiError, ApiResult, OnConstraint, Problems};
use crate::service::kernel::{lookup, unique};
use crate::service::{kernel::audit, kernel::now, kernel::validate, scoring::rescoring};
use entity::{business_service, dependency, supplier};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter,
};
use uuid::Uuid;

/// A new dependency. The kinds of both ends are found from the ids.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewDependency {
    /// The service or supplier that depends on the provider.
    pub dependent_id: Uuid,
    /// The supplier (or, for a service, another service) it depends on.
    pub provider_id: Uuid,
    /// What flows along the edge, e.g. "hosts the production database".
    pub description: Option<String>,
    /// The business function the provider serves for the dependent, e.g. "payments": a
    /// critical service with one provider for a function and no alternative is a single
    /// point of failure.
    pub function: Option<String>,
    /// This provider is a marked alternative (fallback) for that function (default false).
    pub alternative: Option<bool>,
}

/// Changes to a dependency's description, function or alternative mark; absent fields stay.
#[derive(Clone, Debug, Default, async_graphql::InputObject)]
pub struct DependencyPatch {
    /// What flows along the edge; null clears it.
    pub description: async_graphql::MaybeUndefined<String>,
    /// The business function the provider serves; null clears it.
    pub function: async_graphql::MaybeUndefined<String>,
    /// Whether the provider is a marked alternative for that function.
    pub alternative: Option<bool>,
}

/// A function name: trimmed, lower-cased so that "Payments" and "payments " are one function.
pub(crate) fn function_name(text: &str) -> Result<Option<String>, String> {
    Ok(validate::optional_line(text, 100)?.map(|f| f.to_lowercase()))
}

/// Whether `id` is a service or a supplier of the caller's organisation.
pub async fn node_kind<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<Option<NodeKind>> {
    let suppliers = lookup::scoped::<supplier::Entity>(caller).filter(supplier::Column::Id.eq(id)).count(db).await?;
    if suppliers > 0 {
        return Ok(Some(NodeKind::Supplier));
    }
    let services = lookup::scoped::<business_service::Entity>(caller)
        .filter(business_service::Column::Id.eq(id))
        .count(db)
        .await?;
    Ok((services > 0).then_some(NodeKind::Service))
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<dependency::Model> {
    caller.require(Permission::Read)?;
    lookup::find::<dependency::Entity>(db, caller, id).await
}

pub async fn add(db: &DatabaseConnection, caller: &Caller, input: NewDependency) -> ApiResult<dependency::Model> {
    caller.require(Permission::WriteRegister)?;
    let description = validate::optional_text(input.description.as_deref().unwrap_or_default(), 1000)
        .map_err(|m| ApiError::field("input.description", m))?;
    let function = function_name(input.function.as_deref().unwrap_or_default())
        .map_err(|m| ApiError::field("input.function", m))?;
    let alternative = input.alternative.unwrap_or(false);
    if alternative && function.is_none() {
        return Err(ApiError::field("input.alternative", "name the function this provider is an alternative for"));
    }
    if input.dependent_id == input.provider_id {
        return Err(ApiError::field("input.providerId", "a node cannot depend on itself"));
    }
    let txn = begin_write(db).await?;
    let dependent = node_kind(&txn, caller, input.dependent_id).await?;
    let provider = node_kind(&txn, caller, input.provider_id).await?;
    let mut problems = Problems::default();
    if dependent.is_none() {
        problems.add("input.dependentId", "no service or supplier of your organisation has this id");
    }
    if provider.is_none() {
        problems.add("input.providerId", "no service or supplier of your organisation has this id");
    }
    if let (Some(NodeKind::Supplier), Some(NodeKind::Service)) = (dependent, provider) {
        problems.add("input.providerId", "a supplier cannot depend on one of your own services");
    }
    problems.into_result()?;
    let (Some(dependent), Some(provider)) = (dependent, provider) else {
        return Err(ApiError::NotFound("service or supplier"));
    };
    let existing = dependency::Entity::find()
        .filter(dependency::Column::DependentId.eq(input.dependent_id))
        .filter(dependency::Column::ProviderId.eq(input.provider_id))
        .count(&txn)
        .await?;
    let recorded = || ApiError::conflict(Some("input.providerId"), "this dependency is already recorded");
    if existing > 0 {
        return Err(recorded());
    }
    let created = dependency::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        dependent_kind: Set(dependent),
        dependent_id: Set(input.dependent_id),
        provider_kind: Set(provider),
        provider_id: Set(input.provider_id),
        description: Set(description),
        created_at: Set(now()),
        function: Set(function),
        alternative: Set(alternative),
    }
    .insert(&txn)
    .await
    .on_constraint(&unique::DEPENDENCY_EDGE, recorded)?;
    let changes = audit::diff(None, Some(&created));
    audit::record(&txn, caller, "dependency.create", "dependency", Some(created.id), changes).await?;
    rescoring::after_graph_change(&txn, caller, created.provider_id, "dependencies changed").await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn remove(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<Uuid> {
    caller.require(Permission::WriteRegister)?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    dependency::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "dependency.delete", "dependency", Some(id), audit::diff(Some(&before), None)).await?;
    rescoring::after_graph_change(&txn, caller, before.provider_id, "dependencies changed").await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    patch: DependencyPatch,
) -> ApiResult<dependency::Model> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let mut text = |field: &str,
                    value: &async_graphql::MaybeUndefined<String>,
                    check: fn(&str) -> Result<Option<String>, String>| match value {
        async_graphql::MaybeUndefined::Undefined => None,
        async_graphql::MaybeUndefined::Null => Some(None),
        async_graphql::MaybeUndefined::Value(v) => check(v).map(Some).unwrap_or_else(|m| {
            problems.add(field, m);
            None
        }),
    };
    let description = text("input.description", &patch.description, |v| validate::optional_text(v, 1000));
    let function = text("input.function", &patch.function, function_name);
    problems.into_result()?;
    let txn = begin_write(db).await?;
    let before = get(&txn, caller, id).await?;
    let mut row: dependency::ActiveModel = before.clone().into();
    if let Some(description) = description {
        row.description = Set(description);
    }
    if let Some(function) = function {
        row.function = Set(function);
    }
    if let Some(alternative) = patch.alternative {
        row.alternative = Set(alternative);
    }
    let after = row.update(&txn).await?;
    if after.alternative && after.function.is_none() {
        return Err(ApiError::field("input.alternative", "name the function this provider is an alternative for"));
    }
    audit::record(&txn, caller, "dependency.update", "dependency", Some(id), audit::diff(Some(&before), Some(&after)))
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes every edge at either end of `node_id` (when the node itself is deleted) and
/// returns how many there were.
pub async fn delete_touching<C: ConnectionTrait>(db: &C, caller: &Caller, node_id: Uuid) -> ApiResult<u64> {
    let result = dependency::Entity::delete_many()
        .filter(dependency::Column::OrganisationId.eq(caller.organisation_id))
        .filter(
            sea_orm::Condition::any()
                .add(dependency::Column::DependentId.eq(node_id))
                .add(dependency::Column::ProviderId.eq(node_id)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
