//! Relay connections built from a service [`Page`].
use crate::service::kernel::page::Page;
use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, SimpleObject};

/// Fields every connection carries besides edges and pageInfo.
#[derive(SimpleObject)]
pub struct ConnectionTotal {
    /// Number of items matching the filter, across all pages.
    pub total_count: u64,
}

pub type PageConnection<N> = Connection<String, N, ConnectionTotal>;

pub fn connection<M, N: OutputType>(page: Page<M>, node: impl Fn(M) -> N) -> PageConnection<N> {
    let mut connection = Connection::with_additional_fields(
        page.has_previous(),
        page.has_next(),
        ConnectionTotal { total_count: page.total },
    );
    let cursors: Vec<String> = (0..page.items.len()).map(|i| page.cursor(i)).collect();
    connection.edges.extend(page.items.into_iter().zip(cursors).map(|(item, cursor)| Edge::new(cursor, node(item))));
    connection
}
