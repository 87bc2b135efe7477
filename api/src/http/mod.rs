//! HTTP endpoints around the GraphQL schema.
pub mod evidence;
pub mod graphql;
pub mod health;
pub mod observe;
