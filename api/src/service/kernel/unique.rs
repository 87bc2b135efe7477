//! The unique keys the schema enforces, named as the migrations name them. A service checks
//! before it inserts, for a friendly message; two requests racing past that check meet the key,
//! and `on_constraint` (in `error`) turns the violation into the same field error.

/// One unique key: PostgreSQL reports it by name, SQLite by its columns (or, for a key on an
/// expression, by name).
#[derive(Debug)]
pub struct UniqueKey {
    pub name: &'static str,
    pub table: &'static str,
    /// Empty for a key on an expression.
    pub columns: &'static [&'static str],
}

impl UniqueKey {
    /// Whether a database's unique-violation message is about this key.
    pub fn violated_by(&self, message: &str) -> bool {
        if message.contains(&format!("\"{}\"", self.name)) || message.contains(&format!("index '{}'", self.name)) {
            return true;
        }
        let Some((_, columns)) = message.split_once("UNIQUE constraint failed: ") else { return false };
        let ours: Vec<String> = self.columns.iter().map(|c| format!("{}.{c}", self.table)).collect();
        !ours.is_empty() && columns.trim() == ours.join(", ")
    }
}

pub const USER_EMAIL: UniqueKey = UniqueKey { name: "app_user_email_key", table: "app_user", columns: &["email"] };
pub const SERVICE_NAME: UniqueKey = UniqueKey { name: "ux_service_name", table: "service", columns: &[] };
pub const DEPENDENCY_EDGE: UniqueKey =
    UniqueKey { name: "ux_dependency_edge", table: "dependency", columns: &["dependent_id", "provider_id"] };
pub const TEMPLATE_SLUG: UniqueKey = UniqueKey {
    name: "ux_questionnaire_template_slug",
    table: "questionnaire_template",
    columns: &["organisation_id", "slug"],
};
pub const IMPORT_PROFILE_NAME: UniqueKey =
    UniqueKey { name: "ux_import_profile_name", table: "import_profile", columns: &["organisation_id", "name"] };

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_recognised_in_either_database_s_words_and_no_other_is() {
        let pg = "duplicate key value violates unique constraint \"ux_dependency_edge\"";
        let sqlite = "UNIQUE constraint failed: dependency.dependent_id, dependency.provider_id";
        let expression = "UNIQUE constraint failed: index 'ux_service_name'";
        assert!(DEPENDENCY_EDGE.violated_by(pg) && DEPENDENCY_EDGE.violated_by(sqlite));
        assert!(SERVICE_NAME.violated_by(expression));
        assert!(USER_EMAIL.violated_by("UNIQUE constraint failed: app_user.email"));
        for other in [&USER_EMAIL, &SERVICE_NAME, &TEMPLATE_SLUG, &IMPORT_PROFILE_NAME] {
            assert!(!other.violated_by(pg) && !other.violated_by(sqlite), "{other:?}");
        }
        assert!(!DEPENDENCY_EDGE.violated_by("UNIQUE constraint failed: dependency.dependent_id"));
    }
}
