//! Chainward's own answer workbook for a template version, blank or pre-filled: instructions,
//! one row per question with locked ids and texts and a drop-down for answers, and a hidden
//! sheet naming template, version and assessment so that the file finds its way back.
use crate::answer::{allowed_answers, display_answer};
use crate::{AnswerType, AnswerValue, Template};
use rust_xlsxwriter::{Color, DataValidation, Format, Formula, ProtectionOptions, Workbook, XlsxError};
use std::collections::BTreeMap;

/// Name of the hidden sheet that identifies an export.
pub const META_SHEET: &str = "_chainward";
/// Name of the sheet with one row per question.
pub const ANSWERS_SHEET: &str = "Answers";
const LISTS_SHEET: &str = "_lists";
/// The columns of the answers sheet, in order.
pub const COLUMNS: [&str; 8] =
    ["Question ID", "Section", "Question", "Guidance", "Answer", "Comment", "Evidence reference", "Allowed answers"];
pub const ANSWER_COL: u16 = 4;

/// An answer to pre-fill.
#[derive(Clone, Debug, Default)]
pub struct Filled {
    pub value: Option<AnswerValue>,
    pub comment: Option<String>,
    pub evidence: Option<String>,
}

/// The answers of an assessment, to pre-fill an export.
#[derive(Clone, Debug, Default)]
pub struct Prefill {
    pub assessment_id: Option<String>,
    pub answers: BTreeMap<String, Filled>,
}

pub fn export_template(template: &Template, prefill: &Prefill) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let header = Format::new().set_bold().set_background_color(Color::RGB(0x1F3A5F)).set_font_color(Color::White);
    let section = Format::new().set_bold().set_background_color(Color::RGB(0xDCE6F1));
    let open = Format::new().set_unlocked().set_text_wrap().set_background_color(Color::RGB(0xFFF8E1));

    let instructions = workbook.add_worksheet().set_name("Instructions")?;
    instructions.set_column_width(0, 110)?;
    let lines = [
        format!("{} (version {})", template.title, template.version),
        template.description.clone(),
        String::new(),
        "How to answer".into(),
        "1. Open the Answers sheet. Each row is one question; grey columns cannot be changed.".into(),
        "2. Fill the Answer column (yellow): the drop-down and the Allowed answers column say what fits.".into(),
        "3. Add a comment where it helps, and the name of the document that proves the answer.".into(),
        "4. Do not rename sheets or change question ids: they bring your answers back to the right questions.".into(),
        "5. Upload the file in Chainward (or send it back to the person who asked); you may upload it again".into(),
        "   after changes, and only what changed is taken.".into(),
    ];
    for (row, line) in lines.iter().enumerate() {
        let format = if row == 0 || row == 3 { &bold } else { &wrap };
        instructions.write_string_with_format(row as u32, 0, line, format)?;
    }

    let lists = workbook.add_worksheet().set_name(LISTS_SHEET)?;
    lists.set_hidden(true);
    let mut list_ranges: BTreeMap<String, String> = BTreeMap::new();
    let mut list_col: u16 = 0;
    for question in template.questions() {
        let entries: Vec<String> = match question.answer {
            AnswerType::YesNoNa => vec!["Yes".into(), "No".into(), "Partial".into(), "N/A".into()],
            AnswerType::Choice => question.options.iter().map(|o| o.label.clone()).chain(["N/A".into()]).collect(),
            AnswerType::Maturity0To5 => (0..=5).map(|l| l.to_string()).chain(["N/A".into()]).collect(),
            _ => continue,
        };
        let key = entries.join("\u{1f}");
        if list_ranges.contains_key(&key) {
            continue;
        }
        for (row, entry) in entries.iter().enumerate() {
            lists.write_string(row as u32, list_col, entry)?;
        }
        let col = super::grid::column_name(list_col as usize);
        list_ranges.insert(key, format!("={LISTS_SHEET}!${col}$1:${col}${}", entries.len()));
        list_col += 1;
    }

    let answers = workbook.add_worksheet().set_name(ANSWERS_SHEET)?;
    for (col, (title, width)) in COLUMNS.iter().zip([14, 22, 60, 40, 22, 36, 26, 30]).enumerate() {
        answers.write_string_with_format(0, col as u16, *title, &header)?;
        answers.set_column_width(col as u16, width)?;
    }
    answers.set_freeze_panes(1, 0)?;
    let mut row: u32 = 1;
    let mut run: Option<(u32, u32, String, DataValidation)> = None;
    for sec in &template.sections {
        answers.write_string_with_format(row, 1, &sec.id, &section)?;
        answers.write_string_with_format(row, 2, &sec.title, &section)?;
        row += 1;
        for question in &sec.questions {
            let filled = prefill.answers.get(&question.id);
            answers.write_string(row, 0, &question.id)?;
            answers.write_string(row, 1, &sec.title)?;
            answers.write_string_with_format(row, 2, &question.text, &wrap)?;
            answers.write_string_with_format(row, 3, question.help.as_deref().unwrap_or_default(), &wrap)?;
            let value = filled.and_then(|f| f.value.as_ref()).map(|v| display_answer(question, v)).unwrap_or_default();
            answers.write_string_with_format(row, ANSWER_COL, &value, &open)?;
            answers.write_string_with_format(
                row,
                5,
                filled.and_then(|f| f.comment.as_deref()).unwrap_or_default(),
                &open,
            )?;
            answers.write_string_with_format(
                row,
                6,
                filled.and_then(|f| f.evidence.as_deref()).unwrap_or_default(),
                &open,
            )?;
            answers.write_string_with_format(row, 7, allowed_answers(question), &wrap)?;
            // One drop-down over each run of rows with the same list, not one per row: the
            // file stays small and opens fast in every program.
            let validation = validation_for(question, &list_ranges)?;
            match (&mut run, validation) {
                (Some((_, last, formula, _)), Some((next, _))) if *formula == next && *last + 1 == row => *last = row,
                (_, validation) => {
                    if let Some((first, last, _, previous)) = run.take() {
                        answers.add_data_validation(first, ANSWER_COL, last, ANSWER_COL, &previous)?;
                    }
                    run = validation.map(|(formula, validation)| (row, row, formula, validation));
                }
            }
            row += 1;
        }
    }
    if let Some((first, last, _, validation)) = run.take() {
        answers.add_data_validation(first, ANSWER_COL, last, ANSWER_COL, &validation)?;
    }
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: true,
        ..Default::default()
    };
    answers.protect_with_options(&options);
    answers.set_active(true);
    answers.autofilter(0, 0, row.saturating_sub(1), (COLUMNS.len() - 1) as u16)?;

    let meta = workbook.add_worksheet().set_name(META_SHEET)?;
    meta.set_hidden(true);
    let entries = [
        ("format", "chainward-answers".to_owned()),
        ("format_version", "1".to_owned()),
        ("template", template.slug.clone()),
        ("version", template.version.to_string()),
        ("assessment", prefill.assessment_id.clone().unwrap_or_default()),
    ];
    for (row, (key, value)) in entries.iter().enumerate() {
        meta.write_string(row as u32, 0, *key)?;
        meta.write_string(row as u32, 1, value)?;
    }
    workbook.save_to_buffer()
}

/// The drop-down list of a question's answer cell, with its formula (the same formula is the
/// same list).
fn validation_for(
    question: &crate::Question,
    lists: &BTreeMap<String, String>,
) -> Result<Option<(String, DataValidation)>, XlsxError> {
    let list = |entries: Vec<String>| lists.get(&entries.join("\u{1f}")).cloned();
    let formula = match question.answer {
        AnswerType::YesNoNa => list(vec!["Yes".into(), "No".into(), "Partial".into(), "N/A".into()]),
        AnswerType::Choice => list(question.options.iter().map(|o| o.label.clone()).chain(["N/A".into()]).collect()),
        AnswerType::Maturity0To5 => list((0..=5).map(|l| l.to_string()).chain(["N/A".into()]).collect()),
        _ => None,
    };
    let Some(formula) = formula else { return Ok(None) };
    let validation = DataValidation::new()
        .allow_list_formula(Formula::new(&formula))
        .set_error_title("Not an allowed answer")?
        .set_error_message(format!("Choose {}", allowed_answers(question)).chars().take(250).collect::<String>())?;
    Ok(Some((formula, validation)))
}

/// A plain table as a workbook (a header row, then rows): every cell is a string cell, so that
/// nothing in it is ever evaluated as a formula.
pub fn table_workbook(sheet_name: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut table = TableWorkbook::new(sheet_name, headers, None)?;
    for row in rows {
        table.push(row)?;
    }
    table.workbook.save_to_buffer()
}

/// [`table_workbook`] written a row at a time: rows go to a temporary file as they come
/// (rust_xlsxwriter's constant-memory mode), so memory does not grow with the table however
/// many rows it has. Rows cannot be revisited.
pub struct TableWorkbook {
    workbook: Workbook,
    next_row: u32,
}

impl TableWorkbook {
    /// A workbook whose one sheet has the header row; its rows' temporary file is made in
    /// `temp_dir` (the system's otherwise).
    pub fn new(sheet_name: &str, headers: &[&str], temp_dir: Option<&std::path::Path>) -> Result<Self, XlsxError> {
        let mut workbook = Workbook::new();
        if let Some(dir) = temp_dir {
            workbook.set_tempdir(dir)?;
        }
        let sheet = workbook.add_worksheet_with_constant_memory()?.set_name(sheet_name)?;
        let bold = Format::new().set_bold();
        for (col, title) in headers.iter().enumerate() {
            sheet.set_column_width(col as u16, 18)?;
            sheet.write_string_with_format(0, col as u16, *title, &bold)?;
        }
        sheet.set_freeze_panes(1, 1)?;
        Ok(TableWorkbook { workbook, next_row: 1 })
    }

    /// Appends a row.
    pub fn push<S: AsRef<str>>(&mut self, row: &[S]) -> Result<(), XlsxError> {
        let sheet = self.workbook.worksheet_from_index(0)?;
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(self.next_row, c as u16, value.as_ref())?;
        }
        self.next_row += 1;
        Ok(())
    }

    /// Writes the finished workbook to `writer`, the zip as it is assembled (no seeking).
    pub fn finish<W: std::io::Write + Send>(mut self, writer: W) -> Result<(), XlsxError> {
        self.workbook.save_to_writer(writer)
    }
}

/// Text a spreadsheet would evaluate as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading apostrophe, so that opening the CSV runs nothing.
pub fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// A plain table as CSV: UTF-8 with a byte-order mark (so that spreadsheet programs read
/// accents), quoted where needed, formulas defused.
pub fn table_csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_row(headers));
    for row in rows {
        out.push_str(&csv_row(row));
    }
    out.into_bytes()
}

/// One line of [`table_csv`] (with its CRLF), for writing a table a page at a time.
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    let field = |text: &str| {
        let text = inert(text);
        if text.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
    };
    let mut line = fields.iter().map(|f| field(f.as_ref())).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}
