//! Answers to repeated register reads, kept in memory and keyed by the organisation's data
//! version (`service::kernel::changes`): a GRC tool or a dashboard polling the same page gets
//! the stored answer for the cost of authenticating and one count, and any write that changes
//! what the page shows moves the version, so a stored answer is never served after it.
//!
//! Only queries whose every root field is a supplier read are kept: the data behind them
//! (suppliers, contacts, owners, dependencies, the services and suppliers at their ends,
//! ratings) changes only through audited or outboxed writes, which move the version.
//! Services, and any query naming `exposure` (through a dependency's service, say), are not
//! kept: exposure comes from the portfolio read model, which the worker may rebuild without a
//! write.
//! The key holds the caller (answers depend on who asks), the version, and a SHA-256 of the
//! query, operation name, variables and response format. Each replica keeps its own; nothing
//! in it decides security, and a replica that never saw a write still reads the version anew.
use async_graphql::parser::types::{OperationType, Selection, SelectionSet};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use uuid::Uuid;

/// Root fields whose answers may be kept.
const CACHEABLE_ROOTS: &[&str] = &["suppliers", "supplier", "__typename"];
/// Most answers kept, and most bytes: the oldest go first.
const MAX_ENTRIES: usize = 2000;
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Larger answers are not kept (an export-sized page would crowd out the rest).
const MAX_ANSWER_BYTES: usize = 1024 * 1024;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Key {
    organisation: Uuid,
    actor: Uuid,
    version: i64,
    request: [u8; 32],
}

impl Key {
    pub fn new(organisation: Uuid, actor: Uuid, version: i64, request: &async_graphql::Request, legacy: bool) -> Key {
        let mut digest = Sha256::new();
        for part in [
            request.query.as_bytes(),
            request.operation_name.as_deref().unwrap_or_default().as_bytes(),
            serde_json::to_string(&request.variables).unwrap_or_default().as_bytes(),
            if legacy { b"json" } else { b"graphql-response+json" },
        ] {
            digest.update((part.len() as u64).to_le_bytes());
            digest.update(part);
        }
        Key { organisation, actor, version, request: digest.finalize().into() }
    }
}

/// Whether the operation the request runs is a query whose root fields are all cacheable.
pub fn cacheable(request: &async_graphql::Request) -> bool {
    cacheable_query(&request.query, request.operation_name.as_deref())
}

/// [`cacheable`] for a query text and the operation it names.
pub fn cacheable_query(query: &str, wanted: Option<&str>) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(query) else { return false };
    let mut operations =
        document.operations.iter().filter(|(name, _)| wanted.is_none() || name.map(|n| n.as_str()) == wanted);
    let (Some((_, operation)), None) = (operations.next(), operations.next()) else { return false };
    let roots_kept = operation.node.selection_set.node.items.iter().all(|item| match &item.node {
        Selection::Field(field) => CACHEABLE_ROOTS.contains(&field.node.name.node.as_str()),
        // Fragments at the root could name any field: not kept.
        Selection::FragmentSpread(_) | Selection::InlineFragment(_) => false,
    });
    // Anywhere in the document, fragments included: a field read from the portfolio read model.
    let from_view = document.operations.iter().any(|(_, op)| names_view_field(&op.node.selection_set.node))
        || document.fragments.values().any(|f| names_view_field(&f.node.selection_set.node));
    operation.node.ty == OperationType::Query && roots_kept && !from_view
}

/// Fields whose answers come from the portfolio read model, which the worker may rebuild
/// without a write (so without moving the version): a query naming one is never kept.
const VIEW_FIELDS: &[&str] = &["exposure"];

fn names_view_field(set: &SelectionSet) -> bool {
    set.items.iter().any(|item| match &item.node {
        Selection::Field(field) => {
            VIEW_FIELDS.contains(&field.node.name.node.as_str()) || names_view_field(&field.node.selection_set.node)
        }
        Selection::InlineFragment(fragment) => names_view_field(&fragment.node.selection_set.node),
        Selection::FragmentSpread(_) => false,
    })
}

/// A kept answer: the body as sent.
#[derive(Clone)]
pub struct Answer {
    pub content_type: &'static str,
    pub body: bytes::Bytes,
}

#[derive(Default)]
struct Entries {
    answers: HashMap<Key, Answer>,
    order: VecDeque<Key>,
    bytes: usize,
}

/// The answers of one replica.
#[derive(Default)]
pub struct ResponseCache {
    entries: Mutex<Entries>,
}

impl ResponseCache {
    pub fn get(&self, key: &Key) -> Option<Answer> {
        self.entries.lock().ok()?.answers.get(key).cloned()
    }

    pub fn put(&self, key: Key, answer: Answer) {
        if answer.body.len() > MAX_ANSWER_BYTES {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else { return };
        // Answers of older versions are never asked for again: drop them first.
        let stale: Vec<Key> = entries
            .order
            .iter()
            .filter(|k| k.organisation == key.organisation && k.version < key.version)
            .copied()
            .collect();
        for old in stale {
            entries.remove(&old);
        }
        entries.bytes += answer.body.len();
        match entries.answers.insert(key, answer) {
            Some(replaced) => entries.bytes -= replaced.body.len(),
            None => entries.order.push_back(key),
        }
        while entries.answers.len() > MAX_ENTRIES || entries.bytes > MAX_BYTES {
            let Some(oldest) = entries.order.front().copied() else { break };
            entries.remove(&oldest);
        }
    }
}

impl Entries {
    fn remove(&mut self, key: &Key) {
        if let Some(answer) = self.answers.remove(key) {
            self.bytes -= answer.body.len();
        }
        self.order.retain(|k| k != key);
    }
}
