//! HTTP endpoints around the GraphQL schema.
pub mod graphql;
pub mod health;
pub mod observe;
