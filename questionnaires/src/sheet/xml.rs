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
    let reference = reference.trim().replace('$', "");
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let row: usize = reference[letters..].parse().ok()?;
    let col =
        reference[..letters].bytes().fold(0usize, |acc, b| acc * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1);
    (row > 0).then(|| (row - 1, col - 1))
}
