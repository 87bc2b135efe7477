//! The register's vocabulary: enumerations shared by services, GraphQL and the database
//! (where each is stored as its lower-case `as_db` string).
pub mod country;
mod enums;

pub use enums::*;
