//! What every domain's resolvers share: paging, the per-request loaders and their prefetching,
//! and the audit log.
pub mod audit;
pub mod depth;
pub mod loaders;
pub mod page;
pub mod prefetch;

use async_graphql::MergedObject;

/// The kernel queries.
#[derive(MergedObject, Default)]
pub struct KernelQuery(audit::AuditQuery);
