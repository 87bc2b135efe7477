//! What a preview shows of each register row: new, changed (field by field, with the value
//! before), unchanged or invalid, with every problem at its cell.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a row does to the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RowChange {
    /// A supplier the register does not have yet.
    New,
    /// A supplier the register has, with changes.
    Changed,
    /// A supplier the register has, exactly as the row says.
    Unchanged,
    /// A row with problems: it is not imported.
    Invalid,
}

/// One field a row sets, with its value before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, async_graphql::SimpleObject)]
pub struct FieldChange {
    /// The field's name, e.g. "Country" or "Contact anna@example.com".
    pub field: String,
    /// Where the new value was read, e.g. `Suppliers!F12`.
    pub cell: String,
    /// The value the register holds (none for a new supplier).
    pub from: Option<String>,
    /// The value the row gives.
    pub to: Option<String>,
}

/// A cell that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, async_graphql::SimpleObject)]
pub struct CellIssue {
    /// Where, e.g. `Suppliers!D12`.
    pub cell: String,
    /// What is wrong, e.g. `"Narnia" is not a country we know`.
    pub message: String,
}

/// A register row as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, async_graphql::SimpleObject)]
pub struct RowPreview {
    /// The sheet the row is on.
    pub sheet: String,
    /// The row number as the spreadsheet shows it.
    pub row: u32,
    /// What the row does.
    pub change: RowChange,
    /// The supplier matched in the register, if any.
    pub supplier_id: Option<Uuid>,
    /// The legal name the row gives (or the register holds).
    pub legal_name: String,
    /// How the supplier was matched: "LEI", "VAT number", "registry number" or "legal name and country".
    pub matched_by: Option<String>,
    /// The fields the row sets or changes.
    pub fields: Vec<FieldChange>,
    /// Why the row cannot be imported (empty unless invalid).
    pub problems: Vec<CellIssue>,
}
