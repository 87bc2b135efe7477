//! Loads the relations a list will ask for, for the whole page at once, before its nodes are
//! resolved. DataLoader batching alone depends on timing (its batch window can close while a
//! large page is still being walked, splitting one query into many); priming the per-request
//! cache from the list resolver makes the statement count a constant.
use crate::domain::NodeKind;
use crate::error::ApiError;
use crate::graphql::kernel::loaders::{
    BusinessServiceById, ContactsOf, DependentsOf, GraphAbove, ProvidersOf, SupplierById, UserById,
};
use crate::graphql::loader;
use async_graphql::{Context, Lookahead, Result};
use uuid::Uuid;

/// `node` is the selection of one list item; `ids` the items; `owners` their owner ids.
pub async fn relations(ctx: &Context<'_>, node: Lookahead<'_>, ids: &[Uuid], owners: &[Uuid]) -> Result<()> {
    let loader = loader(ctx);
    let wants = |field: &str| node.field(field).exists();
    let (contacts, users, providers, dependents, above) = tokio::join!(
        async {
            if wants("contacts") {
                loader.load_many(ids.iter().copied().map(ContactsOf)).await.map(|_| ())
            } else {
                Ok(())
            }
        },
        async {
            if wants("owner") {
                loader.load_many(owners.iter().copied().map(UserById)).await.map(|_| ())
            } else {
                Ok(())
            }
        },
        async {
            if wants("dependsOn") {
                loader.load_many(ids.iter().copied().map(ProvidersOf)).await
            } else {
                Ok(Default::default())
            }
        },
        async {
            if wants("dependents") {
                loader.load_many(ids.iter().copied().map(DependentsOf)).await
            } else {
                Ok(Default::default())
            }
        },
        async {
            if wants("impactedServices") {
                loader.load_many(ids.iter().copied().map(GraphAbove)).await.map(|_| ())
            } else {
                Ok(())
            }
        },
    );
    contacts.map_err(ApiError::from)?;
    above.map_err(ApiError::from)?;
    users.map_err(ApiError::from)?;
    let (providers, dependents) = (providers.map_err(ApiError::from)?, dependents.map_err(ApiError::from)?);

    // The far ends of those edges, if the query walks on to them.
    let mut suppliers = Vec::new();
    let mut services = Vec::new();
    let mut collect = |kind: NodeKind, id: Uuid| match kind {
        NodeKind::Supplier => suppliers.push(SupplierById(id)),
        NodeKind::Service => services.push(BusinessServiceById(id)),
    };
    if node.field("dependsOn").field("provider").exists() {
        providers.values().flatten().for_each(|edge| collect(edge.provider_kind, edge.provider_id));
    }
    if node.field("dependents").field("dependent").exists() {
        dependents.values().flatten().for_each(|edge| collect(edge.dependent_kind, edge.dependent_id));
    }
    let (suppliers, services) = tokio::join!(loader.load_many(suppliers), loader.load_many(services));
    suppliers.map_err(ApiError::from)?;
    services.map_err(ApiError::from)?;
    Ok(())
}

/// The relations of a page of findings: owners, the suppliers' contacts, comments and
/// documents of the fix. `nodes` are the selections of one item (edges/node and nodes).
pub async fn finding_relations(
    ctx: &Context<'_>,
    nodes: &[Lookahead<'_>],
    findings: &[entity::finding::Model],
) -> Result<()> {
    use crate::graphql::kernel::loaders::{CommentsOf, FixEvidenceOf};
    let loader = loader(ctx);
    let wants = |field: &str| nodes.iter().any(|n| n.field(field).exists());
    let ids = || findings.iter().map(|f| f.id);
    let (suppliers, owners, contacts, comments, evidence) = tokio::join!(
        async {
            let suppliers = findings.iter().map(|f| SupplierById(f.supplier_id));
            if wants("supplier") { loader.load_many(suppliers).await.map(|_| ()) } else { Ok(()) }
        },
        async {
            let owners = findings.iter().filter_map(|f| f.owner_id).map(UserById);
            if wants("owner") { loader.load_many(owners).await.map(|_| ()) } else { Ok(()) }
        },
        async {
            let suppliers = findings.iter().filter(|f| f.contact_id.is_some()).map(|f| ContactsOf(f.supplier_id));
            if wants("contact") { loader.load_many(suppliers).await.map(|_| ()) } else { Ok(()) }
        },
        async { if wants("comments") { loader.load_many(ids().map(CommentsOf)).await.map(|_| ()) } else { Ok(()) } },
        async { if wants("evidence") { loader.load_many(ids().map(FixEvidenceOf)).await.map(|_| ()) } else { Ok(()) } },
    );
    for result in [suppliers, owners, contacts, comments, evidence] {
        result.map_err(ApiError::from)?;
    }
    Ok(())
}
