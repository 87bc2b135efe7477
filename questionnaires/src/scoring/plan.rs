//! What scoring needs from a template version and the catalogues, worked out once: each
//! question's weight, place in id order and (the first time a finding or the explanation needs
//! them) finding title and quoted text, and which questions count for each Annex A control,
//! theme and NIS 2 point. Only the answers change from one assessment to the next.
use crate::catalogue::{IsoRef, Nis2Requirement, Theme, catalogues};
use crate::template::{EvidenceRequirement, Importance, Question, Template};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A template version made ready for scoring: build it once with [`ScoringPlan::new`] and
/// score any number of assessments of that version with [`super::score_with`]. It owns what it
/// holds (no borrow of the template), so it can be kept per template version (a published
/// version does not change) and shared between threads.
///
/// ```
/// use questionnaires::scoring::{ScoringInput, ScoringPlan, ScoringSettings, SupplierContext, score_with};
/// use questionnaires::{Answer, AnswerValue, shipped_template};
/// use std::collections::BTreeMap;
///
/// let template = shipped_template("supplier-lite").unwrap();
/// let plan = ScoringPlan::new(template);
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
/// for answer in [AnswerValue::Yes, AnswerValue::No] {
///     let answers: BTreeMap<String, Answer> =
///         template.questions().map(|q| (q.id.clone(), Answer::new(answer.clone()))).collect();
///     let report = score_with(&plan, &ScoringInput {
///         template,
///         answers: &answers,
///         supplier: &SupplierContext::default(),
///         settings: &ScoringSettings::default(),
///         assessed_on: today,
///         today,
///         remediated: &Default::default(),
///     });
///     assert_eq!(report.template_version, plan.template_version());
/// }
/// ```
#[derive(Clone, Debug)]
pub struct ScoringPlan {
    pub(super) slug: String,
    pub(super) version: u32,
    /// In template order, as the report lists them.
    pub(super) questions: Vec<PlannedQuestion>,
    /// Question indexes in id order, to pair the questions with the answers in one pass.
    pub(super) by_id: Vec<usize>,
    /// The Annex A controls the template asks about, in catalogue order.
    pub(super) controls: Vec<PlannedArea>,
    /// The four Annex A themes.
    pub(super) themes: Vec<PlannedArea>,
    /// The NIS 2 Art. 21(2) points (a)-(j).
    pub(super) nis2_points: Vec<PlannedArea>,
}

/// What a question brings to every score, whatever the answer.
#[derive(Clone, Debug)]
pub(super) struct PlannedQuestion {
    pub importance: Importance,
    pub knock_out: bool,
    pub scored: bool,
    /// Its points when it counts.
    pub weight: f64,
    pub evidence_required: bool,
    /// The title of the finding a shortfall opens, worked out the first time one does.
    finding_title: OnceLock<String>,
    /// Its text in at most 14 words, as the explanation quotes it, worked out the first time
    /// it is quoted.
    quoted: OnceLock<String>,
    /// The first question with this id (itself, unless a template repeats an id): the one
    /// whose text the explanation quotes.
    first_with_id: usize,
    /// Its place in id order (questions with the same id share it): ties in the explanation
    /// are broken by id without comparing strings.
    pub id_rank: u32,
}

/// A control, theme or NIS 2 point and the questions (indexes, ascending) that count for it.
#[derive(Clone, Debug)]
pub(super) struct PlannedArea {
    pub id: &'static str,
    pub title: &'static str,
    pub members: Vec<usize>,
    /// Its place in id order among its kind, for ties in the explanation.
    pub id_rank: u32,
}

impl PlannedArea {
    fn new(id: &'static str, title: &'static str, members: Vec<usize>) -> PlannedArea {
        PlannedArea { id, title, members, id_rank: 0 }
    }
}

impl PlannedQuestion {
    /// The title of the finding a shortfall of `question` (this planned question) opens.
    pub fn finding_title(&self, question: &Question) -> &str {
        self.finding_title.get_or_init(|| question.finding_title())
    }
}

impl ScoringPlan {
    pub fn new(template: &Template) -> ScoringPlan {
        let count = template.sections.iter().map(|s| s.questions.len()).sum();
        let questions = super::aggregate::in_order(template, count);
        let mut by_id: Vec<usize> = (0..questions.len()).collect();
        by_id.sort_by(|a, b| questions[*a].id.cmp(&questions[*b].id));
        let mut id_rank = vec![0u32; questions.len()];
        let mut first_with_id = vec![0usize; questions.len()];
        let mut rank = 0u32;
        for (position, &index) in by_id.iter().enumerate() {
            let first = match position.checked_sub(1).map(|p| by_id[p]) {
                Some(previous) if questions[previous].id == questions[index].id => first_with_id[previous],
                Some(_) => {
                    rank += 1;
                    index
                }
                None => index,
            };
            id_rank[index] = rank;
            first_with_id[index] = first;
        }
        let planned = questions
            .iter()
            .enumerate()
            .map(|(i, question)| PlannedQuestion {
                importance: question.importance,
                knock_out: question.knock_out,
                scored: question.is_scored(),
                weight: question.weight(),
                evidence_required: question.evidence == EvidenceRequirement::Required,
                finding_title: OnceLock::new(),
                quoted: OnceLock::new(),
                first_with_id: first_with_id[i],
                id_rank: id_rank[i],
            })
            .collect();

        let catalogues = catalogues();
        let index = CatalogueIndex::get();
        let mut by_control: Vec<Vec<usize>> = vec![Vec::new(); index.control_points.len()];
        let mut by_point: Vec<Vec<usize>> = vec![Vec::new(); index.points.len()];
        for (i, question) in questions.iter().enumerate() {
            for &control in question.iso.iter().filter_map(|id| index.controls.get(id.as_str())) {
                add(&mut by_control[control], i);
                for &point in &index.control_points[control] {
                    add(&mut by_point[point], i);
                }
            }
            let named = question.nis2.iter().filter_map(|reference| catalogues.nis2_point_of(reference));
            let clauses: Vec<IsoRef> = question.iso_clauses.iter().map(|id| IsoRef::Clause(id.clone())).collect();
            let intersected = clauses.iter().flat_map(|clause| catalogues.nis2_points_for(clause));
            for point in named.chain(intersected.filter_map(|p| catalogues.nis2_point_of(p))) {
                if let Some(point) = index.point(point) {
                    add(&mut by_point[point], i);
                }
            }
        }
        let themes = Theme::ALL
            .iter()
            .map(|&theme| {
                let mut members: Vec<usize> = catalogues
                    .iso_controls()
                    .iter()
                    .zip(&by_control)
                    .filter(|(control, _)| control.theme == theme)
                    .flat_map(|(_, members)| members.iter().copied())
                    .collect();
                members.sort_unstable();
                members.dedup();
                PlannedArea::new(theme_id(theme), theme.title(), members)
            })
            .collect();
        let controls = catalogues
            .iso_controls()
            .iter()
            .zip(by_control)
            .filter(|(_, members)| !members.is_empty())
            .map(|(control, members)| PlannedArea::new(&control.id, &control.title, members))
            .collect();
        let nis2_points = index
            .points
            .iter()
            .zip(by_point)
            .map(|(point, members)| PlannedArea::new(&point.id, &point.title, members))
            .collect();
        ScoringPlan {
            slug: template.slug.clone(),
            version: template.version,
            questions: planned,
            by_id,
            controls: ranked(controls),
            themes: ranked(themes),
            nis2_points: ranked(nis2_points),
        }
    }

    /// The slug of the template the plan was made for.
    pub fn template_slug(&self) -> &str {
        &self.slug
    }

    /// The version of the template the plan was made for.
    pub fn template_version(&self) -> u32 {
        self.version
    }

    /// Question `i`'s text in at most 14 words, as the explanation quotes it: that of the
    /// first question with its id, should a template repeat an id. `questions` are those of
    /// the plan's template, in order.
    pub(super) fn quoted(&self, i: usize, questions: &[&Question]) -> &str {
        let planned = &self.questions[i];
        planned.quoted.get_or_init(|| quote(&questions[planned.first_with_id].text))
    }

    /// Whether `template` is the version this plan was made for (same slug, version and
    /// number of questions).
    pub fn fits(&self, template: &Template) -> bool {
        template.slug == self.slug
            && template.version == self.version
            && template.sections.iter().map(|s| s.questions.len()).sum::<usize>() == self.questions.len()
    }
}

/// The catalogues as planning reads them: each Annex A control's position, and the NIS 2
/// points (positions among the Art. 21(2) points) it intersects, worked out once per process.
struct CatalogueIndex {
    controls: BTreeMap<&'static str, usize>,
    control_points: Vec<Vec<usize>>,
    points: Vec<&'static Nis2Requirement>,
}

impl CatalogueIndex {
    fn get() -> &'static CatalogueIndex {
        static INDEX: OnceLock<CatalogueIndex> = OnceLock::new();
        INDEX.get_or_init(|| {
            let catalogues = catalogues();
            let points: Vec<&Nis2Requirement> = catalogues.nis2_points().collect();
            let mut index = CatalogueIndex { controls: BTreeMap::new(), control_points: Vec::new(), points };
            for (i, control) in catalogues.iso_controls().iter().enumerate() {
                index.controls.insert(&control.id, i);
                let iso = IsoRef::Control(control.id.clone());
                let mut points: Vec<usize> = catalogues
                    .nis2_points_for(&iso)
                    .filter_map(|p| catalogues.nis2_point_of(p))
                    .filter_map(|p| index.point(p))
                    .collect();
                points.sort_unstable();
                points.dedup();
                index.control_points.push(points);
            }
            index
        })
    }

    /// The position of an Art. 21(2) point among the points.
    fn point(&self, id: &str) -> Option<usize> {
        self.points.iter().position(|p| p.id == id)
    }
}

/// Adds question `i` to an area's members; questions come in order, so they stay ascending
/// and a question that reaches the area twice counts once.
fn add(members: &mut Vec<usize>, i: usize) {
    if members.last() != Some(&i) {
        members.push(i);
    }
}

fn ranked(mut areas: Vec<PlannedArea>) -> Vec<PlannedArea> {
    let mut order: Vec<usize> = (0..areas.len()).collect();
    order.sort_by(|a, b| areas[*a].id.cmp(areas[*b].id));
    for (rank, index) in order.into_iter().enumerate() {
        areas[index].id_rank = rank as u32;
    }
    areas
}

/// A theme's id in reports: its name in lower case.
fn theme_id(theme: Theme) -> &'static str {
    match theme {
        Theme::Organizational => "organizational",
        Theme::People => "people",
        Theme::Physical => "physical",
        Theme::Technological => "technological",
    }
}

/// A question's text in at most 14 words, as the explanation quotes it.
pub(super) fn quote(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().take(14).collect();
    if text.split_whitespace().count() > 14 {
        words.push("...");
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_can_be_shared_between_threads() {
        fn shared<T: Send + Sync + 'static>() {}
        shared::<ScoringPlan>();
    }

    #[test]
    fn theme_ids_are_the_theme_names_in_lower_case() {
        for theme in Theme::ALL {
            assert_eq!(theme_id(theme), format!("{theme:?}").to_lowercase());
        }
    }
}
