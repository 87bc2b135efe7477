//! Which column of a questionnaire sheet plays which part. Headers name roles (in several
//! languages), read from the rows above the table and from header rows repeated per section;
//! what the cells hold decides between candidates: question texts are long and distinct, answers
//! are a small vocabulary or a drop-down list, marks sit under Yes / No / N/A.
use super::detect::{id_cell, question_like};
use super::grid::column_name;
use super::layout::AnswerColumns;
use super::vocab::{leading_answer, strip_numbering, yes_no};
use super::{Cell, Sheet};
use foldhash::HashSet;
use std::collections::BTreeMap;

/// Header words for the question column.
const QUESTION_WORDS: &[&str] =
    &["question", "frage", "requirement", "anforderung", "exigence", "control", "kontrolle", "pregunta"];
const ANSWER_WORDS: &[&str] = &[
    "answer",
    "response",
    "reply",
    "antwort",
    "réponse",
    "respuesta",
    "compliance",
    "compliant",
    "status",
    "implemented",
    "in place",
    "yes/no",
    "y/n",
];
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "additional information",
    "explanation",
    "remark",
    "notes",
    "details",
    "justification",
    "implementation description",
    "description",
    "kommentar",
    "bemerkung",
    "erläuterung",
    "commentaire",
];
const EVIDENCE_WORDS: &[&str] =
    &["evidence", "reference", "document", "link", "attachment", "artifact", "nachweis", "preuve"];
const APPLICABLE_WORDS: &[&str] = &["applicab", "anwendbar", "scope"];
/// Columns that say where a question applies (a service model, a deployment), not answers.
const FLAG_WORDS: &[&str] = &["saas", "paas", "iaas", "public", "private", "hybrid", "on-prem", "applies to"];
const GUIDANCE_WORDS: &[&str] = &["guidance", "help", "hint", "instruction"];
/// Columns for the other side (the assessor) or for mappings, never the supplier's words.
const FOREIGN_WORDS: &[&str] =
    &["analyst", "assessor", "reviewer", "institution", "evaluat", "scor", "weight", "csc ", "(backend", "mapping"];

fn has(header: &str, words: &[&str]) -> bool {
    words.iter().any(|w| header.contains(w))
}

/// What the headers say of each column.
pub(super) struct Roles {
    /// Each column's header as read (header rows joined, else the repeated section header).
    pub headers: Vec<String>,
    lower: Vec<String>,
    /// The yes / no / n/a / partial a column's lowest header names, for mark groups.
    marks: Vec<Option<&'static str>>,
    /// Header rows repeated inside the table, one per section.
    pub repeated: Vec<usize>,
}

impl Roles {
    pub(super) fn read(sheet: &Sheet, id: usize, header_rows: &[usize], first: usize, width: usize) -> Roles {
        let any_role = |text: &str| {
            let lower = text.to_lowercase();
            [QUESTION_WORDS, ANSWER_WORDS, COMMENT_WORDS, GUIDANCE_WORDS, EVIDENCE_WORDS].iter().any(|w| has(&lower, w))
        };
        let repeated: Vec<usize> = (first..sheet.rows.len())
            .filter(|&r| !id_cell(sheet.cell(r, id)))
            .filter(|&r| {
                let texts: Vec<String> =
                    sheet.rows[r].iter().map(|c| c.clean_text()).filter(|t| !t.is_empty()).collect();
                texts.len() >= 2
                    && texts.iter().all(|t| t.chars().count() <= 60)
                    && texts.iter().skip(1).any(|t| any_role(t))
            })
            .collect();
        let mut headers = Vec::with_capacity(width);
        let mut marks = Vec::with_capacity(width);
        for col in 0..width {
            let mut parts: Vec<String> =
                header_rows.iter().map(|&r| sheet.cell(r, col).clean_text()).filter(|t| !t.is_empty()).collect();
            parts.dedup();
            if parts.is_empty() {
                let mut counts: BTreeMap<String, usize> = BTreeMap::new();
                for &r in &repeated {
                    let text = sheet.cell(r, col).clean_text();
                    if !text.is_empty() {
                        *counts.entry(text).or_default() += 1;
                    }
                }
                parts.extend(counts.into_iter().max_by_key(|(_, n)| *n).map(|(t, _)| t));
            }
            let lowest = parts.last().cloned().unwrap_or_default();
            marks.push(yes_no(&lowest).filter(|_| lowest.chars().count() <= 40));
            headers.push(parts.join(" "));
        }
        let lower = headers.iter().map(|h| h.to_lowercase()).collect();
        Roles { headers, lower, marks, repeated }
    }

    fn says(&self, col: usize, words: &[&str]) -> bool {
        self.lower.get(col).is_some_and(|h| has(h, words))
    }

    /// A header that names some other part than the question.
    fn other_role(&self, col: usize) -> bool {
        self.marks[col].is_some()
            || [ANSWER_WORDS, COMMENT_WORDS, GUIDANCE_WORDS, EVIDENCE_WORDS, FOREIGN_WORDS]
                .iter()
                .any(|w| self.says(col, w))
    }

    fn mark(&self, word: &str, taken: &[usize]) -> Option<usize> {
        (0..self.marks.len()).find(|c| !taken.contains(c) && self.marks[*c] == Some(word))
    }
}

/// The columns chosen, and how sure the choice is.
pub(super) struct Chosen {
    pub question: usize,
    pub answer: AnswerColumns,
    pub comment: Option<usize>,
    pub evidence: Option<usize>,
    pub guidance: Option<usize>,
    pub applicable: Option<usize>,
    /// Share of the id rows whose question cell reads as a question.
    pub question_share: f64,
    /// 1 when header and content agree on the answer column, less when only one speaks.
    pub answer_certainty: f64,
}

/// The question column: most question-like texts, distinct from row to row (a merged control
/// description repeats itself), questions ending in `?` preferred; a header naming another part
/// counts against a column, one naming the question for it.
fn question_column(sheet: &Sheet, id: usize, rows: &[usize], roles: &Roles) -> Option<(usize, f64)> {
    let mut best: Option<(f64, usize, f64)> = None;
    for col in (0..roles.headers.len()).filter(|&c| c != id) {
        let texts: Vec<String> =
            rows.iter().map(|&r| sheet.own(r, col).clean_text()).filter(|t| !t.is_empty()).collect();
        let questions = texts.iter().filter(|t| question_like(t)).count() as f64;
        let asked = texts.iter().filter(|t| t.ends_with('?')).count() as f64;
        let distinct = texts.iter().collect::<HashSet<_>>().len() as f64 / texts.len().max(1) as f64;
        let header = if roles.says(col, QUESTION_WORDS) {
            1.5
        } else if roles.other_role(col) {
            0.2
        } else {
            1.0
        };
        let score = questions * distinct * (1.0 + asked / rows.len() as f64) * header;
        if score > 0.0 && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, col, questions / rows.len() as f64));
        }
    }
    best.map(|(_, col, share)| (col, share))
}

/// A cell that reads as an answer: yes / no / n/a / partial (also `1) Yes`, `Yes, ...`) or a
/// numbered option (`4) AWS`).
fn answer_like(cell: &Cell) -> bool {
    // An answer opens with it: the head of a long comment is enough to tell.
    let raw = cell.as_str();
    let head = raw.char_indices().nth(120).map_or(&*raw, |(cut, _)| &raw[..cut]);
    let text = super::vocab::clean(head);
    leading_answer(&text).is_some()
        || (head.len() == raw.len()
            && text.chars().count() <= 40
            && strip_numbering(&text).is_some_and(|r| letters(r) >= 2))
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// The single answer column: one whose header says so wins (on a blank questionnaire only the
/// header and the drop-down list speak), else the column whose cells read as answers.
fn answer_column(sheet: &Sheet, rows: &[usize], roles: &Roles, taken: &[usize]) -> (AnswerColumns, f64) {
    let candidates: Vec<usize> = (0..roles.headers.len())
        .filter(|c| !taken.contains(c))
        .filter(|&c| {
            ![COMMENT_WORDS, GUIDANCE_WORDS, EVIDENCE_WORDS, FOREIGN_WORDS, APPLICABLE_WORDS, FLAG_WORDS]
                .iter()
                .any(|w| roles.says(c, w))
                || roles.says(c, ANSWER_WORDS)
        })
        .collect();
    // Counted once per candidate column: the closures below are asked several times each.
    let width = roles.headers.len();
    let (mut vocabularies, mut lists) = (vec![0; width], vec![0; width]);
    for &c in &candidates {
        vocabularies[c] = rows.iter().filter(|&&r| answer_like(sheet.own(r, c))).count();
        lists[c] = rows.iter().filter(|&&r| sheet.list_at(r, c).is_some()).count();
    }
    let vocabulary = |c: usize| vocabularies[c];
    let listed = |c: usize| lists[c];
    let evidence = |c: usize| vocabulary(c) + listed(c);
    let named: Vec<usize> = candidates.iter().copied().filter(|&c| roles.says(c, ANSWER_WORDS)).collect();
    if let Some(&best) = named.iter().max_by_key(|&&c| (evidence(c), std::cmp::Reverse(c))) {
        return (AnswerColumns::Single { column: best }, if evidence(best) > 0 { 1.0 } else { 0.6 });
    }
    let third = rows.len().div_ceil(3).max(1);
    if let Some(&best) = candidates.iter().max_by_key(|&&c| (vocabulary(c), std::cmp::Reverse(c)))
        && vocabulary(best) >= third
    {
        return (AnswerColumns::Single { column: best }, vocabulary(best) as f64 / rows.len() as f64);
    }
    match candidates.iter().copied().max_by_key(|&c| (listed(c), std::cmp::Reverse(c))) {
        Some(best) if listed(best) >= third => (AnswerColumns::Single { column: best }, 0.7),
        _ => (AnswerColumns::None, 0.0),
    }
}

/// Whether a column holds references to other standards (`A9.4.2`, `PR.IP-9`, `Domain 10`)
/// rather than words: a mapping column, whatever its header says, is no comment or guidance.
fn references(sheet: &Sheet, rows: &[usize], col: usize) -> bool {
    let texts: Vec<String> = rows.iter().map(|&r| sheet.own(r, col).clean_text()).filter(|t| !t.is_empty()).collect();
    let coded = texts
        .iter()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()) && t.split(' ').count() <= 4 && t.chars().count() <= 40)
        .count();
    texts.len() >= 3 && coded * 5 > texts.len() * 3
}

/// Chooses the question, answer and side columns of a sheet whose id column is `id`.
pub(super) fn choose_columns(sheet: &Sheet, id: usize, rows: &[usize], roles: &Roles) -> Result<Chosen, String> {
    let (question, question_share) = question_column(sheet, id, rows, roles).ok_or("no column holds question texts")?;
    if question_share < 0.3 {
        return Err(format!(
            "column {} holds no questions (standard references, dates or short labels)",
            column_name(question)
        ));
    }
    let mut taken = vec![id, question];
    let (answer, answer_certainty) = match (roles.mark("yes", &taken), roles.mark("no", &taken)) {
        (Some(yes), Some(no)) if yes != no && yes.abs_diff(no) <= 4 => {
            let (na, partial) = (roles.mark("n/a", &taken), roles.mark("partial", &taken));
            (AnswerColumns::Marks { yes, no, na, partial }, 1.0)
        }
        _ => answer_column(sheet, rows, roles, &taken),
    };
    let answer_cols: Vec<usize> = match &answer {
        AnswerColumns::None => Vec::new(),
        AnswerColumns::Single { column } => vec![*column],
        AnswerColumns::Marks { yes, no, na, partial } => {
            [Some(*yes), Some(*no), *na, *partial].into_iter().flatten().collect()
        }
    };
    taken.extend(&answer_cols);
    let pick = |words: &[&str], taken: &mut Vec<usize>| {
        let after = answer_cols.iter().max().copied().unwrap_or(question);
        let free: Vec<usize> = (0..roles.headers.len())
            .filter(|c| !taken.contains(c) && roles.says(*c, words) && !roles.says(*c, FOREIGN_WORDS))
            .filter(|&c| !references(sheet, rows, c))
            .collect();
        let chosen = free.iter().copied().find(|&c| c > after).or_else(|| free.first().copied());
        taken.extend(chosen);
        chosen
    };
    let applicable = pick(APPLICABLE_WORDS, &mut taken);
    let guidance = pick(GUIDANCE_WORDS, &mut taken);
    let evidence = pick(EVIDENCE_WORDS, &mut taken);
    let comment = pick(COMMENT_WORDS, &mut taken).or_else(|| {
        // Free text right of the answer under no header is a comment.
        let next = answer_cols.iter().max()? + 1;
        let unnamed = next < roles.headers.len() && roles.headers[next].is_empty() && !taken.contains(&next);
        let texts = rows.iter().filter(|&&r| sheet.own(r, next).clean_text().split(' ').count() >= 3).count();
        (unnamed && texts > 0).then_some(next)
    });
    Ok(Chosen { question, answer, comment, evidence, guidance, applicable, question_share, answer_certainty })
}
