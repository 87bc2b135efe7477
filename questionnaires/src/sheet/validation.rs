//! Drop-down lists of xlsx sheets (data validation of type list), read from the sheet XML that
//! calamine does not expose: a blank questionnaire's answer options come from them. Both the
//! classic form (`<formula1>"Yes,No"</formula1>`) and Excel 2010's extension form (a range on
//! another sheet) are read.
use super::grid::Sheet;
use super::xml::cell_reference;

/// A rectangle of cells, zero-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Area {
    pub top: usize,
    pub left: usize,
    pub bottom: usize,
    pub right: usize,
}

impl Area {
    pub fn contains(&self, row: usize, col: usize) -> bool {
        (self.top..=self.bottom).contains(&row) && (self.left..=self.right).contains(&col)
    }
}

/// A drop-down list: the areas it covers and its entries.
pub type DropDown = (Vec<Area>, Vec<String>);

/// Per column, runs of rows `(top, bottom, list)` sorted by their top row.
pub(crate) type ListRuns = Vec<Vec<(usize, usize, usize)>>;

/// At most this many column runs are indexed per sheet; lists beyond are hints we can lose.
const MAX_RUNS: usize = 1_000_000;

/// The runs of `lists` within the rows and columns a sheet has, neighbours of one list joined.
fn runs(sheet: &Sheet, lists: &[DropDown]) -> ListRuns {
    let (height, width) = (sheet.rows.len(), sheet.rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut by_column: ListRuns = vec![Vec::new(); width];
    let mut room = MAX_RUNS;
    'lists: for (index, (areas, _)) in lists.iter().enumerate() {
        for area in areas.iter().filter(|a| a.top < height && a.left < width && a.left <= a.right) {
            for runs in &mut by_column[area.left..=area.right.min(width - 1)] {
                if room == 0 {
                    break 'lists;
                }
                room -= 1;
                runs.push((area.top, area.bottom.min(height - 1), index));
            }
        }
    }
    for runs in &mut by_column {
        runs.sort_unstable();
        let mut joined: Vec<(usize, usize, usize)> = Vec::with_capacity(runs.len());
        for &(top, bottom, list) in runs.iter() {
            match joined.last_mut() {
                Some(last) if last.2 == list && top <= last.1.saturating_add(1) => last.1 = last.1.max(bottom),
                _ => joined.push((top, bottom, list)),
            }
        }
        *runs = joined;
    }
    by_column
}

/// A drop-down list as a sheet declares it, before its entries are looked up.
pub(super) type Declared = (Vec<Area>, Source);

/// Where a list's entries come from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Source {
    Values(Vec<String>),
    Range { sheet: Option<String>, area: Area },
}

/// `A1:D3` (or `C5`) as an area.
pub(super) fn area(reference: &str) -> Option<Area> {
    let (a, b) = reference.split_once(':').unwrap_or((reference, reference));
    let ((top, left), (bottom, right)) = (cell_reference(a)?, cell_reference(b)?);
    if top > bottom || left > right {
        return None;
    }
    Some(Area { top, left, bottom, right })
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

fn source(formula: &str) -> Option<Source> {
    let formula = unescape(formula.trim().trim_start_matches('='));
    if let Some(list) = formula.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        return Some(Source::Values(list.split(',').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect()));
    }
    let (sheet, range) = match formula.rsplit_once('!') {
        Some((sheet, range)) => (Some(sheet.trim_matches('\'').replace("''", "'")), range),
        None => (None, formula.as_str()),
    };
    Some(Source::Range { sheet, area: area(range)? })
}

/// A list validation as a sheet declares it: the cells it covers (`C2:C5 E7`) and its
/// formula (`"Yes,No"`, or a range such as `'Auto Responses'!$J$3:$J$5`).
pub(super) fn declared(sqref: &str, formula: &str) -> Option<Declared> {
    Some((sqref.split_whitespace().filter_map(area).collect(), source(formula)?))
}

/// Gives each sheet the entries of its drop-down lists, ranges resolved against the sheets
/// read (at most 200 rows by 20 columns of a range: a list, not a table).
pub(super) fn resolve_lists(sheets: &mut [Sheet], found: Vec<Vec<Declared>>) {
    let resolved: Vec<Vec<DropDown>> = found
        .into_iter()
        .zip(sheets.iter())
        .map(|(lists, own)| {
            // A workbook often declares one list per answer cell, all with the same source:
            // each source is resolved once and its areas gathered into one list.
            let mut by_source: Vec<(Source, Vec<Area>)> = Vec::new();
            let mut index: std::collections::HashMap<Source, usize> = std::collections::HashMap::new();
            for (areas, source) in lists {
                match index.get(&source) {
                    Some(&i) => by_source[i].1.extend(areas),
                    None => {
                        index.insert(source.clone(), by_source.len());
                        by_source.push((source, areas));
                    }
                }
            }
            by_source
                .into_iter()
                .filter_map(|(source, areas)| {
                    let values = match source {
                        Source::Values(values) => values,
                        Source::Range { sheet, area } => {
                            let from = match sheet {
                                Some(name) => sheets.iter().find(|s| s.name == name)?,
                                None => own,
                            };
                            (area.top..=area.bottom.min(area.top + 200))
                                .flat_map(|r| (area.left..=area.right.min(area.left + 20)).map(move |c| (r, c)))
                                .map(|(r, c)| from.cell(r, c).text().trim().to_owned())
                                .filter(|v| !v.is_empty())
                                .collect()
                        }
                    };
                    (!values.is_empty()).then_some((areas, values))
                })
                .collect()
        })
        .collect();
    for (sheet, lists) in sheets.iter_mut().zip(resolved) {
        sheet.list_runs = runs(sheet, &lists);
        sheet.lists = lists;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_formulas_and_areas_are_read() {
        let (areas, source) = declared("C2:C5 E7", "&quot;Yes,No,N/A&quot;").unwrap();
        assert_eq!(
            areas,
            vec![Area { top: 1, left: 2, bottom: 4, right: 2 }, Area { top: 6, left: 4, bottom: 6, right: 4 }]
        );
        assert_eq!(source, Source::Values(vec!["Yes".into(), "No".into(), "N/A".into()]));
        let (_, source) = declared("C10", "'Auto Responses'!$J$3:$J$5").unwrap();
        assert_eq!(
            source,
            Source::Range { sheet: Some("Auto Responses".into()), area: Area { top: 2, left: 9, bottom: 4, right: 9 } }
        );
    }
}
