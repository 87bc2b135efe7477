//! Finding the questionnaire in a workbook nobody told us about, the way a person reads it:
//! the id column is short codes of one shape, nearly unique (the finest level wins over a
//! merged group id); the question column holds long, distinct texts, one per id; headers are
//! evidence (above the table, over two or three rows, or repeated as section rows), never the
//! whole story. Sheets that repeat another sheet's ids under other texts (crosswalks, change
//! logs) or its questions under other ids (summaries, reports) are left out, and the layout
//! says why.
use super::columns::{Roles, choose_columns};
use super::layout::{AnswerColumns, Layout, SheetLayout, Skipped};
use super::{Cell, Sheet, SheetError, Workbook};
use std::collections::{BTreeMap, BTreeSet};

/// Sheet names that are for the other side (the assessor), not the supplier.
const ASSESSOR_SHEETS: &[&str] = &["analyst", "assessor", "reviewer", "institution", "evaluat", "scoring", "(backend"];

/// Whether a cell can be a question id: a short code with a digit, or a small positive number.
pub(super) fn id_cell(cell: &Cell) -> bool {
    match cell {
        Cell::Text(text) => super::layout::is_id(text),
        Cell::Number(n) => *n > 0.0 && *n < 1000.0,
        _ => false,
    }
}

/// Text a person would take for a question or requirement: a few words, most of them letters.
/// (Counted without allocating: every cell of a sheet is asked.)
pub(super) fn question_like(text: &str) -> bool {
    // Stops as soon as it has seen fifteen letters in three words.
    let (mut letters, mut words, mut in_word) = (0, 0, false);
    for c in text.chars() {
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            (in_word, words) = (true, words + 1);
        }
        letters += usize::from(c.is_alphabetic());
        if letters >= 15 && words >= 3 {
            return true;
        }
    }
    let asked =
        text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}')).ends_with('?');
    asked && letters >= 6
}

/// The shape of an id: letters as `A`, digits as `9`, runs folded (`AIS-01.1` -> `A-9.9`).
fn shape(id: &str) -> String {
    let mut shape = String::new();
    for c in id.chars() {
        let class = if c.is_alphabetic() {
            'A'
        } else if c.is_ascii_digit() {
            '9'
        } else {
            c
        };
        if !shape.ends_with(class) || !matches!(class, 'A' | '9') {
            shape.push(class);
        }
    }
    shape
}

fn key(text: &str) -> String {
    super::layout::id_key(text)
}

/// A sheet that holds questions, with what tells it apart from the others.
struct Found {
    layout: SheetLayout,
    /// Its question rows.
    data: Vec<usize>,
    /// How many of its rows read as questions.
    weight: usize,
    /// What it holds, to compare it with other sheets (only when several sheets qualify).
    signature: Signature,
}

#[derive(Default)]
struct Signature {
    /// Each id with its question text.
    questions: BTreeMap<String, String>,
    /// Every code in any column (group ids, mapped references), to recognise crosswalks.
    codes: BTreeSet<String>,
}

impl Signature {
    fn of(sheet: &Sheet, layout: &SheetLayout, data: &[usize]) -> Signature {
        let mut questions = BTreeMap::new();
        for &r in data {
            let text = || sheet.own(r, layout.question).clean_text();
            questions.entry(key(&sheet.own(r, layout.id).as_str())).or_insert_with(text);
        }
        let mut codes: BTreeSet<String> = questions.keys().cloned().collect();
        let text_ids = sheet.rows.iter().flatten().filter(|c| matches!(c, Cell::Text(_)) && id_cell(c));
        codes.extend(text_ids.map(|c| key(&c.as_str())));
        Signature { questions, codes }
    }
}

/// Why a sheet that looks like a questionnaire is only a view of a better one, if it is.
fn echo_of(candidate: &Found, kept: &[(usize, Found)]) -> Option<String> {
    let ids: Vec<&String> = candidate.signature.questions.keys().collect();
    let mut repeated = 0;
    let mut retold = 0;
    let mut source = None;
    for id in &ids {
        let Some((_, sheet)) = kept.iter().find(|(_, k)| k.signature.codes.contains(*id)) else { continue };
        repeated += 1;
        source.get_or_insert(&sheet.layout.sheet);
        // The same question shared by several sheets is a questionnaire's habit; the same id
        // with another text is a change log's or a crosswalk's.
        if sheet.signature.questions.get(*id).is_some_and(|q| *q == candidate.signature.questions[*id]) {
            retold += 1;
        }
    }
    let source = source.map_or("", |s| s.as_str());
    if repeated * 2 > ids.len() && (repeated - retold) * 2 > repeated {
        return Some(format!(
            "its ids are those of sheet {source} with other texts (a crosswalk, change log or mapping, not questions to answer)"
        ));
    }
    // The same questions again with nowhere to answer them, where the other sheet has a place.
    let answerable = |f: &Found| f.layout.answer != AnswerColumns::None;
    if retold * 2 > ids.len() && !answerable(candidate) && kept.iter().any(|(_, k)| answerable(k)) {
        return Some(format!(
            "it repeats the questions of sheet {source} with no answer column (a crosswalk or summary, not questions to answer)"
        ));
    }
    let texts: BTreeSet<&String> = candidate.signature.questions.values().collect();
    for (_, sheet) in kept {
        let theirs: BTreeMap<&String, &String> = sheet.signature.questions.iter().map(|(id, q)| (q, id)).collect();
        let echoed =
            candidate.signature.questions.iter().filter(|(id, q)| theirs.get(q).is_some_and(|their| their != id));
        if echoed.count() * 2 > texts.len() {
            return Some(format!(
                "it repeats the questions of sheet {} under other ids (a summary or report, not questions to answer)",
                sheet.layout.sheet
            ));
        }
    }
    None
}

/// Finds every sheet that holds questions, in workbook order. Hidden sheets are read only when
/// no visible sheet holds questions; sheets that echo a better one are left out.
pub fn detect(workbook: &Workbook) -> Result<Layout, SheetError> {
    let mut skipped = Vec::new();
    let mut found: Vec<(usize, Found)> = Vec::new();
    let mut hidden: Vec<(usize, Found)> = Vec::new();
    for (index, sheet) in workbook.sheets.iter().enumerate() {
        if sheet.rows.is_empty() {
            continue;
        }
        let lower = sheet.name.to_lowercase();
        if !sheet.hidden && ASSESSOR_SHEETS.iter().any(|w| lower.contains(w)) {
            let reason = "its name says it is for the assessor, not the supplier".into();
            skipped.push(Skipped { sheet: sheet.name.clone(), reason });
            continue;
        }
        match detect_sheet(sheet) {
            Err(reason) => skipped.push(Skipped { sheet: sheet.name.clone(), reason }),
            Ok(read) if sheet.hidden => hidden.push((index, read)),
            Ok(read) => found.push((index, read)),
        }
    }
    if found.is_empty() {
        found = hidden;
    } else {
        for (_, sheet) in hidden {
            let reason = "hidden, and visible sheets hold the questions".into();
            skipped.push(Skipped { sheet: sheet.layout.sheet, reason });
        }
    }
    // Several sheets qualify: what each holds tells views of another apart.
    if found.len() > 1 {
        for (index, candidate) in &mut found {
            candidate.signature = Signature::of(&workbook.sheets[*index], &candidate.layout, &candidate.data);
        }
    }
    // Sheets with a place to answer first, then the one with the most questions: the others
    // are compared with those kept.
    let rank = |f: &Found| (f.layout.answer == AnswerColumns::None, std::cmp::Reverse(f.weight));
    found.sort_by_key(|(index, f)| (rank(f), *index));
    let mut kept: Vec<(usize, Found)> = Vec::new();
    for (index, candidate) in found {
        match echo_of(&candidate, &kept) {
            Some(reason) => skipped.push(Skipped { sheet: candidate.layout.sheet.clone(), reason }),
            None => kept.push((index, candidate)),
        }
    }
    if kept.is_empty() {
        let why: Vec<String> = skipped.iter().map(|s| format!("{}: {}", s.sheet, s.reason)).collect();
        return Err(SheetError::Layout(format!(
            "no sheet holds a table of questions (a column of ids such as GOV-01 or 5.1 beside question texts){}",
            if why.is_empty() { String::new() } else { format!("; {}", why.join("; ")) }
        )));
    }
    kept.sort_by_key(|(index, _)| *index);
    skipped.sort_by_key(|s| workbook.sheets.iter().position(|w| w.name == s.sheet));
    Ok(Layout { sheets: kept.into_iter().map(|(_, f)| f.layout).collect(), skipped })
}

/// The id column: the most distinct ids of one shape beside question-like texts. A merged
/// group id (`CO-02` over `CO-02.1`, `CO-02.2`) has fewer distinct values than the finer id
/// beside it; a column of references repeated from row to row is no id column; plain row
/// numbers lose to coded ids.
fn id_column(sheet: &Sheet, width: usize) -> Option<(usize, Vec<usize>, f64)> {
    // The columns of each row that hold question-like text, read once.
    let asked: Vec<Vec<usize>> = (0..sheet.rows.len())
        .map(|r| (0..sheet.rows[r].len()).filter(|&c| question_like(&sheet.own(r, c).as_str())).collect())
        .collect();
    let mut best: Option<(f64, usize, Vec<usize>, f64)> = None;
    for col in 0..width {
        let rows: Vec<usize> = (0..sheet.rows.len())
            .filter(|&r| asked[r].iter().any(|&c| c != col) && id_cell(sheet.own(r, col)))
            .collect();
        let ids: Vec<String> = rows.iter().map(|&r| key(&sheet.own(r, col).as_str())).collect();
        let distinct = ids.iter().collect::<foldhash::HashSet<_>>().len();
        if distinct < 2 || distinct * 2 < ids.len() {
            continue;
        }
        let mut shapes: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
        for id in &ids {
            *shapes.entry(shape(id)).or_default() += 1;
        }
        let uniform = *shapes.values().max().unwrap_or(&0) as f64 / ids.len() as f64;
        let numbers = rows.iter().filter(|&&r| matches!(sheet.own(r, col), Cell::Number(_))).count();
        let plain = if numbers == rows.len() { 0.9 } else { 1.0 };
        let score = distinct as f64 * (0.5 + 0.5 * uniform) * plain;
        if best.as_ref().is_none_or(|(s, _, _, _)| score > *s) {
            best = Some((score, col, rows, uniform));
        }
    }
    best.map(|(_, col, rows, uniform)| (col, rows, uniform))
}

/// Texts of a row's cells, distinct and not empty.
fn distinct_texts(sheet: &Sheet, row: usize) -> Vec<String> {
    let mut texts: Vec<String> = sheet.rows[row].iter().map(|c| c.clean_text()).filter(|t| !t.is_empty()).collect();
    texts.sort();
    texts.dedup();
    texts
}

/// A title or introduction above a table: one text (a merged banner fills many cells with it),
/// a paragraph, or a version stamp.
fn banner(sheet: &Sheet, row: usize) -> bool {
    let texts = distinct_texts(sheet, row);
    let stamp = |t: &String| {
        let lower = t.to_lowercase();
        lower.starts_with("version") || (lower.starts_with('v') && lower[1..].starts_with(|c: char| c.is_ascii_digit()))
    };
    texts.len() < 2 || texts.iter().any(|t| t.chars().count() > 80 || stamp(t))
}

/// The header rows above the first question: the rows with several short labels directly above
/// it (section titles between are skipped), at most four, stopping at a banner or a blank row.
/// A group label over sub-headers ("Answers" over "Yes | No | N/A") belongs to the block.
fn header_block(sheet: &Sheet, id: usize, first: usize) -> Vec<usize> {
    let mut row = first;
    let mut skipped_titles = 0;
    let mut block = Vec::new();
    while row > 0 && block.len() < 4 {
        row -= 1;
        let texts = distinct_texts(sheet, row);
        if id_cell(sheet.cell(row, id)) && !texts.is_empty() {
            break;
        }
        if banner(sheet, row) {
            let group_label = !block.is_empty()
                && texts.len() == 1
                && texts[0].chars().count() <= 40
                && sheet.merged.iter().any(|m| m.top == row && m.right > m.left);
            if group_label {
                block.insert(0, row);
                break;
            }
            if block.is_empty() && skipped_titles < 2 && !texts.is_empty() {
                skipped_titles += 1;
                continue;
            }
            break;
        }
        block.insert(0, row);
    }
    block
}

/// Reads one sheet's layout, or says why it holds no questions.
fn detect_sheet(sheet: &Sheet) -> Result<Found, String> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let Some((id, rows, uniform)) = id_column(sheet, width) else {
        return Err("no column of ids beside question texts".into());
    };
    let first = rows[0];
    let header_rows = header_block(sheet, id, first);
    let roles = Roles::read(sheet, id, &header_rows, first, width);
    let chosen = choose_columns(sheet, id, &rows, &roles)?;
    let data: Vec<usize> = (0..sheet.rows.len())
        .filter(|&r| id_cell(sheet.own(r, id)) && !sheet.own(r, chosen.question).is_empty())
        .filter(|r| !header_rows.contains(r))
        .collect();
    // How sure: ids of one shape, questions that read as questions, an answer column that agrees.
    let confidence = (40.0 * uniform + 40.0 * chosen.question_share + 20.0 * chosen.answer_certainty).round() as u8;
    let weight = (data.len() as f64 * chosen.question_share).round() as usize;
    let layout = SheetLayout {
        sheet: sheet.name.clone(),
        header_rows,
        repeated_headers: roles.repeated.clone(),
        id,
        question: chosen.question,
        answer: chosen.answer,
        comment: chosen.comment,
        evidence: chosen.evidence,
        guidance: chosen.guidance,
        applicable: chosen.applicable,
        headers: roles.headers,
        confidence,
    };
    Ok(Found { layout, data, weight, signature: Signature::default() })
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_have_shapes() {
        assert_eq!(super::shape("AIS-01.1"), "A-9.9");
        assert_eq!(super::shape("GNRL-01"), "A-9");
        assert_eq!(super::shape("5.10"), "9.9");
    }
}
