//! `chainward export` and `chainward import --dry-run`: the spreadsheet engine from the
//! command line, without a database. Export writes the answer workbook of a shipped template;
//! the dry run reads any supported file and prints what an import would take and every
//! problem, each naming sheet and cell.
use clap::Args;
use questionnaires::sheet::export::{Prefill, export_template};
use questionnaires::sheet::import::{ImportChoices, analyse};
use questionnaires::sheet::own::own_meta;
use questionnaires::sheet::report::ImportReport;
use questionnaires::sheet::{Limits, read_workbook};
use questionnaires::{Template, shipped_template};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Shipped template: nis2-supplier-baseline, iso27001-annex-a or supplier-lite.
    #[arg(long, value_name = "SLUG")]
    template: String,
    /// Where to write the workbook (.xlsx).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Only report what would be imported (the command never writes anything yet).
    #[arg(long)]
    dry_run: bool,
    /// The template to match answers to, when the file does not name it.
    #[arg(long, value_name = "SLUG")]
    template: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// The spreadsheet: xlsx, xlsm, xlsb, xls, ods or csv.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

fn template(slug: &str) -> Result<&'static Template, String> {
    shipped_template(slug).ok_or_else(|| {
        let known: Vec<&str> = questionnaires::shipped_templates().iter().map(|t| t.slug.as_str()).collect();
        format!("unknown template \"{slug}\"; shipped templates: {}", known.join(", "))
    })
}

pub fn export(args: &ExportArgs) -> ExitCode {
    let written = template(&args.template).and_then(|t| {
        let bytes =
            export_template(t, &Prefill::default()).map_err(|e| format!("the workbook cannot be written: {e}"))?;
        std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
        Ok((t, bytes.len()))
    });
    match written {
        Ok((t, size)) => {
            println!("wrote {} ({} questions, {size} bytes) to {}", t.title, t.questions().count(), args.out.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Exit 0: the file imports cleanly; 2: it was read but some rows cannot be used; 1: unreadable.
pub fn import(args: &ImportArgs) -> ExitCode {
    if !args.dry_run {
        eprintln!(
            "error: pass --dry-run: the command line only reports; imports into an assessment go through the API"
        );
        return ExitCode::FAILURE;
    }
    match dry_run(args) {
        Ok(report) => {
            if args.json {
                println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                print!("{}", text(&report));
            }
            if report.invalid.is_empty() && report.unmatched.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) }
        }
        Err(message) => {
            eprintln!("error: {}: {message}", args.file.display());
            ExitCode::FAILURE
        }
    }
}

fn dry_run(args: &ImportArgs) -> Result<ImportReport, String> {
    let bytes = std::fs::read(&args.file).map_err(|e| e.to_string())?;
    let workbook = read_workbook(&bytes, &Limits::default()).map_err(|e| e.to_string())?;
    let slug = args.template.clone().or_else(|| own_meta(&workbook).map(|m| m.template));
    let template = slug.as_deref().map(template).transpose()?;
    analyse(&workbook, template, &ImportChoices::default()).map_err(|e| e.to_string())
}

fn text(report: &ImportReport) -> String {
    let mut out = format!("Layout: {} ({})\nRows read: {}\n", report.layout, report.format.name(), report.rows.len());
    let Some(template) = &report.template else {
        // No template to match: show every question and answer as read.
        for row in &report.rows {
            let answer = row.answer.as_deref().unwrap_or("(no answer)");
            let problem = row.problem.as_deref().map(|p| format!("  [{p}]")).unwrap_or_default();
            out.push_str(&format!("{} {} = {answer}{problem}\n", row.cell, row.id));
        }
        return out;
    };
    out.push_str(&format!(
        "Template: {template} version {}\nAnswers: {}; unanswered: {}; unmatched: {}; invalid: {}; missing: {}\n",
        report.template_version.unwrap_or_default(),
        report.answers.len(),
        report.unanswered.len(),
        report.unmatched.len(),
        report.invalid.len(),
        report.missing.len(),
    ));
    for note in &report.notes {
        out.push_str(&format!("Note: {note}\n"));
    }
    for problem in &report.invalid {
        out.push_str(&format!("Invalid {problem}\n"));
    }
    for row in &report.unmatched {
        out.push_str(&format!("Unmatched {}: {} {}\n", row.cell, row.id, row.text));
    }
    for answer in &report.answers {
        out.push_str(&format!("{} = {} ({})\n", answer.question_id, answer.raw, answer.cell));
    }
    out
}
