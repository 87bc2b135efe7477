//! Questionnaire templates: the data model, loading from YAML and validation against the
//! catalogues, with errors that name the file, the question and the field.
use crate::catalogue::{Catalogues, IsoRef};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// The templates shipped with Chainward, by file name.
const SHIPPED: [(&str, &str); 3] = [
    ("nis2-supplier-baseline.yaml", include_str!("../templates/nis2-supplier-baseline.yaml")),
    ("iso27001-annex-a.yaml", include_str!("../templates/iso27001-annex-a.yaml")),
    ("supplier-lite.yaml", include_str!("../templates/supplier-lite.yaml")),
];

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub slug: String,
    pub title: String,
    pub version: u32,
    pub description: String,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    YesNoNa,
    Choice,
    MultiChoice,
    #[serde(rename = "maturity_0_5")]
    Maturity0To5,
    Number,
    Date,
    Text,
    File,
}

/// How much a question weighs: minor 5, standard 10, critical 20 points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    Minor,
    Standard,
    Critical,
}

impl Importance {
    pub fn points(self) -> f64 {
        match self {
            Importance::Minor => 5.0,
            Importance::Standard => 10.0,
            Importance::Critical => 20.0,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceRequirement {
    Required,
    Optional,
    #[default]
    None,
}

/// One possible answer of a choice question and what it is worth.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub value: String,
    pub label: String,
    pub score: f64,
}

/// The compliant interval of a number question.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberRange {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// The same question in another questionnaire (e.g. a CAIQ id), for import matching.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalRef {
    pub scheme: String,
    pub id: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// The section id, filled in on load.
    #[serde(skip)]
    pub section: String,
    pub text: String,
    #[serde(default)]
    pub help: Option<String>,
    /// The shortfall stated as a finding ("No contractual incident notification"): the title
    /// of the finding a failed answer opens. Without it, [`Question::finding_title`] falls back
    /// to one derived from the question text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    pub answer: AnswerType,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
    pub importance: Importance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compliant: Vec<String>,
    #[serde(default)]
    pub knock_out: bool,
    #[serde(default)]
    pub evidence: EvidenceRequirement,
    #[serde(default)]
    pub iso: Vec<String>,
    #[serde(default)]
    pub iso_clauses: Vec<String>,
    #[serde(default)]
    pub nis2: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external: Vec<ExternalRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<NumberRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity_labels: Option<Vec<String>>,
    /// Points instead of the importance's. A foreign questionnaire's question (see
    /// [`crate::foreign`]) weighs its importance spread over the controls it maps to, since one
    /// broad "yes" is weaker evidence for each than a question about that control alone; 0
    /// leaves a question out of the score (an imported question that maps to no control).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
}

impl Question {
    /// Whether this answer must be backed by a document before submission: the question
    /// requires evidence and the answer claims something ("no" and n/a claim nothing).
    pub fn needs_document(&self, answer: &crate::AnswerValue) -> bool {
        self.evidence == EvidenceRequirement::Required
            && !matches!(answer, crate::AnswerValue::No | crate::AnswerValue::NotApplicable)
    }

    /// Whether answers to this question count towards scores (text, and number or date
    /// questions without a compliant range or age, are informational).
    pub fn is_scored(&self) -> bool {
        if self.points == Some(0.0) {
            return false;
        }
        match self.answer {
            AnswerType::Text => false,
            AnswerType::Number => self.range.is_some(),
            AnswerType::Date => self.max_age_days.is_some(),
            _ => true,
        }
    }

    /// The title of the finding a failed answer opens: the template's `finding` when it has
    /// one, else `Shortfall: <question text>` on one line, without its trailing question mark.
    ///
    /// The fallback must do for any imported questionnaire, in any wording or language, so it
    /// does not rewrite the question (a negated question reads wrong more often than not);
    /// the prefix says that this is what fell short rather than what was asked, and the text
    /// stays recognisable to the supplier and searchable next to its questionnaire.
    pub fn finding_title(&self) -> String {
        if let Some(finding) = self.finding.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
            return finding.to_owned();
        }
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let asked = text.trim_end_matches(['?', '\u{ff1f}', ' ']);
        format!("Shortfall: {}", if asked.is_empty() { text.as_str() } else { asked })
    }

    pub fn weight(&self) -> f64 {
        self.points.unwrap_or_else(|| self.importance.points())
    }

    /// The ISO controls and clauses the question is evidence for.
    pub fn iso_refs(&self) -> impl Iterator<Item = IsoRef> + '_ {
        let controls = self.iso.iter().map(|id| IsoRef::Control(id.clone()));
        controls.chain(self.iso_clauses.iter().map(|id| IsoRef::Clause(id.clone())))
    }
}

impl Template {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// Parses and validates a template; `file` names it in errors.
    pub fn from_yaml(file: &str, yaml: &str, catalogues: &Catalogues) -> Result<Template, TemplateError> {
        let mut template: Template = serde_yaml::from_str(yaml)
            .map_err(|e| TemplateError { file: file.to_owned(), problems: vec![e.to_string()] })?;
        for section in &mut template.sections {
            for question in &mut section.questions {
                question.section = section.id.clone();
            }
        }
        let problems = crate::template::validate(&template, catalogues);
        if problems.is_empty() { Ok(template) } else { Err(TemplateError { file: file.to_owned(), problems }) }
    }
}

/// Everything wrong with a template file, one line per problem
/// (`nis2-supplier-baseline.yaml: question BCM-03: control 5.99 does not exist`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub file: String,
    pub problems: Vec<String>,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.problems.iter().map(|p| format!("{}: {p}", self.file)).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for TemplateError {}

/// The shipped templates, loaded and validated once.
pub fn shipped_templates() -> &'static [Template] {
    static TEMPLATES: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let mut templates: Vec<Template> = SHIPPED
            .iter()
            .map(|(file, yaml)| {
                Template::from_yaml(file, yaml, crate::catalogues()).expect("shipped templates are valid (tested)")
            })
            .collect();
        templates.push(crate::soa::soa_template(crate::catalogues()));
        templates
    })
}

pub fn shipped_template(slug: &str) -> Option<&'static Template> {
    shipped_templates().iter().find(|t| t.slug == slug)
}

fn is_section_id(id: &str) -> bool {
    (2..=5).contains(&id.len()) && id.chars().all(|c| c.is_ascii_uppercase())
}

/// Every problem of a parsed template, each naming the question and field.
pub fn validate(template: &Template, catalogues: &Catalogues) -> Vec<String> {
    let mut problems = Vec::new();
    let slug_ok = !template.slug.is_empty()
        && template.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        problems.push(format!("slug {:?} must be lower-case letters, digits and dashes", template.slug));
    }
    if template.title.trim().is_empty() {
        problems.push("title must not be empty".into());
    }
    // Titles end up in e-mail subjects and file names: one line, no control characters.
    if template.title.chars().any(char::is_control) {
        problems.push("title must be one line without control characters".into());
    }
    if template.sections.is_empty() {
        problems.push("a template needs at least one section".into());
    }
    let mut section_ids = BTreeSet::new();
    let mut question_ids = BTreeSet::new();
    for section in &template.sections {
        if !is_section_id(&section.id) {
            problems.push(format!("section {}: id must be 2-5 upper-case letters", section.id));
        }
        if !section_ids.insert(section.id.as_str()) {
            problems.push(format!("section {}: id is used twice", section.id));
        }
        if section.questions.is_empty() {
            problems.push(format!("section {}: has no questions", section.id));
        }
        if section.title.chars().any(char::is_control) {
            problems.push(format!("section {}: title must be one line without control characters", section.id));
        }
        for question in &section.questions {
            if !question_ids.insert(question.id.as_str()) {
                problems.push(format!("question {}: id is used twice", question.id));
            }
            for problem in validate_question(question, catalogues) {
                problems.push(format!("question {}: {problem}", question.id));
            }
        }
    }
    problems
}

fn validate_question(q: &Question, catalogues: &Catalogues) -> Vec<String> {
    let mut problems = Vec::new();
    let controls = |text: &str| text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if controls(&q.text) || q.help.as_deref().is_some_and(controls) {
        problems.push("text and help must not contain control characters other than line breaks".to_owned());
    }
    if q.text.trim().is_empty() {
        problems.push("text must not be empty".to_owned());
    }
    if let Some(finding) = &q.finding {
        problems.extend(finding_problem(finding));
    }
    for id in &q.iso {
        if catalogues.control(id).is_none() {
            problems.push(format!("control {id} does not exist"));
        }
    }
    for id in &q.iso_clauses {
        if catalogues.clause(id).is_none() {
            problems.push(format!("clause {id} does not exist"));
        }
    }
    for id in &q.nis2 {
        if catalogues.nis2_requirement(id).is_none() {
            problems.push(format!("NIS 2 reference {id} does not exist"));
        }
    }
    if q.is_scored() && q.iso.is_empty() && q.iso_clauses.is_empty() && q.nis2.is_empty() {
        problems.push("a scored question must map to at least one ISO control or NIS 2 reference".into());
    }
    if let Some(points) = q.points
        && !(0.0..=Importance::Critical.points()).contains(&points)
    {
        problems.push(format!("points: {points} is outside 0..20"));
    }
    if q.knock_out && !q.is_scored() {
        problems.push("knock_out needs a scored answer type".into());
    }
    let needs_options = matches!(q.answer, AnswerType::Choice | AnswerType::MultiChoice);
    if needs_options && q.options.len() < 2 {
        problems.push("options: a choice question needs at least two options".into());
    }
    if !needs_options && !q.options.is_empty() {
        problems.push("options: only choice and multi_choice questions have options".into());
    }
    let mut values = BTreeSet::new();
    for option in &q.options {
        if !(0.0..=1.0).contains(&option.score) {
            problems.push(format!("options: {} has score {} outside 0..1", option.value, option.score));
        }
        if !values.insert(option.value.as_str()) {
            problems.push(format!("options: {} is listed twice", option.value));
        }
    }
    match q.answer {
        AnswerType::YesNoNa if q.compliant.is_empty() || q.compliant.iter().any(|c| c != "yes" && c != "no") => {
            problems.push("compliant: a yes_no_na question needs [yes] or [no]".into());
        }
        AnswerType::YesNoNa => {}
        _ if !q.compliant.is_empty() => {
            problems.push("compliant: only yes_no_na questions name a compliant answer".into())
        }
        _ => {}
    }
    if let Some(range) = q.range {
        if q.answer != AnswerType::Number {
            problems.push("range: only number questions have a range".into());
        }
        if let (Some(min), Some(max)) = (range.min, range.max)
            && min > max
        {
            problems.push(format!("range: min {min} is above max {max}"));
        }
    }
    if q.max_age_days.is_some() && q.answer != AnswerType::Date {
        problems.push("max_age_days: only date questions have a maximum age".into());
    }
    if let Some(labels) = &q.maturity_labels
        && (q.answer != AnswerType::Maturity0To5 || labels.len() != 6)
    {
        problems.push("maturity_labels: six labels (0-5) on a maturity_0_5 question".into());
    }
    problems
}

/// Finding titles are list entries, page titles and e-mail subjects: one short line.
pub const FINDING_MAX_CHARS: usize = 120;

fn finding_problem(finding: &str) -> Option<String> {
    let length = finding.chars().count();
    if finding.trim().is_empty() {
        Some("finding must not be empty (leave it out to use the question text)".into())
    } else if finding.chars().any(char::is_control) {
        Some("finding must be one line without control characters".into())
    } else if finding.trim() != finding {
        Some("finding must not start or end with spaces".into())
    } else if length > FINDING_MAX_CHARS {
        Some(format!("finding is {length} characters long, at most {FINDING_MAX_CHARS}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogues;

    #[test]
    fn every_shipped_template_loads() {
        let templates = shipped_templates();
        assert_eq!(templates.len(), SHIPPED.len() + 1, "the YAML files and the generated Statement of Applicability");
        for (file, _) in SHIPPED {
            let slug = file.trim_end_matches(".yaml");
            assert!(shipped_template(slug).is_some(), "{file} has the slug of its file name");
        }
    }

    #[test]
    fn the_nis2_baseline_covers_every_art_21_point_and_contract_clause() {
        let template = shipped_template("nis2-supplier-baseline").unwrap();
        let count = template.questions().count();
        assert!((40..=70).contains(&count), "{count} questions");
        let refs: BTreeSet<&str> = template.questions().flat_map(|q| q.nis2.iter().map(String::as_str)).collect();
        for letter in 'a'..='j' {
            assert!(refs.contains(format!("21(2)({letter})").as_str()), "point ({letter}) is not asked");
        }
        for letter in 'a'..='h' {
            assert!(refs.contains(format!("IR 5.1.4({letter})").as_str()), "clause 5.1.4({letter}) is not asked");
        }
    }

    #[test]
    fn the_annex_a_template_asks_about_every_control() {
        let template = shipped_template("iso27001-annex-a").unwrap();
        let asked: BTreeSet<&str> = template.questions().flat_map(|q| q.iso.iter().map(String::as_str)).collect();
        let missing: Vec<&str> =
            catalogues().iso_controls().iter().map(|c| c.id.as_str()).filter(|id| !asked.contains(id)).collect();
        assert!(missing.is_empty(), "controls without a question: {missing:?}");
        assert!(template.questions().count() >= 93);
    }

    #[test]
    fn the_lite_template_is_short() {
        let count = shipped_template("supplier-lite").unwrap().questions().count();
        assert!((15..=25).contains(&count), "{count} questions");
    }

    /// Every question whose answer can fall short (every scored one: an answer that does not
    /// fit, such as an unknown option or an empty document, scores 0 too) opens a finding, and
    /// its title should read as the finding, not as the question.
    #[test]
    fn every_shipped_question_that_can_fail_has_a_finding_title() {
        let missing: Vec<String> = shipped_templates()
            .iter()
            .flat_map(|t| t.questions().map(move |q| (t, q)))
            .filter(|(_, q)| q.is_scored() && q.finding.is_none())
            .map(|(t, q)| format!("{} {}", t.slug, q.id))
            .collect();
        assert!(missing.is_empty(), "questions without a finding title: {missing:?}");
        for template in shipped_templates() {
            for question in template.questions() {
                if let Some(finding) = &question.finding {
                    assert_eq!(finding_problem(finding), None, "{} {}", template.slug, question.id);
                    assert!(!finding.ends_with(['?', '.']), "{} {}: {finding:?}", template.slug, question.id);
                }
            }
        }
    }

    fn with_finding(finding: &str) -> String {
        let yaml = r#"
slug: f
title: F
version: 1
description: d
sections:
  - id: BCM
    title: Continuity
    questions:
      - {id: BCM-01, text: Are backups tested?, finding: FINDING, answer: yes_no_na, importance: minor, compliant: ["yes"], iso: ["8.13"]}
"#;
        yaml.replace("FINDING", finding)
    }

    #[test]
    fn a_finding_title_is_one_trimmed_short_line() {
        let ok = Template::from_yaml("f.yaml", &with_finding("Backups never tested"), catalogues()).unwrap();
        assert_eq!(ok.questions().next().unwrap().finding.as_deref(), Some("Backups never tested"));
        let too_long = format!("\"{}\"", "x".repeat(121));
        for (finding, problem) in [
            ("\"\"", "finding must not be empty (leave it out to use the question text)"),
            ("\"  \"", "finding must not be empty (leave it out to use the question text)"),
            ("\"Backups\\nnever tested\"", "finding must be one line without control characters"),
            ("\" Backups never tested\"", "finding must not start or end with spaces"),
            (too_long.as_str(), "finding is 121 characters long, at most 120"),
        ] {
            let error = Template::from_yaml("f.yaml", &with_finding(finding), catalogues()).unwrap_err();
            assert_eq!(error.to_string(), format!("f.yaml: question BCM-01: {problem}"), "{finding}");
        }
        let longest = format!("\"{}\"", "é".repeat(120));
        assert!(Template::from_yaml("f.yaml", &with_finding(&longest), catalogues()).is_ok(), "characters, not bytes");
    }

    #[test]
    fn the_finding_title_falls_back_to_the_question_as_a_shortfall() {
        let mut question = shipped_template("supplier-lite").unwrap().questions().next().unwrap().clone();
        question.finding = Some("No approved information security policy".into());
        assert_eq!(question.finding_title(), "No approved information security policy");
        question.finding = None;
        question.text = "Do you back up our data\n  at least daily ? ".into();
        assert_eq!(question.finding_title(), "Shortfall: Do you back up our data at least daily");
        question.text = "Describe your backup process.".into();
        assert_eq!(question.finding_title(), "Shortfall: Describe your backup process.");
        question.text = "?".into();
        assert_eq!(question.finding_title(), "Shortfall: ?");
    }

    #[test]
    fn errors_name_the_file_the_question_and_the_field() {
        let yaml = r#"
slug: broken
title: Broken
version: 1
description: A template with mistakes.
sections:
  - id: BCM
    title: Continuity
    questions:
      - id: BCM-03
        text: Are backups tested?
        answer: yes_no_na
        importance: critical
        compliant: ["yes"]
        iso: ["5.99"]
        nis2: ["21(2)(z)"]
      - id: BCM-03
        text: Who is your contact?
        answer: text
        importance: minor
        knock_out: true
"#;
        let error = Template::from_yaml("broken.yaml", yaml, catalogues()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "broken.yaml: question BCM-03: control 5.99 does not exist\n\
             broken.yaml: question BCM-03: NIS 2 reference 21(2)(z) does not exist\n\
             broken.yaml: question BCM-03: id is used twice\n\
             broken.yaml: question BCM-03: knock_out needs a scored answer type"
        );
        let unknown_field = "slug: x\ntitle: X\nversion: 1\ndescription: d\nsections: []\ncolour: red\n";
        let error = Template::from_yaml("x.yaml", unknown_field, catalogues()).unwrap_err();
        assert!(error.to_string().starts_with("x.yaml: unknown field `colour`"), "{error}");
    }
}
