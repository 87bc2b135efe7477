//! Asking only the gaps, and the score over both questionnaires, on a CAIQ built in `tests`.
use super::coverage::ControlStatus;
use super::gap;
use super::tests::{caiq_v4, today};
use crate::{AnswerValue, shipped_template};

#[test]
fn the_follow_up_asks_exactly_what_the_foreign_answers_left_open() {
    let read = caiq_v4();
    let ours = shipped_template("iso27001-annex-a").unwrap();
    let decisions = gap::gap_decisions(ours, &read.coverage);
    assert_eq!(decisions.len(), ours.questions().filter(|q| q.is_scored()).count());
    for decision in &decisions {
        let question = ours.question(&decision.question_id).unwrap();
        let all_met = !question.iso.is_empty()
            && question.iso.iter().all(|c| read.coverage.control(c).unwrap().status == ControlStatus::Compliant);
        assert_eq!(decision.asked, question.knock_out || !all_met, "{decision:?}");
    }
    let asked = decisions.iter().filter(|d| d.asked).count();
    assert!(asked > 0 && asked < decisions.len(), "{asked} of {}", decisions.len());
    let follow_up = gap::gap_template(ours, &decisions, &read.coverage.questionnaire, "follow-up", "Follow-up");
    assert_eq!(follow_up.questions().count(), asked);
    assert!(crate::template::validate(&follow_up, crate::catalogues()).is_empty());
}

#[test]
fn the_combined_score_counts_both_and_names_the_source_of_every_point() {
    use crate::scoring::{ScoringInput, ScoringSettings, SupplierContext, score};
    use std::collections::BTreeMap;
    let read = caiq_v4();
    let ours = shipped_template("iso27001-annex-a").unwrap();
    let decisions = gap::gap_decisions(ours, &read.coverage);
    let follow_up = gap::gap_template(ours, &decisions, &read.coverage.questionnaire, "follow-up", "Follow-up");
    let ours_answers: BTreeMap<String, crate::Answer> = follow_up
        .questions()
        .filter(|q| q.answer == crate::AnswerType::YesNoNa)
        .map(|q| (q.id.clone(), crate::Answer::new(AnswerValue::No)))
        .collect();
    let foreign_answers: BTreeMap<String, crate::Answer> =
        read.report.answers.iter().map(|a| (a.question_id.clone(), crate::Answer::new(a.value.clone()))).collect();
    let (combined, answers) = gap::combine(&follow_up, &ours_answers, &read.template, &foreign_answers);
    let report = score(&ScoringInput {
        template: &combined,
        answers: &answers,
        supplier: &SupplierContext::default(),
        settings: &ScoringSettings::default(),
        assessed_on: today(),
        today: today(),
        remediated: &Default::default(),
    });
    // A CAIQ answer counts for the controls the follow-up does not ask again, with 1/n of its
    // points for each; one whose controls are all asked again gives way to our questions.
    let asked: std::collections::BTreeSet<&str> =
        follow_up.questions().flat_map(|q| q.iso.iter().map(String::as_str)).collect();
    let mut kept = 0;
    for original in read.template.questions().filter(|q| q.is_scored()) {
        let id = gap::foreign_id(&read.template, &original.id);
        let open: Vec<&String> = original.iso.iter().filter(|c| !asked.contains(c.as_str())).collect();
        match combined.question(&id) {
            Some(question) => {
                kept += 1;
                assert_eq!(question.iso.iter().collect::<Vec<_>>(), open, "{id}");
                let share = 10.0 * open.len() as f64 / original.iso.len() as f64 / original.iso.len() as f64;
                assert!((question.weight() - share).abs() < 1e-9, "{id}: {}", question.weight());
            }
            None => assert!(open.is_empty(), "{id} still speaks for {open:?}"),
        }
    }
    assert!(kept > 0);
    let cek = read.template.question("CEK-03.1").unwrap();
    assert!(cek.iso.iter().all(|c| asked.contains(c.as_str())), "the CAIQ's No on CEK-03.1 is asked again");
    assert!(combined.question("caiq-v4-0-2:CEK-03.1").is_none(), "our question replaces the CAIQ's No");
    let own_points: f64 = report.questions.iter().filter(|q| !q.id.contains(':')).map(|q| q.points_possible).sum();
    let foreign_points: f64 = report.questions.iter().filter(|q| q.id.contains(':')).map(|q| q.points_possible).sum();
    assert!(own_points > 0.0 && foreign_points > 0.0);
    let expected =
        100.0 * report.questions.iter().map(|q| q.points_earned).sum::<f64>() / (own_points + foreign_points);
    assert!((report.security_score - expected).abs() < 1e-9);
}
