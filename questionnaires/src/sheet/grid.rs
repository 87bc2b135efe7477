//! Any workbook as plain grids of cells, so that layout detection never sees a file format.
//! Merged cells are filled from their top-left cell; trailing empty rows and columns are cut.
use super::format::{Format, Limits};
use super::{SheetError, csv};
use calamine::{Data, Reader, SheetVisible, Sheets};
use std::io::Cursor;

/// One cell's content.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date (or date and time) cell, as `YYYY-MM-DD`.
    Date(chrono::NaiveDate),
}

impl Cell {
    /// The cell as text, the way a person reads it (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::Bool(true) => "TRUE".into(),
            Cell::Bool(false) => "FALSE".into(),
            Cell::Date(date) => date.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: its name, whether it is hidden, and its rows from row 1 and column A.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    pub rows: Vec<Vec<Cell>>,
    /// Drop-down lists (xlsx): the areas they cover and their entries.
    pub lists: Vec<super::validation::DropDown>,
}

impl Sheet {
    /// The entries of the drop-down list on a cell, if it has one.
    pub fn list_at(&self, row: usize, col: usize) -> Option<&[String]> {
        self.lists.iter().find(|(areas, _)| areas.iter().any(|a| a.contains(row, col))).map(|(_, v)| v.as_slice())
    }

    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }

    /// `Answers!C12` for the cell at zero-based `row` and `col`.
    pub fn reference(&self, row: usize, col: usize) -> String {
        format!("{}!{}{}", self.name, column_name(col), row + 1)
    }
}

/// `A`, `B`, ... `Z`, `AA` for a zero-based column.
pub fn column_name(col: usize) -> String {
    let mut name = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    name
}

/// A whole workbook.
#[derive(Clone, Debug)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Reads a file of any supported format within `limits`.
pub fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Workbook, SheetError> {
    let format = super::format::sniff(bytes, limits)?;
    let sheets = match format {
        Format::Csv => {
            vec![Sheet { name: "csv".into(), hidden: false, rows: csv::read(bytes, limits)?, lists: Vec::new() }]
        }
        // A parser bug on a malformed file must not take the caller down with it.
        _ => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_spreadsheet(bytes, limits)))
            .unwrap_or_else(|_| Err(SheetError::Corrupt("the spreadsheet is malformed and cannot be read".into())))?,
    };
    if sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(SheetError::Empty("the workbook has no cells with content".into()));
    }
    let mut sheets = sheets;
    if matches!(format, Format::Xlsx | Format::Xlsm) {
        let mut lists = super::validation::drop_down_lists(bytes, &sheets);
        for sheet in &mut sheets {
            sheet.lists = lists.remove(&sheet.name).unwrap_or_default();
        }
    }
    Ok(Workbook { format, sheets })
}

fn unreadable(err: calamine::Error) -> SheetError {
    let text = err.to_string();
    let lower = text.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        SheetError::Encrypted
    } else {
        SheetError::Corrupt(format!("the spreadsheet cannot be read ({})", text.chars().take(200).collect::<String>()))
    }
}

fn read_spreadsheet(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, SheetError> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let metadata: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    if metadata.len() > limits.max_sheets {
        return Err(SheetError::TooLarge(format!(
            "the workbook has {} sheets; at most {} are read",
            metadata.len(),
            limits.max_sheets
        )));
    }
    let mut cells = 0usize;
    let mut sheets = Vec::new();
    for (name, hidden) in metadata {
        let range = workbook.worksheet_range(&name).map_err(unreadable)?;
        let merged = merged_regions(&mut workbook, &name);
        let rows = grid(&range, &merged, limits, &name, &mut cells)?;
        sheets.push(Sheet { name, hidden, rows, lists: Vec::new() });
    }
    Ok(sheets)
}

fn merged_regions(workbook: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<calamine::Dimensions> {
    match workbook {
        Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => dt.as_datetime().map(|d| Cell::Date(d.date())).unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.get(..10).and_then(|d| d.parse().ok()).map(Cell::Date).unwrap_or_else(|| Cell::Text(text.clone()))
        }
    }
}

/// The range as rows from A1, merged regions filled, trailing empty rows and columns dropped.
fn grid(
    range: &calamine::Range<Data>,
    merged: &[calamine::Dimensions],
    limits: &Limits,
    name: &str,
    cells: &mut usize,
) -> Result<Vec<Vec<Cell>>, SheetError> {
    let Some((start_row, start_col)) = range.start() else { return Ok(Vec::new()) };
    // Only used cells count: a sheet may declare a million rows and hold two hundred.
    let mut last_row = 0usize;
    let mut last_col = 0usize;
    let mut any = false;
    for (r, c, value) in range.used_cells() {
        if !matches!(value, Data::Empty) && !matches!(value, Data::String(s) if s.trim().is_empty()) {
            last_row = last_row.max(r);
            last_col = last_col.max(c);
            any = true;
        }
    }
    if !any {
        return Ok(Vec::new());
    }
    let height = start_row as usize + last_row + 1;
    let width = start_col as usize + last_col + 1;
    if height > limits.max_rows {
        return Err(SheetError::TooLarge(format!(
            "sheet {name} has {height} rows; at most {} are read",
            limits.max_rows
        )));
    }
    *cells += height * width;
    if *cells > limits.max_cells {
        return Err(SheetError::TooLarge(format!("the workbook has more than {} cells", limits.max_cells)));
    }
    let mut rows = vec![vec![Cell::Empty; width]; height];
    for (r, c, value) in range.used_cells() {
        let (row, col) = (start_row as usize + r, start_col as usize + c);
        if row < height && col < width {
            rows[row][col] = convert(value);
        }
    }
    for region in merged {
        let (top, left) = (region.start.0 as usize, region.start.1 as usize);
        let value = rows.get(top).and_then(|r| r.get(left)).cloned().unwrap_or(Cell::Empty);
        let (bottom, right) = (region.end.0 as usize, region.end.1 as usize);
        for cells in rows.iter_mut().take(bottom + 1).skip(top) {
            for cell in cells.iter_mut().take(right + 1).skip(left) {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_are_named_like_spreadsheets_do() {
        let names: Vec<String> = [0, 2, 25, 26, 27, 701, 702].map(super::column_name).to_vec();
        assert_eq!(names, ["A", "C", "Z", "AA", "AB", "ZZ", "AAA"]);
    }
}
