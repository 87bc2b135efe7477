//! One workbook per way the importer once read real questionnaires wrong, each built here with
//! our own texts (the real files may not be copied): banners and paragraphs above the header,
//! header rows repeated per section, two-row merged headers with marks, group ids beside
//! question ids, crosswalks, change logs and summaries beside the questionnaire, applicability
//! columns, ids kept as numbers, numbered and explained answers, several rows of one control.
use super::import::{ImportChoices, analyse};
use super::layout::AnswerColumns;
use super::report::ImportReport;
use super::tests_foreign::{read, rows, template};
use crate::AnswerValue;
use rust_xlsxwriter::{Format, Workbook};

fn detected(book: &mut Workbook) -> ImportReport {
    analyse(&read(book), None, &ImportChoices::default()).expect("the layout is detected")
}

fn matched(book: &mut Workbook) -> ImportReport {
    analyse(&read(book), Some(&template()), &ImportChoices::default()).expect("the layout is detected")
}

fn values(report: &ImportReport) -> Vec<(&str, &AnswerValue)> {
    report.answers.iter().map(|a| (a.question_id.as_str(), &a.value)).collect()
}

#[test]
fn a_banner_and_an_introduction_above_the_header_are_not_the_header() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Review").unwrap();
    sheet.merge_range(0, 0, 0, 4, "Supplier security review", &Format::new()).unwrap();
    let intro = "Please answer every question below. Explain each answer in the additional information column, and read the guidance before you answer.";
    rows(sheet, 1, &[&[intro, "", "", "", "Version 2.1"]]);
    let guidance =
        "Describe how the policy is approved, who owns it, how often it is reviewed and where staff can find it.";
    rows(
        sheet,
        3,
        &[
            &["Ref", "Question", "Response", "Additional information", "Guidance"],
            &["SEC-1.1", "Is there a security policy?", "Yes", "Approved by the board in 2026", guidance],
            &["SEC-1.2", "Are security roles assigned?", "No", "", guidance],
            &["SEC-2.1", "Is a risk register kept?", "Yes", "Reviewed every quarter", guidance],
        ],
    );
    let report = matched(&mut book);
    let layout = &report.columns.sheets[0];
    assert_eq!(layout.header_rows, [3], "{}", report.layout);
    assert_eq!((layout.question, layout.comment, layout.guidance), (1, Some(3), Some(4)));
    assert_eq!(
        values(&report),
        [("GOV-01", &AnswerValue::Yes), ("GOV-02", &AnswerValue::No), ("GOV-03", &AnswerValue::Yes)]
    );
    assert_eq!(report.answers[0].comment.as_deref(), Some("Approved by the board in 2026"));
    assert_eq!(report.rows[0].guidance.as_deref(), Some(guidance));
}

#[test]
fn header_rows_repeated_per_section_are_the_header_and_a_row_above_them_is_read() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Vendor Response").unwrap();
    rows(sheet, 0, &[&["Vendor Response"], &["DATE-01", "Date", "2027-01-15"]]);
    fn section(name: &str) -> [&str; 5] {
        [name, "", "Vendor answers", "Additional information", "Guidance"]
    }
    let (governance, risk) = (section("Governance"), section("Risk management"));
    rows(
        sheet,
        3,
        &[
            &governance,
            &["SEC-1.1", "Is there an approved security policy?", "Yes", "Since 2019", "Attach the policy."],
            &["SEC-1.2", "Are security roles assigned to named people?", "No", "", "Name the roles."],
            &risk,
            &["SEC-2.1", "Do you keep a register of risks and owners?", "Yes", "Reviewed monthly", ""],
        ],
    );
    let report = matched(&mut book);
    let layout = &report.columns.sheets[0];
    assert_eq!((layout.header_rows.clone(), layout.repeated_headers.clone()), (vec![3], vec![6]), "{}", report.layout);
    assert_eq!(
        (layout.answer.clone(), layout.comment, layout.guidance),
        (AnswerColumns::Single { column: 2 }, Some(3), Some(4))
    );
    let rows: Vec<(&str, Option<&str>, Option<&str>)> =
        report.rows.iter().map(|r| (r.id.as_str(), r.section.as_deref(), r.answer.as_deref())).collect();
    assert_eq!(
        rows,
        [
            ("DATE-01", Some("Vendor Response"), Some("2027-01-15")),
            ("SEC-1.1", Some("Governance"), Some("Yes")),
            ("SEC-1.2", Some("Governance"), Some("No")),
            ("SEC-2.1", Some("Risk management"), Some("Yes")),
        ]
    );
    assert_eq!(report.answers[2].comment.as_deref(), Some("Reviewed monthly"));
}

#[test]
fn a_two_row_merged_header_with_group_ids_marks_and_notes() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Questionnaire").unwrap();
    let plain = Format::new();
    for (col, title) in
        [(0, "Control ID"), (1, "Question ID"), (2, "Control specification"), (3, "Questions"), (7, "Notes")]
    {
        sheet.merge_range(0, col, 1, col, title, &plain).unwrap();
    }
    sheet.merge_range(0, 4, 0, 6, "Answers", &plain).unwrap();
    rows(sheet, 1, &[&["", "", "", "", "Yes", "No", "Not Applicable", ""]]);
    let specification = "The organisation shall define, approve and review its security policies at planned intervals.";
    sheet.merge_range(2, 0, 4, 0, "SEC-1", &plain).unwrap();
    sheet.merge_range(2, 2, 4, 2, specification, &plain).unwrap();
    sheet.write_string(5, 0, "SEC-2").unwrap();
    sheet.write_string(5, 2, "Risks shall be assessed and treated.").unwrap();
    rows(
        sheet,
        2,
        &[
            &["", "SEC-1.1", "", "Is there an approved security policy?", "X", "", "", "Board approval 2026"],
            &["", "SEC-1.2", "", "Are security roles assigned to named people?", "", "", "x", ""],
            &["", "SEC-1.3", "", "Are the policies reviewed every year?", "X", "X", "", ""],
            &["", "SEC-2.1", "", "Do you keep a register of risks and owners?", "", "x", "", ""],
        ],
    );
    let report = matched(&mut book);
    let layout = &report.columns.sheets[0];
    assert_eq!(layout.header_rows, [0, 1], "{}", report.layout);
    assert_eq!((layout.id, layout.question, layout.comment), (1, 3, Some(7)), "{}", report.layout);
    assert_eq!(layout.answer, AnswerColumns::Marks { yes: 4, no: 5, na: Some(6), partial: None });
    assert_eq!(
        values(&report),
        [("GOV-01", &AnswerValue::Yes), ("GOV-02", &AnswerValue::NotApplicable), ("GOV-03", &AnswerValue::No)]
    );
    assert_eq!(report.answers[0].comment.as_deref(), Some("Board approval 2026"));
    let invalid: Vec<String> = report.invalid.iter().map(ToString::to_string).collect();
    assert_eq!(invalid, ["Questionnaire!E5: marked under Yes and No at once; mark one answer"]);
    assert_eq!(report.rows.len(), 4, "one row per question id, none read twice");
}

#[test]
fn crosswalks_change_logs_and_summaries_beside_the_questionnaire_are_left_out() {
    let mut book = Workbook::new();
    let questions = [
        ("SEC-1.1", "Is there an approved security policy?", "Yes"),
        ("SEC-1.2", "Are security roles assigned to named people?", "No"),
        ("SEC-2.1", "Do you keep a register of risks and owners?", "Yes"),
        ("SEC-2.2", "Are risks reviewed at least once a year?", "Yes"),
    ];
    let main = book.add_worksheet().set_name("Questions").unwrap();
    rows(main, 0, &[&["Group", "ID", "Question", "Answer"]]);
    for (i, (id, text, answer)) in questions.iter().enumerate() {
        rows(main, i as u32 + 1, &[&[&id[..5], id, text, answer]]);
    }
    let crosswalk = book.add_worksheet().set_name("Mapping").unwrap();
    rows(crosswalk, 0, &[&["ID", "Related requirements in other standards", "Answer"]]);
    for (i, (id, _, _)) in questions.iter().enumerate() {
        let text = format!("Compare with the policy clauses of the other frameworks, item {i}");
        rows(crosswalk, i as u32 + 1, &[&[id, &text, ""]]);
    }
    let log = book.add_worksheet().set_name("History").unwrap();
    rows(log, 0, &[&["Version", "Date", "Control", "Description of the change"]]);
    for (i, group) in ["SEC-1", "SEC-2", "SEC-1"].iter().enumerate() {
        rows(log, i as u32 + 1, &[&["2.0", "2026-05-01", group, "Wording of the question made clearer for suppliers"]]);
    }
    let summary = book.add_worksheet().set_name("Overview").unwrap();
    rows(summary, 0, &[&["Question", "Answer", "Framework ref"]]);
    for (i, (_, text, answer)) in questions.iter().enumerate() {
        rows(summary, i as u32 + 1, &[&[text, answer, &format!("PR.AC-{i}")]]);
    }
    let report = detected(&mut book);
    let sheets: Vec<&str> = report.columns.sheets.iter().map(|s| s.sheet.as_str()).collect();
    assert_eq!(sheets, ["Questions"], "{}", report.layout);
    assert_eq!(report.rows.len(), 4);
    let skipped: Vec<(&str, &str)> =
        report.columns.skipped.iter().map(|s| (s.sheet.as_str(), s.reason.split(' ').nth(1).unwrap_or(""))).collect();
    assert_eq!(skipped, [("Mapping", "ids"), ("History", "ids"), ("Overview", "repeats")], "{}", report.layout);
}

#[test]
fn applicability_columns_are_not_answers_on_a_blank_questionnaire() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Blank").unwrap();
    rows(
        sheet,
        0,
        &[
            &["ID", "Question", "SaaS", "On-prem", "Answer", "Comments"],
            &["SEC-1.1", "Is there an approved security policy?", "Y", "Y", "", ""],
            &["SEC-1.2", "Are security roles assigned to named people?", "Y", "N", "", ""],
            &["SEC-2.1", "Do you keep a register of risks and owners?", "Y", "Y", "", ""],
        ],
    );
    let report = matched(&mut book);
    assert_eq!(report.columns.sheets[0].answer, AnswerColumns::Single { column: 4 }, "{}", report.layout);
    assert!(report.answers.is_empty() && report.invalid.is_empty());
    assert_eq!(report.unanswered, ["GOV-01", "GOV-02", "GOV-03"]);
    // Without an answer column at all, the flags are still no answers.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Blank").unwrap();
    rows(
        sheet,
        0,
        &[
            &["ID", "Question", "SaaS", "Comments"],
            &["SEC-1.1", "Is there an approved security policy?", "Y", ""],
            &["SEC-1.2", "Are security roles assigned to named people?", "N", ""],
            &["SEC-2.1", "Do you keep a register of risks and owners?", "Y", ""],
        ],
    );
    let report = matched(&mut book);
    assert_eq!(report.columns.sheets[0].answer, AnswerColumns::None, "{}", report.layout);
    assert!(report.answers.is_empty() && report.invalid.is_empty());
}

#[test]
fn ids_kept_as_numbers_read_as_the_sheet_shows_them() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("SoA").unwrap();
    rows(sheet, 0, &[&["Control", "Control title", "Implemented"]]);
    let two = Format::new().set_num_format("0.00");
    let controls: [(f64, Option<&Format>, &str); 6] = [
        (5.2, None, "Information security roles and responsibilities"),
        (5.3, None, "Segregation of duties between conflicting roles"),
        (8.1, Some(&two), "User endpoint devices are protected"),
        (5.1, None, "5.10: Acceptable use of information and assets"),
        (5.19, None, "Information security in supplier relationships"),
        (5.2, None, "Addressing security within supplier agreements"),
    ];
    for (i, (number, format, title)) in controls.iter().enumerate() {
        let row = i as u32 + 1;
        match format {
            Some(format) => sheet.write_number_with_format(row, 0, *number, format).unwrap(),
            None => sheet.write_number(row, 0, *number).unwrap(),
        };
        rows(sheet, row, &[&["", title, "Yes"]]);
    }
    let report = detected(&mut book);
    let ids: Vec<&str> = report.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["5.2", "5.3", "8.10", "5.10", "5.19", "5.20"], "{:?}", report.notes);
    assert_eq!(
        report.notes,
        [
            "SoA!A7: the number 5.2 is read as the id 5.20, which follows 5.19 in the row above; if 5.2 was meant, write the id as text"
        ]
    );
}

#[test]
fn numbered_and_explained_answers_are_read_and_long_ones_quoted_short() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Answers").unwrap();
    let rambling = format!("We are considering it {}", "and will decide later ".repeat(20));
    rows(
        sheet,
        0,
        &[
            &["Ref", "Question", "Answer"],
            &["SEC-1.1", "Is there an approved security policy?", "1) Yes"],
            &["SEC-1.2", "Are security roles assigned to named people?", "No - planned for the third quarter"],
            &["SEC-2.1", "Do you keep a register of risks and owners?", &rambling],
        ],
    );
    let report = matched(&mut book);
    assert_eq!(values(&report), [("GOV-01", &AnswerValue::Yes), ("GOV-02", &AnswerValue::No)]);
    let message = &report.invalid[0].message;
    assert!(message.starts_with("\"We are considering it and will decide later"), "{message}");
    assert!(message.contains("…\" is not one of") && message.chars().count() < 130, "{message}");
}

#[test]
fn several_rows_of_one_control_merge_into_the_least_compliant_answer() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("SoA").unwrap();
    rows(
        sheet,
        0,
        &[
            &["Control", "Requirement", "Status", "Justification"],
            &["SEC-1.1", "Information security policy documents are approved", "Yes", "Approved 2026"],
            &["SEC-1.1", "Information security policies are reviewed yearly", "Partial", "Review overdue"],
            &["SEC-1.2", "Security roles and responsibilities are allocated", "Yes", ""],
        ],
    );
    let report = matched(&mut book);
    assert_eq!(values(&report), [("GOV-01", &AnswerValue::Partial), ("GOV-02", &AnswerValue::Yes)]);
    assert_eq!(report.answers[0].comment.as_deref(), Some("Approved 2026\nReview overdue"));
    assert!(report.invalid.is_empty(), "{:?}", report.invalid);
    assert_eq!(report.rows[0].merged, ["SoA!A3"]);
    assert!(report.notes[0].starts_with("SoA!A3: another row of SEC-1.1 (first at SoA!A2)"), "{:?}", report.notes);
}

#[test]
fn a_hidden_sheet_is_read_only_when_nothing_visible_holds_questions() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Cover").unwrap().write_string(0, 0, "Security questionnaire").unwrap();
    let hidden = book.add_worksheet().set_name("Data").unwrap();
    hidden.set_hidden(true);
    rows(
        hidden,
        0,
        &[
            &["ID", "Question", "Answer"],
            &["SEC-1.1", "Is there an approved security policy?", "Yes"],
            &["SEC-1.2", "Are security roles assigned to named people?", "No"],
        ],
    );
    let report = detected(&mut book);
    assert_eq!(report.columns.sheets[0].sheet, "Data");
    assert_eq!(report.rows.len(), 2);
}
