//! Answers as suppliers write them in spreadsheets, in several languages and habits, read
//! into Chainward's answer values: `Ja`, `oui`, `X`, `Not applicable`, `4) AWS`, `Level 3`.
//! Anything that is not clearly one answer is reported, never guessed.
use crate::answer::parse_answer;
use crate::{AnswerType, AnswerValue, Question};

/// Removes what spreadsheets add to text: non-breaking spaces, byte-order marks, zero-width
/// spaces, doubled and surrounding white space.
pub fn clean(text: &str) -> String {
    // One pass and one allocation: every cell of a large workbook goes through here, and most
    // are plain ASCII with single spaces, copied as they are.
    let bytes = text.as_bytes();
    let mut plain = bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ');
    let mut previous = 0u8;
    for &b in bytes {
        plain &= (b' '..0x7f).contains(&b) && !(b == b' ' && previous == b' ');
        previous = b;
    }
    if plain {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, '\u{feff}' | '\u{200b}') {
            continue;
        }
        if c.is_whitespace() || matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}') {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// The yes / no / partial / n/a meaning of a word, if it has one.
pub fn yes_no(raw: &str) -> Option<&'static str> {
    let word = clean(raw).to_lowercase();
    let word = word.trim_end_matches(['.', '!']);
    Some(match word {
        "yes" | "y" | "true" | "x" | "ja" | "j" | "oui" | "si" | "sí" | "sim" | "✓" | "✔" | "✔️" | "☑" | "1"
        | "implemented" | "fully implemented" | "in place" | "umgesetzt" | "implémenté" => "yes",
        "no" | "n" | "false" | "nein" | "non" | "não" | "nao" | "✗" | "✘" | "0" | "not implemented" | "planned"
        | "nicht umgesetzt" | "geplant" => "no",
        "n/a" | "na" | "n.a" | "n.a." | "not applicable" | "does not apply" | "nicht zutreffend" | "entfällt"
        | "sans objet" | "non applicable" | "no aplica" | "-" | "excluded" => "n/a",
        "partial"
        | "partially"
        | "partly"
        | "in part"
        | "teilweise"
        | "partiellement"
        | "parcial"
        | "partially implemented"
        | "in progress"
        | "teilweise umgesetzt" => "partial",
        _ => return None,
    })
}

/// The yes / no / partial / n/a a cell opens with: `1) Yes`, `Yes, for every administrator`,
/// `No - planned for Q3`. Only a leading answer word counts; anything else is not guessed.
pub fn leading_answer(raw: &str) -> Option<&'static str> {
    let text = clean(raw);
    let text = strip_numbering(&text).unwrap_or(&text);
    if let Some(word) = yes_no(text) {
        return Some(word);
    }
    let head = text.split([',', ';', ':', '(', '\n', '–', '—']).next()?.split(" - ").next()?.trim();
    yes_no(head).filter(|_| head.len() < text.len())
}

/// `4) AWS`, `4. AWS`, `(4) AWS`, `4 - AWS` without their numbering: `AWS`.
pub fn strip_numbering(raw: &str) -> Option<&str> {
    let text = raw.trim_start_matches('(');
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = text[digits..].trim_start_matches([')', '.', ':', '-', ' ']).trim();
    (!rest.is_empty()).then_some(rest)
}

/// Reads `raw` as an answer to `question`. The exact form Chainward writes is tried first;
/// then foreign vocabulary. The error is the one the exact form gave.
pub fn read_answer(question: &Question, raw: &str) -> Result<AnswerValue, String> {
    let text = clean(raw);
    let exact = parse_answer(question, &text);
    if exact.is_ok() || matches!(question.answer, AnswerType::Text | AnswerType::File) {
        return exact;
    }
    if let Some(word) = yes_no(&text).or_else(|| leading_answer(&text))
        && (word == "n/a" || question.answer == AnswerType::YesNoNa)
        && let Ok(value) = parse_answer(question, word)
    {
        return Ok(value);
    }
    match question.answer {
        AnswerType::Choice | AnswerType::MultiChoice => {
            let parts: Vec<String> = text
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| strip_numbering(p).unwrap_or(p).to_owned())
                .collect();
            let joined = parts.join(", ");
            if let Ok(value) = parse_answer(question, &joined) {
                return Ok(value);
            }
        }
        AnswerType::Maturity0To5 => {
            let lower = text.to_lowercase();
            let level =
                lower.trim_start_matches("level").trim_start_matches("stufe").trim_start_matches("niveau").trim();
            let digit: String = level.chars().take_while(char::is_ascii_digit).collect();
            if !digit.is_empty()
                && level[digit.len()..].trim_start().chars().next().is_none_or(|c| !c.is_ascii_digit())
                && let Ok(value) = parse_answer(question, &digit)
            {
                return Ok(value);
            }
        }
        AnswerType::Date => {
            for pattern in ["%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y"] {
                if let Ok(date) = chrono::NaiveDate::parse_from_str(&text, pattern) {
                    return Ok(AnswerValue::Date(date));
                }
            }
        }
        AnswerType::Number => {
            let number = text.trim_end_matches(|c: char| c.is_alphabetic() || c == '%').trim().replace(',', ".");
            if let Ok(value) = parse_answer(question, &number) {
                return Ok(value);
            }
        }
        _ => {}
    }
    exact
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipped_templates;

    fn question(answer: AnswerType) -> Question {
        shipped_templates().iter().flat_map(|t| t.questions()).find(|q| q.answer == answer).unwrap().clone()
    }

    #[test]
    fn yes_no_in_several_languages_and_habits() {
        let q = question(AnswerType::YesNoNa);
        for (raw, want) in [
            ("Ja", AnswerValue::Yes),
            ("oui", AnswerValue::Yes),
            ("Sí", AnswerValue::Yes),
            ("x", AnswerValue::Yes),
            ("TRUE", AnswerValue::Yes),
            ("\u{a0}Yes\u{feff} ", AnswerValue::Yes),
            ("Nein", AnswerValue::No),
            ("non", AnswerValue::No),
            ("Not applicable", AnswerValue::NotApplicable),
            ("NA", AnswerValue::NotApplicable),
            ("teilweise", AnswerValue::Partial),
        ] {
            assert_eq!(read_answer(&q, raw), Ok(want), "{raw:?}");
        }
        let maybe = read_answer(&q, "Maybe").unwrap_err();
        assert!(maybe.contains("\"Maybe\" is not one of"), "{maybe}");
    }

    #[test]
    fn numbered_options_levels_and_local_dates() {
        let choice = question(AnswerType::Choice);
        let option = &choice.options[1];
        let numbered = format!("2) {}", option.label);
        assert_eq!(read_answer(&choice, &numbered), Ok(AnswerValue::Choice(option.value.clone())));
        assert!(read_answer(&choice, "9) Something else").is_err());
        let maturity = question(AnswerType::Maturity0To5);
        assert_eq!(read_answer(&maturity, "Level 3"), Ok(AnswerValue::Maturity(3)));
        assert_eq!(read_answer(&maturity, "4 - Managed"), Ok(AnswerValue::Maturity(4)));
        assert!(read_answer(&maturity, "35").is_err());
        let date = question(AnswerType::Date);
        let expected = AnswerValue::Date(chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(read_answer(&date, "31.03.2026"), Ok(expected));
    }

    #[test]
    fn cleaning_removes_spreadsheet_debris() {
        assert_eq!(clean("\u{feff}AIS-\u{a0}02.2 "), "AIS- 02.2");
        assert_eq!(clean("  two   spaces "), "two spaces");
    }
}
