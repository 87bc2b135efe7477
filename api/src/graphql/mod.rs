//! The GraphQL schema: one folder per domain of `crate::service`, each merging its files'
//! queries and mutations into one `...Query` and `...Mutation`, merged here into the roots.
//! Resolvers are thin adapters over `crate::service`.
mod assessment;
mod identity;
pub mod kernel;
mod organisation;
mod portfolio;
mod register;
mod remediation;
mod reports;
mod spreadsheet;
pub(crate) mod subscription;
mod supply_chain;
mod templates;

use crate::auth::jwt::JwtKeys;
use crate::auth::{Caller, RequestAuth};
use crate::error::ApiError;
use async_graphql::dataloader::{DataLoader, HashMapCache};
use async_graphql::{Context, MergedObject, Schema};
use kernel::loaders::RegisterLoader;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use uuid::Uuid;

pub use identity::user::User;
pub use register::business_service::BusinessService;
pub use register::dependency::{Dependency, DependencyNode};
pub use register::supplier::{Supplier, SupplierContact};
pub use supply_chain::graph::GraphCache;

/// Deepest nesting a query may have (introspection alone: `kernel::depth::INTROSPECTION_DEPTH`).
pub const MAX_DEPTH: usize = 12;
/// Most expensive query allowed: a list field costs its page size times its children.
pub const MAX_COMPLEXITY: usize = 25_000;
/// What a field that builds a file, loads the whole supply-chain graph or reads an uploaded
/// spreadsheet costs: a request holds at most four of them, however it aliases them.
pub const EXPENSIVE: usize = 5_000;

/// Read the register, the audit log and who you are. Every query sees only your organisation.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    identity::IdentityQuery,
    kernel::KernelQuery,
    templates::TemplatesQuery,
    register::RegisterQuery,
    organisation::OrganisationQuery,
    assessment::AssessmentQuery,
    spreadsheet::SpreadsheetQuery,
    reports::ReportsQuery,
    supply_chain::SupplyChainQuery,
    remediation::RemediationQuery,
    portfolio::PortfolioQuery,
);

/// Sign in and change the register. Every mutation is recorded in the audit log.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    identity::IdentityMutation,
    register::RegisterMutation,
    templates::TemplatesMutation,
    assessment::AssessmentMutation,
    organisation::OrganisationMutation,
    spreadsheet::SpreadsheetMutation,
    remediation::RemediationMutation,
);

/// The per-request loader; its cache lives as long as one request.
pub type RequestLoader = DataLoader<RegisterLoader, HashMapCache>;

pub type ChainwardSchema = Schema<QueryRoot, MutationRoot, subscription::SubscriptionRoot>;

/// The schema with its limits. Per-request data (caller, loaders, database) is added by the
/// HTTP handler, so the same schema also prints the SDL without a database.
pub fn build_schema() -> ChainwardSchema {
    build_schema_with(true)
}

/// The schema, answering introspection or not (`CHAINWARD_INTROSPECTION`).
pub fn build_schema_with(introspection: bool) -> ChainwardSchema {
    let builder = Schema::build(QueryRoot::default(), MutationRoot::default(), subscription::SubscriptionRoot)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_directives(20)
        .extension(kernel::depth::DepthLimit)
        .extension(subscription::SubscriptionsOnlyOverWebSocket);
    if introspection { builder.finish() } else { builder.disable_introspection().finish() }
}

/// The SDL committed at `api/schema.graphql`.
pub fn sdl() -> String {
    build_schema().sdl()
}

pub(crate) fn caller<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Caller> {
    ctx.data_unchecked::<RequestAuth>().caller().map_err(ApiError::into_graphql)
}

pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// The import workers, for uploaded spreadsheets.
/// The address the request came from (the TCP peer), for throttling guesses.
pub(crate) fn client_address(ctx: &Context<'_>) -> Option<std::net::IpAddr> {
    ctx.data_opt::<crate::http::graphql::ClientAddress>().and_then(|a| a.0)
}

pub(crate) fn sheet_reader<'a>(ctx: &Context<'a>) -> &'a crate::service::spreadsheet::reader::SheetReader {
    ctx.data_unchecked::<Arc<crate::service::spreadsheet::reader::SheetReader>>()
}

pub(crate) fn oidc<'a>(ctx: &Context<'a>) -> &'a crate::service::identity::sso::client::Oidc {
    ctx.data_unchecked::<Arc<crate::service::identity::sso::client::Oidc>>()
}

pub(crate) fn keys<'a>(ctx: &Context<'a>) -> &'a JwtKeys {
    ctx.data_unchecked::<Arc<JwtKeys>>()
}

/// A loader result as a resolver result (database errors logged, never shown).
pub(crate) fn loaded<T>(result: Result<T, Arc<sea_orm::DbErr>>) -> async_graphql::Result<T> {
    result.map_err(|e| ApiError::from(e).into_graphql())
}

/// Where uploaded documents are stored.
pub(crate) fn documents<'a>(ctx: &Context<'a>) -> &'a crate::storage::DocumentStore {
    ctx.data_unchecked::<crate::storage::DocumentStore>()
}

pub(crate) fn loader<'a>(ctx: &Context<'a>) -> &'a RequestLoader {
    ctx.data_unchecked::<RequestLoader>()
}

/// A supplier by id through the request's loader (one statement for all asked together).
pub(crate) async fn supplier_by_id(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<Supplier>> {
    Ok(loaded(loader(ctx).load_one(kernel::loaders::SupplierById(id)).await)?.map(Supplier))
}

/// A service by id through the request's loader.
pub(crate) async fn service_by_id(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<BusinessService>> {
    Ok(loaded(loader(ctx).load_one(kernel::loaders::BusinessServiceById(id)).await)?.map(BusinessService))
}
