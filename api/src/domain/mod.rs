//! The register's vocabulary: the enumerations of the database columns (`entity::enums`, each
//! stored as its snake_case `as_db` string and exposed as a GraphQL enum), and the few that
//! only the API has.
pub mod country;
mod enums;
mod workflow;

pub use entity::enums::*;
pub use enums::*;
pub use workflow::*;
