//! The spreadsheet engine against files built here: the exact round trip of our own export
//! for every shipped template, and every kind of broken file.
use super::export::{Filled, Prefill, export_template};
use super::import::{ImportChoices, analyse};
use super::own::own_meta;
use super::{Limits, SheetError, read_workbook};
use crate::{AnswerType, AnswerValue, Question, Template, shipped_templates};
use std::collections::BTreeMap;

/// A valid answer for every question, varied by position so that every kind of value and
/// both empty and filled comments occur.
pub(super) fn answers_for(template: &Template) -> BTreeMap<String, Filled> {
    template
        .questions()
        .enumerate()
        .map(|(i, q)| {
            let filled = Filled {
                value: Some(value_for(q, i)),
                comment: (i % 3 == 0).then(|| format!("Comment {i}, with \"quotes\"; and = signs")),
                evidence: (i % 4 == 0).then(|| format!("policy-{i}.pdf")),
            };
            (q.id.clone(), filled)
        })
        .collect()
}

fn value_for(question: &Question, i: usize) -> AnswerValue {
    if i % 7 == 6 && question.answer != AnswerType::Text {
        return AnswerValue::NotApplicable;
    }
    match question.answer {
        AnswerType::YesNoNa => [AnswerValue::Yes, AnswerValue::No, AnswerValue::Partial][i % 3].clone(),
        AnswerType::Choice => AnswerValue::Choice(question.options[i % question.options.len()].value.clone()),
        AnswerType::MultiChoice => {
            AnswerValue::MultiChoice(question.options.iter().take(2).map(|o| o.value.clone()).collect())
        }
        AnswerType::Maturity0To5 => AnswerValue::Maturity((i % 6) as u8),
        AnswerType::Number => AnswerValue::Number([24.0, 0.5, 365.0][i % 3]),
        AnswerType::Date => AnswerValue::Date(chrono::NaiveDate::from_ymd_opt(2026, 3, 1 + (i % 27) as u32).unwrap()),
        AnswerType::Text => AnswerValue::Text(format!("-Free text {i}, with commas; \"quotes\"")),
        AnswerType::File => AnswerValue::File(format!("=certificate-{i}.pdf")),
    }
}

#[test]
fn every_shipped_template_comes_back_exactly_from_its_export() {
    for template in shipped_templates() {
        let prefill = Prefill { assessment_id: Some("9f1c".into()), answers: answers_for(template) };
        let bytes = export_template(template, &prefill).expect("export");
        let workbook = read_workbook(&bytes, &Limits::default()).expect("read back");
        let meta = own_meta(&workbook).expect("our own export is recognised");
        assert_eq!((meta.template.as_str(), meta.version), (template.slug.as_str(), template.version));
        assert_eq!(meta.assessment_id.as_deref(), Some("9f1c"));
        let report = analyse(&workbook, Some(template), &ImportChoices::default()).expect("import");
        assert!(report.invalid.is_empty() && report.unmatched.is_empty(), "{}: {:?}", template.slug, report.invalid);
        assert!(report.missing.is_empty() && report.unanswered.is_empty(), "{}", template.slug);
        assert_eq!(report.rows.len(), template.questions().count());
        assert_eq!(report.answers.len(), template.questions().count(), "every answer comes back");
        for imported in &report.answers {
            let sent = &prefill.answers[&imported.question_id];
            assert_eq!(Some(&imported.value), sent.value.as_ref(), "{} {}", template.slug, imported.cell);
            assert_eq!(imported.comment, sent.comment, "{}", imported.cell);
            assert_eq!(imported.evidence, sent.evidence, "{}", imported.cell);
        }
    }
}

#[test]
fn a_blank_export_imports_as_unanswered() {
    let template = &shipped_templates()[0];
    let bytes = export_template(template, &Prefill::default()).unwrap();
    let workbook = read_workbook(&bytes, &Limits::default()).unwrap();
    let meta = own_meta(&workbook).unwrap();
    assert_eq!(meta.assessment_id, None);
    let report = analyse(&workbook, Some(template), &ImportChoices::default()).unwrap();
    assert!(report.answers.is_empty());
    assert_eq!(report.unanswered.len(), template.questions().count());
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    for (name, content) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap();
    buffer.into_inner()
}

#[test]
fn broken_and_hostile_files_get_a_clear_error() {
    let limits = Limits::default();
    let read = |bytes: &[u8]| read_workbook(bytes, &limits).map(|_| ()).unwrap_err();
    assert!(matches!(read(b"%PDF-1.7 renamed.xlsx"), SheetError::NotASpreadsheet(m) if m.contains("PDF")));
    assert!(matches!(read(b"   \n"), SheetError::Empty(_)));
    let export = export_template(&shipped_templates()[0], &Prefill::default()).unwrap();
    assert!(matches!(read(&export[..export.len() / 2]), SheetError::Corrupt(m) if m.contains("truncated")));
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read(&encrypted), SheetError::Encrypted);
    // A real password-protected workbook (see fixtures/README.md).
    assert_eq!(read(include_bytes!("fixtures/encrypted-supplier-lite.xlsx")), SheetError::Encrypted);
    assert!(
        matches!(read(&zip_with(&[("word/document.xml", b"<w/>")])), SheetError::NotASpreadsheet(m) if m.contains("Word"))
    );
    assert!(matches!(read(&[0u8, 1, 2, 3, 0, 0, 7]), SheetError::NotASpreadsheet(_)));

    // A zip bomb: a few kilobytes that would unpack to far more than allowed.
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let bomb = zip_with(&[("xl/workbook.xml", &zeros)]);
    let small = Limits { max_unzipped_bytes: 1024 * 1024, ..Limits::default() };
    assert!(bomb.len() < 100 * 1024, "the bomb is small: {}", bomb.len());
    assert!(matches!(read_workbook(&bomb, &small).unwrap_err(), SheetError::TooLarge(m) if m.contains("unpack")));
    let few = Limits { max_bytes: 1000, ..Limits::default() };
    assert!(matches!(read_workbook(&export, &few).unwrap_err(), SheetError::TooLarge(_)));
}

#[test]
fn a_workbook_cut_to_garbage_never_panics() {
    let export = export_template(&shipped_templates()[2], &Prefill::default()).unwrap();
    // Flip bytes across the whole file: every outcome is a value or an error, never a panic.
    for step in (0..export.len()).step_by(export.len() / 97 + 1) {
        let mut broken = export.clone();
        broken[step] ^= 0x5A;
        let _ = read_workbook(&broken, &Limits::default());
    }
}

/// The real third-party workbooks in `../shared/samples` or `$CHAINWARD_SAMPLES` (never copied
/// into the repository) are read when present: every sheet, within the limits, trailing declared rows ignored.
#[test]
fn real_sample_workbooks_are_read_when_present() {
    let dir = std::env::var_os("CHAINWARD_SAMPLES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no samples at {}: skipped", dir.display());
        return;
    };
    for entry in entries.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "xlsx")) {
        let bytes = std::fs::read(entry.path()).unwrap();
        let started = std::time::Instant::now();
        let workbook = read_workbook(&bytes, &Limits::default()).expect("a real workbook reads");
        let rows: usize = workbook.sheets.iter().map(|s| s.rows.len()).sum();
        eprintln!(
            "{}: {} sheets, {rows} rows in {:?}",
            entry.path().display(),
            workbook.sheets.len(),
            started.elapsed()
        );
        assert!(rows > 200, "questions are read");
        assert!(workbook.sheets.iter().all(|s| s.rows.len() < 100_000), "declared dimensions are not trusted");
        let report = analyse(&workbook, None, &ImportChoices::default()).expect("the layout is detected");
        let answered = report.rows.iter().filter(|r| r.answer.is_some()).count();
        eprintln!("  {}: {} questions, {answered} answered", report.layout, report.rows.len());
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("caiq") {
            assert_eq!((report.rows.len(), answered), (261, 261), "every CAIQ question and answer");
        }
        if name.starts_with("hecvat") {
            assert!(report.rows.len() >= 330 && answered == 0, "the blank HECVAT's questions");
            assert!(report.rows.iter().all(|r| r.section.is_some() && r.problem.is_none()));
            // The blank HECVAT becomes a template: sections, questions, drop-down answers.
            let sections = super::draft::draft_sections(&report.rows);
            let draft = Template {
                slug: "hecvat".into(),
                title: "HECVAT".into(),
                version: 1,
                description: String::new(),
                sections,
            };
            let listed = report.rows.iter().filter(|r| r.options.is_some()).count();
            let yes_no = draft.questions().filter(|q| q.answer == AnswerType::YesNoNa).count();
            eprintln!(
                "  draft: {} sections, {} questions, {listed} with a drop-down, {yes_no} yes/no",
                draft.sections.len(),
                draft.questions().count()
            );
            assert!(draft.sections.len() >= 20 && draft.questions().count() == report.rows.len());
            assert!(listed >= 200, "answer options come from the drop-down lists");
            let problems = crate::template::validate(&draft, crate::catalogues());
            assert!(problems.iter().all(|p| p.contains("must map to at least one")), "{problems:?}");
        }
    }
}

/// A workbook of one sheet from its raw XML, as a hostile file would be made by hand.
pub(super) fn raw_xlsx(sheet_xml: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let workbook = r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Answers" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet_xml.as_bytes()),
    ];
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml", strings.as_bytes()));
    }
    zip_with(&parts)
}

#[test]
fn a_far_corner_costs_nothing_and_content_there_is_refused_by_name() {
    let styled = r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData></worksheet>"#;
    let workbook = read_workbook(&raw_xlsx(styled, None), &Limits::default()).expect("a styled far corner is nothing");
    assert_eq!(workbook.sheets[0].rows.len(), 1);
    let content = styled.replace(r#"<c r="XFD1048576" s="1"/>"#, r#"<c r="XFD1048576"><v>1</v></c>"#);
    let error = read_workbook(&raw_xlsx(&content, None), &Limits::default()).unwrap_err();
    assert!(matches!(&error, SheetError::TooLarge(m) if m.contains("Answers!XFD1048576")), "{error}");
}

/// An ODS whose first row repeats a cell to the end of the row and whose next row is repeated
/// 2^64 - 1 times: read at once, not looped over (found by the generated-ODS property test).
#[test]
fn enormous_repeats_in_an_ods_cost_nothing() {
    let content = r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="T"><table:table-row table:number-rows-repeated="18446744073709551615"><table:table-cell table:number-columns-repeated="18446744073709551615"/><table:table-cell office:value-type="string"><text:p>SEC-1.1</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>after</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = zip_with(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_bytes()),
    ]);
    let started = std::time::Instant::now();
    let error = read_workbook(&ods, &Limits::default()).unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(matches!(&error, SheetError::Empty(_) | SheetError::TooLarge(_)), "{error}");
}

/// A zip bomb whose headers declare a small size: the declared size is not believed, the
/// inflated bytes are counted (or the entry fails its checksum), and nothing large is held.
#[test]
fn a_zip_bomb_with_lying_sizes_is_refused() {
    let zeros = vec![b' '; 8 * 1024 * 1024];
    let mut bomb = zip_with(&[("xl/workbook.xml", &zeros)]);
    for signature in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = bomb.windows(4).position(|w| w == signature).unwrap();
        let size = at + if signature[2] == 3 { 22 } else { 24 };
        bomb[size..size + 4].copy_from_slice(&1000u32.to_le_bytes());
    }
    let small = Limits { max_unzipped_bytes: 1024 * 1024, ..Limits::default() };
    let error = read_workbook(&bomb, &small).unwrap_err();
    assert!(matches!(&error, SheetError::TooLarge(_) | SheetError::Corrupt(_)), "{error}");
}
