//! Dependencies between services and suppliers.
use crate::domain::NodeKind;
use crate::error::{ApiError, GqlResultExt};
use crate::graphql::kernel::loaders::{BusinessServiceById, SupplierById};
use crate::graphql::register::business_service::BusinessService;
use crate::graphql::register::supplier::Supplier;
use crate::graphql::{caller, db, loaded, loader};
use crate::service::register::dependency::{DependencyPatch, NewDependency};
use crate::service::{self};
use async_graphql::{Context, Object, Result, Union};
use chrono::{DateTime, Utc};
use entity::dependency;
use uuid::Uuid;

/// "dependent depends on provider".
pub struct Dependency(pub dependency::Model);

/// Either end of a dependency.
// Values live for one response only; boxing would cost an allocation per node for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Union)]
pub enum DependencyNode {
    Supplier(Supplier),
    Service(BusinessService),
}

async fn node(ctx: &Context<'_>, kind: NodeKind, id: Uuid) -> Result<DependencyNode> {
    let loader = loader(ctx);
    let found = match kind {
        NodeKind::Supplier => {
            loader.load_one(SupplierById(id)).await.map(|s| s.map(|s| DependencyNode::Supplier(Supplier(s))))
        }
        NodeKind::Service => loader
            .load_one(BusinessServiceById(id))
            .await
            .map(|s| s.map(|s| DependencyNode::Service(BusinessService(s)))),
    };
    loaded(found)?.ok_or_else(|| ApiError::NotFound("dependency end").into_graphql())
}

/// "dependent depends on provider": a service or supplier relies on a supplier (or service).
#[Object]
impl Dependency {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Whether the dependent is a service or a supplier.
    async fn dependent_kind(&self) -> NodeKind {
        self.0.dependent_kind
    }
    /// The service or supplier that depends on the provider.
    async fn dependent(&self, ctx: &Context<'_>) -> Result<DependencyNode> {
        node(ctx, self.0.dependent_kind, self.0.dependent_id).await
    }
    /// Whether the provider is a service or a supplier.
    async fn provider_kind(&self) -> NodeKind {
        self.0.provider_kind
    }
    /// The supplier or service depended on.
    async fn provider(&self, ctx: &Context<'_>) -> Result<DependencyNode> {
        node(ctx, self.0.provider_kind, self.0.provider_id).await
    }
    /// What flows along the edge.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The business function the provider serves for the dependent.
    async fn function(&self) -> Option<&str> {
        self.0.function.as_deref()
    }
    /// A marked alternative (fallback) provider for that function.
    async fn alternative(&self) -> bool {
        self.0.alternative
    }
    /// When the dependency was recorded.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(Default)]
pub struct DependencyQuery;

#[Object]
impl DependencyQuery {
    /// One dependency.
    async fn dependency(&self, ctx: &Context<'_>, id: Uuid) -> Result<Dependency> {
        service::register::dependency::get(db(ctx), caller(ctx)?, id).await.map(Dependency).gql()
    }
}

#[derive(Default)]
pub struct DependencyMutation;

#[Object]
impl DependencyMutation {
    /// Records that a service or supplier depends on a supplier (or a service on a service).
    async fn add_dependency(&self, ctx: &Context<'_>, input: NewDependency) -> Result<Dependency> {
        service::register::dependency::add(db(ctx), caller(ctx)?, input).await.map(Dependency).gql()
    }

    /// Changes a dependency's description, function or alternative mark.
    async fn update_dependency(&self, ctx: &Context<'_>, id: Uuid, input: DependencyPatch) -> Result<Dependency> {
        service::register::dependency::update(db(ctx), caller(ctx)?, id, input).await.map(Dependency).gql()
    }

    /// Removes a dependency; returns its id.
    async fn remove_dependency(&self, ctx: &Context<'_>, id: Uuid) -> Result<Uuid> {
        service::register::dependency::remove(db(ctx), caller(ctx)?, id).await.gql()
    }
}
