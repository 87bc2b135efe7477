//! Comma-separated (or semicolon, tab, pipe) text: the encoding and the delimiter are
//! detected; quoted fields may hold delimiters, quotes and line breaks.
use super::SheetError;
use super::format::Limits;
use super::grid::Cell;

/// Windows-1252 for the bytes 0x80 to 0x9F (the rest of the range is Latin-1).
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The text of a CSV file: UTF-8 (with or without byte-order mark), UTF-16 with a byte-order
/// mark, or else Windows-1252, which is what spreadsheet programs write by default.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes
            .iter()
            .map(|&b| if (0x80..0xA0).contains(&b) { CP1252[(b - 0x80) as usize] } else { b as char })
            .collect(),
    }
}

/// Splits text into records of fields with `delimiter`, honouring quotes.
fn parse(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == delimiter && !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// The delimiter that splits the first lines into the most fields, most consistently.
fn delimiter(text: &str) -> char {
    let sample: String = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect::<Vec<_>>().join("\n");
    let mut best = (',', 0usize);
    for candidate in [',', ';', '\t', '|'] {
        let records = parse(&sample, candidate);
        let widths: Vec<usize> = records.iter().map(Vec::len).filter(|&w| w > 1).collect();
        if widths.is_empty() {
            continue;
        }
        // The most common width, weighted by how many lines have it.
        let mut counts = std::collections::BTreeMap::new();
        for w in &widths {
            *counts.entry(*w).or_insert(0usize) += 1;
        }
        let score = counts.iter().map(|(w, n)| w * n).max().unwrap_or(0);
        if score > best.1 {
            best = (candidate, score);
        }
    }
    best.0
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Vec<Cell>>, SheetError> {
    let text = decode(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let records = parse(text, delimiter(text));
    if records.len() > limits.max_rows {
        return Err(SheetError::TooLarge(format!(
            "the file has {} rows; at most {} are read",
            records.len(),
            limits.max_rows
        )));
    }
    let cells: usize = records.iter().map(Vec::len).sum();
    if cells > limits.max_cells {
        return Err(SheetError::TooLarge(format!("the file has more than {} cells", limits.max_cells)));
    }
    let mut rows: Vec<Vec<Cell>> = records
        .into_iter()
        .map(|r| r.into_iter().map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f) }).collect())
        .collect();
    while rows.last().is_some_and(|r: &Vec<Cell>| r.iter().all(Cell::is_empty)) {
        rows.pop();
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_quotes_and_line_breaks_inside_fields() {
        let text = "id;question;answer\r\nA-1;\"Do you; ever \"\"encrypt\"\"?\";Yes\r\nA-2;\"Two\nlines\";No\r\n";
        let records = parse(text, delimiter(text));
        assert_eq!(delimiter(text), ';');
        assert_eq!(records[1], ["A-1", "Do you; ever \"encrypt\"?", "Yes"]);
        assert_eq!(records[2], ["A-2", "Two\nlines", "No"]);
    }

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(decode(b"\xEF\xBB\xBFJa,Nein"), "Ja,Nein");
        assert_eq!(decode(&[0xFF, 0xFE, b'J', 0, b'a', 0]), "Ja");
        assert_eq!(decode(b"Gr\xfc\xdfe \x80 5"), "Grüße € 5", "Windows-1252");
        assert_eq!(decode("Grüße".as_bytes()), "Grüße");
    }
}
