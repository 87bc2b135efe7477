//! The document engine: Typst as a library. A report is a `.typ` template of this folder
//! (compiled into the binary) over one JSON file of figures the service functions computed,
//! typeset with the fonts the `typst-assets` crate embeds (Libertinus Serif, SIL OFL 1.1; New
//! Computer Modern, GUST Font License; DejaVu Sans Mono, Bitstream Vera licence) and written as
//! PDF/A-2b, tagged for accessibility. Nothing is read from disk or the network: templates,
//! data and fonts are all in memory, so a report looks the same on every machine.
use crate::error::{ApiError, ApiResult};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The shared look of every report (page, fonts, headings, tables, bar charts).
const COMMON: &str = include_str!("templates/common.typ");

/// The path the data is read from in a template: `json("/data.json")`.
const DATA: &str = "/data.json";

/// What every report shares: the standard library and the fonts, loaded once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        Shared { library: LazyHash::new(Library::default()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid template path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One report's world: its template as the main file, the common template, its data.
struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Source>,
    data: Bytes,
    data_id: FileId,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        self.source(id).map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// Typesets `template` (a file of `templates/`) over `data` into a PDF/A-2b document. The
/// work is CPU-bound: callers run it on a blocking thread. `today` is the date the document
/// prints as its own.
pub fn render(name: &str, template: &str, data: &serde_json::Value, today: NaiveDate) -> ApiResult<Vec<u8>> {
    let main = Source::new(file_id(&format!("/{name}.typ")), template.to_owned());
    let common = Source::new(file_id("/common.typ"), COMMON.to_owned());
    let data = serde_json::to_vec(data).map_err(ApiError::internal)?;
    let world = ReportWorld {
        main,
        files: HashMap::from([(common.id(), common)]),
        data: Bytes::new(data),
        data_id: file_id(DATA),
        today: Datetime::from_ymd(today.year(), today.month() as u8, today.day() as u8),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled.output.map_err(|errors| {
        // Our templates over our data: a failure here is a defect, not the caller's input.
        let messages: Vec<String> =
            errors.iter().filter(|e| e.severity == Severity::Error).map(|e| e.message.to_string()).collect();
        ApiError::internal(format!("the {name} report did not typeset: {}", messages.join("; ")))
    })?;
    let standards = PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| ApiError::internal(format!("{e:?}")))?;
    // PDF/A wants the document's date: the day it is made (the day alone, so that one day's
    // reports of the same data are the same bytes).
    let date = Datetime::from_ymd_hms(today.year(), today.month() as u8, today.day() as u8, 0, 0, 0);
    let options = PdfOptions { standards, timestamp: date.map(Timestamp::new_utc), ..PdfOptions::default() };
    typst_pdf::pdf(&document, &options).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        ApiError::internal(format!("the {name} report did not convert to PDF: {}", messages.join("; ")))
    })
}
