//! The platform every domain stands on: GraphQL over HTTP and WebSocket, the schema, SQL per request, tenant isolation and the security promises of SECURITY.md.
mod http;
mod killed;
mod replicas;
mod response_cache;
mod schema;
mod security;
mod statements;
mod subscriptions;
mod tenancy;
