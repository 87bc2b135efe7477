//! Foreign layouts, each built here to reproduce one trait of real supplier workbooks (the
//! real files may not be copied into the repository): headers below a title, two-row headers
//! with X marks, sections repeated inside the table, merged cells, hidden sheets, ids stored as
//! numbers or with debris, trailing boilerplate, declared dimensions, CSV habits.
use super::import::{ImportChoices, analyse};
use super::layout::AnswerColumns;
use super::{Limits, read_workbook};
use crate::{AnswerValue, Template};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

pub(crate) fn read(workbook: &mut Workbook) -> super::Workbook {
    read_workbook(&workbook.save_to_buffer().unwrap(), &Limits::default()).unwrap()
}

pub(crate) fn rows(sheet: &mut Worksheet, first_row: u32, rows: &[&[&str]]) {
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(first_row + r as u32, c as u16, *text).unwrap();
            }
        }
    }
}

/// A small template whose questions also answer to foreign ids (external references).
pub(super) fn template() -> Template {
    let yaml = r#"
slug: vendor-check
title: Vendor check
version: 1
description: Test template
sections:
  - id: GOV
    title: Governance
    questions:
      - {id: GOV-01, text: "Is there a security policy?", answer: yes_no_na, importance: standard, compliant: [yes], iso: ["5.1"], external: [{scheme: vendor, id: "SEC-1.1"}]}
      - {id: GOV-02, text: "Are roles assigned?", answer: yes_no_na, importance: standard, compliant: [yes], iso: ["5.2"], external: [{scheme: vendor, id: "SEC-1.2"}]}
      - {id: GOV-03, text: "Is there a risk register?", answer: yes_no_na, importance: standard, compliant: [yes], iso: ["5.7"], external: [{scheme: vendor, id: "SEC-2.1"}]}
"#;
    Template::from_yaml("vendor-check.yaml", yaml, crate::catalogues()).expect("test template")
}

#[test]
fn a_header_below_titles_with_answers_in_german() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Fragebogen").unwrap();
    sheet.merge_range(0, 0, 0, 3, "Lieferantenbewertung 2027", &Format::new()).unwrap();
    rows(
        sheet,
        2,
        &[
            &["ID", "Frage", "Antwort", "Bemerkung"],
            &["SEC-1.1", "Gibt es eine Informationssicherheitsrichtlinie?", "Ja", "seit 2019"],
            &["SEC-1.2", "Sind Rollen und Verantwortlichkeiten zugewiesen?", "Nein", ""],
            &["SEC-2.1", "Wird ein Risikoregister geführt?", "Vielleicht", ""],
            &["SEC-9.9", "Gibt es eine Frage, die niemand kennt?", "Ja", ""],
            &[],
            &["Vielen Dank für Ihre Antworten.", "", "", ""],
            &["Unterschrift: ____________", "", "", ""],
        ],
    );
    let workbook = read(&mut book);
    let report = analyse(&workbook, Some(&template()), &ImportChoices::default()).unwrap();
    let layout = &report.columns.sheets[0];
    assert_eq!((layout.header_rows.clone(), layout.id, layout.question, layout.comment), (vec![2], 0, 1, Some(3)));
    assert_eq!(layout.answer, AnswerColumns::Single { column: 2 });
    assert_eq!(report.rows.len(), 4, "boilerplate below the table is not a question");
    let values: Vec<(&str, &AnswerValue)> = report.answers.iter().map(|a| (a.question_id.as_str(), &a.value)).collect();
    assert_eq!(values, [("GOV-01", &AnswerValue::Yes), ("GOV-02", &AnswerValue::No)]);
    assert_eq!(report.answers[0].comment.as_deref(), Some("seit 2019"));
    let invalid: Vec<String> = report.invalid.iter().map(|p| p.to_string()).collect();
    assert_eq!(invalid, ["Fragebogen!C6: \"Vielleicht\" is not one of yes, no, partial, n/a"]);
    assert_eq!(report.unmatched.len(), 1);
    assert_eq!((report.unmatched[0].cell.as_str(), report.unmatched[0].id.as_str()), ("Fragebogen!A7", "SEC-9.9"));
}

#[test]
fn x_marks_under_a_two_row_header_with_repeated_sections() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Read me").unwrap().write_string(0, 0, "Mark one answer per row with an X.").unwrap();
    let sheet = book.add_worksheet().set_name("Controls").unwrap();
    sheet.merge_range(0, 2, 0, 4, "Supplier response", &Format::new()).unwrap();
    rows(
        sheet,
        1,
        &[
            &["Ref", "Requirement", "Yes", "No", "N/A", "Notes"],
            &["Policies", "", "", "", "", ""],
            &["SEC-1.1", "A security policy is approved by management.", "x", "", "", ""],
            &["SEC-1.2", "Security roles are assigned and documented.", "", "X", "", "planned Q3"],
            &["Risk", "", "", "", "", ""],
            &["SEC-2.1", "A risk register is kept and reviewed yearly.", "X", "X", "", ""],
        ],
    );
    let hidden = book.add_worksheet().set_name("lists").unwrap();
    hidden.set_hidden(true);
    rows(
        hidden,
        0,
        &[
            &["X-1", "Some list entry that looks like a question text"],
            &["X-2", "Another entry long enough"],
            &["X-3", "And a third entry in the list"],
        ],
    );
    let workbook = read(&mut book);
    let report = analyse(&workbook, Some(&template()), &ImportChoices::default()).unwrap();
    assert_eq!(report.columns.sheets.len(), 1, "the hidden list is not a questionnaire");
    let layout = &report.columns.sheets[0];
    assert_eq!(layout.header_rows, vec![0, 1]);
    assert_eq!(layout.answer, AnswerColumns::Marks { yes: 2, no: 3, na: Some(4), partial: None });
    assert_eq!(layout.comment, Some(5));
    let sections: Vec<Option<&str>> = report.rows.iter().map(|r| r.section.as_deref()).collect();
    assert_eq!(sections, [Some("Policies"), Some("Policies"), Some("Risk")]);
    let values: Vec<&AnswerValue> = report.answers.iter().map(|a| &a.value).collect();
    assert_eq!(values, [&AnswerValue::Yes, &AnswerValue::No]);
    assert_eq!(report.answers[1].comment.as_deref(), Some("planned Q3"));
    assert_eq!(report.invalid.len(), 1);
    assert!(report.invalid[0].message.contains("Yes and No"), "{}", report.invalid[0]);
}

#[test]
fn numeric_ids_merged_cells_debris_and_a_declared_million_rows() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("SoA").unwrap();
    rows(sheet, 0, &[&["Control", "Section", "Description", "Implemented"]]);
    let controls = [
        (5.8, "5.8 Information security in project management"),
        (5.9, "Inventory of information and other assets"),
        (5.1, "Acceptable use of information and other assets"),
        (5.11, "5.11 Return of assets"),
    ];
    for (i, (number, text)) in controls.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, *number).unwrap();
        sheet.write_string(row, 2, *text).unwrap();
        sheet.write_string(row, 3, "Yes").unwrap();
    }
    // The section name only in the top-left cell of a merged range.
    sheet.merge_range(1, 1, 4, 1, "Organizational controls", &Format::new()).unwrap();
    sheet.write_string(5, 0, "\u{feff}AIS-\u{a0}02.2").unwrap();
    sheet.write_string(5, 2, "Application security requirements are defined.").unwrap();
    sheet.write_string(5, 3, "\u{a0}Yes ").unwrap();
    sheet.write_blank(1_000_000, 5, &Format::new().set_bold()).unwrap();
    let workbook = read(&mut book);
    assert!(workbook.sheets[0].rows.len() < 10, "a formatted blank cell far below is not content");
    let report = analyse(&workbook, None, &ImportChoices::default()).unwrap();
    let ids: Vec<&str> = report.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["5.8", "5.9", "5.10", "5.11", "AIS-02.2"], "5.10 stored as 5.1 is recovered");
    assert_eq!(report.rows[2].answer.as_deref(), Some("Yes"));
    assert_eq!(report.rows[4].answer.as_deref(), Some("Yes"), "non-breaking spaces are cleaned");
}

#[test]
fn csv_with_semicolons_a_byte_order_mark_and_windows_encoding() {
    let mut bytes = b"\xEF\xBB\xBFNr.;Frage;Antwort;Kommentar\r\n".to_vec();
    bytes.extend_from_slice(
        "SEC-1.1;\"Gibt es eine Richtlinie; genehmigt?\";Ja;\"mit \"\"Freigabe\"\"\"\r\n".as_bytes(),
    );
    bytes.extend_from_slice(b"SEC-1.2;Sind Rollen zugewiesen und dokumentiert?;Nein;\r\n");
    let workbook = read_workbook(&bytes, &Limits::default()).unwrap();
    let report = analyse(&workbook, Some(&template()), &ImportChoices::default()).unwrap();
    assert_eq!(report.answers.len(), 2, "{:?}", report.invalid);
    assert_eq!(report.answers[0].comment.as_deref(), Some("mit \"Freigabe\""));
    assert_eq!(report.missing, ["GOV-03"]);

    let latin: Vec<u8> = b"Ref,Question,Answer\r\nSEC-2.1,Wird ein Risikoregister gef\xfchrt und gepr\xfcft?,oui\r\nSEC-1.1,Existe-t-il une politique de s\xe9curit\xe9 ?,non\r\nSEC-1.2,Les r\xf4les sont-ils attribu\xe9s ?,N/A\r\n".to_vec();
    let workbook = read_workbook(&latin, &Limits::default()).unwrap();
    let report = analyse(&workbook, Some(&template()), &ImportChoices::default()).unwrap();
    assert!(report.rows[0].question.contains("geführt"), "{}", report.rows[0].question);
    let values: Vec<&AnswerValue> = report.answers.iter().map(|a| &a.value).collect();
    assert_eq!(values, [&AnswerValue::Yes, &AnswerValue::No, &AnswerValue::NotApplicable]);
}

#[test]
fn a_profile_maps_ids_the_template_does_not_know() {
    let bytes =
        b"Id,Question,Answer\nQ-17,Do you keep a register of risks?,Yes\nQ-18,Is there something else entirely?,No\n";
    let workbook = read_workbook(bytes, &Limits::default()).unwrap();
    let mut choices = ImportChoices::default();
    choices.mapping.insert("q-17".into(), "GOV-03".into());
    let report = analyse(&workbook, Some(&template()), &choices).unwrap();
    assert_eq!(report.answers.len(), 1);
    assert_eq!((report.answers[0].question_id.as_str(), &report.answers[0].value), ("GOV-03", &AnswerValue::Yes));
    assert_eq!(report.unmatched.len(), 1, "Q-18 is listed, not dropped");
}

#[test]
fn a_statement_of_applicability_maps_onto_annex_a_controls() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("SoA").unwrap();
    rows(
        sheet,
        0,
        &[
            &["Control", "Control title", "Applicable", "Implementation status", "Justification"],
            &["A.5.1", "Policies for information security", "Yes", "Implemented", "Approved by the board"],
            &["5.2", "Information security roles and responsibilities", "Yes", "Partially implemented", ""],
            &["A.7.5", "Protecting against physical and environmental threats", "No", "", "No premises of our own"],
            &["A.8.24", "Use of cryptography", "Yes", "Planned", ""],
        ],
    );
    let workbook = read(&mut book);
    let soa = crate::shipped_template(crate::soa::SOA_SLUG).expect("the SoA template ships");
    let report = analyse(&workbook, Some(soa), &ImportChoices::default()).unwrap();
    let layout = &report.columns.sheets[0];
    assert_eq!(
        (layout.applicable, layout.answer.clone(), layout.comment),
        (Some(2), AnswerColumns::Single { column: 3 }, Some(4))
    );
    let values: Vec<(&str, &AnswerValue)> = report.answers.iter().map(|a| (a.question_id.as_str(), &a.value)).collect();
    assert_eq!(
        values,
        [
            ("A.5.1", &AnswerValue::Yes),
            ("A.5.2", &AnswerValue::Partial),
            ("A.7.5", &AnswerValue::NotApplicable),
            ("A.8.24", &AnswerValue::No)
        ]
    );
    assert_eq!(report.answers[2].comment.as_deref(), Some("No premises of our own"));
    assert_eq!(report.missing.len(), 93 - 4, "the other controls are missing, not guessed");
}
