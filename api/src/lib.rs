//! Chainward: supplier risk assessment portal. This library holds the HTTP application, the
//! GraphQL schema, authentication, the business services and the command-line interface; the
//! `chainward` binary only calls [`cli::run`].
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod egress;
pub mod error;
pub mod events;
pub mod graphql;
pub mod http;
pub mod mail;
pub mod metrics;
pub mod seed;
pub mod service;
pub mod storage;
pub mod throttle;
pub mod worker;

pub use app::{App, AppState, build_app, serve};
pub use config::AppConfig;
