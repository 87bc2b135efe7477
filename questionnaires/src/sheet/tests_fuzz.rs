//! Property tests of the readers with hostile input: workbooks whose sheet XML, shared strings,
//! styles, workbook part, relationships and zip structure are generated at random (odd and
//! enormous coordinates, repeats and spans, wrong types, dangling indices, entities, nesting,
//! missing or doubled parts), ODS content likewise, and our own exports with bytes flipped,
//! cut or inserted. Every outcome is a workbook within the limits or an error: never a panic,
//! never an abort. `CHAINWARD_FUZZ_CASES` sets the cases per property (CI runs thousands).
use super::export::{Prefill, export_template};
use super::import::{ImportChoices, analyse};
use super::tests::answers_for;
use super::{Limits, read_workbook};
use crate::shipped_templates;
use proptest::prelude::*;
use std::io::Write;
use std::sync::OnceLock;

fn cases(default: u32) -> u32 {
    std::env::var("CHAINWARD_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Small limits, so that a case that reaches them does so quickly.
fn limits() -> Limits {
    Limits {
        max_rows: 5_000,
        max_columns: 200,
        max_cells: 50_000,
        max_text_bytes: 2_000_000,
        max_seconds: 10,
        ..Limits::default()
    }
}

/// Reads `bytes` and, if they read, imports them: what must never panic.
fn survive(bytes: &[u8]) {
    let limits = limits();
    if let Ok(workbook) = read_workbook(bytes, &limits) {
        let cells: usize = workbook.sheets.iter().flat_map(|s| &s.rows).map(Vec::len).sum();
        assert!(cells <= limits.max_cells, "{cells} cells kept");
        assert!(workbook.sheets.iter().all(|s| s.rows.len() <= limits.max_rows));
        let _ = analyse(&workbook, Some(&shipped_templates()[2]), &ImportChoices::default());
        let _ = analyse(&workbook, None, &ImportChoices::default());
    }
}

fn zip(entries: &[(String, Vec<u8>)], stored: bool) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, content) in entries {
        // A doubled name is refused by the writer: the archive goes on without it.
        if out.start_file(name.as_str(), options).is_ok() {
            out.write_all(content).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// A cell reference: ordinary, at the far corner, beyond it, malformed or missing.
fn reference() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        4 => (0u32..30, 1u32..60).prop_map(|(c, r)| Some(format!("{}{r}", super::grid::column_name(c as usize)))),
        1 => Just(Some("XFD1048576".to_owned())),
        1 => (any::<u32>(), any::<u32>()).prop_map(|(c, r)| Some(format!("{}{r}", super::grid::column_name((c % 20_000) as usize)))),
        1 => prop_oneof![Just("A0"), Just("ZZZZ1"), Just(""), Just("1A"), Just("$B$2"), Just("A-1")].prop_map(|s| Some(s.to_owned())),
        1 => Just(None),
    ]
}

/// Text with the things XML text can hold: entities, character references, CDATA, markup.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z0-9 ?.,-]{0,40}",
        1 => Just("SEC-1.1".to_owned()),
        1 => Just("Is there an approved security policy for suppliers?".to_owned()),
        1 => prop_oneof![Just("&amp;&lt;&#65;&#x1F600;"), Just("&bogus;&#0;&#xD800;&#99999999;"), Just("<![CDATA[<x>]]>"), Just("<b>bold</b>"), Just("x".repeat(5000).leak() as &str)].prop_map(str::to_owned),
    ]
}

/// One `<c>`: a reference, a type, a style, a value, an inline string, a formula.
fn cell() -> impl Strategy<Value = String> {
    let kind = prop_oneof![
        Just(""),
        Just("s"),
        Just("inlineStr"),
        Just("str"),
        Just("b"),
        Just("e"),
        Just("d"),
        Just("n"),
        Just("zz")
    ];
    let value = prop_oneof![
        Just(String::new()),
        any::<u32>().prop_map(|n| (n % 50).to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
        Just("4294967296".to_owned()),
        Just("NaN".to_owned()),
        Just("2026-13-45T00:00:00".to_owned()),
        text(),
    ];
    (reference(), kind, proptest::option::of(0u32..40), value, proptest::option::of(text()), any::<bool>()).prop_map(
        |(at, kind, style, value, inline, formula)| {
            let mut c = String::from("<c");
            if let Some(at) = at {
                c.push_str(&format!(r#" r="{at}""#));
            }
            if !kind.is_empty() {
                c.push_str(&format!(r#" t="{kind}""#));
            }
            if let Some(style) = style {
                c.push_str(&format!(r#" s="{style}""#));
            }
            c.push('>');
            if formula {
                c.push_str("<f>SUM(A1:A2)</f>");
            }
            match inline {
                Some(inline) => c.push_str(&format!("<is><t>{inline}</t><r><t>{value}</t></r></is>")),
                None => c.push_str(&format!("<v>{value}</v>")),
            }
            c + "</c>"
        },
    )
}

fn row() -> impl Strategy<Value = String> {
    let number = prop_oneof![4 => (1u32..60).prop_map(|r| Some(r.to_string())), 1 => Just(Some("1048576".to_owned())), 1 => Just(Some("0".to_owned())), 1 => Just(Some("x".to_owned())), 1 => Just(None)];
    (number, proptest::collection::vec(cell(), 0..8), any::<bool>()).prop_map(|(r, cells, junk)| {
        let r = r.map(|r| format!(r#" r="{r}""#)).unwrap_or_default();
        let junk = if junk { "<x><y><z/></y>" } else { "" };
        format!(r#"<row{r} spans="1:9999">{junk}{}</row>"#, cells.concat())
    })
}

/// A worksheet part: rows, merged regions, drop-down lists, a declared dimension, debris.
fn sheet_xml() -> impl Strategy<Value = String> {
    let area =
        || (reference(), reference()).prop_map(|(a, b)| format!("{}:{}", a.unwrap_or_default(), b.unwrap_or_default()));
    let list = prop_oneof![
        Just(r#""Yes,No,N/A""#.to_owned()),
        Just("Lists!$A$1:$A$9".to_owned()),
        Just("'Other ''q'''!A1:XFD1048576".to_owned()),
        text()
    ];
    (
        proptest::collection::vec(row(), 0..25),
        proptest::collection::vec(area(), 0..6),
        proptest::collection::vec((area(), list), 0..3),
        any::<bool>(),
    )
        .prop_map(|(rows, merges, lists, truncate)| {
            let merges: String = merges.iter().map(|m| format!(r#"<mergeCell ref="{m}"/>"#)).collect();
            let lists: String = lists
                .iter()
                .map(|(at, f)| format!(r#"<dataValidation type="list" sqref="{at}"><formula1>{f}</formula1></dataValidation>"#))
                .collect();
            let xml = format!(
                r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData>{}</sheetData><mergeCells>{merges}</mergeCells><dataValidations>{lists}</dataValidations></worksheet>"#,
                rows.concat()
            );
            if truncate { xml[..xml.len() * 2 / 3].to_owned() } else { xml }
        })
}

fn shared_strings() -> impl Strategy<Value = String> {
    proptest::collection::vec((text(), any::<bool>()), 0..40).prop_map(|strings| {
        let items: String = strings
            .iter()
            .map(|(t, phonetic)| {
                if *phonetic {
                    format!("<si><t>{t}</t><rPh><t>kana</t></rPh></si>")
                } else {
                    format!("<si><r><t>{t}</t></r></si>")
                }
            })
            .collect();
        format!(r#"<sst count="999999999">{items}<si/></sst>"#)
    })
}

fn styles() -> impl Strategy<Value = String> {
    let code = prop_oneof![
        Just("0.00"),
        Just("0.000000000000000000000000000000000000000000"),
        Just("dd/mm/yyyy"),
        Just("[Red]#,##0.0;\"x\""),
        Just("@"),
        Just("General"),
        Just("\\")
    ];
    proptest::collection::vec((164u32..170, code, any::<u32>()), 0..6).prop_map(|formats| {
        let codes: String =
            formats.iter().map(|(id, c, _)| format!(r#"<numFmt numFmtId="{id}" formatCode="{c}"/>"#)).collect();
        let xfs: String = formats
            .iter()
            .map(|(id, _, n)| {
                format!(r#"<xf numFmtId="{}"/>"#, if n % 3 == 0 { n.to_string() } else { id.to_string() })
            })
            .collect();
        format!("<styleSheet><numFmts>{codes}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>")
    })
}

/// A whole xlsx: up to three sheets (names doubled, empty or odd; some hidden), relationships
/// that may point nowhere, parts that may be missing, in any order, stored or deflated.
fn xlsx() -> impl Strategy<Value = Vec<u8>> {
    let name =
        prop_oneof![Just("Answers".to_owned()), Just(String::new()), Just("a&amp;b".to_owned()), "[A-Za-z ]{1,12}"];
    (
        proptest::collection::vec((name, sheet_xml(), any::<bool>(), 0u8..4), 1..4),
        proptest::option::of(shared_strings()),
        proptest::option::of(styles()),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(sheets, strings, styles, date1904, stored, reversed)| {
            let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
            let mut listed = String::new();
            let mut rels = String::new();
            for (i, (name, xml, hidden, target)) in sheets.iter().enumerate() {
                let state = if *hidden { r#" state="hidden""# } else { "" };
                listed.push_str(&format!(r#"<sheet name="{name}" sheetId="{i}" r:id="rId{i}"{state}/>"#));
                let path = match target {
                    0 => format!("worksheets/sheet{i}.xml"),
                    1 => format!("/xl/worksheets/sheet{i}.xml"),
                    2 => "worksheets/missing.xml".to_owned(),
                    _ => "../../etc/passwd".to_owned(),
                };
                rels.push_str(&format!(r#"<Relationship Id="rId{i}" Target="{path}"/>"#));
                entries.push((format!("xl/worksheets/sheet{i}.xml"), xml.clone().into_bytes()));
            }
            let pr = if date1904 { r#"<workbookPr date1904="1"/>"# } else { "" };
            let workbook = format!(r#"<workbook xmlns:r="r">{pr}<sheets>{listed}</sheets></workbook>"#);
            entries.push(("xl/workbook.xml".into(), workbook.into_bytes()));
            entries.push((
                "xl/_rels/workbook.xml.rels".into(),
                format!("<Relationships>{rels}</Relationships>").into_bytes(),
            ));
            entries.extend(strings.map(|s| ("xl/sharedStrings.xml".to_owned(), s.into_bytes())));
            entries.extend(styles.map(|s| ("xl/styles.xml".to_owned(), s.into_bytes())));
            if reversed {
                entries.reverse();
            }
            zip(&entries, stored)
        })
}

/// An ODS: tables with repeated rows and cells (up to enormous counts), spans, covered cells,
/// typed values, paragraphs, spaces, annotations and validations.
fn ods() -> impl Strategy<Value = Vec<u8>> {
    let count = prop_oneof![4 => 1u64..4, 1 => Just(1_048_576u64), 1 => Just(u64::MAX), 1 => Just(0u64)];
    let kind = prop_oneof![
        Just("string"),
        Just("float"),
        Just("percentage"),
        Just("date"),
        Just("boolean"),
        Just(""),
        Just("odd")
    ];
    let value = prop_oneof![
        Just("8.1".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("true".to_owned()),
        Just("1e308".to_owned()),
        text()
    ];
    let cell = (count.clone(), count.clone(), kind, value, text(), any::<bool>(), 0u32..3).prop_map(|(repeat, span, kind, value, shown, covered, extra)| {
        let tag = if covered { "table:covered-table-cell" } else { "table:table-cell" };
        let body = match extra {
            0 => format!("<text:p>{shown}</text:p>"),
            1 => format!(r#"<text:p>{shown}<text:s text:c="99999999"/><text:span>x</text:span></text:p><text:p/>"#),
            _ => format!("<office:annotation><text:p>{shown}</text:p></office:annotation>"),
        };
        format!(
            r#"<{tag} table:number-columns-repeated="{repeat}" table:number-columns-spanned="{span}" table:number-rows-spanned="{span}" office:value-type="{kind}" office:value="{value}" table:content-validation-name="v1">{body}</{tag}>"#
        )
    });
    let row = (count, proptest::collection::vec(cell, 0..6)).prop_map(|(repeat, cells)| {
        format!(r#"<table:table-row table:number-rows-repeated="{repeat}">{}</table:table-row>"#, cells.concat())
    });
    let table = ("[A-Za-z]{0,8}", proptest::collection::vec(row, 0..12)).prop_map(|(name, rows)| {
        format!(r#"<table:table table:name="{name}" table:style-name="ta1">{}</table:table>"#, rows.concat())
    });
    (proptest::collection::vec(table, 0..3), any::<bool>()).prop_map(|(tables, hidden)| {
        let display = if hidden { "false" } else { "true" };
        let content = format!(
            r#"<office:document-content><office:automatic-styles><style:style style:name="ta1"><style:table-properties table:display="{display}"/></style:style></office:automatic-styles><table:content-validations><table:content-validation table:name="v1" table:condition="of:cell-content-is-in-list(&quot;Yes&quot;;&quot;No&quot;)"/></table:content-validations><office:body><office:spreadsheet>{}</office:spreadsheet></office:body></office:document-content>"#,
            tables.concat()
        );
        let entries = [
            ("mimetype".to_owned(), b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
            ("content.xml".to_owned(), content.into_bytes()),
        ];
        zip(&entries, false)
    })
}

fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let lite = &shipped_templates()[2];
        let filled = Prefill { assessment_id: None, answers: answers_for(lite) };
        vec![
            export_template(lite, &filled).unwrap(),
            export_template(lite, &Prefill::default()).unwrap(),
            b"Ref;Question;Answer\r\nACC-01;Is MFA required for admins?;Ja\r\nDAT-04;\"Backups, off-site?\";Nein\r\n"
                .to_vec(),
        ]
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16)).prop_map(|(i, b)| Mutation::Insert(i, b)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutations: &[Mutation]) {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                let i = i % len;
                if i < bytes.len() {
                    bytes[i] ^= b | 1;
                }
            }
            Mutation::Cut(i) => bytes.truncate(i % len),
            Mutation::Insert(i, extra) => {
                let i = i % len;
                bytes.splice(i..i, extra.iter().copied());
            }
        }
    }
}

/// The workbook with one of its parts mutated and zipped again, so that the damage reaches
/// the spreadsheet parser and not only the zip reader.
fn with_mutated_part(workbook: &[u8], part: usize, mutations: &[Mutation]) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook)).unwrap();
    let chosen = part % archive.len();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if i == chosen {
            mutate(&mut content, mutations);
        }
        entries.push((name, content));
    }
    zip(&entries, false)
}

/// What a read gave, comparable: each sheet's name, cells, merged regions and lists, or the error.
fn outcome(bytes: &[u8]) -> String {
    match read_workbook(bytes, &limits()) {
        Ok(workbook) => {
            let sheets: Vec<String> = workbook
                .sheets
                .iter()
                .map(|s| format!("{} {:?} {:?} {:?}", s.name, s.rows, s.merged, s.lists))
                .collect();
            sheets.join("\n")
        }
        Err(error) => format!("error: {error}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2_000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_xlsx_workbooks_never_panic(bytes in xlsx()) {
        survive(&bytes);
    }

    /// The fast path for cells reads every generated sheet exactly as the general parser does.
    #[test]
    fn the_fast_path_reads_what_the_general_parser_reads(bytes in xlsx()) {
        let fast = outcome(&bytes);
        super::xlsx::GENERAL_ONLY.with(|general| general.set(true));
        let general = outcome(&bytes);
        super::xlsx::GENERAL_ONLY.with(|general| general.set(false));
        prop_assert_eq!(fast, general);
    }

    #[test]
    fn generated_ods_workbooks_never_panic(bytes in ods()) {
        survive(&bytes);
    }

    #[test]
    fn mutated_workbooks_never_panic(
        seed in 0usize..3,
        inside in any::<Option<usize>>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = seeds()[seed].clone();
        match inside {
            Some(part) if seed < 2 => bytes = with_mutated_part(&bytes, part, &mutations),
            _ => mutate(&mut bytes, &mutations),
        }
        survive(&bytes);
    }
}
