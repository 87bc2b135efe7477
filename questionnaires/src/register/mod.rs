//! A supplier register kept in a spreadsheet, read the way a person reads it: the sheet whose
//! header row names suppliers, countries and categories is the register; a sheet of supplier
//! and e-mail columns holds contacts; a sheet of "service -> supplier" or "supplier ->
//! subcontractor" rows holds dependencies. What each column means is detected from its header
//! (`fields`) and can be corrected. This reads cells as text, each named by sheet and cell; what
//! the text means (a country, a date, a status) is the register's business, on the server.
pub mod fields;
mod layout;
#[cfg(test)]
mod tests;

pub use fields::Field;
pub use layout::{ColumnRole, RegisterLayout, SheetKind, SheetLayout, detect};

use crate::sheet::{SheetError, Workbook};
use serde::{Deserialize, Serialize};

/// One cell read: where, and what it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldCell {
    pub field: Field,
    /// Which contact of the row (1 for the first), for contact fields.
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub slot: u8,
    /// `Suppliers!C12`.
    pub cell: String,
    pub text: String,
}

fn first() -> u8 {
    1
}

fn is_first(slot: &u8) -> bool {
    *slot == 1
}

/// One row of a sheet with the cells of its recognised columns that are not empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRow {
    pub sheet: String,
    /// The row number as the spreadsheet shows it (1 for the first).
    pub row: u32,
    pub cells: Vec<FieldCell>,
}

impl SheetRow {
    /// The first cell of `field`, if the row has it.
    pub fn get(&self, field: Field) -> Option<&FieldCell> {
        self.cells.iter().find(|c| c.field == field)
    }

    /// Where `field` would be on this row (its cell, or the row itself when the column is absent).
    pub fn place(&self, field: Field) -> String {
        self.get(field).map(|c| c.cell.clone()).unwrap_or_else(|| format!("{} row {}", self.sheet, self.row))
    }
}

/// What the reader found, before anything is interpreted.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RegisterSheets {
    pub format: crate::sheet::Format,
    /// The layout used, to show and to correct.
    pub layout: RegisterLayout,
    pub suppliers: Vec<SheetRow>,
    pub contacts: Vec<SheetRow>,
    pub links: Vec<SheetRow>,
    /// Remarks that are not errors (columns ignored, sheets left out).
    pub notes: Vec<String>,
}

/// Reads the register in `workbook` with `layout` if given (a corrected one), else detected.
pub fn read_register(workbook: &Workbook, layout: Option<&RegisterLayout>) -> Result<RegisterSheets, SheetError> {
    let mut notes = Vec::new();
    let layout = match layout {
        Some(layout) => {
            layout.check(workbook)?;
            layout.clone()
        }
        None => detect(workbook, &mut notes)?,
    };
    let rows = |sheet: &Option<SheetLayout>| sheet.as_ref().map(|s| s.rows(workbook)).unwrap_or_default();
    let suppliers = layout.suppliers.rows(workbook);
    let (contacts, links) = (rows(&layout.contacts), rows(&layout.links));
    for sheet in std::iter::once(&layout.suppliers).chain(layout.contacts.iter()).chain(layout.links.iter()) {
        let ignored: Vec<String> = sheet
            .columns
            .iter()
            .filter(|c| c.field.is_none() && !c.header.is_empty())
            .map(|c| format!("{} (\"{}\")", c.column, c.header))
            .collect();
        if !ignored.is_empty() {
            notes.push(format!("{}: columns not imported: {}", sheet.sheet, ignored.join(", ")));
        }
        if sheet.columns.iter().any(|c| c.field == Some(Field::Computed)) {
            notes.push(format!(
                "{}: ratings, scores and finding counts are computed by Chainward and are not imported",
                sheet.sheet
            ));
        }
    }
    Ok(RegisterSheets { format: workbook.format, layout, suppliers, contacts, links, notes })
}
