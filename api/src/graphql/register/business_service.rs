//! The organisation's business services.
use crate::error::GqlResultExt;
use crate::graphql::kernel::loaders::{DependentsOf, ProvidersOf};
use crate::graphql::kernel::page::{PageConnection, connection};
use crate::graphql::register::dependency::Dependency;
use crate::graphql::{caller, db, kernel::prefetch, loaded, loader};
use crate::service::kernel::page::PageRequest;
use crate::service::register::business_service::{
    BusinessServiceFilter, BusinessServiceOrder, BusinessServicePatch, NewBusinessService,
};
use crate::service::{self};
use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use entity::business_service;
use uuid::Uuid;

/// One of your own business services, which depends on suppliers.
pub struct BusinessService(pub business_service::Model);

/// One of your own business services, which depends on suppliers.
#[Object(name = "Service")]
impl BusinessService {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Name, unique within the organisation.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the service does.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// 1 (low) to 5 (vital).
    async fn criticality(&self) -> i32 {
        self.0.criticality
    }
    /// Essential or important under NIS 2.
    async fn nis2_critical(&self) -> bool {
        self.0.nis2_critical
    }
    /// Suppliers (and services) this service depends on.
    async fn depends_on(&self, ctx: &Context<'_>) -> Result<Vec<Dependency>> {
        let rows = loaded(loader(ctx).load_one(ProvidersOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(Dependency).collect())
    }
    /// Services that depend on this one.
    async fn dependents(&self, ctx: &Context<'_>) -> Result<Vec<Dependency>> {
        let rows = loaded(loader(ctx).load_one(DependentsOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(Dependency).collect())
    }
    /// Every supplier and fourth party beneath this service up to `maxDepth` (at most 20),
    /// nearest first, with its path, latest rating, residual risk and open findings.
    async fn supply_chain(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] max_depth: u32,
    ) -> Result<Vec<crate::graphql::supply_chain::graph::SupplyChainEntry>> {
        crate::graphql::supply_chain::graph::supply_chain(ctx, self.0.id, max_depth).await
    }
    /// What it inherits from every supplier beneath it: open, overdue and accepted findings,
    /// and the worst residual risk down there with the path to it.
    async fn exposure(&self, ctx: &Context<'_>) -> Result<crate::graphql::portfolio::BusinessServiceExposure> {
        crate::graphql::portfolio::service_exposure(ctx, self.0.id).await
    }
    /// When the service was registered.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the service last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

#[derive(Default)]
pub struct BusinessServiceQuery;

#[Object]
impl BusinessServiceQuery {
    /// Your business services, filtered, sorted and paginated (at most 200 per page).
    #[graphql(complexity = "first.unwrap_or(50).max(0) as usize * child_complexity")]
    async fn services(
        &self,
        ctx: &Context<'_>,
        filter: Option<BusinessServiceFilter>,
        order_by: Option<BusinessServiceOrder>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<PageConnection<BusinessService>> {
        let page = PageRequest::parse(first, after.as_deref()).gql()?;
        let (filter, order) = (filter.unwrap_or_default(), order_by.unwrap_or_default());
        let services =
            service::register::business_service::list(db(ctx), caller(ctx)?, filter, order, page).await.gql()?;
        let ids: Vec<Uuid> = services.items.iter().map(|s| s.id).collect();
        // A page is read as `edges { node }` or as `nodes`; the loader's cache makes the second free.
        let selection = ctx.look_ahead();
        for node in [selection.field("edges").field("node"), selection.field("nodes")] {
            prefetch::relations(ctx, node, &ids, &[]).await?;
        }
        Ok(connection(services, BusinessService))
    }

    /// One business service.
    async fn service(&self, ctx: &Context<'_>, id: Uuid) -> Result<BusinessService> {
        service::register::business_service::get(db(ctx), caller(ctx)?, id).await.map(BusinessService).gql()
    }
}

#[derive(Default)]
pub struct BusinessServiceMutation;

#[Object]
impl BusinessServiceMutation {
    /// Registers a business service.
    async fn create_service(&self, ctx: &Context<'_>, input: NewBusinessService) -> Result<BusinessService> {
        service::register::business_service::create(db(ctx), caller(ctx)?, input).await.map(BusinessService).gql()
    }

    /// Changes a business service.
    async fn update_service(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: BusinessServicePatch,
    ) -> Result<BusinessService> {
        service::register::business_service::update(db(ctx), caller(ctx)?, id, input).await.map(BusinessService).gql()
    }

    /// Deletes a business service and its dependencies; returns its id.
    async fn delete_service(&self, ctx: &Context<'_>, id: Uuid) -> Result<Uuid> {
        service::register::business_service::delete(db(ctx), caller(ctx)?, id).await.gql()
    }
}
