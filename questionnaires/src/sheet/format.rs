//! What a file is, told by its bytes (never by its name), and the checks a file must pass
//! before any parser sees it: size, zip entry count and the size it would decompress to.
use super::SheetError;
use std::io::{Cursor, Read};

/// Spreadsheet formats Chainward reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
        }
    }
}

/// Bounds on what a file may cost to read. The defaults fit any real questionnaire many
/// times over and refuse zip bombs and runaway sheets.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_zip_entries: usize,
    pub max_unzipped_bytes: u64,
    pub max_sheets: usize,
    pub max_rows: usize,
    /// Columns read per sheet (Excel allows 16,384; questionnaires use a few dozen).
    pub max_columns: usize,
    /// Cells kept over the whole workbook, counting the empty ones a row needs up to its last.
    pub max_cells: usize,
    /// Text held in cells over the whole workbook.
    pub max_text_bytes: usize,
    /// Time to read the file.
    pub max_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 20 * 1024 * 1024,
            max_zip_entries: 5_000,
            max_unzipped_bytes: 100 * 1024 * 1024,
            max_sheets: 100,
            max_rows: 100_000,
            max_columns: 1_024,
            max_cells: 2_000_000,
            max_text_bytes: 64_000_000,
            max_seconds: 60,
        }
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The XML parts of a zip-based workbook, inflated once while its size was checked, by
/// lower-case name.
pub(crate) type Parts = std::collections::HashMap<String, Vec<u8>>;

/// Tells the format from the bytes and checks the limits that apply before parsing.
pub fn sniff(bytes: &[u8], limits: &Limits) -> Result<Format, SheetError> {
    open(bytes, limits).map(|(format, _)| format)
}

/// [`sniff`], keeping the parts a zip-based workbook's reader needs.
pub(crate) fn open(bytes: &[u8], limits: &Limits) -> Result<(Format, Parts), SheetError> {
    if bytes.len() > limits.max_bytes {
        return Err(SheetError::TooLarge(format!(
            "the file has {} bytes; at most {} are accepted",
            bytes.len(),
            limits.max_bytes
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SheetError::Empty("the file is empty".into()));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(SheetError::NotASpreadsheet("this is a PDF document, not a spreadsheet".into()));
    }
    if bytes.starts_with(ZIP) || bytes.starts_with(EMPTY_ZIP) {
        return zip_format(bytes, limits);
    }
    Ok((plain_format(bytes)?, Parts::new()))
}

fn plain_format(bytes: &[u8]) -> Result<Format, SheetError> {
    if bytes.starts_with(OLE) {
        // Password-protected xlsx files are OLE containers holding an encrypted package.
        let marker: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(SheetError::Encrypted);
        }
        return Ok(Format::Xls);
    }
    if looks_binary(bytes) {
        return Err(SheetError::NotASpreadsheet(
            "the file is neither a spreadsheet (xlsx, xlsm, xlsb, xls, ods) nor text (csv)".into(),
        ));
    }
    Ok(Format::Csv)
}

/// Text files have no NUL bytes outside UTF-16 (which starts with a byte-order mark).
fn looks_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !utf16 && bytes.iter().take(8192).any(|&b| b == 0)
}

/// The parts an xlsx or ods reader uses.
fn read_part(name: &str) -> bool {
    let xl = name.strip_prefix("xl/").unwrap_or_default();
    matches!(xl, "workbook.xml" | "_rels/workbook.xml.rels" | "styles.xml" | "sharedstrings.xml")
        || (name.contains("worksheets/") && name.ends_with(".xml"))
        || name == "content.xml"
}

fn zip_format(bytes: &[u8], limits: &Limits) -> Result<(Format, Parts), SheetError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| SheetError::Corrupt("the file is a damaged or truncated zip archive".into()))?;
    if archive.len() > limits.max_zip_entries {
        return Err(SheetError::TooLarge(format!(
            "the archive has {} entries; at most {} are accepted",
            archive.len(),
            limits.max_zip_entries
        )));
    }
    let names: Vec<String> = archive.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
    // Inflate every entry once, counting: declared sizes can lie, bytes cannot. The parts the
    // readers use are kept, the rest (themes, drawings, pivot caches, images) inflated into
    // nothing.
    let mut total: u64 = 0;
    let mut parts = Parts::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index(i)
            .map_err(|_| SheetError::Corrupt("the file is a damaged or truncated zip archive".into()))?;
        let name = entry.name().map(|n| n.to_lowercase()).unwrap_or_default();
        let budget = limits.max_unzipped_bytes - total;
        // A size declared too large is refused before anything is inflated (a declared size
        // that lies is caught by counting below).
        if entry.size() > budget {
            return Err(SheetError::TooLarge(format!(
                "the archive would unpack to more than {} bytes",
                limits.max_unzipped_bytes
            )));
        }
        let damaged = |_| SheetError::Corrupt("the file is a damaged or truncated zip archive".into());
        let read = if read_part(&name) {
            let mut kept = Vec::new();
            let read = entry.take(budget + 1).read_to_end(&mut kept).map_err(damaged)? as u64;
            parts.entry(name).or_insert(kept);
            read
        } else {
            std::io::copy(&mut entry.take(budget + 1), &mut std::io::sink()).map_err(damaged)?
        };
        total += read;
        if total > limits.max_unzipped_bytes {
            return Err(SheetError::TooLarge(format!(
                "the archive would unpack to more than {} bytes",
                limits.max_unzipped_bytes
            )));
        }
    }
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    let mime = archive.by_name("mimetype").ok().map(|mut f| {
        let mut text = String::new();
        let _ = f.read_to_string(&mut text);
        text
    });
    if mime.as_deref().is_some_and(|m| m.trim() == "application/vnd.oasis.opendocument.spreadsheet") {
        return Ok((Format::Ods, parts));
    }
    if has("xl/workbook.bin") {
        return Ok((Format::Xlsb, Parts::new()));
    }
    if has("xl/workbook.xml") {
        return Ok((if has("xl/vbaProject.bin") { Format::Xlsm } else { Format::Xlsx }, parts));
    }
    Err(SheetError::NotASpreadsheet(match mime {
        Some(m) => format!("the file is a {} document, not a spreadsheet", m.trim()),
        None if has("word/document.xml") => "this is a Word document, not a spreadsheet".into(),
        None => "the file is a zip archive but not a spreadsheet".into(),
    }))
}
