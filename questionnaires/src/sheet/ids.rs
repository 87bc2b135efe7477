//! Question ids as the sheet shows them. A text id is cleaned of spreadsheet debris; an id kept
//! as a number has lost what the sheet showed only when its format was General (a `0.00` format
//! is read as the text it shows, `8.10`): the title beside it (`5.10 Acceptable use`,
//! `5.10: ...`) says it back, else the row above (`5.9`) suggests it, and that guess is reported.
use super::layout::{SheetLayout, id_of};
use super::{Cell, Sheet};

/// A row's id, and a note when it had to be inferred from its neighbour.
pub(super) struct RowId {
    pub id: String,
    pub note: Option<String>,
}

/// The first word of a title cell, if it is a number: `5.10` of `5.10: Acceptable use`.
fn leading_number(cell: &Cell) -> Option<String> {
    let Cell::Text(text) = cell else { return None };
    let word = text.split_whitespace().next()?.trim_end_matches([':', '.', ')', '-']);
    (word.parse::<f64>().is_ok() && word.contains('.')).then(|| word.to_owned())
}

/// `5.10` after `5.9` when the number read is 5.1: the next id after the previous one, if it
/// reads as the same number.
fn next_after(previous: &str, read: &str) -> Option<String> {
    let (major, minor) = read.split_once('.')?;
    let (p_major, p_minor) = previous.split_once('.')?;
    let next = p_minor.parse::<u32>().ok()? + 1;
    let next = next.to_string();
    (p_major == major && next != minor && next.trim_end_matches('0') == minor).then(|| format!("{major}.{next}"))
}

/// The id of a question row, or `None` when the id cell holds no id.
pub(super) fn row_id(sheet: &Sheet, row: usize, layout: &SheetLayout, previous: Option<&str>) -> Option<RowId> {
    let n = match sheet.own(row, layout.id) {
        Cell::Text(text) => return id_of(text).map(|id| RowId { id, note: None }),
        Cell::Number(n) if *n > 0.0 && *n < 1000.0 => *n,
        _ => return None,
    };
    let read = Cell::Number(n).text();
    // The title the sheet shows beside the number is the surest witness.
    let titles = [layout.question, layout.id + 1].map(|c| leading_number(sheet.own(row, c)));
    if let Some(shown) = titles.into_iter().flatten().find(|t| t.parse::<f64>().ok() == Some(n)) {
        return Some(RowId { id: shown, note: None });
    }
    if let Some(next) = previous.and_then(|p| next_after(p, &read)) {
        let note = format!(
            "the number {read} is read as the id {next}, which follows {} in the row above; if {read} was meant, write the id as text",
            previous.unwrap_or_default()
        );
        return Some(RowId { id: next, note: Some(note) });
    }
    Some(RowId { id: read, note: None })
}

#[cfg(test)]
mod tests {
    use super::next_after;

    #[test]
    fn only_the_next_id_after_the_row_above_is_inferred() {
        assert_eq!(next_after("5.9", "5.1").as_deref(), Some("5.10"));
        assert_eq!(next_after("5.29", "5.3").as_deref(), Some("5.30"));
        assert_eq!(next_after("5.2", "5.3"), None, "5.3 after 5.2 is 5.3");
        assert_eq!(next_after("6.9", "5.1"), None, "another control group");
        assert_eq!(next_after("5.1", "5.2"), None);
    }
}
