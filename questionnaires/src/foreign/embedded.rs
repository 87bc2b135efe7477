//! A crosswalk the workbook carries itself: a sheet (hidden or not) with an id column and a
//! column headed by an ISO 27001 / 27002 edition, whose cells list control numbers
//! (`9.2.1, 9.4.2`). ISO/IEC 27002:2013 numbers are translated to 2022 controls with our
//! correspondence table; numbers that do not translate are reported, not guessed.
use super::crosswalk::{controls_of_2013, key};
use crate::sheet::layout::id_of;
use crate::sheet::{Sheet, Workbook};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the workbook's own crosswalk says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Embedded {
    /// Where it was read, e.g. `Standards Crosswalk!E (ISO 27002:2013)`.
    pub read_from: Vec<String>,
    /// Question id (crosswalk key form) -> Annex A 2022 controls.
    pub entries: BTreeMap<String, Vec<String>>,
    /// Cells whose control numbers are no control of their edition, e.g. `Crosswalk!E40: 19.1`.
    pub untranslated: Vec<String>,
}

/// How far down a sheet its header row may be.
const HEADER_ROWS: usize = 40;

#[derive(Clone, Copy, PartialEq)]
enum Edition {
    Iso2013,
    Iso2022,
}

/// The ISO column a header cell names, and in which edition.
fn iso_column(header: &str) -> Option<Edition> {
    let lower = header.to_lowercase();
    if !(lower.contains("27002") || lower.contains("27001")) {
        return None;
    }
    Some(if lower.contains("2022") { Edition::Iso2022 } else { Edition::Iso2013 })
}

/// A crosswalk sheet's header: its row, the id column and the ISO columns.
struct Header {
    row: usize,
    id: usize,
    iso: Vec<(usize, Edition)>,
}

/// The id column and the ISO columns of a sheet's header row, if it has one.
fn header_of(sheet: &Sheet) -> Option<Header> {
    for (r, row) in sheet.rows.iter().enumerate().take(HEADER_ROWS) {
        let texts: Vec<String> = row.iter().map(|c| c.clean_text()).collect();
        let id = texts.iter().position(|t| {
            let lower = t.to_lowercase();
            lower == "id" || lower == "question id" || lower == "new id" || lower == "control id"
        });
        let iso: Vec<(usize, Edition)> =
            texts.iter().enumerate().filter_map(|(c, t)| iso_column(t).map(|e| (c, e))).collect();
        if let Some(id) = id
            && !iso.is_empty()
        {
            return Some(Header { row: r, id, iso });
        }
    }
    None
}

/// The 2022 controls a cell's numbers stand for.
fn controls_in(text: &str, edition: Edition) -> (Vec<String>, Vec<String>) {
    let catalogues = crate::catalogues();
    let (mut found, mut unknown) = (Vec::new(), Vec::new());
    for token in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        let token = token.trim_matches('.');
        let parts = token.split('.').count();
        if !(2..=3).contains(&parts) || token.split('.').any(str::is_empty) {
            continue;
        }
        let controls = match edition {
            Edition::Iso2013 => controls_of_2013(token),
            Edition::Iso2022 => catalogues.control(token).map(|c| vec![c.id.clone()]).unwrap_or_default(),
        };
        if controls.is_empty() {
            unknown.push(token.to_owned());
        }
        found.extend(controls);
    }
    (found, unknown)
}

/// Reads every crosswalk sheet of the workbook.
pub fn read_embedded(workbook: &Workbook) -> Embedded {
    let mut embedded = Embedded::default();
    for sheet in &workbook.sheets {
        let Some(Header { row: header_row, id: id_col, iso: iso_cols }) = header_of(sheet) else { continue };
        let mut read_any = false;
        for (r, row) in sheet.rows.iter().enumerate().skip(header_row + 1) {
            let Some(id) = row.get(id_col).and_then(|c| id_of(&c.clean_text())) else { continue };
            for &(col, edition) in &iso_cols {
                let text = sheet.own(r, col).clean_text();
                if text.is_empty() {
                    continue;
                }
                let (controls, unknown) = controls_in(&text, edition);
                if !unknown.is_empty() {
                    embedded.untranslated.push(format!("{}: {}", sheet.reference(r, col), unknown.join(", ")));
                }
                if !controls.is_empty() {
                    read_any = true;
                    let entry = embedded.entries.entry(key(&id)).or_default();
                    entry.extend(controls);
                    entry.sort_by_key(|c| crate::catalogue::control_order(c));
                    entry.dedup();
                }
            }
        }
        if read_any {
            for &(col, edition) in &iso_cols {
                let name = if edition == Edition::Iso2013 { "ISO 27002:2013" } else { "ISO 27001:2022" };
                embedded.read_from.push(format!("{}!{} ({name})", sheet.name, crate::sheet::grid::column_name(col)));
            }
        }
    }
    embedded
}
