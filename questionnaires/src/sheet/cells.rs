//! The fast path for a worksheet's `<sheetData>`, written the way spreadsheet programs write it:
//! rows of `<c r=".." s=".." t=".."><v>..</v></c>`, inline strings, formulas. It reads the
//! cells with a byte scanner instead of a general XML parser, three times faster on large
//! sheets. Anything it does not expect (a comment, CDATA, a prefixed name, an unknown element,
//! malformed markup) makes it give up, and the sheet is read again by the general parser, which
//! the property tests compare it with.
use super::grid::{Budget, MAX_CELL_BYTES, SheetBuilder};
use super::xml::{cell_reference_bytes, number_bytes};
use super::{Cell, SheetError};

/// What the scanner needs to turn a cell's text into a value.
pub(super) trait Values {
    fn value(&self, kind: &[u8], text: &str, style: Option<usize>) -> Cell;
}

/// Why the fast path stopped: an error to report, or markup it leaves to the general parser.
pub(super) enum Stop {
    Error(SheetError),
    Unexpected,
}

impl From<SheetError> for Stop {
    fn from(error: SheetError) -> Stop {
        Stop::Error(error)
    }
}

/// The body of `<sheetData>` and what follows its end, if the sheet has one in the plain form.
pub(super) fn split(xml: &[u8]) -> Option<(&[u8], &[u8])> {
    const CLOSE: &[u8] = b"</sheetData>";
    let open = memchr::memmem::find(xml, b"<sheetData")?;
    let after_name = *xml.get(open + 10)?;
    if after_name != b'>' && after_name != b'/' && !after_name.is_ascii_whitespace() {
        return None;
    }
    let start = open + memchr::memchr(b'>', &xml[open..])? + 1;
    if xml[..start].ends_with(b"/>") {
        return Some((&[], &xml[start..]));
    }
    let end = start + memchr::memmem::find(&xml[start..], CLOSE)?;
    Some((&xml[start..end], &xml[end + CLOSE.len()..]))
}

/// The local part of an attribute name (`x14ac:dyDescent` -> `dyDescent`).
fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

struct Scanner<'x> {
    bytes: &'x [u8],
    at: usize,
}

impl<'x> Scanner<'x> {
    fn rest(&self) -> &'x [u8] {
        &self.bytes[self.at.min(self.bytes.len())..]
    }

    /// Text up to the next `<`, where the scanner then stands.
    fn text(&mut self) -> &'x [u8] {
        let rest = self.rest();
        // Texts between tags are a few bytes: a plain loop beats a vectorised search here.
        let end = rest.iter().position(|&b| b == b'<').unwrap_or(rest.len());
        self.at += end;
        &rest[..end]
    }

    /// The name of the tag the scanner stands on (after `<` or `</`), and whether it closes.
    fn tag(&mut self) -> Result<(&'x [u8], bool), Stop> {
        let rest = self.rest();
        let closing = rest.get(1) == Some(&b'/');
        let from = if closing { 2 } else { 1 };
        let length = rest[from.min(rest.len())..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if length == 0 {
            return Err(Stop::Unexpected);
        }
        self.at += from + length;
        Ok((&rest[from..from + length], closing))
    }

    /// The attributes of the tag being read, up to its end; whether it was self-closing.
    fn attributes(&mut self, mut each: impl FnMut(&[u8], &'x [u8])) -> Result<bool, Stop> {
        loop {
            let rest = self.rest();
            let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
            self.at += skip;
            let rest = self.rest();
            match rest.first() {
                Some(b'>') => {
                    self.at += 1;
                    return Ok(false);
                }
                Some(b'/') if rest.get(1) == Some(&b'>') => {
                    self.at += 2;
                    return Ok(true);
                }
                Some(_) => {}
                None => return Err(Stop::Unexpected),
            }
            let name_length = rest.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b':').count();
            let quote = match (name_length, rest.get(name_length), rest.get(name_length + 1)) {
                (1.., Some(b'='), Some(&q)) if q == b'"' || q == b'\'' => q,
                _ => return Err(Stop::Unexpected),
            };
            let value = &rest[name_length + 2..];
            let length = value.iter().position(|&b| b == quote).ok_or(Stop::Unexpected)?;
            if value[..length].contains(&b'<') {
                return Err(Stop::Unexpected);
            }
            each(&rest[..name_length], &value[..length]);
            self.at += name_length + 2 + length + 1;
        }
    }

    /// Past the end of a tag whose attributes do not matter; whether it was self-closing.
    fn skip_attributes(&mut self) -> Result<bool, Stop> {
        self.attributes(|_, _| {})
    }

    /// The text of a simple element (`<v>`, `<t>`) up to its closing tag, entities resolved.
    fn element_text(&mut self, name: &[u8], into: &mut String) -> Result<(), Stop> {
        let raw = self.text();
        let (closing, is_closing) = self.tag()?;
        if !is_closing || closing != name || self.rest().first() != Some(&b'>') {
            return Err(Stop::Unexpected);
        }
        self.at += 1;
        // Line ends are normalised by the general parser: such text is left to it.
        let raw = std::str::from_utf8(raw).map_err(|_| Stop::Unexpected)?;
        if raw.contains('\r') {
            return Err(Stop::Unexpected);
        }
        if into.len() <= MAX_CELL_BYTES {
            if raw.contains('&') {
                into.push_str(&quick_xml::escape::unescape(raw).map_err(|_| Stop::Unexpected)?);
            } else {
                into.push_str(raw);
            }
        }
        Ok(())
    }
}

/// Reads the cells of `body` (the inside of `<sheetData>`) into `builder`.
pub(super) fn read(
    body: &[u8],
    values: &impl Values,
    builder: &mut SheetBuilder,
    budget: &mut Budget,
) -> Result<(), Stop> {
    let mut scanner = Scanner { bytes: body, at: 0 };
    let (mut row, mut col, mut started) = (0usize, 0usize, false);
    let mut text = String::new();
    loop {
        budget.tick()?;
        if !scanner.text().iter().all(u8::is_ascii_whitespace) {
            return Err(Stop::Unexpected);
        }
        if scanner.rest().is_empty() {
            return Ok(());
        }
        let (name, closing) = scanner.tag()?;
        if closing {
            // Only `</row>` closes here: cells are read whole below.
            if name != b"row" || scanner.rest().first() != Some(&b'>') {
                return Err(Stop::Unexpected);
            }
            scanner.at += 1;
            continue;
        }
        match name {
            b"row" => {
                // The first `r` counts, as in the general parser.
                let mut r: Option<Option<usize>> = None;
                scanner.attributes(|key, value| {
                    if local(key) == b"r" && r.is_none() {
                        r = Some(number_bytes(value));
                    }
                })?;
                let r = r.flatten();
                row = match r {
                    Some(r) if r > 0 => r - 1,
                    _ if started => row + 1,
                    _ => 0,
                };
                (started, col) = (true, 0);
            }
            b"c" => {
                let (mut at, mut kind, mut style): (Option<(usize, usize)>, &[u8], Option<usize>) = (None, b"", None);
                let empty = scanner.attributes(|key, value| match local(key) {
                    b"r" => at = cell_reference_bytes(value),
                    b"t" => kind = value,
                    b"s" => style = number_bytes(value),
                    _ => {}
                })?;
                let at = at.unwrap_or((row, col));
                (row, col) = (at.0, at.1 + 1);
                if !empty {
                    text.clear();
                    cell_content(&mut scanner, &mut text, budget)?;
                    let value = values.value(kind, &text, style);
                    builder.put(at.0, at.1, value, budget)?;
                }
            }
            _ => return Err(Stop::Unexpected),
        }
    }
}

/// The content of a `<c>` up to its `</c>`: the text of `<v>` or of an inline string's `<t>`
/// elements (phonetic runs left out); formulas skipped.
fn cell_content(scanner: &mut Scanner, text: &mut String, budget: &mut Budget) -> Result<(), Stop> {
    let mut phonetic = false;
    loop {
        budget.tick()?;
        if !scanner.text().iter().all(u8::is_ascii_whitespace) {
            return Err(Stop::Unexpected);
        }
        let (name, closing) = scanner.tag()?;
        if closing {
            if scanner.rest().first() != Some(&b'>') {
                return Err(Stop::Unexpected);
            }
            scanner.at += 1;
            match name {
                b"c" => return Ok(()),
                b"rPh" => phonetic = false,
                b"is" | b"r" => {}
                _ => return Err(Stop::Unexpected),
            }
            continue;
        }
        let empty = scanner.skip_attributes()?;
        match name {
            _ if empty => {}
            b"v" => scanner.element_text(b"v", text)?,
            b"t" if phonetic => scanner.element_text(b"t", &mut String::new())?,
            b"t" => scanner.element_text(b"t", text)?,
            b"f" => scanner.element_text(b"f", &mut String::new())?,
            b"rPh" => phonetic = true,
            b"is" | b"r" => {}
            b"rPr" => skip_run_properties(scanner)?,
            _ => return Err(Stop::Unexpected),
        }
    }
}

/// A rich-text run's properties (`<rPr><b/><sz val="11"/></rPr>`): empty elements only.
fn skip_run_properties(scanner: &mut Scanner) -> Result<(), Stop> {
    loop {
        if !scanner.text().iter().all(u8::is_ascii_whitespace) {
            return Err(Stop::Unexpected);
        }
        let (name, closing) = scanner.tag()?;
        if closing {
            if name != b"rPr" || scanner.rest().first() != Some(&b'>') {
                return Err(Stop::Unexpected);
            }
            scanner.at += 1;
            return Ok(());
        }
        if !scanner.skip_attributes()? {
            return Err(Stop::Unexpected);
        }
    }
}
