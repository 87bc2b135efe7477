//! Sign-in, sessions, API tokens and what each role may do.
mod auth;
mod roles;
mod scim;
mod single_sign_on;
