//! The one error type of the API. Each variant maps to one client-facing `extensions.code`.
//! Its `Display` is the client-facing message, so even an accidental conversion leaks nothing;
//! internal details are logged with a correlation id that the client also receives.
use async_graphql::ErrorExtensions;
use sea_orm::{DbErr, SqlErr};

use crate::service::kernel::unique::UniqueKey;

/// A problem with one input field, named by its path in the request (`input.contacts[0].email`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Unauthenticated(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{}", validation_message(.0))]
    Validation(Vec<FieldError>),
    #[error("{message}")]
    Conflict { field: Option<String>, message: String },
    #[error("{0}")]
    Limit(String),
    #[error("internal error (correlation id {correlation_id})")]
    Internal { correlation_id: String },
}

fn validation_message(errors: &[FieldError]) -> String {
    let parts: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
    format!("invalid input: {}", parts.join("; "))
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated(_) => "UNAUTHENTICATED",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::Validation(_) => "VALIDATION",
            ApiError::Conflict { .. } => "CONFLICT",
            ApiError::Limit(_) => "LIMIT",
            ApiError::Internal { .. } => "INTERNAL",
        }
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    pub fn conflict(field: Option<&str>, message: impl Into<String>) -> Self {
        ApiError::Conflict { field: field.map(str::to_owned), message: message.into() }
    }

    /// Logs the real cause and returns an error that only names a correlation id.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let correlation_id = uuid::Uuid::new_v4().to_string();
        tracing::error!(%correlation_id, error = %cause, "internal error");
        ApiError::Internal { correlation_id }
    }

    /// Converts into a GraphQL error carrying `extensions.code` (and field errors).
    pub fn into_graphql(self) -> async_graphql::Error {
        self.extend()
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.to_string()).extend_with(|_, ext| {
            ext.set("code", self.code());
            match self {
                ApiError::Validation(errors) => {
                    let list: Vec<async_graphql::Value> = errors
                        .iter()
                        .map(|e| {
                            let mut map = async_graphql::indexmap::IndexMap::new();
                            map.insert(async_graphql::Name::new("field"), e.field.clone().into());
                            map.insert(async_graphql::Name::new("message"), e.message.clone().into());
                            async_graphql::Value::Object(map)
                        })
                        .collect();
                    ext.set("fieldErrors", list);
                }
                ApiError::Conflict { field: Some(field), .. } => ext.set("field", field.clone()),
                ApiError::Internal { correlation_id } => ext.set("correlationId", correlation_id.clone()),
                _ => {}
            }
        })
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            // Callers check uniqueness first; reaching here means a concurrent write won the race.
            return ApiError::conflict(None, "a conflicting record was written at the same time; retry");
        }
        ApiError::internal(err)
    }
}

impl From<std::sync::Arc<DbErr>> for ApiError {
    fn from(err: std::sync::Arc<DbErr>) -> Self {
        ApiError::internal(err)
    }
}

/// realworld-axum-sqlx's `on_constraint`: a write that breaks the named unique key becomes the
/// caller's error (a field error, say), any other database error converts as usual.
pub trait OnConstraint<T> {
    fn on_constraint(self, key: &UniqueKey, error: impl FnOnce() -> ApiError) -> ApiResult<T>;
}

impl<T> OnConstraint<T> for Result<T, DbErr> {
    fn on_constraint(self, key: &UniqueKey, error: impl FnOnce() -> ApiError) -> ApiResult<T> {
        self.map_err(|err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(message)) if key.violated_by(&message) => error(),
            _ => err.into(),
        })
    }
}

/// Resolvers return `async_graphql::Result`; `.gql()` turns a service result into one with codes.
pub trait GqlResultExt<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResultExt<T> for ApiResult<T> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(ApiError::into_graphql)
    }
}

/// Collects field errors so that one response reports every problem of an input at once.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems themselves, for callers that name them otherwise (a spreadsheet's cells).
    pub fn into_errors(self) -> Vec<FieldError> {
        self.0
    }

    pub fn into_result(self) -> ApiResult<()> {
        if self.0.is_empty() { Ok(()) } else { Err(ApiError::Validation(self.0)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_name_a_correlation_id_and_hide_the_cause() {
        let error = ApiError::internal("relation \"supplier\" does not exist at character 15");
        let ApiError::Internal { correlation_id } = &error else { panic!("not internal") };
        let graphql = error.extend();
        assert!(!graphql.message.contains("does not exist"), "{}", graphql.message);
        assert!(graphql.message.contains(correlation_id.as_str()));
        let extensions = graphql.extensions.expect("extensions");
        assert_eq!(extensions.get("code"), Some(&async_graphql::Value::from("INTERNAL")));
        assert_eq!(extensions.get("correlationId"), Some(&async_graphql::Value::from(correlation_id.clone())));
    }

    #[test]
    fn validation_errors_list_every_field() {
        let mut problems = Problems::default();
        problems.add("input.country", "not a country");
        problems.add("input.lei", "bad check digits");
        let error = problems.into_result().unwrap_err();
        assert_eq!(error.code(), "VALIDATION");
        assert_eq!(error.to_string(), "invalid input: input.country: not a country; input.lei: bad check digits");
    }
}
