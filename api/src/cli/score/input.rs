//! Reading and checking the input of `chainward score`: the template slug, the answers file and
//! the supplier profile. Every problem is collected, each naming the file and the place in it.
use chrono::NaiveDate;
use questionnaires::answer::parse_answer;
use questionnaires::scoring::SupplierContext;
use questionnaires::{Answer, Evidence, Question, Template, shipped_template, shipped_templates};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// A file named on the command line: its name for messages, and its text or why it is unreadable.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub text: Result<String, String>,
}

impl Source {
    pub fn read(path: &Path) -> Source {
        if path == Path::new("-") {
            let mut text = String::new();
            let read = std::io::stdin().read_to_string(&mut text).map(|_| text);
            return Source { name: "standard input".into(), text: read.map_err(|e| e.to_string()) };
        }
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string());
        Source { name: path.display().to_string(), text }
    }
}

/// A spreadsheet given as answers, turned into the JSON form `check` reads; None when the
/// file is JSON (or standard input). Cells that cannot be used are problems, by sheet and cell.
pub fn spreadsheet_source(path: &Path, slug: &str) -> Option<Result<Source, Vec<String>>> {
    use questionnaires::sheet::import::{ImportChoices, analyse};
    use questionnaires::sheet::{Limits, read_workbook};
    if path == Path::new("-") {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    if start.is_some_and(|i| bytes[i] == b'{') {
        return None;
    }
    let name = path.display().to_string();
    let template = shipped_template(slug)?;
    let report = match read_workbook(&bytes, &Limits::default())
        .and_then(|w| analyse(&w, Some(template), &ImportChoices::default()))
    {
        Ok(report) => report,
        Err(err) => return Some(Err(vec![format!("{name}: {err}")])),
    };
    if !report.invalid.is_empty() {
        return Some(Err(report.invalid.iter().map(|p| format!("{name}: {p}")).collect()));
    }
    if report.answers.is_empty() && !report.unmatched.is_empty() {
        let first = &report.unmatched[0];
        return Some(Err(vec![format!(
            "{name}: none of the {} question rows (first: {} at {}) is a question of {slug}; choose another --template",
            report.unmatched.len(),
            first.id,
            first.cell
        )]));
    }
    Some(Ok(answers_source(name, &report, template)))
}

/// The answers of an import report in the JSON form `check` reads.
pub fn answers_source(
    name: String,
    report: &questionnaires::sheet::report::ImportReport,
    template: &Template,
) -> Source {
    let answers: Map<String, Value> = report
        .answers
        .iter()
        .filter_map(|a| {
            let question = template.question(&a.question_id)?;
            let value = questionnaires::answer::display_answer(question, &a.value);
            Some((a.question_id.clone(), serde_json::json!({"value": value, "comment": a.comment})))
        })
        .collect();
    let text = serde_json::json!({ "answers": answers }).to_string();
    Source { name, text: Ok(text) }
}

/// Everything a score needs, checked.
#[derive(Debug)]
pub struct Checked {
    pub template: Cow<'static, Template>,
    pub answers: BTreeMap<String, Answer>,
    pub supplier: SupplierContext,
    pub assessed_on: NaiveDate,
}

/// Problems of one file: each is pushed as `file: place: what`.
struct Problems<'a> {
    file: &'a str,
    list: &'a mut Vec<String>,
}

impl Problems<'_> {
    fn add(&mut self, at: &str, what: impl std::fmt::Display) {
        self.list.push(format!("{}: {at}: {what}", self.file));
    }
}

/// Checks the template slug, the answers file and the supplier profile, collecting every problem.
pub fn check(slug: &str, answers: &Source, profile: Option<&Source>, today: NaiveDate) -> Result<Checked, Vec<String>> {
    let template = shipped_template(slug).map(Cow::Borrowed).ok_or_else(|| {
        let slugs: Vec<&str> = shipped_templates().iter().map(|t| t.slug.as_str()).collect();
        format!("--template {slug}: no such template (available: {})", slugs.join(", "))
    });
    check_with(template, answers, profile, today)
}

/// [`check`] with the template at hand (a supplier's own questionnaire read from its file), or
/// the problem that there is none.
pub fn check_with(
    template: Result<Cow<'static, Template>, String>,
    answers: &Source,
    profile: Option<&Source>,
    today: NaiveDate,
) -> Result<Checked, Vec<String>> {
    let mut list = Vec::new();
    let template = template.map_err(|problem| list.push(problem)).ok();
    let template_ref = template.as_deref();
    let mut checked_answers = BTreeMap::new();
    let (mut supplier, mut assessed_on) = (None, today);
    if let Some(doc) = json_object(answers, &mut list) {
        let mut problems = Problems { file: &answers.name, list: &mut list };
        for key in doc.keys().filter(|k| !["answers", "assessed_on", "supplier"].contains(&k.as_str())) {
            problems.add(key, "unknown field (expected answers, assessed_on, supplier)");
        }
        match doc.get("answers") {
            Some(Value::Object(entries)) => checked_answers = answer_map(entries, template_ref, &mut problems),
            Some(other) => problems.add("answers", format!("expected an object by question id, found {}", kind(other))),
            None => problems.add("answers", r#"missing; expected {"answers": {"<question id>": "<answer>"}}"#),
        }
        match doc.get("assessed_on").map(date) {
            Some(Ok(day)) if day > today => problems.add("assessed_on", format!("{day} is in the future")),
            Some(Ok(day)) => assessed_on = day,
            Some(Err(err)) => problems.add("assessed_on", err),
            None => {}
        }
        supplier = doc.get("supplier").map(|s| supplier_context(s, "supplier", &mut problems));
    }
    if let Some(source) = profile
        && let Some(doc) = json_object(source, &mut list)
    {
        let mut problems = Problems { file: &source.name, list: &mut list };
        supplier = Some(match doc.get("supplier") {
            Some(inner) if doc.len() == 1 => supplier_context(inner, "supplier", &mut problems),
            _ => supplier_context(&Value::Object(doc), "", &mut problems),
        });
    }
    match template {
        Some(template) if list.is_empty() => {
            Ok(Checked { template, answers: checked_answers, supplier: supplier.unwrap_or_default(), assessed_on })
        }
        _ => Err(list),
    }
}

fn json_object(source: &Source, list: &mut Vec<String>) -> Option<Map<String, Value>> {
    let text = source.text.as_ref().map_err(|err| list.push(format!("{}: cannot read: {err}", source.name))).ok()?;
    match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
        Ok(Value::Object(doc)) => Some(doc),
        Ok(other) => {
            list.push(format!("{}: expected a JSON object at the top, found {}", source.name, kind(&other)));
            None
        }
        Err(err) => {
            let position = format!(" at line {} column {}", err.line(), err.column());
            let what = err.to_string().trim_end_matches(&position).to_owned();
            list.push(format!("{}: invalid JSON at line {}, column {}: {what}", source.name, err.line(), err.column()));
            None
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn date(value: &Value) -> Result<NaiveDate, String> {
    match value {
        Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| format!("\"{}\" is not a date (YYYY-MM-DD)", s.trim())),
        other => Err(format!("expected a date as \"YYYY-MM-DD\", found {}", kind(other))),
    }
}

fn answer_map(
    entries: &Map<String, Value>,
    template: Option<&Template>,
    problems: &mut Problems,
) -> BTreeMap<String, Answer> {
    let mut answers = BTreeMap::new();
    for (id, value) in entries {
        let at = format!("answers.{id}");
        let question = template.and_then(|t| t.question(id));
        if let (Some(template), None) = (template, question) {
            problems.add(&at, format!("no such question in {}", template.slug));
        } else if let Some(answer) = answer(question, value, &at, problems) {
            answers.insert(id.clone(), answer);
        }
    }
    answers
}

/// One answer: a string (or number, true/false, list of options), or an object with `value`,
/// `comment` and `evidence`. Without a question (unknown template) only its shape is checked.
fn answer(question: Option<&Question>, value: &Value, at: &str, problems: &mut Problems) -> Option<Answer> {
    let (raw, raw_at, evidence) = match value {
        Value::Object(fields) => {
            for key in fields.keys().filter(|k| !["value", "comment", "evidence"].contains(&k.as_str())) {
                problems.add(&format!("{at}.{key}"), "unknown field (expected value, comment, evidence)");
            }
            if let Some(comment) = fields.get("comment").filter(|c| !c.is_string() && !c.is_null()) {
                problems.add(&format!("{at}.comment"), format!("expected text, found {}", kind(comment)));
            }
            let evidence = fields.get("evidence").map(|e| evidence(e, &format!("{at}.evidence"), problems));
            let Some(raw) = fields.get("value") else {
                problems.add(at, "the answer has no \"value\"");
                return None;
            };
            (raw, format!("{at}.value"), evidence.unwrap_or_default())
        }
        raw => (raw, at.to_owned(), Vec::new()),
    };
    let raw = match raw {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) if items.iter().all(Value::is_string) => {
            items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")
        }
        Value::Null => {
            problems.add(&raw_at, "null is not an answer (leave the question out to leave it unanswered)");
            return None;
        }
        other => {
            problems.add(&raw_at, format!("expected the answer as a string, found {}", kind(other)));
            return None;
        }
    };
    match parse_answer(question?, &raw) {
        Ok(value) => Some(Answer { value, evidence }),
        Err(err) => {
            problems.add(&raw_at, err);
            None
        }
    }
}

fn evidence(value: &Value, at: &str, problems: &mut Problems) -> Vec<Evidence> {
    let Value::Array(items) = value else {
        problems.add(at, format!("expected a list of documents, found {}", kind(value)));
        return Vec::new();
    };
    let mut documents = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{at}[{i}]");
        let fields = match item {
            Value::String(name) => &Map::from_iter([("name".to_owned(), Value::String(name.clone()))]),
            Value::Object(fields) => fields,
            other => {
                problems.add(
                    &at,
                    format!("expected a document {{\"name\": ..., \"valid_until\": ...}}, found {}", kind(other)),
                );
                continue;
            }
        };
        for key in fields.keys().filter(|k| !["name", "valid_until"].contains(&k.as_str())) {
            problems.add(&format!("{at}.{key}"), "unknown field (expected name, valid_until)");
        }
        let name = fields.get("name").and_then(Value::as_str).map(str::trim).filter(|name| !name.is_empty());
        if name.is_none() {
            problems.add(&format!("{at}.name"), "a document needs a name, e.g. \"iso-certificate.pdf\"");
        }
        let valid_until = fields.get("valid_until").filter(|v| !v.is_null()).map(date).transpose();
        if let Err(err) = &valid_until {
            problems.add(&format!("{at}.valid_until"), err);
        }
        if let (Some(name), Ok(valid_until)) = (name, valid_until) {
            documents.push(Evidence { name: name.to_owned(), valid_until });
        }
    }
    documents
}

const SUPPLIER_FIELDS: [(&str, &[&str]); 3] = [
    ("data_sensitivity", &["none", "internal", "confidential", "personal", "special_category"]),
    ("access_level", &["none", "data", "network", "privileged"]),
    ("substitutability", &["easy", "moderate", "hard"]),
];

/// The supplier's profile; `at` (if any) prefixes the field names in messages (`supplier.access_level`).
fn supplier_context(value: &Value, at: &str, problems: &mut Problems) -> SupplierContext {
    let Value::Object(fields) = value else {
        problems.add(at, format!("expected an object with the supplier's profile, found {}", kind(value)));
        return SupplierContext::default();
    };
    // Fields left out keep the defaults (the lowest exposure).
    let Ok(Value::Object(mut checked)) = serde_json::to_value(SupplierContext::default()) else {
        return SupplierContext::default();
    };
    for (key, value) in fields {
        let field_at = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
        let allowed = SUPPLIER_FIELDS.iter().find(|(name, _)| name == key).map(|(_, allowed)| *allowed);
        let valid = match (key.as_str(), value) {
            ("highest_service_criticality", Value::Null) => Ok(Value::Null),
            (_, Value::String(s)) if allowed.is_some_and(|a| a.contains(&s.trim().to_lowercase().as_str())) => {
                Ok(Value::String(s.trim().to_lowercase()))
            }
            (_, _) if allowed.is_some() => {
                let allowed = allowed.unwrap_or_default().join(", ");
                Err(match value.as_str() {
                    Some(given) => format!("\"{given}\" is not one of {allowed}"),
                    None => format!("expected one of {allowed}, found {}", kind(value)),
                })
            }
            ("nis2_relevant", Value::Bool(_)) => Ok(value.clone()),
            ("nis2_relevant", _) => Err(format!("expected true or false, found {}", kind(value))),
            ("highest_service_criticality", _) => match value.as_u64() {
                Some(level @ 1..=5) => Ok(Value::from(level)),
                _ => Err(format!("{value} is not a criticality from 1 to 5 (or null when no service depends on it)")),
            },
            _ => Err(format!(
                "unknown field (expected {}, nis2_relevant, highest_service_criticality)",
                SUPPLIER_FIELDS.map(|(name, _)| name).join(", ")
            )),
        };
        match valid {
            Ok(value) => drop(checked.insert(key.clone(), value)),
            Err(err) => problems.add(&field_at, err),
        }
    }
    // Every field was checked above, so this cannot fail.
    serde_json::from_value(Value::Object(checked)).unwrap_or_default()
}
