//! HTTP endpoints around the GraphQL schema.
pub mod body_limit;
pub mod evidence;
pub mod exports;
pub mod graphql;
pub mod health;
pub mod observe;
pub mod portal;
pub mod response_cache;
pub mod scim;
pub mod sso;
pub mod streamed;
pub mod subscription;
