//! The depth limit, with room for introspection. async-graphql's `limit_depth` applies one
//! limit to every operation, and the introspection query GraphiQL and code generators send
//! (graphql-js' `getIntrospectionQuery`) is 15 fields deep, so a limit that keeps register
//! queries shallow refused the schema to every tool. Here an operation that asks only
//! `__schema`, `__type` or `__typename` may go to [`INTROSPECTION_DEPTH`]; every other one stays
//! at [`MAX_DEPTH`]. Depth is counted as async-graphql counts it: one per field, fragments
//! inlined.
use super::super::MAX_DEPTH;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextParseQuery};
use async_graphql::parser::types::{ExecutableDocument, FragmentDefinition, Selection, SelectionSet};
use async_graphql::{Name, Positioned, ServerError, ServerResult, Variables};
use std::collections::HashMap;
use std::sync::Arc;

/// Deepest nesting of an introspection-only operation (the standard query is 15 deep).
pub const INTROSPECTION_DEPTH: usize = 16;

pub struct DepthLimit;

impl ExtensionFactory for DepthLimit {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(DepthLimit)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for DepthLimit {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        check(&document)?;
        Ok(document)
    }
}

/// Refuses a document with an operation deeper than its limit.
pub fn check(document: &ExecutableDocument) -> ServerResult<()> {
    for (_, operation) in document.operations.iter() {
        let set = &operation.node.selection_set;
        let limit = if introspection_only(set) { INTROSPECTION_DEPTH } else { MAX_DEPTH };
        if depth(set, &document.fragments, limit, &mut Vec::new()) > limit {
            let mut error = ServerError::new("Query is nested too deep.", None);
            error.extensions.get_or_insert_with(Default::default).set("code", "LIMIT");
            return Err(error);
        }
    }
    Ok(())
}

fn introspection_only(set: &Positioned<SelectionSet>) -> bool {
    set.node.items.iter().all(|item| match &item.node {
        Selection::Field(field) => matches!(field.node.name.node.as_str(), "__schema" | "__type" | "__typename"),
        _ => false,
    })
}

/// The depth of `set`, counting stops just past `limit`. A fragment already on the path is not
/// followed again (a cycle, which validation refuses anyway).
fn depth<'a>(
    set: &'a Positioned<SelectionSet>,
    fragments: &'a HashMap<Name, Positioned<FragmentDefinition>>,
    limit: usize,
    path: &mut Vec<&'a str>,
) -> usize {
    let mut deepest = 0;
    for item in &set.node.items {
        let here = match &item.node {
            Selection::Field(field) if field.node.selection_set.node.items.is_empty() => 1,
            Selection::Field(field) if limit == 0 => 1 + usize::from(!field.node.selection_set.node.items.is_empty()),
            Selection::Field(field) => 1 + depth(&field.node.selection_set, fragments, limit - 1, path),
            Selection::InlineFragment(inline) => depth(&inline.node.selection_set, fragments, limit, path),
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                match fragments.get(name) {
                    Some(fragment) if !path.contains(&name) => {
                        path.push(name);
                        let inner = depth(&fragment.node.selection_set, fragments, limit, path);
                        path.pop();
                        inner
                    }
                    _ => 0,
                }
            }
        };
        deepest = deepest.max(here);
        if deepest > limit {
            break;
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    /// `{ a { b { ... { last } } } }` from the path `a, b, ..., last`.
    fn nested(path: &[&str]) -> String {
        let (last, outer) = path.split_last().unwrap();
        outer.iter().rev().fold(last.to_string(), |inner, field| format!("{field} {{ {inner} }}"))
    }

    /// `root` then `levels - 1` more fields down to a leaf.
    fn deep(levels: usize, root: &str, field: &str) -> String {
        let mut path = vec![root];
        path.extend(std::iter::repeat_n(field, levels.saturating_sub(2)));
        path.push("name");
        format!("{{ {} }}", nested(&path))
    }

    fn refused(query: &str) -> bool {
        check(&parse_query(query).unwrap()).is_err()
    }

    #[test]
    fn register_queries_stay_at_twelve_and_introspection_may_go_to_sixteen() {
        let register = |levels| deep(levels, "suppliers", "dependsOn");
        assert!(!refused(&register(MAX_DEPTH)));
        assert!(refused(&register(MAX_DEPTH + 1)), "{} levels", MAX_DEPTH + 1);
        let schema = |levels| deep(levels, "__type(name: \"Supplier\")", "ofType");
        assert!(!refused(&schema(INTROSPECTION_DEPTH)));
        assert!(refused(&schema(INTROSPECTION_DEPTH + 1)));
        // Introspection beside a register field gets the register's limit.
        let mixed = schema(MAX_DEPTH + 1).replacen('{', "{ suppliers { id }", 1);
        assert!(refused(&mixed));
    }

    #[test]
    fn fragments_count_where_they_are_spread_and_cycles_end() {
        let nested = "query { a { ...F } } fragment F on T { b { c { d } } }";
        assert_eq!(depth(&op(nested), &parse_query(nested).unwrap().fragments, 99, &mut Vec::new()), 4);
        let cycle = "query { a { ...F } } fragment F on T { b { ...F } }";
        assert_eq!(depth(&op(cycle), &parse_query(cycle).unwrap().fragments, 99, &mut Vec::new()), 2);
    }

    fn op(query: &str) -> Positioned<SelectionSet> {
        let document = parse_query(query).unwrap();
        let (_, operation) = document.operations.iter().next().unwrap();
        operation.node.selection_set.clone()
    }

    #[test]
    fn graphql_js_s_introspection_query_passes() {
        // The deepest path of getIntrospectionQuery() in graphql 16.15: __schema types fields
        // args type, nine ofType, name: 15 fields.
        let mut path = vec!["__schema", "types", "fields", "args", "type"];
        path.extend(["ofType"; 9]);
        path.push("name");
        assert_eq!(path.len(), 15);
        assert!(!refused(&format!("{{ {} }}", nested(&path))));
    }
}
