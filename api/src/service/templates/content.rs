//! The questions of an organisation's template as clients send them: reading the JSON
//! content with the path of anything malformed, and validating it with the same rules as the
//! shipped templates, each problem naming the question and field.
use crate::error::FieldError;
use entity::questionnaire_template;
use questionnaires::template::{Section, Template, validate as validate_template};
use serde_json::{Value, json};

/// A slug from a title: lower-case words joined by dashes.
pub fn slug_from(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(60).collect()
}

/// Reads `{"sections": [...]}`, naming the path of anything malformed.
pub fn parse_content(content: &Value) -> Result<Vec<Section>, Vec<FieldError>> {
    let Some(sections) = content.get("sections").and_then(Value::as_array) else {
        return Err(vec![FieldError::new("content.sections", "expected a list of sections")]);
    };
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let mut shell = section.clone();
        let questions = shell.as_object_mut().and_then(|o| o.insert("questions".into(), json!([])));
        match serde_json::from_value::<Section>(shell) {
            Ok(mut s) => {
                for (j, question) in questions.as_ref().and_then(Value::as_array).into_iter().flatten().enumerate() {
                    match serde_json::from_value(question.clone()) {
                        Ok(q) => s.questions.push(q),
                        Err(e) => {
                            errors.push(FieldError::new(format!("content.sections[{i}].questions[{j}]"), e.to_string()))
                        }
                    }
                }
                parsed.push(s);
            }
            Err(e) => errors.push(FieldError::new(format!("content.sections[{i}]"), e.to_string())),
        }
    }
    if errors.is_empty() { Ok(parsed) } else { Err(errors) }
}

/// The validator's problems as field errors: `question GOV-01: control 5.99 does not exist`
/// becomes field `content.question[GOV-01]`.
pub fn content_problems(
    template: &questionnaire_template::Model,
    sections: &[Section],
    draft: bool,
) -> Vec<FieldError> {
    let mut full = Template {
        slug: template.slug.clone(),
        title: template.title.clone(),
        version: 1,
        description: template.description.clone(),
        sections: sections.to_vec(),
    };
    for section in &mut full.sections {
        for question in &mut section.questions {
            question.section = section.id.clone();
        }
    }
    validate_template(&full, questionnaires::catalogues())
        .into_iter()
        // A draft may still be empty or lack control mappings; publishing needs both.
        .filter(|p| {
            !draft
                || !(p.ends_with("has no questions")
                    || p.contains("at least one section")
                    || p.contains("must map to at least one ISO control"))
        })
        .map(|problem| match problem.split_once(": ") {
            Some((subject, message)) if subject.starts_with("question ") || subject.starts_with("section ") => {
                let (kind, id) = subject.split_once(' ').unwrap_or((subject, ""));
                FieldError::new(format!("content.{kind}[{id}]"), message)
            }
            _ => FieldError::new("content", problem),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_titles() {
        assert_eq!(slug_from("Cloud Providers — 2027 (EU)"), "cloud-providers-2027-eu");
        assert_eq!(slug_from("  NIS 2: Managed Services! "), "nis-2-managed-services");
    }

    #[test]
    fn malformed_content_names_the_section_and_question() {
        let content = json!({"sections": [
            {"id": "GOV", "title": "Governance", "questions": [
                {"id": "GOV-01", "text": "Policy?", "answer": "yes_no_na", "importance": "standard", "compliant": ["yes"], "iso": ["5.1"]},
                {"id": "GOV-02", "text": "Maybe?", "answer": "maybe", "importance": "standard"}
            ]},
            {"title": "No id"}
        ]});
        let errors = parse_content(&content).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["content.sections[0].questions[1]", "content.sections[1]"]);
        assert!(errors[0].message.contains("unknown variant `maybe`"), "{}", errors[0].message);
    }
}
