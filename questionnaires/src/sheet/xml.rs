//! The little of XML that spreadsheet parts need, over quick-xml: attributes by local name and
//! text with its entities. No stack of open elements is kept, so a deeply nested part costs
//! nothing but the time to read it.
use quick_xml::events::{BytesRef, BytesStart};

/// A reader over a whole part that does not check end names (that check keeps a stack).
pub(crate) fn reader(xml: &str) -> quick_xml::Reader<&[u8]> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    reader
}

/// The value of the attribute with this local name (`r:id` answers to `id`).
pub(crate) fn attr(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The local part of a qualified name (`x:c` -> `c`), by a byte loop: names in sheet parts are
/// a few bytes long and there are hundreds of thousands of them.
pub(crate) fn local(name: &str) -> &str {
    match name.bytes().rposition(|b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// Appends what an entity or character reference stands for; unknown ones are dropped.
pub(crate) fn push_ref(reference: &BytesRef, out: &mut String) {
    if let Some(text) = quick_xml::escape::resolve_xml_entity(reference) {
        out.push_str(text);
    } else if let Ok(Some(c)) = reference.resolve_char_ref() {
        out.push(c);
    }
}

/// `C22` -> (21, 2), zero-based; `None` for anything that is not a cell reference.
pub fn cell_reference(reference: &str) -> Option<(usize, usize)> {
    cell_reference_bytes(reference.trim().as_bytes())
}

/// [`cell_reference`] over raw attribute bytes, without allocating (`$` signs are skipped).
pub(crate) fn cell_reference_bytes(reference: &[u8]) -> Option<(usize, usize)> {
    let mut bytes = reference.iter().copied().filter(|&b| b != b'$').peekable();
    let (mut col, mut letters) = (0usize, 0);
    while let Some(b) = bytes.next_if(u8::is_ascii_alphabetic) {
        letters += 1;
        col = col * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut row = 0usize;
    let mut digits = 0;
    for b in bytes {
        if !b.is_ascii_digit() || digits >= 18 {
            return None;
        }
        row = row * 10 + usize::from(b - b'0');
        digits += 1;
    }
    (digits > 0 && row > 0).then(|| (row - 1, col - 1))
}

/// A number written in an attribute (`r="12"`, `s="3"`), without allocating.
pub(crate) fn number_bytes(value: &[u8]) -> Option<usize> {
    if value.is_empty() || value.len() > 18 || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(value.iter().fold(0usize, |n, b| n * 10 + usize::from(b - b'0')))
}

#[cfg(test)]
mod tests {
    use super::cell_reference;

    #[test]
    fn references_read_like_spreadsheets_write_them() {
        assert_eq!(cell_reference("C22"), Some((21, 2)));
        assert_eq!(cell_reference("$AB$3"), Some((2, 27)));
        assert_eq!(cell_reference("XFD1048576"), Some((1_048_575, 16_383)));
        for bad in ["A0", "ZZZZ1", "", "1A", "A", "A-1", "A99999999999999999999"] {
            assert_eq!(cell_reference(bad), None, "{bad}");
        }
    }
}
