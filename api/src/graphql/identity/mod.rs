//! Who is calling: sign-in and sessions, users, API tokens.
pub mod auth;
pub mod sso;
pub mod user;

use async_graphql::MergedObject;

/// The identity queries.
#[derive(MergedObject, Default)]
pub struct IdentityQuery(auth::AuthQuery, user::UserQuery, sso::SsoQuery);

/// The identity mutations.
#[derive(MergedObject, Default)]
pub struct IdentityMutation(auth::AuthMutation, user::UserMutation, sso::SsoMutation);
