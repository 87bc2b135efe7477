//! Foreign families built here with our own texts and the real id shapes (the real files may
//! not be copied): each is recognised from its ids and printed version, scored through its
//! crosswalk, and its coverage and follow-up come out as the crosswalk says.
use super::coverage::ControlStatus;
use super::family::Family;
use super::{ForeignReading, MappingSource, read_foreign};
use crate::sheet::import::ImportChoices;
use crate::sheet::tests_foreign::{read, rows};
use rust_xlsxwriter::Workbook;

pub(super) fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

/// A question text of our own for an id.
fn text(id: &str) -> String {
    format!("Does the provider keep the practice that {id} asks about in place and reviewed?")
}

/// One sheet: banner lines, a header row, then `(id, answer)` rows.
fn single_sheet(name: &str, banner: &[&str], header: &[&str], answered: &[(&str, &str)]) -> Workbook {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name(name).unwrap();
    let banner: Vec<&[&str]> = banner.iter().map(std::slice::from_ref).collect();
    rows(sheet, 0, &banner);
    rows(sheet, banner.len() as u32, &[header]);
    let texts: Vec<String> = answered.iter().map(|(id, _)| text(id)).collect();
    let body: Vec<Vec<&str>> =
        answered.iter().zip(&texts).map(|((id, answer), text)| vec![*id, text.as_str(), *answer, ""]).collect();
    let body: Vec<&[&str]> = body.iter().map(Vec::as_slice).collect();
    rows(sheet, banner.len() as u32 + 1, &body);
    book
}

fn reading(book: &mut Workbook) -> ForeignReading {
    read_foreign(&read(book), &ImportChoices::default(), today()).expect("the workbook reads")
}

const CAIQ_V4: [(&str, &str); 14] = [
    ("A&A-01.1", "Yes"),
    ("A&A-02.1", "Yes"),
    ("CEK-03.1", "No"),
    ("CEK-12.1", "Yes"),
    ("DSP-07.1", "Yes"),
    ("GRC-05.1", "Yes"),
    ("IAM-02.1", "Yes"),
    ("IAM-14.1", "Yes"),
    ("LOG-01.1", "NA"),
    ("UEM-01.1", "Yes"),
    ("TVM-01.1", "Yes"),
    ("SEF-01.1", "Yes"),
    ("BCR-08.1", "Yes"),
    ("HRS-11.1", "No"),
];

pub(super) fn caiq_v4() -> ForeignReading {
    let header = ["Question ID", "Question", "CSP CAIQ Answer", "CSP Implementation Description"];
    reading(&mut single_sheet(
        "CAIQv4.0.2",
        &["Consensus Assessment Initiative Questionnaire v4.0.2"],
        &header,
        &CAIQ_V4,
    ))
}

#[test]
fn a_caiq_v4_is_recognised_by_its_ids_and_scored_through_the_crosswalk() {
    let read = caiq_v4();
    assert_eq!(read.recognised.family, Family::CaiqV4);
    assert_eq!(read.recognised.version.as_deref(), Some("4.0.2"));
    assert_eq!(read.recognised.name(), "CSA CAIQ v4.0.2");
    assert_eq!(read.report.answers.len(), CAIQ_V4.len(), "{:?}", read.report);
    let crosswalk = super::crosswalk::crosswalk("caiq-v4").unwrap();
    // Each question carries its control's row, with its points spread over the controls.
    let question = read.template.question("IAM-02.1").unwrap();
    let controls = crosswalk.lookup("IAM-02").unwrap();
    assert_eq!(question.iso, controls);
    assert_eq!(question.weight(), 10.0 / controls.len() as f64);
    assert!(matches!(&read.mapping[6].source, MappingSource::Crosswalk { file } if file == "caiq-v4.csv"));
    // Coverage: exactly the controls the answered (not n/a) ids map to.
    let mut expected: Vec<&str> = CAIQ_V4
        .iter()
        .filter(|(_, answer)| *answer != "NA")
        .flat_map(|(id, _)| crosswalk.lookup(id).unwrap().iter().map(String::as_str))
        .collect();
    expected.sort();
    expected.dedup();
    assert_eq!(read.coverage.controls_covered, expected.len());
    assert_eq!(read.coverage.controls_not_covered, 93 - expected.len());
    let cek = crosswalk.lookup("CEK-03").unwrap()[0].as_str();
    assert_eq!(read.coverage.control(cek).unwrap().status, ControlStatus::NonCompliant, "CEK-03.1 said No");
    assert!(read.coverage.confidence > 0.0 && read.coverage.confidence <= 1.0);
    assert!(read.coverage.explanation[0].contains("14 of 14 questions count"), "{:?}", read.coverage.explanation);
    assert!(read.coverage.explanation.iter().any(|l| l.contains("IAM-02.1 'yes'")));
    let point_d = read.coverage.nis2_points.iter().find(|p| p.id == "21(2)(d)").unwrap();
    assert!(point_d.controls > 0 && point_d.covered <= point_d.controls);
}

#[test]
fn a_caiq_v3_with_x_marks_is_told_from_v4_by_its_domains() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("CSA CAIQ v3.0.1").unwrap();
    rows(
        sheet,
        0,
        &[&[
            "Control Group",
            "CGID",
            "Question ID",
            "Consensus Assessment Questions",
            "Consensus Assessment Answers",
            "",
            "",
            "Notes",
        ]],
    );
    rows(sheet, 1, &[&["", "", "", "", "Yes", "No", "Not Applicable", ""]]);
    let ids = [
        "AIS-01.1", "AAC-02.1", "DSI-01.1", "EKM-03.1", "GRM-06.1", "MOS-01.1", "MOS-11.1", "IAM-12.1", "IVS-06.1",
        "SEF-02.1", "STA-05.1", "TVM-02.1",
    ];
    let texts: Vec<String> = ids.iter().map(|id| text(id)).collect();
    for (i, (id, question)) in ids.iter().zip(&texts).enumerate() {
        let group = &id[..6];
        let mark = if i % 4 == 3 { ["", "X", ""] } else { ["X", "", ""] };
        rows(sheet, 2 + i as u32, &[&["Domain", group, id, question, mark[0], mark[1], mark[2], ""]]);
    }
    let read = reading(&mut book);
    assert_eq!(read.recognised.family, Family::CaiqV3, "{:?}", read.recognised);
    assert_eq!(read.recognised.version.as_deref(), Some("3.0.1"));
    assert_eq!(read.report.answers.len(), ids.len());
    assert!(read.coverage.controls_covered > 5);
}

/// A HECVAT-like answer sheet: banner, version, sections repeated inside the table.
fn hecvat(banner: &str, version: &str, ids: &[(&str, &str)]) -> Workbook {
    let mut book = Workbook::new();
    let name: String = banner.chars().take(31).collect();
    let sheet = book.add_worksheet().set_name(name.trim()).unwrap();
    rows(sheet, 0, &[&[banner, "", "", version], &["Vendor Response"]]);
    let mut at = 2;
    let mut section = "";
    for (id, answer) in ids {
        if &id[..4] != section {
            section = &id[..4];
            rows(sheet, at, &[&[&format!("Section {section}"), "", "Answer", "Additional Information"]]);
            at += 1;
        }
        let question = text(id);
        rows(sheet, at, &[&[id, &question, answer, "see our policy"]]);
        at += 1;
    }
    book
}

const HECVAT_3: [(&str, &str); 14] = [
    ("AAAI-01", "Yes"),
    ("AAAI-02", "Yes"),
    ("AAAI-03", "No"),
    ("APPL-01", "Yes"),
    ("APPL-03", "Yes"),
    ("BCPL-01", "Yes"),
    ("BCPL-02", "Yes"),
    ("DRPL-02", "Yes"),
    ("QLAS-01", "Yes"),
    ("QUAL-03", "Yes"),
    ("THRD-01", "Yes"),
    ("VULN-01", "Yes"),
    // Ids of a later release our crosswalk file does not know yet.
    ("AAAI-31", "Yes"),
    ("AAAI-32", "Yes"),
];

#[test]
fn a_hecvat_3_reads_its_own_crosswalk_sheet_and_translates_2013_numbers() {
    let mut book = hecvat("HECVAT - Full | Vendor Response", "Version 3.06", &HECVAT_3);
    let crosswalk = book.add_worksheet().set_name("Standards Crosswalk").unwrap();
    rows(crosswalk, 0, &[&["Standards Crosswalk"], &[], &["ID", "Qualifiers", "ISO 27002:27013", "NIST"]]);
    rows(
        crosswalk,
        3,
        &[
            &["AAAI-31", "", "9.2.1, 9.4.2", "IA-2"],
            &["AAAI-32", "", "A.10.1.1; 19.9.9", ""],
            &["APPL-01", "", " ", ""],
            &["AAAI-01", "", "18.1.1, 5.1.1, 6.1.1, 7.1.1", ""],
        ],
    );
    let read = reading(&mut book);
    assert_eq!(read.recognised.family, Family::Hecvat3, "{:?}", read.recognised);
    assert_eq!(read.recognised.version.as_deref(), Some("3.06"));
    assert_eq!(read.recognised.edition.as_deref(), Some("Full"));
    assert_eq!(read.recognised.name(), "EDUCAUSE HECVAT 3.06 Full");
    // Ids our file does not know take the workbook's own mapping, translated from 2013 to 2022.
    assert_eq!(read.template.question("AAAI-31").unwrap().iso, ["5.16", "8.5"]);
    assert_eq!(read.template.question("AAAI-32").unwrap().iso, ["8.24"]);
    let source = &read.mapping.iter().find(|m| m.question_id == "AAAI-31").unwrap().source;
    assert!(matches!(source, MappingSource::Workbook { read_from } if read_from.contains("Standards Crosswalk!C")));
    assert!(read.report.notes.iter().any(|n| n.contains("Standards Crosswalk!C5: 19.9.9")), "{:?}", read.report.notes);
    // The workbook is the supplier's: for ids our file knows, our file decides.
    let shipped = super::crosswalk::crosswalk("hecvat-3").unwrap();
    assert_eq!(read.template.question("AAAI-01").unwrap().iso, shipped.lookup("AAAI-01").unwrap());
    assert_eq!(read.template.question("APPL-01").unwrap().iso, shipped.lookup("APPL-01").unwrap());
}

#[test]
fn a_hecvat_lite_of_shared_ids_goes_by_the_version_it_prints() {
    let shared = [
        ("AAAI-01", "Yes"),
        ("AAAI-02", "Yes"),
        ("AAAI-03", "Yes"),
        ("AAAI-04", "Yes"),
        ("AAAI-05", "No"),
        ("APPL-01", "Yes"),
        ("CHNG-01", "Yes"),
        ("DATA-01", "Yes"),
        ("DCTR-01", "Yes"),
        ("FIDP-01", "Yes"),
        ("PPPR-01", "Yes"),
        ("VULN-01", "Yes"),
    ];
    let lite = reading(&mut hecvat("HECVAT - Lite | Vendor Response", "Version 3.03", &shared));
    assert_eq!((lite.recognised.family, lite.recognised.edition.as_deref()), (Family::Hecvat3, Some("Lite")));
    let four = reading(&mut hecvat("HECVAT Solution Provider Response", "HECVAT 4.1.2", &shared));
    assert_eq!(four.recognised.family, Family::Hecvat4, "{:?}", four.recognised);
    assert_eq!(four.recognised.version.as_deref(), Some("4.1.2"));
}

#[test]
fn a_hecvat_4_is_told_by_its_own_sections() {
    let ids = [
        ("AAAI-01", "Yes"),
        ("AIML-01", "Yes"),
        ("DRPV-01", "Yes"),
        ("DRPV-02", "No"),
        ("OPEM-01", "Yes"),
        ("OPEM-02", "Yes"),
        ("PRPO-01", "Yes"),
        ("PRPO-02", "Yes"),
        ("APPL-06", "Yes"),
        ("APPL-07", "Yes"),
        ("CHNG-01", "Yes"),
        ("VULN-01", "Yes"),
    ];
    let read = reading(&mut hecvat("Organization", "", &ids));
    assert_eq!(read.recognised.family, Family::Hecvat4, "{:?}", read.recognised);
    assert_eq!(read.recognised.version, None, "no version is printed, none is made up");
}

#[test]
fn statements_of_applicability_map_by_control_number_in_either_edition() {
    let controls: Vec<String> =
        crate::catalogues().iso_controls().iter().take(30).map(|c| format!("A.{}", c.id)).collect();
    let answered: Vec<(&str, &str)> = controls.iter().map(|c| (c.as_str(), "Yes")).collect();
    let header = ["Control", "Control title", "Implemented", "Justification"];
    let read = reading(&mut single_sheet("SoA", &["Statement of Applicability"], &header, &answered));
    assert_eq!((read.recognised.family, read.recognised.version.as_deref()), (Family::Soa, Some("2022")));
    assert_eq!(read.coverage.controls_covered, 30);
    assert_eq!(read.coverage.controls_compliant, 30);
    assert!(read.coverage.confidence > 0.99, "one control per question is the strongest evidence");
    let old = [
        "A.9.2.1", "A.9.2.2", "A.9.2.3", "A.9.4.2", "A.10.1.1", "A.12.3.1", "A.12.4.1", "A.12.6.1", "A.16.1.1",
        "A.17.1.1", "A.18.2.3",
    ];
    let answered: Vec<(&str, &str)> = old.iter().map(|c| (*c, "Yes")).collect();
    let read = reading(&mut single_sheet("SoA 2013", &[], &header, &answered));
    assert_eq!((read.recognised.family, read.recognised.version.as_deref()), (Family::Soa, Some("2013")));
    assert_eq!(read.template.question("A.18.2.3").unwrap().iso, ["5.36", "8.8"]);
    assert!(read.coverage.control("8.2").is_some_and(|c| c.status == ControlStatus::Compliant));
}

#[test]
fn an_unknown_questionnaire_is_read_but_nothing_is_guessed() {
    let answered: Vec<(String, &str)> = (1..=15).map(|i| (format!("VQ-{i:02}"), "Yes")).collect();
    let answered: Vec<(&str, &str)> = answered.iter().map(|(id, a)| (id.as_str(), *a)).collect();
    let read =
        reading(&mut single_sheet("Vendor questions", &[], &["Ref", "Question", "Response", "Notes"], &answered));
    assert_eq!(read.recognised.family, Family::Unknown);
    assert!(read.recognised.evidence[0].contains("no crosswalk knows"), "{:?}", read.recognised);
    assert_eq!(read.coverage.questions_mapped, 0);
    assert_eq!(read.coverage.controls_covered, 0);
    assert!(read.mapping.iter().all(|m| matches!(m.source, MappingSource::NotMapped { .. })));
    assert!(read.template.questions().all(|q| !q.is_scored()));
}

#[test]
fn every_foreign_template_is_a_valid_template() {
    for read in [caiq_v4(), reading(&mut hecvat("HECVAT - Full | Vendor Response", "Version 3.06", &HECVAT_3))] {
        let problems = crate::template::validate(&read.template, crate::catalogues());
        assert!(problems.is_empty(), "{problems:?}");
    }
}

#[test]
fn whatever_the_file_holds_its_template_is_valid() {
    // Control characters, empty and repeated section titles with the same letters, formulas.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Vendor").unwrap();
    rows(sheet, 0, &[&["ID", "Question", "Answer", "Notes"]]);
    let mut at = 1;
    for s in 0..40 {
        rows(sheet, at, &[&[&format!("Section\u{7}{}\u{0}", s % 3), "", "", ""]]);
        at += 1;
        for q in 1..=2 {
            let id = format!("IAM-{:02}.{}", s % 16 + 1, s / 16 * 2 + q);
            let formula = if q == 2 && s % 5 == 0 { "=HYPERLINK(\"x\") " } else { "" };
            let text = format!("{formula}Is the practice\u{1b}[31m {id} \u{feff}asks about\u{8} in place?");
            rows(sheet, at, &[&[&id, &text, "Yes", "\u{0}"]]);
            at += 1;
        }
    }
    let read = reading(&mut book);
    let problems = crate::template::validate(&read.template, crate::catalogues());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(read.template.questions().all(|q| !q.text.chars().any(|c| c.is_control())));
}

#[test]
fn ids_that_only_look_like_a_family_do_not_make_one() {
    // A vendor's own questionnaire numbered DATA-01...: HECVAT has those ids, but from one
    // section and without its name, it is not HECVAT.
    let ids: Vec<String> = (1..=15).map(|i| format!("DATA-{i:02}")).collect();
    let answered: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), "Yes")).collect();
    let header = ["ID", "Question", "Answer", "Notes"];
    let read = reading(&mut single_sheet("Data protection", &["Our data questionnaire"], &header, &answered));
    assert_eq!(read.recognised.family, Family::Unknown, "{:?}", read.recognised);
    assert!(read.recognised.evidence[0].contains("only from 1 of its sections"), "{:?}", read.recognised);
    // The same ids under the family's own name are that family.
    let named = reading(&mut single_sheet("Data protection", &["HECVAT - Lite | Version 3.06"], &header, &answered));
    assert_eq!(named.recognised.family, Family::Hecvat3, "{:?}", named.recognised);
}
