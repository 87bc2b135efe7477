//! What the stewardship code needs to know of a table's columns, whatever the table.
use sea_orm::sea_query::ColumnType;
use sea_orm::{EntityTrait, IdenStatic, Iterable};

/// The column naming a row's organisation: `organisation_id` in every tenant table, `id` in
/// `organisation`; the few tables without one (sign-in throttles, the worker's lease) hold no
/// organisation's data.
pub fn tenant<E: EntityTrait>() -> Option<E::Column> {
    let own = if E::default().table_name() == "organisation" { "id" } else { "organisation_id" };
    E::Column::iter().find(|c| c.as_str() == own)
}

/// Whether a column of this type holds text (or JSON) at all.
pub fn is_text(column: &ColumnType) -> bool {
    matches!(
        column,
        ColumnType::Char(_) | ColumnType::String(_) | ColumnType::Text | ColumnType::Json | ColumnType::JsonBinary
    )
}
