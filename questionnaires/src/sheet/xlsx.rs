//! Chainward's own reader of xlsx and xlsm workbooks. Each sheet's XML is streamed and a cell is
//! kept only where it holds something, so a declared dimension, a million styled empty rows or
//! one cell at XFD1048576 cost what the file costs, never the bounding box (calamine's dense
//! `Range` allocates the whole box before any limit can run). It also reads what calamine
//! leaves out: number formats (an id `8.10` stored as 8.1 with the format `0.00`) and drop-down lists.
use super::cells::{Stop, Values};
use super::format::Parts;
use super::grid::MAX_CELL_BYTES;
use super::grid::{Budget, Cell, Sheet, SheetBuilder};
use super::validation::{Declared, area, declared, resolve_lists};
use super::xml::{attr, cell_reference_bytes, local, number_bytes, push_ref, reader};
use super::{Limits, SheetError};
use quick_xml::events::BytesStart;
use quick_xml::events::Event;
use std::collections::BTreeMap;

fn corrupt(part: &str) -> SheetError {
    SheetError::Corrupt(format!("the part {part} of the workbook is malformed"))
}

/// A part of the archive as text, if it exists (inflated once, its size bounded, when the file
/// was opened); it is taken, so no part is held twice.
fn part(parts: &mut Parts, name: &str) -> Result<Option<String>, SheetError> {
    match parts.remove(&name.to_lowercase()) {
        Some(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| corrupt(name)),
        None => Ok(None),
    }
}

/// XML as text, or the error naming the part.
fn utf8<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, SheetError> {
    std::str::from_utf8(bytes).map_err(|_| corrupt(&format!("of sheet {name}")))
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
fn workbook_sheets(parts: &mut Parts) -> Result<(Vec<Listed>, bool), SheetError> {
    let workbook = part(parts, "xl/workbook.xml")?.ok_or_else(|| corrupt("xl/workbook.xml"))?;
    let rels = part(parts, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
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

/// A cell's type attribute (`t`): what its text holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Shared,
    Text,
    Bool,
    Error,
    Date,
    Number,
}

impl Kind {
    fn of(attribute: &str) -> Kind {
        match attribute {
            "s" => Kind::Shared,
            "inlineStr" | "str" => Kind::Text,
            "b" => Kind::Bool,
            "e" => Kind::Error,
            "d" => Kind::Date,
            _ => Kind::Number,
        }
    }
}

/// A cell's value from its type attribute, the text of `<v>` or `<is>`, and its number style.
fn value(kind: Kind, text: &str, strings: &Strings, style: Shown, date1904: bool) -> Cell {
    match kind {
        Kind::Shared => text.trim().parse().map_or(Cell::Empty, |i| Cell::Text(strings.get(i).to_owned())),
        Kind::Text => Cell::Text(text.to_owned()),
        Kind::Bool => Cell::Bool(text.trim() == "1" || text.trim() == "true"),
        Kind::Error => Cell::Empty,
        Kind::Date => {
            text.get(..10).and_then(|d| d.parse().ok()).map_or_else(|| Cell::Text(text.to_owned()), Cell::Date)
        }
        Kind::Number => match text.trim().parse::<f64>() {
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

/// One cell being read: where it is, its type and style (its text gathers in one buffer).
struct Pending {
    at: (usize, usize),
    kind: Kind,
    style: Shown,
}

fn sheet(
    name: String,
    hidden: bool,
    bytes: &[u8],
    context: (&Strings, &[Shown], bool),
    limits: &Limits,
    budget: &mut Budget,
) -> Result<(Sheet, Vec<Declared>), SheetError> {
    let (strings, styles, date1904) = context;
    let mut builder = SheetBuilder::new(&name, limits);
    // The cells through the fast path when the sheet is written plainly; what follows them
    // (merged regions, drop-down lists) and any sheet it declines through the general parser.
    // A part that is not UTF-8 is malformed, whichever way its cells would be read.
    let whole = utf8(bytes, &name)?;
    let mut xml = None;
    if let Some((body, tail)) = super::cells::split(bytes).filter(|_| fast_path()) {
        let saved = budget.snapshot();
        let context = Context { strings, styles, date1904 };
        match super::cells::read(body, &context, &mut builder, budget) {
            // The rest is read inside an element of its own, as it was in the whole part.
            Ok(()) => xml = Some(format!("<rest>{}", utf8(tail, &name)?)),
            Err(Stop::Error(error)) => return Err(error),
            Err(Stop::Unexpected) => {
                budget.restore(saved);
                builder = SheetBuilder::new(&name, limits);
            }
        }
    }
    let mut merged = Vec::new();
    let (mut row, mut col) = (0usize, 0usize);
    let mut started = false;
    let mut pending: Option<Pending> = None;
    let mut text = String::new();
    let (mut capture, mut phonetic) = (false, false);
    let mut lists: Vec<Declared> = Vec::new();
    let mut validation: Option<(String, String)> = None;
    let mut within = Within::Nothing;
    let xml = match &xml {
        Some(rest) => rest.as_str(),
        None => whole,
    };
    let mut reader = reader(xml);
    loop {
        budget.tick()?;
        let event = reader.read_event().map_err(|_| corrupt(&format!("of sheet {name}")))?;
        // The local name is looked up once per element: a sheet has hundreds of thousands.
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = element {
            match local(e.name().as_ref()) {
                "row" => {
                    let r = e.attributes().with_checks(false).flatten().find(|a| local(a.key.as_ref()) == "r");
                    row = match r.and_then(|r| number_bytes(r.value.as_bytes())) {
                        Some(r) if r > 0 => r - 1,
                        _ if started => row + 1,
                        _ => 0,
                    };
                    (started, col) = (true, 0);
                }
                "c" => {
                    let (at, kind, style) = cell_attributes(e, (row, col), styles);
                    (row, col) = (at.0, at.1 + 1);
                    // A styled empty cell: nothing to keep, only the position moves.
                    if !empty {
                        text.clear();
                        pending = Some(Pending { at, kind, style });
                    }
                }
                "v" | "t" if !empty && pending.is_some() && !phonetic => capture = true,
                "rPh" if !empty => phonetic = true,
                // A drop-down list, classic (`sqref` attribute, `<formula1>`) or Excel 2010's
                // extension (`<xm:sqref>`, `<x14:formula1><xm:f>`).
                "dataValidation" if !empty => {
                    let list = attr(e, "type").as_deref() == Some("list");
                    validation = list.then(|| (attr(e, "sqref").unwrap_or_default(), String::new()));
                }
                "formula1" if !empty && validation.is_some() => within = Within::Formula,
                "sqref" if !empty && validation.is_some() => within = Within::Sqref,
                "mergeCell" => {
                    if let Some(region) = attr(e, "ref").and_then(|r| area(&r)) {
                        merged.push(region);
                        budget.merge(&name, merged.len())?;
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            // Text beyond what a cell may hold is not kept; `SheetBuilder::put` refuses the cell.
            Event::Text(t) if within != Within::Nothing => within.push(&mut validation, &t.xml10_content()),
            Event::GeneralRef(r) if within != Within::Nothing => {
                let mut resolved = String::new();
                push_ref(&r, &mut resolved);
                within.push(&mut validation, &resolved);
            }
            Event::Text(t) if capture && text.len() <= MAX_CELL_BYTES => text.push_str(&t.xml10_content()),
            Event::CData(t) if capture && text.len() <= MAX_CELL_BYTES => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if capture && text.len() <= MAX_CELL_BYTES => push_ref(&r, &mut text),
            Event::End(e) => match local(e.name().as_ref()) {
                "v" | "t" => capture = false,
                "rPh" => phonetic = false,
                "formula1" | "sqref" => within = Within::Nothing,
                "dataValidation" => {
                    if let Some(found) = validation.take().and_then(|(sqref, formula)| declared(&sqref, &formula))
                        && lists.len() < MAX_LISTS
                    {
                        lists.push(found);
                    }
                }
                "c" => {
                    if let Some(cell) = pending.take() {
                        let read = value(cell.kind, &text, strings, cell.style, date1904);
                        builder.put(cell.at.0, cell.at.1, read, budget)?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((builder.finish(hidden, merged, budget)?, lists))
}

/// What the fast path needs to turn a cell's text into a value: the same as the general one.
struct Context<'a> {
    strings: &'a Strings,
    styles: &'a [Shown],
    date1904: bool,
}

impl Values for Context<'_> {
    fn value(&self, kind: &[u8], text: &str, style: Option<usize>) -> Cell {
        let kind = Kind::of(std::str::from_utf8(kind).unwrap_or_default());
        let style = style.and_then(|s| self.styles.get(s).copied()).unwrap_or(Shown::Plain);
        value(kind, text, self.strings, style, self.date1904)
    }
}

#[cfg(test)]
thread_local! {
    /// Tests compare the fast path with the general parser by turning it off.
    pub(super) static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn fast_path() -> bool {
    #[cfg(test)]
    if GENERAL_ONLY.with(std::cell::Cell::get) {
        return false;
    }
    true
}

/// Drop-down lists kept per sheet; a questionnaire declares one per answer cell at most.
const MAX_LISTS: usize = 200_000;

/// Which text of a drop-down list declaration is being read.
#[derive(Clone, Copy, PartialEq)]
enum Within {
    Nothing,
    Formula,
    Sqref,
}

impl Within {
    fn push(self, validation: &mut Option<(String, String)>, text: &str) {
        let Some((sqref, formula)) = validation.as_mut() else { return };
        let into = if self == Within::Formula { formula } else { sqref };
        if into.len() + text.len() <= MAX_CELL_BYTES {
            into.push_str(text);
        }
    }
}

/// A cell's position (its `r`, or the next after the previous cell), type and number style,
/// read in one pass over its attributes without allocating: a sheet has a hundred thousand.
fn cell_attributes(element: &BytesStart, next: (usize, usize), styles: &[Shown]) -> ((usize, usize), Kind, Shown) {
    let (mut at, mut kind, mut style) = (next, Kind::Number, Shown::Plain);
    for attribute in element.attributes().with_checks(false).flatten() {
        match local(attribute.key.as_ref()) {
            "r" => at = cell_reference_bytes(attribute.value.as_bytes()).unwrap_or(next),
            "t" => kind = Kind::of(&attribute.value),
            "s" => {
                style = number_bytes(attribute.value.as_bytes())
                    .and_then(|s| styles.get(s).copied())
                    .unwrap_or(Shown::Plain)
            }
            _ => {}
        }
    }
    (at, kind, style)
}

/// Every worksheet of an xlsx or xlsm file.
pub(super) fn read(mut parts: Parts, limits: &Limits, budget: &mut Budget) -> Result<Vec<Sheet>, SheetError> {
    let (listed, date1904) = workbook_sheets(&mut parts)?;
    if listed.len() > limits.max_sheets {
        return Err(SheetError::TooLarge(format!(
            "the workbook has {} sheets; at most {} are read",
            listed.len(),
            limits.max_sheets
        )));
    }
    let styles = match part(&mut parts, "xl/styles.xml")? {
        Some(xml) => styles(&xml)?,
        None => Vec::new(),
    };
    let strings = match part(&mut parts, "xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml, limits)?,
        None => Strings { text: String::new(), ends: Vec::new() },
    };
    let mut sheets = Vec::new();
    let mut lists = Vec::new();
    for (name, hidden, target) in listed {
        let Some(xml) = parts.remove(&target.to_lowercase()) else { continue };
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
