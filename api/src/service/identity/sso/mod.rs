//! Single sign-on through an organisation's own identity provider (OpenID Connect): its
//! settings (`provider`), the protocol client (`client`) and the sign-in (`flow`).
pub mod client;
pub mod flow;
pub mod provider;
