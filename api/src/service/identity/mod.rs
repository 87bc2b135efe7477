//! Who is calling: users and their roles, sign-in and sessions (by password or through the
//! organisation's identity provider), API tokens, and the bearer
//! credential of a request (a user's, a token's or a respondent's) turned into a `Caller`.
pub mod api_token;
pub mod auth;
pub mod respondent;
pub mod scim;
pub mod sso;
pub mod user;
