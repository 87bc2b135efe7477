//! A blank foreign questionnaire as the draft of a new template: its sections and questions
//! as they are in the sheet, questions ending in `?` answered yes / no / n/a and the others in
//! free text, guidance as help. The analyst then adds control mappings before publishing.
use super::rows::SourceRow;
use super::vocab::yes_no;
use crate::template::AnswerOption;
use crate::{AnswerType, EvidenceRequirement, Importance, Question, Section};
use std::collections::BTreeSet;

/// Letters of an id's prefix (`DOCU-01` -> `DOCU`, `A&A-01.1` -> `AA`), or of a title's words.
fn section_id(first_question: &str, title: &str, used: &BTreeSet<String>) -> String {
    let prefix: String = first_question
        .chars()
        .take_while(|c| !c.is_ascii_digit())
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .take(5)
        .collect();
    let initials: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().find(char::is_ascii_alphabetic))
        .map(|c| c.to_ascii_uppercase())
        .take(5)
        .collect();
    let base = [prefix, initials].into_iter().find(|c| c.len() >= 2).unwrap_or_else(|| "SEC".to_owned());
    if !used.contains(&base) {
        return base;
    }
    // Another section with the same letters: vary the last one.
    let stem: String = base.chars().take(4).collect();
    ('A'..='Z').map(|c| format!("{stem}{c}")).find(|c| !used.contains(c)).unwrap_or(base)
}

/// A choice option's value: its label in lower case, words joined by dashes.
fn option_value(label: &str) -> String {
    let words: Vec<String> =
        label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if words.is_empty() { "option".into() } else { words.join("-") }
}

/// The answer type and options a row's drop-down list (or its wording) suggests.
fn answer_of(row: &SourceRow) -> (AnswerType, Vec<AnswerOption>) {
    if let Some(list) = row.options.as_ref().filter(|l| l.len() >= 2) {
        if list.iter().all(|entry| yes_no(entry).is_some()) {
            return (AnswerType::YesNoNa, Vec::new());
        }
        let mut options: Vec<AnswerOption> = Vec::new();
        for label in list.iter().filter(|l| yes_no(l) != Some("n/a")) {
            let value = option_value(label);
            if !options.iter().any(|o| o.value == value) {
                options.push(AnswerOption { value, label: label.clone(), score: 0.0 });
            }
        }
        if options.len() >= 2 {
            return (AnswerType::Choice, options);
        }
    }
    let asks = row.question.trim_end().ends_with('?');
    (if asks { AnswerType::YesNoNa } else { AnswerType::Text }, Vec::new())
}

fn question_of(row: &SourceRow, section: &str) -> Question {
    let (answer, options) = answer_of(row);
    let yes_no_question = answer == AnswerType::YesNoNa;
    Question {
        id: row.id.clone(),
        section: section.to_owned(),
        text: row.question.clone(),
        help: row.guidance.clone(),
        // The analyst words the finding when mapping controls; until then the question's.
        finding: None,
        answer,
        options,
        importance: Importance::Standard,
        compliant: if yes_no_question { vec!["yes".into()] } else { Vec::new() },
        knock_out: false,
        evidence: EvidenceRequirement::None,
        iso: Vec::new(),
        iso_clauses: Vec::new(),
        nis2: Vec::new(),
        external: Vec::new(),
        range: None,
        unit: None,
        max_age_days: None,
        maturity_labels: None,
        points: None,
    }
}

/// The sections of a draft template from the rows of a blank questionnaire, in sheet order.
/// Rows without question text or with a problem are left out.
pub fn draft_sections(rows: &[SourceRow]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut used = BTreeSet::new();
    for row in rows.iter().filter(|r| r.problem.is_none() && !r.question.trim().is_empty()) {
        let title = row.section.clone().unwrap_or_else(|| "Questions".to_owned());
        if sections.last().is_none_or(|s| s.title != title) {
            let id = section_id(&row.id, &title, &used);
            used.insert(id.clone());
            sections.push(Section { id, title, questions: Vec::new() });
        }
        let section = sections.last_mut().expect("a section was just pushed");
        let question = question_of(row, &section.id);
        section.questions.push(question);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, section: &str, question: &str) -> SourceRow {
        SourceRow {
            cell: format!("S!A{id}"),
            id: id.into(),
            section: Some(section.into()),
            question: question.into(),
            answer: None,
            answer_cell: None,
            comment: None,
            evidence: None,
            guidance: Some("Describe it.".into()),
            problem: None,
            options: None,
            merged: Vec::new(),
        }
    }

    #[test]
    fn sections_questions_and_answer_types_come_from_the_sheet() {
        let rows = [
            row("DOCU-01", "Documentation", "Do you have a continuity plan?"),
            row("DOCU-02", "Documentation", "Describe your audit history"),
            row("DATA-01", "Data", "Is data encrypted at rest?"),
            row("DOCU-09", "Documentation again", "Is there more?"),
        ];
        let sections = draft_sections(&rows);
        let ids: Vec<(&str, &str, usize)> =
            sections.iter().map(|s| (s.id.as_str(), s.title.as_str(), s.questions.len())).collect();
        assert_eq!(ids, [("DOCU", "Documentation", 2), ("DATA", "Data", 1), ("DOCUA", "Documentation again", 1)]);
        assert_eq!(sections[0].questions[0].answer, AnswerType::YesNoNa);
        assert_eq!(sections[0].questions[1].answer, AnswerType::Text);
        assert_eq!(sections[0].questions[0].help.as_deref(), Some("Describe it."));

        let mut hosting = row("HOS-01", "Hosting", "Where is the solution hosted");
        hosting.options = Some(vec!["On premises".into(), "Public cloud (AWS, Azure)".into(), "N/A".into()]);
        let mut yes_no = row("HOS-02", "Hosting", "Encrypted backups");
        yes_no.options = Some(vec!["Yes".into(), "No".into(), "N/A".into()]);
        let sections = draft_sections(&[hosting, yes_no]);
        let question = &sections[0].questions[0];
        assert_eq!(question.answer, AnswerType::Choice);
        let options: Vec<(&str, &str)> =
            question.options.iter().map(|o| (o.value.as_str(), o.label.as_str())).collect();
        assert_eq!(options, [("on-premises", "On premises"), ("public-cloud-aws-azure", "Public cloud (AWS, Azure)")]);
        assert_eq!(sections[0].questions[1].answer, AnswerType::YesNoNa, "a yes/no list");
    }
}
