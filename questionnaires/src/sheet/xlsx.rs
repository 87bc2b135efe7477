//! Chainward's own reader of xlsx and xlsm workbooks. Each sheet's XML is streamed and a cell is
//! kept only where it holds something, so a declared dimension, a million styled empty rows or
//! one cell at XFD1048576 cost what the file costs, never the bounding box (calamine's dense
//! `Range` allocates the whole box before any limit can run). It also reads what calamine
//! leaves out: number formats (an id `8.10` stored as 8.1 with the format `0.00`) and drop-down lists.
use super::grid::{Budget, Cell, Sheet, SheetBuilder};
use super::validation::{Declared, area, resolve_lists, validations};
use super::xml::{attr, cell_reference, push_ref, reader};
use super::{Limits, SheetError};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn corrupt(part: &str) -> SheetError {
    SheetError::Corrupt(format!("the part {part} of the workbook is malformed"))
}

/// A part of the archive as text, if it exists (its size was bounded by the zip checks).
fn part(archive: &mut Archive, name: &str, limits: &Limits) -> Result<Option<String>, SheetError> {
    let Some(index) = archive
        .index_for_name(name)
        .or_else(|| archive.file_names().position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name))))
    else {
        return Ok(None);
    };
    let entry = archive.by_index(index).map_err(|_| corrupt(name))?;
    let mut bytes = Vec::new();
    entry.take(limits.max_unzipped_bytes + 1).read_to_end(&mut bytes).map_err(|_| corrupt(name))?;
    let text = String::from_utf8(bytes).map_err(|_| corrupt(name))?;
    Ok(Some(text))
}

/// How a number is shown: plainly, as a date, or with a fixed count of decimals.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shown {
    Plain,
    Date,
    Decimals(usize),
}

/// A format code's meaning for us: `0.00` and `#,##0.00` fix decimals; `dd/mm/yyyy` is a date.
fn shown(code: &str) -> Shown {
    let first = code.split(';').next().unwrap_or_default();
    let mut bare = String::new();
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in first.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ if quoted || bracket => {}
            _ => bare.push(c.to_ascii_lowercase()),
        }
    }
    if bare.contains("general") {
        return Shown::Plain;
    }
    if bare.chars().any(|c| matches!(c, 'y' | 'd' | 'h' | 's')) || (bare.contains('m') && !bare.contains('e')) {
        return Shown::Date;
    }
    match bare.split_once('.') {
        Some((whole, decimals))
            if whole.chars().all(|c| matches!(c, '#' | ',' | '0')) && decimals.chars().all(|c| c == '0') =>
        {
            // More places than a double holds show nothing more (and must not cost a megabyte).
            Shown::Decimals(decimals.len().min(20))
        }
        _ => Shown::Plain,
    }
}

fn builtin(id: u32) -> Shown {
    match id {
        2 | 4 => Shown::Decimals(2),
        14..=22 | 27..=36 | 45..=47 | 50..=58 => Shown::Date,
        _ => Shown::Plain,
    }
}

/// The number style of every cell format (`s` attribute) in styles.xml.
fn styles(xml: &str) -> Result<Vec<Shown>, SheetError> {
    let mut codes: BTreeMap<u32, Shown> = BTreeMap::new();
    let mut styles = Vec::new();
    let mut in_xfs = false;
    let mut xml = reader(xml);
    loop {
        match xml.read_event().map_err(|_| corrupt("xl/styles.xml"))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                        codes.insert(id.parse().unwrap_or(0), shown(&code));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id: u32 = attr(&e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                    styles.push(codes.get(&id).copied().unwrap_or_else(|| builtin(id)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// Shared strings, kept as one text and the end of each string: a part of a million empty
/// strings costs four bytes each, not a `String` each.
struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    fn get(&self, index: usize) -> &str {
        let end = self.ends.get(index).map_or(0, |&e| e as usize);
        let start = if index == 0 { 0 } else { self.ends.get(index - 1).map_or(end, |&e| e as usize) };
        self.text.get(start..end).unwrap_or_default()
    }
}

fn shared_strings(xml: &str, limits: &Limits) -> Result<Strings, SheetError> {
    let mut strings = Strings { text: String::new(), ends: Vec::new() };
    let (mut in_t, mut phonetic) = (false, false);
    let mut xml = reader(xml);
    loop {
        match xml.read_event().map_err(|_| corrupt("xl/sharedStrings.xml"))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_t = !phonetic,
                "rPh" => phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPh" => phonetic = false,
                "si" => {
                    if strings.ends.len() >= limits.max_cells || strings.text.len() >= u32::MAX as usize {
                        return Err(SheetError::TooLarge(format!(
                            "the workbook has more than {} shared strings",
                            limits.max_cells
                        )));
                    }
                    strings.ends.push(strings.text.len() as u32);
                }
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.ends.push(strings.text.len() as u32),
            Event::Text(t) if in_t => strings.text.push_str(&t.xml10_content()),
            Event::CData(t) if in_t => strings.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => push_ref(&r, &mut strings.text),
            Event::Eof => return Ok(strings),
            _ => {}
        }
    }
}

/// A sheet the workbook lists: its name, whether it is hidden, and its part.
type Listed = (String, bool, String);

/// The sheets in workbook order: name, hidden, part; and whether dates count from 1904.
fn workbook_sheets(archive: &mut Archive, limits: &Limits) -> Result<(Vec<Listed>, bool), SheetError> {
    let workbook = part(archive, "xl/workbook.xml", limits)?.ok_or_else(|| corrupt("xl/workbook.xml"))?;
    let rels = part(archive, "xl/_rels/workbook.xml.rels", limits)?.unwrap_or_default();
    let mut targets = BTreeMap::new();
    let mut xml = reader(&rels);
    loop {
        match xml.read_event().map_err(|_| corrupt("xl/_rels/workbook.xml.rels"))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    let target = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_owned(),
                        None => format!("xl/{}", target.trim_start_matches("./")),
                    };
                    targets.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let (mut sheets, mut date1904) = (Vec::new(), false);
    let mut xml = reader(&workbook);
    loop {
        match xml.read_event().map_err(|_| corrupt("xl/workbook.xml"))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "workbookPr" => date1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true"),
                "sheet" => {
                    let (Some(name), Some(id)) = (attr(&e, "name"), attr(&e, "id")) else { continue };
                    let hidden = attr(&e, "state").is_some_and(|s| s != "visible");
                    // Chart sheets and the like have no part under worksheets/: not a table.
                    if let Some(target) = targets.get(&id).filter(|t| t.contains("worksheets/")) {
                        sheets.push((name, hidden, target.clone()));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok((sheets, date1904)),
            _ => {}
        }
    }
}

/// A cell's value from its type attribute, the text of `<v>` or `<is>`, and its number style.
fn value(kind: &str, text: &str, strings: &Strings, style: Shown, date1904: bool) -> Cell {
    match kind {
        "s" => text.trim().parse().map_or(Cell::Empty, |i| Cell::Text(strings.get(i).to_owned())),
        "inlineStr" | "str" => Cell::Text(text.to_owned()),
        "b" => Cell::Bool(text.trim() == "1" || text.trim() == "true"),
        "e" => Cell::Empty,
        "d" => text.get(..10).and_then(|d| d.parse().ok()).map_or_else(|| Cell::Text(text.to_owned()), Cell::Date),
        _ => match text.trim().parse::<f64>() {
            Ok(n) if !n.is_finite() => Cell::Empty,
            Ok(n) => match style {
                Shown::Date => excel_date(n, date1904).map_or(Cell::Number(n), Cell::Date),
                Shown::Decimals(places) => Cell::Text(format!("{n:.places$}")),
                Shown::Plain => Cell::Number(n),
            },
            Err(_) if text.trim().is_empty() => Cell::Empty,
            Err(_) => Cell::Text(text.to_owned()),
        },
    }
}

/// An Excel serial day as a date (1900 system, counting Lotus's 29 February, or 1904).
fn excel_date(serial: f64, date1904: bool) -> Option<chrono::NaiveDate> {
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = if date1904 {
        chrono::NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// One cell being read: where it is, its type and style, and its text so far.
struct Pending {
    at: (usize, usize),
    kind: String,
    style: Shown,
    text: String,
}

fn sheet(
    name: String,
    hidden: bool,
    xml: &str,
    context: (&Strings, &[Shown], bool),
    limits: &Limits,
    budget: &mut Budget,
) -> Result<(Sheet, Vec<Declared>), SheetError> {
    let (strings, styles, date1904) = context;
    let mut builder = SheetBuilder::new(&name, limits);
    let mut merged = Vec::new();
    let (mut row, mut col) = (0usize, 0usize);
    let mut started = false;
    let mut pending: Option<Pending> = None;
    let (mut capture, mut phonetic) = (false, false);
    let mut reader = reader(xml);
    loop {
        budget.tick()?;
        let event = reader.read_event().map_err(|_| corrupt(&format!("of sheet {name}")))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row = match attr(&e, "r").and_then(|r| r.parse::<usize>().ok()) {
                    Some(r) if r > 0 => r - 1,
                    _ if started => row + 1,
                    _ => 0,
                };
                (started, col) = (true, 0);
            }
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let at = attr(&e, "r").and_then(|r| cell_reference(&r)).unwrap_or((row, col));
                (row, col) = (at.0, at.1 + 1);
                let style = attr(&e, "s").and_then(|s| s.parse::<usize>().ok()).and_then(|s| styles.get(s).copied());
                let kind = attr(&e, "t").unwrap_or_default();
                pending = Some(Pending { at, kind, style: style.unwrap_or(Shown::Plain), text: String::new() });
            }
            // A styled empty cell: nothing to keep, only the position moves.
            Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let at = attr(&e, "r").and_then(|r| cell_reference(&r)).unwrap_or((row, col));
                (row, col) = (at.0, at.1 + 1);
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "v" | "t" if pending.is_some() && !phonetic => capture = true,
                "rPh" => phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                if let Some(region) = attr(&e, "ref").and_then(|r| area(&r)) {
                    merged.push(region);
                    budget.merge(&name, merged.len())?;
                }
            }
            Event::Text(t) if capture => push_capped(&mut pending, &t.xml10_content()),
            Event::CData(t) if capture => push_capped(&mut pending, &t.xml10_content()),
            Event::GeneralRef(r) if capture => {
                let mut text = String::new();
                push_ref(&r, &mut text);
                push_capped(&mut pending, &text);
            }
            Event::End(e) => match e.local_name().as_ref() {
                "v" | "t" => capture = false,
                "rPh" => phonetic = false,
                "c" => {
                    if let Some(cell) = pending.take() {
                        let read = value(&cell.kind, &cell.text, strings, cell.style, date1904);
                        builder.put(cell.at.0, cell.at.1, read, budget)?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let lists = validations(xml);
    Ok((builder.finish(hidden, merged, budget)?, lists))
}

/// Appends text to the cell being read, no further than a cell may hold (Excel: 32,767
/// characters); `SheetBuilder::put` refuses the cell if it went past.
fn push_capped(pending: &mut Option<Pending>, text: &str) {
    if let Some(cell) = pending.as_mut()
        && cell.text.len() <= super::grid::MAX_CELL_BYTES
    {
        cell.text.push_str(text);
    }
}

/// Every worksheet of an xlsx or xlsm file.
pub(super) fn read(bytes: &[u8], limits: &Limits, budget: &mut Budget) -> Result<Vec<Sheet>, SheetError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| corrupt("index"))?;
    let (listed, date1904) = workbook_sheets(&mut archive, limits)?;
    if listed.len() > limits.max_sheets {
        return Err(SheetError::TooLarge(format!(
            "the workbook has {} sheets; at most {} are read",
            listed.len(),
            limits.max_sheets
        )));
    }
    let styles = match part(&mut archive, "xl/styles.xml", limits)? {
        Some(xml) => styles(&xml)?,
        None => Vec::new(),
    };
    let strings = match part(&mut archive, "xl/sharedStrings.xml", limits)? {
        Some(xml) => shared_strings(&xml, limits)?,
        None => Strings { text: String::new(), ends: Vec::new() },
    };
    let mut sheets = Vec::new();
    let mut lists = Vec::new();
    for (name, hidden, target) in listed {
        let Some(xml) = part(&mut archive, &target, limits)? else { continue };
        let (read, found) = sheet(name, hidden, &xml, (&strings, &styles, date1904), limits, budget)?;
        sheets.push(read);
        lists.push(found);
    }
    resolve_lists(&mut sheets, lists);
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::{Shown, shown};

    #[test]
    fn format_codes_tell_decimals_and_dates() {
        assert_eq!(shown("0.00"), Shown::Decimals(2));
        assert_eq!(shown("#,##0.0;[Red]-#,##0.0"), Shown::Decimals(1));
        assert_eq!(shown("General"), Shown::Plain);
        assert_eq!(shown("0"), Shown::Plain);
        assert_eq!(shown("dd/mm/yyyy"), Shown::Date);
        assert_eq!(shown("[$-409]mmmm d, yyyy"), Shown::Date);
        assert_eq!(shown("\"Day\" 0"), Shown::Plain);
        assert_eq!(shown("0.00E+00"), Shown::Plain);
    }
}
