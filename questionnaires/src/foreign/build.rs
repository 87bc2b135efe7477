//! A recognised foreign questionnaire as a read-only template: its questions as they are in the
//! file, each carrying the Annex A controls its crosswalk gives, so that the scoring engine
//! scores it like any other template. Where each question's controls come from is kept beside
//! it, so that every point can say so.
use super::crosswalk::{Crosswalk, crosswalk, key};
use super::embedded::Embedded;
use super::family::{Family, Recognised};
use crate::sheet::draft::draft_sections;
use crate::sheet::rows::SourceRow;
use crate::sheet::vocab::{leading_answer, yes_no};
use crate::template::ExternalRef;
use crate::{AnswerType, Importance, Template};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a question's controls come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MappingSource {
    /// The workbook's own crosswalk sheet (translated from 2013 where it used 2013 numbers).
    Workbook { read_from: String },
    /// A crosswalk file shipped with Chainward.
    Crosswalk { file: String },
    /// The id is an Annex A control (a Statement of Applicability).
    AnnexA,
    /// No crosswalk maps it, or it is no yes / no question: it does not count.
    NotMapped { reason: String },
}

/// One question of the foreign template and the controls it counts towards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MappedQuestion {
    pub question_id: String,
    pub controls: Vec<String>,
    pub source: MappingSource,
}

/// The points a mapped question weighs: a standard question's 10 spread over its controls.
pub fn spread_points(controls: usize) -> f64 {
    Importance::Standard.points() / controls.max(1) as f64
}

/// The template's slug for a family, its version and edition (`caiq-v4-0-3`,
/// `hecvat-3-04-full`, `soa-iso27001-2013`): files of one release share a template.
pub fn slug_of(recognised: &Recognised) -> String {
    let mut slug = match (recognised.family, recognised.version.as_deref()) {
        (Family::Soa, Some(version)) => format!("soa-iso27001-{version}"),
        (Family::CaiqV3 | Family::CaiqV4, Some(version)) => format!("caiq-v{version}"),
        (Family::Hecvat3 | Family::Hecvat4, Some(version)) => format!("hecvat-{version}"),
        (family, _) => family.slug().to_owned(),
    };
    if let Some(edition) = &recognised.edition {
        slug.push('-');
        slug.push_str(edition);
    }
    slug.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

/// The controls of one id, and where they come from.
fn controls_of(
    id: &str,
    recognised: &Recognised,
    shipped: Option<&Crosswalk>,
    embedded: &Embedded,
) -> (Vec<String>, MappingSource) {
    // The workbook is the supplier's: where our crosswalk knows an id (mapped or deliberately
    // not), it decides; the workbook's own sheet speaks only for ids our file does not know.
    let known = shipped.is_some_and(|c| c.knows(id));
    if !known && let Some(controls) = embedded.entries.get(&key(id)).filter(|c| !c.is_empty()) {
        let read_from = embedded.read_from.join(", ");
        return (controls.clone(), MappingSource::Workbook { read_from });
    }
    if recognised.family == Family::Soa {
        let bare = key(id);
        let bare = bare.trim_start_matches("A.");
        let controls = match recognised.version.as_deref() {
            Some("2013") => super::crosswalk::controls_of_2013(bare),
            _ => crate::catalogues().control(bare).map(|c| vec![c.id.clone()]).unwrap_or_default(),
        };
        if !controls.is_empty() {
            return (controls, MappingSource::AnnexA);
        }
        return (Vec::new(), MappingSource::NotMapped { reason: "no Annex A control has this number".into() });
    }
    match shipped.and_then(|c| c.lookup(id).map(|found| (c, found))) {
        Some((file, controls)) if !controls.is_empty() => {
            (controls.to_vec(), MappingSource::Crosswalk { file: file.file.clone() })
        }
        Some((file, _)) => (
            Vec::new(),
            MappingSource::NotMapped { reason: format!("{} leaves it unmapped: no Annex A control fits", file.file) },
        ),
        None => (Vec::new(), MappingSource::NotMapped { reason: "no crosswalk knows this id".into() }),
    }
}

/// Whether a row's answer reads as yes, no or n/a.
fn answered_yes_no(row: &SourceRow) -> bool {
    row.answer.as_deref().is_some_and(|a| yes_no(a).or_else(|| leading_answer(a)).is_some())
}

/// Text from the supplier's file, as a template may hold it: no control characters but line
/// breaks and tabs in texts, one line in titles.
fn clean(text: &str, one_line: bool) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_control() && (one_line || !matches!(c, '\n' | '\r' | '\t')) { ' ' } else { c })
        .collect();
    if one_line { kept.split_whitespace().collect::<Vec<_>>().join(" ") } else { kept.trim().to_owned() }
}

/// A section id not yet used: two to five upper-case letters.
fn free_section_id(used: &std::collections::BTreeSet<String>) -> String {
    let letters = 'A'..='Z';
    letters
        .clone()
        .flat_map(|a| letters.clone().map(move |b| format!("S{a}{b}")))
        .find(|id| !used.contains(id))
        .unwrap_or_else(|| "SZZZZ".to_owned())
}

/// The file's texts made safe and its section ids unique, so that the template is valid
/// whatever the workbook held (the validator guards our own templates; a supplier's file must
/// never make it fail).
fn make_valid(sections: &mut Vec<crate::Section>) {
    // An id the file repeats is one question: the first keeps it (the answers were merged).
    let mut ids = std::collections::HashSet::new();
    for section in sections.iter_mut() {
        section.questions.retain(|q| ids.insert(q.id.clone()));
    }
    sections.retain(|s| !s.questions.is_empty());
    let mut used = std::collections::BTreeSet::new();
    for section in sections.iter_mut() {
        section.title = clean(&section.title, true);
        if section.title.is_empty() {
            section.title = "Questions".into();
        }
        if used.contains(&section.id) {
            section.id = free_section_id(&used);
        }
        used.insert(section.id.clone());
        for question in &mut section.questions {
            question.section = section.id.clone();
            question.text = clean(&question.text, false);
            if question.text.is_empty() {
                question.text = format!("{} (no question text in the file)", question.id);
            }
            question.help = question.help.as_deref().map(|h| clean(h, false)).filter(|h| !h.is_empty());
        }
    }
}

/// The read-only template of a recognised workbook, and each question's mapping.
pub fn family_template(
    recognised: &Recognised,
    rows: &[SourceRow],
    embedded: &Embedded,
) -> (Template, Vec<MappedQuestion>) {
    let shipped = crosswalk(recognised.family.slug());
    // A question printed without text keeps its id as text, so that its answer still counts.
    let rows: Vec<SourceRow> = rows
        .iter()
        .map(|row| {
            let mut row = row.clone();
            if row.question.trim().is_empty() {
                row.question = format!("{} (no question text in the file)", row.id);
            }
            row
        })
        .collect();
    let mut sections = draft_sections(&rows);
    make_valid(&mut sections);
    let by_id: HashMap<&str, &SourceRow> = rows.iter().rev().map(|r| (r.id.as_str(), r)).collect();
    let mut mapping = Vec::new();
    for section in &mut sections {
        for question in &mut section.questions {
            let row = by_id.get(question.id.as_str()).copied();
            if row.is_some_and(answered_yes_no) && question.answer != AnswerType::YesNoNa {
                question.answer = AnswerType::YesNoNa;
                question.options.clear();
                question.compliant = vec!["yes".into()];
            }
            let (controls, mut source) = controls_of(&question.id, recognised, shipped, embedded);
            let yes_no_question = question.answer == AnswerType::YesNoNa;
            if !yes_no_question && !controls.is_empty() {
                source = MappingSource::NotMapped { reason: "not a yes / no answer: kept as information".into() };
            }
            let counts = yes_no_question && !controls.is_empty();
            if !yes_no_question {
                // Free text and the file's own option lists carry no score of ours.
                question.answer = AnswerType::Text;
                question.options.clear();
                question.compliant.clear();
            }
            question.points = Some(if counts { spread_points(controls.len()) } else { 0.0 });
            question.iso = if counts { controls.clone() } else { Vec::new() };
            question.external = vec![ExternalRef { scheme: recognised.family.slug().into(), id: question.id.clone() }];
            mapping.push(MappedQuestion { question_id: question.id.clone(), controls: question.iso.clone(), source });
        }
    }
    let template = Template {
        slug: slug_of(recognised),
        title: recognised.name(),
        version: 1,
        description: format!(
            "The supplier's own {} as imported, read-only; its answers count towards the Annex A controls its crosswalk names.",
            recognised.name()
        ),
        sections,
    };
    (template, mapping)
}
