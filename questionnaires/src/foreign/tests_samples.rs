//! The real third-party questionnaires in `$CHAINWARD_SAMPLES` (or `../shared/samples`), never
//! copied into the repository: each is recognised as its family and version, and the answered
//! ones are scored through the crosswalk with the coverage figures asserted here.
use super::family::Family;
use super::{ForeignReading, read_foreign};
use crate::sheet::import::ImportChoices;
use crate::sheet::tests_samples::samples;
use crate::sheet::{Limits, read_workbook};
use std::path::Path;

fn read(dir: &Path, file: &str) -> Option<ForeignReading> {
    let bytes = std::fs::read(dir.join(file)).ok()?;
    let workbook = read_workbook(&bytes, &Limits::default()).expect("a real workbook reads");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let reading = read_foreign(&workbook, &ImportChoices::default(), today).expect("a real questionnaire reads");
    let c = &reading.coverage;
    eprintln!(
        "{file}: {} ({}), {} questions, {} mapped, {} answers, {} controls covered ({} compliant), confidence {:.2}",
        reading.recognised.name(),
        reading.recognised.evidence.join("; "),
        c.questions,
        c.questions_mapped,
        reading.report.answers.len(),
        c.controls_covered,
        c.controls_compliant,
        c.confidence
    );
    Some(reading)
}

#[test]
fn real_questionnaires_are_recognised_and_scored_through_their_crosswalks() {
    let Some(dir) = samples() else {
        eprintln!("no samples (set CHAINWARD_SAMPLES): skipped");
        return;
    };
    if let Some(caiq) = read(&dir, "caiq-v4-answered.xlsx") {
        assert_eq!(caiq.recognised.family, Family::CaiqV4);
        assert_eq!(caiq.recognised.version.as_deref(), Some("4.0.3"));
        assert_eq!(caiq.coverage.questions, 261);
        assert_eq!(caiq.coverage.controls_covered, CAIQ_V4_COVERED);
    }
    if let Some(hecvat) = read(&dir, "answered-hecvat-3.04-full.xlsx") {
        assert_eq!(hecvat.recognised.family, Family::Hecvat3);
        assert_eq!(hecvat.recognised.version.as_deref(), Some("3.04"));
        assert_eq!(hecvat.recognised.edition.as_deref(), Some("Full"));
        assert_eq!(hecvat.coverage.controls_covered, HECVAT_3_COVERED);
    }
    if let Some(blank) = read(&dir, "blank-caiq-v3.0.1.xlsx") {
        assert_eq!((blank.recognised.family, blank.recognised.version.as_deref()), (Family::CaiqV3, Some("3.0.1")));
        assert_eq!(blank.coverage.controls_covered, 0, "a blank questionnaire covers nothing");
    }
    if let Some(blank) = read(&dir, "hecvat-4.1.4-blank.xlsx") {
        assert_eq!(blank.recognised.family, Family::Hecvat4);
        assert_eq!(blank.coverage.controls_covered, 0, "a blank questionnaire covers nothing");
    }
}

const CAIQ_V4_COVERED: usize = 83;
const HECVAT_3_COVERED: usize = 55;
