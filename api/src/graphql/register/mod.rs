//! The register: suppliers and contacts, business services, dependencies.
pub mod business_service;
pub mod dependency;
pub mod supplier;

use async_graphql::MergedObject;

/// The register queries.
#[derive(MergedObject, Default)]
pub struct RegisterQuery(supplier::SupplierQuery, business_service::BusinessServiceQuery, dependency::DependencyQuery);

/// The register mutations.
#[derive(MergedObject, Default)]
pub struct RegisterMutation(
    supplier::SupplierMutation,
    business_service::BusinessServiceMutation,
    dependency::DependencyMutation,
);
