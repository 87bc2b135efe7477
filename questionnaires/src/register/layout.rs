//! Which sheets of a workbook hold the register, its contacts and its dependencies, on which
//! row their headers are, and what each column means: detected from the headers, or given
//! back corrected by the person importing.
use super::fields::{Field, field_of};
use super::{FieldCell, SheetRow};
use crate::sheet::grid::column_name;
use crate::sheet::{Sheet, SheetError, Workbook};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Rows searched for a header row at the top of each sheet (titles and notes come first).
const HEADER_SEARCH: usize = 30;

/// What a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    Suppliers,
    Contacts,
    Links,
}

/// One column and what it means; `field: None` leaves it out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRole {
    /// The column's letter, e.g. `C`.
    pub column: String,
    pub header: String,
    pub field: Option<Field>,
    /// Which contact the column belongs to (1 for the first).
    #[serde(default = "super::first")]
    pub slot: u8,
}

/// A sheet and how to read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLayout {
    pub sheet: String,
    pub kind: SheetKind,
    /// The header row as the spreadsheet numbers it; data starts below it.
    pub header_row: u32,
    pub columns: Vec<ColumnRole>,
}

/// The sheets of a register workbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterLayout {
    pub suppliers: SheetLayout,
    pub contacts: Option<SheetLayout>,
    pub links: Option<SheetLayout>,
}

/// Finds the register's sheets and their columns.
pub fn detect(workbook: &Workbook, notes: &mut Vec<String>) -> Result<RegisterLayout, SheetError> {
    let mut suppliers: Option<(usize, SheetLayout)> = None;
    let (mut contacts, mut links) = (None, None);
    for sheet in workbook.sheets.iter().filter(|s| !s.hidden) {
        let Some(found) = header_of(sheet) else { continue };
        let slot = match found.kind {
            SheetKind::Suppliers => {
                let score = found.columns.iter().filter(|c| c.field.is_some()).count();
                if suppliers.as_ref().is_some_and(|(best, _)| *best >= score) {
                    notes.push(format!(
                        "sheet {} also looks like a register; only one sheet of suppliers is read",
                        sheet.name
                    ));
                    continue;
                }
                if let Some((_, earlier)) = suppliers.replace((score, found)) {
                    notes.push(format!(
                        "sheet {} also looks like a register; only one sheet of suppliers is read",
                        earlier.sheet
                    ));
                }
                continue;
            }
            SheetKind::Contacts => &mut contacts,
            SheetKind::Links => &mut links,
        };
        if slot.is_none() {
            *slot = Some(found);
        } else {
            notes.push(format!("sheet {} is left out: an earlier sheet holds the same kind of rows", sheet.name));
        }
    }
    let Some((_, suppliers)) = suppliers else {
        return Err(SheetError::Layout(
            "no sheet has a header row naming its suppliers (a column such as \"Legal name\", \"Supplier\" or \"Vendor\" \
             beside e.g. \"Country\" or \"Category\"); correct the layout to name the columns"
                .into(),
        ));
    };
    Ok(RegisterLayout { suppliers, contacts, links })
}

/// The best header row at the top of `sheet` and what the sheet holds, if it looks like one of ours.
fn header_of(sheet: &Sheet) -> Option<SheetLayout> {
    let mut best: Option<(usize, usize, Vec<ColumnRole>)> = None;
    for (r, row) in sheet.rows.iter().enumerate().take(HEADER_SEARCH) {
        let columns: Vec<ColumnRole> = (0..row.len())
            .map(|c| {
                let header = sheet.own(r, c).clean_text();
                let found = field_of(&header);
                ColumnRole { column: column_name(c), header, field: found.map(|f| f.0), slot: found.map_or(1, |f| f.1) }
            })
            .collect();
        let recognised = columns.iter().filter(|c| c.field.is_some()).count();
        if recognised >= 2 && best.as_ref().is_none_or(|b| recognised > b.1) {
            best = Some((r, recognised, columns));
        }
    }
    let (row, _, mut columns) = best?;
    let fields: BTreeSet<Field> = columns.iter().filter_map(|c| c.field).collect();
    let names_supplier = fields.contains(&Field::LegalName) || fields.contains(&Field::Lei);
    let describes = fields.iter().any(|f| f.describes_supplier() && *f != Field::Lei);
    let kind =
        if names_supplier && (fields.contains(&Field::Service) || fields.contains(&Field::Subcontractor)) && !describes
        {
            SheetKind::Links
        } else if names_supplier && fields.contains(&Field::ContactEmail) && !describes {
            SheetKind::Contacts
        } else if fields.contains(&Field::LegalName) {
            SheetKind::Suppliers
        } else {
            return None;
        };
    if kind != SheetKind::Suppliers {
        as_references(&mut columns);
    }
    single_use(&mut columns);
    Some(SheetLayout { sheet: sheet.name.clone(), kind, header_row: row as u32 + 1, columns })
}

/// On a contacts or links sheet the legal-name column names the supplier the row is about; a
/// bare "Name" beside another supplier column is then the contact's name.
fn as_references(columns: &mut [ColumnRole]) {
    let named = columns.iter().filter(|c| c.field == Some(Field::LegalName)).count();
    for column in columns.iter_mut().filter(|c| c.field == Some(Field::LegalName)) {
        let bare = super::fields::fold(&column.header) == "name";
        column.field = Some(if bare && named > 1 { Field::ContactName } else { Field::Supplier });
    }
}

/// A field that cannot repeat is read from its first column only.
fn single_use(columns: &mut [ColumnRole]) {
    let mut seen: BTreeSet<(Field, u8)> = BTreeSet::new();
    for column in columns.iter_mut() {
        if let Some(field) = column.field
            && !field.repeats()
            && !seen.insert((field, column.slot))
        {
            column.field = None;
        }
    }
}

/// A column letter as a zero-based index (`A` is 0); None for anything else.
fn column_index(letters: &str) -> Option<usize> {
    let letters = letters.trim();
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(letters.to_ascii_uppercase().bytes().fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1)
}

impl RegisterLayout {
    /// Checks a layout sent back by a person against the workbook, naming what is wrong.
    pub fn check(&self, workbook: &Workbook) -> Result<(), SheetError> {
        let sheets = [(Some(&self.suppliers), SheetKind::Suppliers), (self.contacts.as_ref(), SheetKind::Contacts)]
            .into_iter()
            .chain([(self.links.as_ref(), SheetKind::Links)]);
        for (layout, kind) in sheets {
            let Some(layout) = layout else { continue };
            if layout.kind != kind {
                return Err(SheetError::Layout(format!(
                    "the sheet \"{}\" is given as {kind:?} rows, in the wrong place",
                    layout.sheet
                )));
            }
            let Some(sheet) = workbook.sheet(&layout.sheet) else {
                return Err(SheetError::Layout(format!("the workbook has no sheet named \"{}\"", layout.sheet)));
            };
            if layout.header_row == 0 || layout.header_row as usize > sheet.rows.len() {
                return Err(SheetError::Layout(format!(
                    "{}: the header row {} is outside the sheet (it has {} rows)",
                    layout.sheet,
                    layout.header_row,
                    sheet.rows.len()
                )));
            }
            for column in &layout.columns {
                if column_index(&column.column).is_none() {
                    return Err(SheetError::Layout(format!(
                        "{}: \"{}\" is not a column letter",
                        layout.sheet, column.column
                    )));
                }
            }
            let has = |f: Field| layout.columns.iter().any(|c| c.field == Some(f));
            let missing = match layout.kind {
                SheetKind::Suppliers => (!has(Field::LegalName)).then_some("the legal name"),
                SheetKind::Contacts => (!(has(Field::Supplier) || has(Field::Lei)) || !has(Field::ContactEmail))
                    .then_some("the supplier and the contact's e-mail"),
                SheetKind::Links => (!(has(Field::Supplier) || has(Field::Lei))
                    || !(has(Field::Service) || has(Field::Subcontractor)))
                .then_some("the supplier and a service or subcontractor"),
            };
            if let Some(missing) = missing {
                return Err(SheetError::Layout(format!("{}: no column is given for {missing}", layout.sheet)));
            }
        }
        Ok(())
    }
}

impl SheetLayout {
    /// The rows below the header that have something in a recognised column.
    pub fn rows(&self, workbook: &Workbook) -> Vec<SheetRow> {
        let Some(sheet) = workbook.sheet(&self.sheet) else { return Vec::new() };
        let columns: Vec<(usize, Field, u8)> = self
            .columns
            .iter()
            .filter_map(|c| Some((column_index(&c.column)?, c.field?, c.slot.clamp(1, 9))))
            .filter(|(_, field, _)| *field != Field::Computed)
            .collect();
        let mut rows = Vec::new();
        for r in self.header_row as usize..sheet.rows.len() {
            let cells: Vec<FieldCell> = columns
                .iter()
                .filter_map(|&(c, field, slot)| {
                    let cell = sheet.own(r, c);
                    (!cell.is_empty()).then(|| FieldCell {
                        field,
                        slot,
                        cell: sheet.reference(r, c),
                        text: revived(cell.clean_text()),
                    })
                })
                .collect();
            if !cells.is_empty() {
                rows.push(SheetRow { sheet: sheet.name.clone(), row: r as u32 + 1, cells });
            }
        }
        rows
    }
}

/// Text as written before an export defused it: Chainward's CSV puts an apostrophe before
/// `=`, `+`, `-` and `@` so that no spreadsheet runs it; reading it back takes it off.
fn revived(text: String) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => text,
    }
}
