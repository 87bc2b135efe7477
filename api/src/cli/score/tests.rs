use super::input::{Checked, Source, check};
use super::{report, text};
use chrono::NaiveDate;
use questionnaires::scoring::{AccessLevel, DataSensitivity, Rating, Substitutability};
use questionnaires::{AnswerType, AnswerValue, shipped_template, shipped_templates};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn file(name: &str, text: &str) -> Source {
    Source { name: name.into(), text: Ok(text.into()) }
}

fn checked(answers: &str) -> Checked {
    check("supplier-lite", &file("answers.json", answers), None, today()).unwrap()
}

fn problems(slug: &str, answers: &str, profile: Option<&str>) -> Vec<String> {
    let profile = profile.map(|p| file("profile.json", p));
    check(slug, &file("answers.json", answers), profile.as_ref(), today()).unwrap_err()
}

/// Every yes/no question of supplier-lite answered with its compliant answer.
fn all_compliant() -> String {
    let template = shipped_template("supplier-lite").unwrap();
    let answers: Vec<String> = template
        .questions()
        .filter(|q| q.answer == AnswerType::YesNoNa)
        .map(|q| format!("\"{}\": \"{}\"", q.id, q.compliant[0]))
        .collect();
    format!("{{\"assessed_on\": \"2026-11-01\", \"answers\": {{{}}}}}", answers.join(", "))
}

#[test]
fn all_yes_no_questions_answered_compliant_score_190_of_230_points() {
    let checked = checked(&all_compliant());
    assert_eq!(checked.answers.len(), 16);
    assert_eq!(checked.answers["DAT-02"].value, AnswerValue::No, "DAT-02 is compliant with no");
    let report = report(&checked, today());
    // 13 standard (10 points) and 3 critical (20 points) yes/no questions earn 190 points. Unanswered:
    // BAS-04 and BAS-05 (minor, 5), DAT-05, ACC-04 and INC-02 (standard, 10); BAS-03 is text.
    assert_eq!((report.points_earned, report.points_possible), (190.0, 230.0));
    assert!((report.security_score - 100.0 * 190.0 / 230.0).abs() < 1e-9, "{}", report.security_score);
    assert!((report.coverage - 100.0 * 16.0 / 21.0).abs() < 1e-9, "{}", report.coverage);
    assert!(report.failed_knock_outs.is_empty() && report.findings.is_empty());
    assert_eq!(report.inherent_risk.value, 1.0, "no supplier given: the lowest exposure");
    assert_eq!(report.rating, Rating::Low);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["rating"], "low");
}

#[test]
fn answers_may_be_objects_numbers_and_lists_and_the_profile_wins() {
    let answers = r#"{
      "supplier": {"data_sensitivity": "personal", "access_level": "network"},
      "answers": {
        "BAS-05": {"value": "iso.pdf", "comment": "scope: all",
                   "evidence": [{"name": "iso.pdf", "valid_until": "2027-01-31"}, "old.pdf"]},
        "INC-02": 4, "DAT-04": false, "ACC-04": ["last_day"], "SUB-01": "N/A"
      }}"#;
    let profile =
        r#"{"supplier": {"substitutability": "hard", "nis2_relevant": true, "highest_service_criticality": 5}}"#;
    let checked = check("supplier-lite", &file("a.json", answers), Some(&file("p.json", profile)), today()).unwrap();
    let bas05 = &checked.answers["BAS-05"];
    assert_eq!(bas05.value, AnswerValue::File("iso.pdf".into()));
    assert_eq!(bas05.evidence.len(), 2);
    assert_eq!(bas05.evidence[0].valid_until, NaiveDate::from_ymd_opt(2027, 1, 31));
    assert_eq!(checked.answers["INC-02"].value, AnswerValue::Number(4.0));
    assert_eq!(checked.answers["DAT-04"].value, AnswerValue::No);
    assert_eq!(checked.answers["ACC-04"].value, AnswerValue::Choice("last_day".into()));
    assert_eq!(checked.answers["SUB-01"].value, AnswerValue::NotApplicable);
    assert_eq!(checked.assessed_on, today(), "assessed_on defaults to today");
    let supplier = checked.supplier;
    assert_eq!(supplier.data_sensitivity, DataSensitivity::None, "the profile replaces the embedded supplier");
    assert_eq!(supplier.access_level, AccessLevel::None);
    assert_eq!(supplier.substitutability, Substitutability::Hard);
    assert!(supplier.nis2_relevant);
    assert_eq!(supplier.highest_service_criticality, Some(5));
    let report = report(&checked, today());
    assert_eq!(report.failed_knock_outs, ["DAT-04"]);
    // Inherent 0.25 x 1 + 0.20 x 1 + 0.30 x 5 + 0.10 x 5 + 0.15 x 5 = 3.2; 25 of 220 points earned.
    assert!((report.inherent_risk.value - 3.2).abs() < 1e-9, "{}", report.inherent_risk.value);
    assert_eq!((report.points_earned, report.points_possible), (25.0, 220.0));
    assert_eq!(report.rating, Rating::High, "residual 3.2 x (1 - 25/220) = 2.84");
}

#[test]
fn multi_choice_answers_are_comma_separated() {
    let answers = r#"{"answers": {"SUP-04": "cert_review, questionnaire,audit"}}"#;
    let checked = check("nis2-supplier-baseline", &file("a.json", answers), None, today()).unwrap();
    let expected = ["cert_review", "questionnaire", "audit"].map(String::from).to_vec();
    assert_eq!(checked.answers["SUP-04"].value, AnswerValue::MultiChoice(expected));
}

#[test]
fn every_problem_is_reported_at_once_with_its_place() {
    let answers = r#"{
      "assessed_on": "2026-02-30",
      "supplier": {"data_sensitivity": "secret", "highest_service_criticality": 7, "colour": "red"},
      "answers": {
        "XYZ-99": "yes", "BAS-01": "maybe", "BAS-02": null, "DAT-05": "last week", "INC-02": "a day",
        "BAS-05": {"value": "c.pdf", "evidence": [{"name": "", "valid_until": "2027-13-01"}]},
        "BAS-06": {"comment": "forgot the value"}
      },
      "answerz": {}
    }"#;
    let problems = problems("supplier-lite", answers, Some(r#"{"access_level": "root", "nis2_relevant": "yes"}"#));
    assert_eq!(
        problems,
        [
            "answers.json: answerz: unknown field (expected answers, assessed_on, supplier)",
            "answers.json: answers.BAS-01: \"maybe\" is not one of yes, no, partial, n/a",
            "answers.json: answers.BAS-02: null is not an answer (leave the question out to leave it unanswered)",
            "answers.json: answers.BAS-05.evidence[0].name: a document needs a name, e.g. \"iso-certificate.pdf\"",
            "answers.json: answers.BAS-05.evidence[0].valid_until: \"2027-13-01\" is not a date (YYYY-MM-DD)",
            "answers.json: answers.BAS-06: the answer has no \"value\"",
            "answers.json: answers.DAT-05: \"last week\" is not a date (YYYY-MM-DD)",
            "answers.json: answers.INC-02: \"a day\" is not a number",
            "answers.json: answers.XYZ-99: no such question in supplier-lite",
            "answers.json: assessed_on: \"2026-02-30\" is not a date (YYYY-MM-DD)",
            "answers.json: supplier.colour: unknown field (expected data_sensitivity, access_level, substitutability, \
             nis2_relevant, highest_service_criticality)",
            "answers.json: supplier.data_sensitivity: \"secret\" is not one of none, internal, confidential, personal, \
             special_category",
            "answers.json: supplier.highest_service_criticality: 7 is not a criticality from 1 to 5 (or null when no \
             service depends on it)",
            "profile.json: access_level: \"root\" is not one of none, data, network, privileged",
            "profile.json: nis2_relevant: expected true or false, found a string",
        ]
    );
}

#[test]
fn unknown_templates_unreadable_files_and_broken_json_are_named() {
    let missing = Source { name: "missing.json".into(), text: Err("No such file or directory (os error 2)".into()) };
    let problems = check("nis3", &missing, Some(&file("p.json", "{\n  \"access_level\": \"data\",\n}")), today());
    let slugs: Vec<&str> = shipped_templates().iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(
        problems.unwrap_err(),
        [
            format!("--template nis3: no such template (available: {})", slugs.join(", ")),
            "missing.json: cannot read: No such file or directory (os error 2)".into(),
            "p.json: invalid JSON at line 3, column 1: trailing comma".into(),
        ]
    );
    assert_eq!(problems_of("[]"), ["answers.json: expected a JSON object at the top, found a list"]);
    assert_eq!(
        problems_of("{}"),
        [r#"answers.json: answers: missing; expected {"answers": {"<question id>": "<answer>"}}"#]
    );
    let future = problems_of(r#"{"assessed_on": "2027-01-01", "answers": {}}"#);
    assert_eq!(future, ["answers.json: assessed_on: 2027-01-01 is in the future"]);
}

fn problems_of(answers: &str) -> Vec<String> {
    problems("supplier-lite", answers, None)
}

#[test]
fn the_text_report_has_scores_risk_areas_and_findings() {
    let answers =
        r#"{"supplier": {"data_sensitivity": "personal"}, "answers": {"ACC-01": "partial", "BAS-01": "yes"}}"#;
    let checked = checked(answers);
    let text = text(&report(&checked, today()), &checked, today());
    for expected in [
        "supplier-lite (v1): Supplier lite (low-tier suppliers)",
        "Security score  ",
        "Coverage        ",
        "Rating          high",
        "Residual risk   ",
        "  data sensitivity     4/5  weight 0.25  personal data",
        "  Organizational controls ",
        "  (j)   50/100  100%  Multi-factor authentication and secured communications",
        "Failed knock-outs: ACC-01",
        "  high      due 2026-12-27  ACC-01  Multi-factor authentication missing on e-mail or admin accounts",
        "Questions that cost the most points",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn the_help_names_every_shipped_template_and_json_input() {
    use clap::CommandFactory;
    let mut command = super::super::Cli::command();
    let help = command.find_subcommand_mut("score").unwrap().render_long_help().to_string();
    for template in shipped_templates() {
        assert!(help.contains(&template.slug), "{} is not in the help:\n{help}", template.slug);
    }
    assert!(help.contains("ANSWERS is a spreadsheet") && help.contains("or JSON"), "{help}");
}

#[test]
fn a_spreadsheet_scores_like_the_same_answers_in_json() {
    let dir = std::env::temp_dir().join(format!("chainward-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("answers.csv");
    // A supplier's own layout, in German, for three supplier-lite questions; one cell is wrong.
    std::fs::write(&path, "Nr.;Frage;Antwort\nACC-01;Multi-factor authentication for administrators?;Ja\nDAT-04;Are backups kept off-site and tested?;Nein\nDAT-02;Does the supplier process personal data?;Vielleicht\n").unwrap();
    let problems = super::input::spreadsheet_source(&path, "supplier-lite").unwrap().unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].ends_with("csv!C4: \"Vielleicht\" is not one of yes, no, partial, n/a"), "{problems:?}");

    std::fs::write(&path, "Nr.;Frage;Antwort\nACC-01;Multi-factor authentication for administrators?;Ja\nDAT-04;Are backups kept off-site and tested?;Nein\n").unwrap();
    let source = super::input::spreadsheet_source(&path, "supplier-lite").unwrap().unwrap();
    let from_sheet = check("supplier-lite", &source, None, today()).unwrap();
    let from_json = checked(r#"{"answers": {"ACC-01": "yes", "DAT-04": "no"}}"#);
    assert_eq!(from_sheet.answers, from_json.answers);
    assert!(super::input::spreadsheet_source(std::path::Path::new("-"), "supplier-lite").is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("chainward-score-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A CAIQ v4 answer sheet of our own texts, written to a temporary file.
fn caiq_file(dir: &std::path::Path, ids: &[(&str, &str)]) -> std::path::PathBuf {
    let rows: Vec<Vec<String>> = ids
        .iter()
        .map(|(id, answer)| vec![(*id).into(), format!("Is the practice {id} asks about in place?"), (*answer).into()])
        .collect();
    let bytes = questionnaires::sheet::export::table_workbook(
        "CAIQv4.0.2",
        &["Question ID", "Question", "CSP CAIQ Answer"],
        &rows,
    )
    .unwrap();
    let path = dir.join("caiq.xlsx");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn without_a_template_a_supplier_caiq_is_scored_through_its_crosswalk_with_its_coverage() {
    let dir = scratch("caiq");
    let ids = [
        ("A&A-01.1", "Yes"),
        ("AIS-01.1", "Yes"),
        ("BCR-08.1", "Yes"),
        ("CEK-03.1", "No"),
        ("DSP-07.1", "Yes"),
        ("GRC-05.1", "Yes"),
        ("HRS-11.1", "Yes"),
        ("IAM-02.1", "Yes"),
        ("IAM-14.1", "Yes"),
        ("LOG-01.1", "Yes"),
        ("SEF-01.1", "Yes"),
        ("UEM-01.1", "Yes"),
    ];
    let path = caiq_file(&dir, &ids);
    let read = super::foreign::read(&path, today()).unwrap();
    assert_eq!(read.recognised.name(), "CSA CAIQ v4.0.2");
    let checked =
        super::input::check_with(Ok(std::borrow::Cow::Owned(read.template.clone())), &read.answers, None, today())
            .unwrap();
    assert_eq!(checked.answers.len(), ids.len());
    let report = report(&checked, today()).with_coverage(read.coverage.clone());
    assert!(report.security_score > 50.0 && report.security_score < 100.0, "one No: {}", report.security_score);
    assert!(report.findings.iter().any(|f| f.question_id == "CEK-03.1"));
    let text = text(&report, &checked, today()) + &super::foreign::text(&read);
    assert!(text.contains("CSA CAIQ v4.0.2 recognised"), "{text}");
    let covered = read.coverage.controls_covered;
    assert!(text.contains(&format!("Annex A controls covered ({covered})")), "{text}");
    assert!(text.contains(&format!("Annex A controls not covered ({})", 93 - covered)), "{text}");
    let json: serde_json::Value = serde_json::from_str(&super::foreign::json(&report, Some(&read)).unwrap()).unwrap();
    assert_eq!(json["questionnaire"]["family"], "caiq-v4");
    assert_eq!(json["annex_a_coverage"]["controls_covered"], covered);
    assert_eq!(json["template"], "caiq-v4-0-2");
}

#[test]
fn without_a_template_unknown_families_and_json_are_refused_with_the_way_on() {
    let dir = scratch("unknown");
    let ids: Vec<(String, &str)> = (1..=12).map(|i| (format!("VQ-{i:02}"), "Yes")).collect();
    let ids: Vec<(&str, &str)> = ids.iter().map(|(id, a)| (id.as_str(), *a)).collect();
    let path = caiq_file(&dir, &ids);
    let problems = super::foreign::read(&path, today()).err().unwrap();
    assert!(problems[0].contains("not a questionnaire family Chainward knows"), "{problems:?}");
    assert!(problems[0].contains("name --template"), "{problems:?}");
    let json = dir.join("answers.json");
    std::fs::write(&json, r#"{"answers": {}}"#).unwrap();
    let problems = super::foreign::read(&json, today()).err().unwrap();
    assert!(problems[0].contains("with --template"), "{problems:?}");
}
