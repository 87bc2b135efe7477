//! Chainward's own reader of OpenDocument spreadsheets (content.xml). Repeated rows and
//! columns are counted, never expanded unless they hold something, so a sheet of a million
//! styled empty rows costs nothing (calamine's reader builds every row and column). Shown
//! texts are kept for numbers (`8.10` for a value of 8.1), like the xlsx reader's formats.
use super::format::Parts;
use super::grid::{Budget, Cell, Sheet, SheetBuilder};
use super::validation::{Area, Source, resolve_lists};
use super::xml::{attr, cell_reference, push_ref, reader};
use super::{Limits, SheetError};
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

fn corrupt() -> SheetError {
    SheetError::Corrupt("the content of the OpenDocument spreadsheet is malformed".into())
}

fn number(element: &BytesStart, name: &str) -> usize {
    attr(element, name).and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
}

/// A cell being read: its value attributes, repeats, spans and shown text.
struct Pending {
    kind: String,
    value: Option<String>,
    repeat: usize,
    span: (usize, usize),
    list: Option<String>,
    text: String,
    paragraphs: usize,
}

impl Pending {
    fn cell(&self) -> Cell {
        let text = &self.text;
        match self.kind.as_str() {
            "float" | "percentage" | "currency" => match self.value.as_deref().and_then(|v| v.parse::<f64>().ok()) {
                Some(n) if n.is_finite() => {
                    let plain = Cell::Number(n);
                    // The shown text when it is the same number written otherwise (`8.10`).
                    if text.trim() != plain.text() && text.trim().parse::<f64>().ok() == Some(n) {
                        Cell::Text(text.trim().to_owned())
                    } else {
                        plain
                    }
                }
                _ => Cell::Text(text.clone()),
            },
            "date" => match self.value.as_deref().and_then(|v| v.get(..10)).and_then(|d| d.parse().ok()) {
                Some(date) => Cell::Date(date),
                None => Cell::Text(text.clone()),
            },
            "boolean" => Cell::Bool(self.value.as_deref().is_some_and(|v| v == "true" || v == "1")),
            _ if text.is_empty() => self.value.clone().map_or(Cell::Empty, Cell::Text),
            _ => Cell::Text(text.clone()),
        }
    }
}

/// `of:cell-content-is-in-list("Yes";"No")` or `...-in-list([$Lists.$A$1:.$A$5])`.
fn list_source(condition: &str) -> Option<Source> {
    let start = condition.find("cell-content-is-in-list(")? + "cell-content-is-in-list(".len();
    let inner = condition[start..].strip_suffix(')')?.trim();
    if inner.starts_with('"') {
        let values = inner.split(';').map(|v| v.trim().trim_matches('"').to_owned()).filter(|v| !v.is_empty());
        return Some(Source::Values(values.collect()));
    }
    let bare = inner.trim_matches(['[', ']']).replace('$', "");
    let (from, to) = bare.split_once(':').unwrap_or((&bare, &bare));
    let (sheet, first) = from.rsplit_once('.')?;
    let last = to.rsplit_once('.').map_or(to, |(_, c)| c);
    let ((top, left), (bottom, right)) = (cell_reference(first)?, cell_reference(last)?);
    let sheet = sheet.trim_matches('\'').replace("''", "'");
    Some(Source::Range { sheet: (!sheet.is_empty()).then_some(sheet), area: Area { top, left, bottom, right } })
}

/// One table being read.
struct Table<'l> {
    builder: SheetBuilder<'l>,
    hidden: bool,
    merged: Vec<Area>,
    lists: BTreeMap<String, Vec<Area>>,
}

pub(super) fn read(mut parts: Parts, limits: &Limits, budget: &mut Budget) -> Result<Vec<Sheet>, SheetError> {
    let content = parts.remove("content.xml").ok_or_else(corrupt)?;
    let content = String::from_utf8(content).map_err(|_| corrupt())?;
    let mut hidden_styles = Vec::new();
    let mut style: Option<String> = None;
    let mut conditions: BTreeMap<String, Source> = BTreeMap::new();
    let mut tables: Vec<(Sheet, BTreeMap<String, Vec<Area>>)> = Vec::new();
    let mut table: Option<Table> = None;
    let (mut row, mut col, mut row_repeat) = (0usize, 0usize, 1usize);
    let mut pending: Option<Pending> = None;
    let mut annotation = 0usize;
    let mut xml = reader(&content);
    loop {
        budget.tick()?;
        let event = xml.read_event().map_err(|_| corrupt())?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "style:style" => style = attr(&e, "name"),
                "style:table-properties" if attr(&e, "display").as_deref() == Some("false") => {
                    hidden_styles.extend(style.clone());
                }
                "table:content-validation" => {
                    if let (Some(name), Some(source)) =
                        (attr(&e, "name"), attr(&e, "condition").as_deref().and_then(list_source))
                    {
                        conditions.insert(name, source);
                    }
                }
                "table:table" if table.is_none() => {
                    if tables.len() >= limits.max_sheets {
                        return Err(SheetError::TooLarge(format!(
                            "the workbook has more than {} sheets",
                            limits.max_sheets
                        )));
                    }
                    let name = attr(&e, "name").unwrap_or_else(|| format!("Sheet{}", tables.len() + 1));
                    let hidden = attr(&e, "style-name").is_some_and(|s| hidden_styles.contains(&s));
                    table = Some(Table {
                        builder: SheetBuilder::new(&name, limits),
                        hidden,
                        merged: Vec::new(),
                        lists: BTreeMap::new(),
                    });
                    row = 0;
                }
                "table:table-row" if table.is_some() => {
                    (col, row_repeat) = (0, number(&e, "number-rows-repeated"));
                    if empty {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if table.is_some() => {
                    let cell = Pending {
                        kind: attr(&e, "value-type").unwrap_or_default(),
                        value: attr(&e, "value")
                            .or_else(|| attr(&e, "date-value"))
                            .or_else(|| attr(&e, "boolean-value"))
                            .or_else(|| attr(&e, "string-value")),
                        repeat: number(&e, "number-columns-repeated"),
                        span: (number(&e, "number-rows-spanned"), number(&e, "number-columns-spanned")),
                        list: attr(&e, "content-validation-name"),
                        text: String::new(),
                        paragraphs: 0,
                    };
                    if empty {
                        finish_cell(table.as_mut(), cell, (row, &mut col, row_repeat), budget)?;
                    } else {
                        pending = Some(cell);
                    }
                }
                "office:annotation" if !empty => annotation += 1,
                "text:p" | "text:h" if annotation == 0 => {
                    if let Some(cell) = pending.as_mut() {
                        if cell.paragraphs > 0 {
                            cell.text.push('\n');
                        }
                        cell.paragraphs += 1;
                    }
                }
                "text:s" if annotation == 0 => push_text(&mut pending, &" ".repeat(number(&e, "c").min(1000))),
                "text:tab" if annotation == 0 => push_text(&mut pending, "\t"),
                "text:line-break" if annotation == 0 => push_text(&mut pending, "\n"),
                _ => {}
            },
            Event::Text(t) if annotation == 0 => push_text(&mut pending, &t.xml10_content()),
            Event::CData(t) if annotation == 0 => push_text(&mut pending, &t.xml10_content()),
            Event::GeneralRef(r) if annotation == 0 && pending.is_some() => {
                let mut text = String::new();
                push_ref(&r, &mut text);
                push_text(&mut pending, &text);
            }
            Event::End(e) => match e.name().as_ref() {
                "office:annotation" => annotation = annotation.saturating_sub(1),
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(cell) = pending.take() {
                        finish_cell(table.as_mut(), cell, (row, &mut col, row_repeat), budget)?;
                    }
                }
                "table:table-row" => row = row.saturating_add(row_repeat),
                "table:table" => {
                    if let Some(done) = table.take() {
                        let sheet = done.builder.finish(done.hidden, done.merged, budget)?;
                        tables.push((sheet, done.lists));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let (mut sheets, lists): (Vec<Sheet>, Vec<_>) = tables.into_iter().unzip();
    let found = lists
        .into_iter()
        .map(|by_name| {
            by_name.into_iter().filter_map(|(name, areas)| Some((areas, conditions.get(&name)?.clone()))).collect()
        })
        .collect();
    resolve_lists(&mut sheets, found);
    Ok(sheets)
}

fn push_text(pending: &mut Option<Pending>, text: &str) {
    if let Some(cell) = pending.as_mut()
        && cell.text.len() <= super::grid::MAX_CELL_BYTES
    {
        cell.text.push_str(text);
    }
}

/// Places a finished cell (and its repeats) in the table; empty repeats only move on.
fn finish_cell(
    table: Option<&mut Table>,
    cell: Pending,
    (row, col, row_repeat): (usize, &mut usize, usize),
    budget: &mut Budget,
) -> Result<(), SheetError> {
    let Some(table) = table else { return Ok(()) };
    let value = cell.cell();
    let (first, repeat) = (*col, cell.repeat);
    *col = col.saturating_add(repeat);
    if let Some(name) = &cell.list {
        let area = Area {
            top: row,
            left: first,
            bottom: row.saturating_add(row_repeat - 1),
            right: first.saturating_add(repeat - 1),
        };
        table.lists.entry(name.clone()).or_default().push(area);
    }
    if value.is_empty() {
        return Ok(());
    }
    if cell.span != (1, 1) {
        let (down, across) = (cell.span.0 - 1, cell.span.1 - 1);
        let area =
            Area { top: row, left: first, bottom: row.saturating_add(down), right: first.saturating_add(across) };
        table.merged.push(area);
        budget.merge("", table.merged.len())?;
    }
    // Repeats are clamped to one past what an import reads: that position still stops the
    // reading with an error naming it, and a repeat of 2^64 is no loop of 2^64.
    let (max_rows, max_columns) = table.builder.bounds();
    let rows = row..row.saturating_add(row_repeat).min(row.max(max_rows).saturating_add(1));
    let columns = first..first.saturating_add(repeat).min(first.max(max_columns).saturating_add(1));
    for r in rows {
        for c in columns.clone() {
            table.builder.put(r, c, value.clone(), budget)?;
        }
    }
    Ok(())
}
