//! Answers to questions: reading what a respondent gave and what it is worth.
use crate::template::{AnswerType, Question};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a respondent answered, already checked against the question's answer type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    Yes,
    No,
    Partial,
    /// The question does not apply: left out of every score.
    NotApplicable,
    Choice(String),
    MultiChoice(Vec<String>),
    Maturity(u8),
    Number(f64),
    Date(NaiveDate),
    Text(String),
    /// A document was given (its reference or file name).
    File(String),
}

impl AnswerValue {
    /// The answer as the questionnaire's form writes it: "yes", "partial", "n/a", an option's
    /// value, "2, 3", a number, an ISO date. Whatever wording or language the answer came in
    /// ("Ja", "Oui", "1.0"), this is what was understood and is scored; [`parse_answer`]
    /// reads it back to the same value.
    pub fn canonical(&self) -> String {
        match self {
            AnswerValue::Yes => "yes".into(),
            AnswerValue::No => "no".into(),
            AnswerValue::Partial => "partial".into(),
            AnswerValue::NotApplicable => "n/a".into(),
            AnswerValue::Choice(value) | AnswerValue::Text(value) | AnswerValue::File(value) => value.clone(),
            AnswerValue::MultiChoice(values) => values.join(", "),
            AnswerValue::Maturity(level) => level.to_string(),
            AnswerValue::Number(number) => number.to_string(),
            AnswerValue::Date(date) => date.to_string(),
        }
    }
}

/// A document backing an answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub name: String,
    /// Last day the document is valid (certificates expire), if it expires.
    pub valid_until: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub value: AnswerValue,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Answer {
    pub fn new(value: AnswerValue) -> Self {
        Answer { value, evidence: Vec::new() }
    }

    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidence.push(evidence);
        self
    }
}

fn normalise(raw: &str) -> String {
    raw.trim().to_lowercase().replace(['\u{a0}', '\u{feff}'], "")
}

fn is_not_applicable(value: &str) -> bool {
    matches!(value, "na" | "n/a" | "n.a." | "not applicable" | "none applicable")
}

/// A cell's text as an error message quotes it: at most 80 characters, so that a message
/// about a long answer stays readable.
pub fn quote(raw: &str) -> String {
    let text = raw.trim();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Reads a textual answer for `question` ("yes", "partial", "weekly", "3", "2026-03-01"...).
/// The error says what was expected.
pub fn parse_answer(question: &Question, raw: &str) -> Result<AnswerValue, String> {
    let value = normalise(raw);
    if value.is_empty() {
        return Err("the answer is empty".into());
    }
    if is_not_applicable(&value) && question.answer != AnswerType::Text {
        return Ok(AnswerValue::NotApplicable);
    }
    match question.answer {
        AnswerType::YesNoNa => match value.as_str() {
            "yes" | "y" | "true" => Ok(AnswerValue::Yes),
            "no" | "n" | "false" => Ok(AnswerValue::No),
            "partial" | "partially" | "in part" => Ok(AnswerValue::Partial),
            _ => Err(format!("\"{}\" is not one of yes, no, partial, n/a", quote(raw))),
        },
        AnswerType::Choice => option_value(question, &value, raw).map(AnswerValue::Choice),
        AnswerType::MultiChoice => {
            let chosen: Result<Vec<String>, String> = value
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .map(|part| option_value(question, part, part))
                .collect();
            chosen.map(AnswerValue::MultiChoice)
        }
        AnswerType::Maturity0To5 => match value.parse::<u8>() {
            Ok(level) if level <= 5 => Ok(AnswerValue::Maturity(level)),
            _ => Err(format!("\"{}\" is not a maturity level from 0 to 5", quote(raw))),
        },
        AnswerType::Number => value
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(AnswerValue::Number)
            .ok_or_else(|| format!("\"{}\" is not a number", quote(raw))),
        AnswerType::Date => NaiveDate::parse_from_str(&value, "%Y-%m-%d")
            .map(AnswerValue::Date)
            .map_err(|_| format!("\"{}\" is not a date (YYYY-MM-DD)", quote(raw))),
        AnswerType::Text => Ok(AnswerValue::Text(raw.trim().to_owned())),
        AnswerType::File => Ok(AnswerValue::File(raw.trim().to_owned())),
    }
}

fn option_value(question: &Question, value: &str, raw: &str) -> Result<String, String> {
    question
        .options
        .iter()
        .find(|o| o.value.to_lowercase() == value || o.label.to_lowercase() == value)
        .map(|o| o.value.clone())
        .ok_or_else(|| {
            let allowed: Vec<&str> = question.options.iter().map(|o| o.value.as_str()).collect();
            format!("\"{}\" is not one of {}", quote(raw), allowed.join(", "))
        })
}

/// What an answer is worth, in [0, 1]; `None` when it counts for nothing (not applicable, or
/// an informational question). `today` dates the age of date answers.
pub fn answer_value(question: &Question, answer: &AnswerValue, today: NaiveDate) -> Option<f64> {
    if !question.is_scored() || *answer == AnswerValue::NotApplicable {
        return None;
    }
    let compliant_yes = question.compliant.iter().any(|c| c == "yes");
    let value = match answer {
        AnswerValue::Yes => bool_value(compliant_yes),
        AnswerValue::No => bool_value(!compliant_yes),
        AnswerValue::Partial => 0.5,
        AnswerValue::Choice(chosen) => option_score(question, chosen),
        AnswerValue::MultiChoice(chosen) => chosen.iter().map(|c| option_score(question, c)).sum::<f64>().min(1.0),
        AnswerValue::Maturity(level) => f64::from((*level).min(5)) / 5.0,
        AnswerValue::Number(n) => {
            let range = question.range.unwrap_or_default();
            let inside = range.min.is_none_or(|min| *n >= min) && range.max.is_none_or(|max| *n <= max);
            bool_value(inside)
        }
        AnswerValue::Date(date) => {
            let max_age = i64::from(question.max_age_days.unwrap_or(u32::MAX));
            bool_value((today - *date).num_days() <= max_age && *date <= today)
        }
        AnswerValue::File(reference) => bool_value(!reference.is_empty()),
        AnswerValue::Text(_) | AnswerValue::NotApplicable => return None,
    };
    Some(value.clamp(0.0, 1.0))
}

fn bool_value(good: bool) -> f64 {
    if good { 1.0 } else { 0.0 }
}

fn option_score(question: &Question, chosen: &str) -> f64 {
    question.options.iter().find(|o| o.value == chosen).map_or(0.0, |o| o.score)
}

/// An answer as a person writes it in a spreadsheet or form, and as [`parse_answer`] reads it
/// back: `Yes`, `N/A`, an option's label, `2026-03-01`.
pub fn display_answer(question: &Question, answer: &AnswerValue) -> String {
    let label = |value: &str| {
        question.options.iter().find(|o| o.value == value).map_or_else(|| value.to_owned(), |o| o.label.clone())
    };
    match answer {
        AnswerValue::Yes => "Yes".into(),
        AnswerValue::No => "No".into(),
        AnswerValue::Partial => "Partial".into(),
        AnswerValue::NotApplicable => "N/A".into(),
        AnswerValue::Choice(value) => label(value),
        // Labels may hold commas; values are short identifiers, safe to list.
        AnswerValue::MultiChoice(values) => values.join(", "),
        AnswerValue::Maturity(level) => level.to_string(),
        AnswerValue::Number(n) => format!("{n}"),
        AnswerValue::Date(date) => date.to_string(),
        AnswerValue::Text(text) | AnswerValue::File(text) => text.clone(),
    }
}

/// What a spreadsheet cell may hold for `question`, in words.
pub fn allowed_answers(question: &Question) -> String {
    match question.answer {
        AnswerType::YesNoNa => "Yes, No, Partial or N/A".into(),
        AnswerType::Choice => {
            let labels: Vec<&str> = question.options.iter().map(|o| o.label.as_str()).collect();
            format!("one of: {} (or N/A)", labels.join(" | "))
        }
        AnswerType::MultiChoice => {
            let values: Vec<&str> = question.options.iter().map(|o| o.value.as_str()).collect();
            format!("any of, separated by commas: {} (or N/A)", values.join(", "))
        }
        AnswerType::Maturity0To5 => "a maturity level from 0 to 5 (or N/A)".into(),
        AnswerType::Number => {
            format!("a number{}", question.unit.as_deref().map(|u| format!(" in {u}")).unwrap_or_default())
        }
        AnswerType::Date => "a date, YYYY-MM-DD".into(),
        AnswerType::Text => "free text".into(),
        AnswerType::File => "the name or reference of a document".into(),
    }
}

#[cfg(test)]
mod canonical_tests {
    use super::*;
    use crate::template::shipped_templates;

    /// Answers in other words and languages, per answer type, as suppliers write them.
    fn written(question: &Question) -> Vec<String> {
        let options = question.options.iter();
        match question.answer {
            AnswerType::YesNoNa => {
                ["Ja", "yes", "Oui", "partly", "No", "N/A", "nicht zutreffend"].map(String::from).to_vec()
            }
            AnswerType::Choice => options.flat_map(|o| [o.value.clone(), o.label.clone()]).collect(),
            AnswerType::MultiChoice => {
                let values: Vec<String> = question.options.iter().map(|o| o.value.clone()).collect();
                vec![values.join("; "), values.first().cloned().unwrap_or_default()]
            }
            AnswerType::Maturity0To5 => vec!["3".into(), "5".into()],
            AnswerType::Number => vec!["4".into(), "12.5".into(), "1.0".into()],
            AnswerType::Date => vec!["2026-10-01".into()],
            AnswerType::Text | AnswerType::File => vec!["security@example.com".into()],
        }
    }

    #[test]
    fn the_form_s_value_reads_back_to_what_was_understood() {
        let mut checked = 0;
        for template in shipped_templates() {
            for question in template.sections.iter().flat_map(|s| &s.questions) {
                for raw in written(question) {
                    let Ok(understood) = parse_answer(question, &raw) else { continue };
                    let canonical = understood.canonical();
                    assert_eq!(
                        parse_answer(question, &canonical),
                        Ok(understood.clone()),
                        "{} {raw:?} -> {canonical:?}",
                        question.id
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 200, "{checked} answers checked");
        assert_eq!(AnswerValue::NotApplicable.canonical(), "n/a");
        assert_eq!(AnswerValue::Number(1.0).canonical(), "1");
        assert_eq!(AnswerValue::MultiChoice(vec!["aws".into(), "azure".into()]).canonical(), "aws, azure");
    }
}
