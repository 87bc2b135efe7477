//! Any workbook as plain grids of cells, so that layout detection never sees a file format.
//! Merged cells are filled from their top-left cell; only cells with content are kept, each
//! row as long as its last one.
use super::format::{Format, Limits};
use super::validation::Area;
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

    /// The cell as text, borrowed when it is text already.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(text) => std::borrow::Cow::Borrowed(text),
            other => std::borrow::Cow::Owned(other.text()),
        }
    }

    /// The cell as text, cleaned of spreadsheet debris (one allocation for a text cell).
    pub fn clean_text(&self) -> String {
        match self {
            Cell::Text(text) => super::vocab::clean(text),
            other => super::vocab::clean(&other.text()),
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
    /// Drop-down lists: the areas they cover and their entries.
    pub lists: Vec<super::validation::DropDown>,
    /// The lists by column, as runs of rows, so that a look-up is a search, not a scan of every
    /// area (a hostile sheet may declare a million).
    pub(crate) list_runs: super::validation::ListRuns,
    /// Merged regions (their cells already hold the top-left value).
    pub merged: Vec<Area>,
    /// Cells filled from a merged region that starts left of them: what they show belongs to
    /// the region's first column (an answer merged over the comment column is no comment).
    pub covered: foldhash::HashSet<(usize, usize)>,
}

impl Sheet {
    /// The entries of the drop-down list on a cell, if it has one.
    pub fn list_at(&self, row: usize, col: usize) -> Option<&[String]> {
        let runs = self.list_runs.get(col)?;
        let before = runs.partition_point(|run| run.0 <= row);
        // Runs of one column rarely overlap: the last few that start above the row decide.
        let run = runs[..before].iter().rev().take(8).find(|run| run.1 >= row)?;
        self.lists.get(run.2).map(|(_, values)| values.as_slice())
    }

    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }

    /// The cell's own content: empty where it only shows a merged region begun to its left.
    pub fn own(&self, row: usize, col: usize) -> &Cell {
        if self.covered.contains(&(row, col)) { &Cell::Empty } else { self.cell(row, col) }
    }

    /// `Answers!C12` for the cell at zero-based `row` and `col` (written by hand: every row read
    /// names its cells).
    pub fn reference(&self, row: usize, col: usize) -> String {
        let mut reference = String::with_capacity(self.name.len() + 12);
        reference.push_str(&self.name);
        reference.push('!');
        push_column(&mut reference, col);
        let mut digits = [0u8; 20];
        let mut n = row + 1;
        let mut at = digits.len();
        while n > 0 || at == digits.len() {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        reference.extend(digits[at..].iter().map(|&d| d as char));
        reference
    }
}

/// `A`, `B`, ... `Z`, `AA` for a zero-based column.
pub fn column_name(col: usize) -> String {
    let mut name = String::new();
    push_column(&mut name, col);
    name
}

fn push_column(out: &mut String, col: usize) {
    let mut letters = [0u8; 16];
    let mut at = letters.len();
    let mut n = col + 1;
    while n > 0 {
        at -= 1;
        letters[at] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    out.extend(letters[at..].iter().map(|&l| l as char));
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

/// Reads a file of any supported format within `limits`: every cell is read sparsely, so
/// what a file costs is bounded by its size and by the limits, never by its declared extent.
pub fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Workbook, SheetError> {
    let (format, parts) = super::format::open(bytes, limits)?;
    let mut budget = Budget::new(limits);
    let sheets = match format {
        Format::Csv => {
            let mut builder = SheetBuilder::new("csv", limits);
            for (r, row) in csv::read(bytes, limits)?.into_iter().enumerate() {
                for (c, cell) in row.into_iter().enumerate() {
                    builder.put(r, c, cell, &mut budget)?;
                }
            }
            vec![builder.finish(false, Vec::new(), &mut budget)?]
        }
        // A parser bug on a malformed file must not take the caller down with it.
        _ => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match format {
            Format::Xlsx | Format::Xlsm => super::xlsx::read(parts, limits, &mut budget),
            Format::Ods => super::ods::read(parts, limits, &mut budget),
            _ => read_binary(bytes, limits, &mut budget),
        }))
        .unwrap_or_else(|_| Err(SheetError::Corrupt("the spreadsheet is malformed and cannot be read".into())))?,
    };
    if sheets.iter().all(|s| s.rows.is_empty()) {
        return Err(SheetError::Empty("the workbook has no cells with content".into()));
    }
    Ok(Workbook { format, sheets })
}

/// The most bytes one cell may hold: Excel's own limit of 32,767 characters, in UTF-8.
pub(crate) const MAX_CELL_BYTES: usize = 4 * 32_767;

/// What reading a whole workbook may cost: cells kept (counting the empty ones a row needs up
/// to its last), text bytes, merged regions, and time.
pub(crate) struct Budget {
    cells: usize,
    text: usize,
    events: u64,
    max_cells: usize,
    max_text: usize,
    deadline: std::time::Instant,
    seconds: u64,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Budget {
        Budget {
            cells: 0,
            text: 0,
            events: 0,
            max_cells: limits.max_cells,
            max_text: limits.max_text_bytes,
            deadline: std::time::Instant::now() + std::time::Duration::from_secs(limits.max_seconds),
            seconds: limits.max_seconds,
        }
    }

    /// Called for every piece of a file read: past the deadline, reading stops.
    pub(crate) fn tick(&mut self) -> Result<(), SheetError> {
        self.events += 1;
        if self.events.is_multiple_of(4096) && std::time::Instant::now() > self.deadline {
            return Err(SheetError::TooLarge(format!("reading the file took longer than {} s", self.seconds)));
        }
        Ok(())
    }

    /// What has been counted so far, to go back to when a sheet is read again another way.
    pub(crate) fn snapshot(&self) -> (usize, usize) {
        (self.cells, self.text)
    }

    pub(crate) fn restore(&mut self, (cells, text): (usize, usize)) {
        (self.cells, self.text) = (cells, text);
    }

    fn cells(&mut self, more: usize) -> Result<(), SheetError> {
        self.cells += more;
        if self.cells > self.max_cells {
            return Err(SheetError::TooLarge(format!("the workbook has more than {} cells", self.max_cells)));
        }
        Ok(())
    }

    pub(crate) fn merge(&mut self, sheet: &str, count: usize) -> Result<(), SheetError> {
        if count > 100_000 {
            return Err(SheetError::TooLarge(format!("sheet {sheet} has more than 100,000 merged regions")));
        }
        self.tick()
    }
}

/// One sheet's cells as they stream in from any reader, kept only where they hold something.
pub(crate) struct SheetBuilder<'l> {
    name: String,
    rows: Vec<Vec<Cell>>,
    limits: &'l Limits,
}

impl<'l> SheetBuilder<'l> {
    pub(crate) fn new(name: &str, limits: &'l Limits) -> SheetBuilder<'l> {
        SheetBuilder { name: name.to_owned(), rows: Vec::new(), limits }
    }

    /// The rows and columns an import reads.
    pub(crate) fn bounds(&self) -> (usize, usize) {
        (self.limits.max_rows, self.limits.max_columns)
    }

    /// Keeps a cell with content. Content beyond the rows and columns an import reads, or
    /// beyond what the whole workbook may hold, stops the reading with an error naming the cell.
    pub(crate) fn put(&mut self, row: usize, col: usize, cell: Cell, budget: &mut Budget) -> Result<(), SheetError> {
        budget.tick()?;
        if cell.is_empty() {
            return Ok(());
        }
        let at = || format!("{}!{}{}", self.name, column_name(col), row + 1);
        if row >= self.limits.max_rows || col >= self.limits.max_columns {
            return Err(SheetError::TooLarge(format!(
                "{} holds content beyond the {} rows and {} columns an import reads",
                at(),
                self.limits.max_rows,
                self.limits.max_columns
            )));
        }
        if let Cell::Text(text) = &cell {
            if text.len() > MAX_CELL_BYTES {
                return Err(SheetError::TooLarge(format!("{} holds more than 32,767 characters", at())));
            }
            budget.text += text.len();
            if budget.text > budget.max_text {
                return Err(SheetError::TooLarge(format!(
                    "the workbook holds more than {} MB of text",
                    budget.max_text / 1_000_000
                )));
            }
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            budget.cells(col + 1 - cells.len())?;
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
        Ok(())
    }

    /// The sheet, merged regions filled from their top-left cell within the rows that hold
    /// something (a region's own extent is untrusted too: filling counts against the cells).
    pub(crate) fn finish(mut self, hidden: bool, merged: Vec<Area>, budget: &mut Budget) -> Result<Sheet, SheetError> {
        let mut covered = foldhash::HashSet::default();
        for region in &merged {
            let value = self.rows.get(region.top).and_then(|r| r.get(region.left)).cloned().unwrap_or(Cell::Empty);
            if value.is_empty() {
                continue;
            }
            let right = region.right.min(self.limits.max_columns - 1);
            let rows = self.rows.iter_mut().enumerate().take(region.bottom + 1).skip(region.top);
            for (row, cells) in rows.filter(|(_, r)| !r.is_empty()) {
                if cells.len() <= right {
                    budget.cells(right + 1 - cells.len())?;
                    cells.resize(right + 1, Cell::Empty);
                }
                for (col, cell) in cells.iter_mut().enumerate().take(right + 1).skip(region.left) {
                    budget.tick()?;
                    if cell.is_empty() {
                        *cell = value.clone();
                        if col > region.left {
                            covered.insert((row, col));
                        }
                    }
                }
            }
        }
        Ok(Sheet {
            name: self.name,
            hidden,
            rows: self.rows,
            lists: Vec::new(),
            list_runs: Vec::new(),
            merged,
            covered,
        })
    }
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

/// xls and xlsb through calamine. BIFF bounds an xls sheet to 65,536 by 256 cells; the
/// import worker's memory ceiling bounds what calamine builds of it.
fn read_binary(bytes: &[u8], limits: &Limits, budget: &mut Budget) -> Result<Vec<Sheet>, SheetError> {
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
    let mut sheets = Vec::new();
    for (name, hidden) in metadata {
        let mut builder = SheetBuilder::new(&name, limits);
        if let Sheets::Xlsb(xlsb) = &mut workbook {
            let mut cells = xlsb.worksheet_cells_reader(&name).map_err(|e| unreadable(e.into()))?;
            while let Some(cell) = cells.next_cell().map_err(|e| unreadable(e.into()))? {
                let (row, col) = cell.get_position();
                builder.put(row as usize, col as usize, convert(&cell.get_value().clone().into()), budget)?;
            }
        } else {
            let range = workbook.worksheet_range(&name).map_err(unreadable)?;
            let (top, left) = range.start().unwrap_or((0, 0));
            for (r, c, value) in range.used_cells() {
                builder.put(top as usize + r, left as usize + c, convert(value), budget)?;
            }
        }
        let merged = match &mut workbook {
            Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let merged = merged
            .iter()
            .map(|d| Area {
                top: d.start.0 as usize,
                left: d.start.1 as usize,
                bottom: d.end.0 as usize,
                right: d.end.1 as usize,
            })
            .collect();
        sheets.push(builder.finish(hidden, merged, budget)?);
    }
    Ok(sheets)
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

#[cfg(test)]
mod tests {
    #[test]
    fn columns_are_named_like_spreadsheets_do() {
        let names: Vec<String> = [0, 2, 25, 26, 27, 701, 702].map(super::column_name).to_vec();
        assert_eq!(names, ["A", "C", "Z", "AA", "AB", "ZZ", "AAA"]);
    }
}
