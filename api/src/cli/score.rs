//! `chainward score`: scores a file of answers against a shipped template, without a database,
//! and prints the report as JSON or as text for people. Every problem of the input is reported
//! at once, each naming the file and the place in it
//! (`answers.json: answers.GOV-01: "maybe" is not one of yes, no, partial, n/a`).
mod foreign;
mod input;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use input::{Checked, Source, check, check_with};
use questionnaires::scoring::{AreaScore, ScoreReport, ScoringInput, ScoringSettings, score};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

pub const LONG_HELP: &str = r#"ANSWERS is a spreadsheet (xlsx, xlsm, xlsb, xls, ods or csv: Chainward's own export or a
supplier's own layout, read as `chainward import --dry-run` reads it) or JSON:
  {
    "assessed_on": "2026-03-01",
    "supplier": {"data_sensitivity": "personal", "access_level": "network",
                 "substitutability": "hard", "nis2_relevant": true, "highest_service_criticality": 4},
    "answers": {
      "BAS-01": "yes",
      "ACC-04": "last_day",
      "DAT-04": {"value": "yes", "comment": "nightly, immutable copy",
                 "evidence": [{"name": "backup-policy.pdf", "valid_until": "2027-01-31"}]}
    }
  }
Answers are yes/no/partial/na, option values (comma separated for several), maturity 0-5,
numbers, dates (YYYY-MM-DD), text or a file name. "assessed_on" defaults to today, "supplier"
to the lowest exposure; --supplier-profile gives the supplier object in its own file and wins.
Questions left out are unanswered. The organisation's own scoring settings are not applied."#;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The full score report as pretty-printed JSON.
    Json,
    /// A report for people.
    Text,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Shipped template: nis2-supplier-baseline, iso27001-annex-a, supplier-lite or iso27001-soa.
    /// Leave it out to score a supplier's own questionnaire (CAIQ v3/v4, HECVAT 3/4, an ISO
    /// 27001 SoA) through its crosswalk, with the Annex A controls it covers.
    #[arg(long, value_name = "SLUG")]
    template: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// JSON file with the supplier object (overrides the one in ANSWERS).
    #[arg(long, value_name = "FILE")]
    supplier_profile: Option<PathBuf>,
    /// Answers: a spreadsheet or JSON file; `-` reads JSON from standard input.
    #[arg(value_name = "ANSWERS")]
    answers: PathBuf,
}

pub fn run(args: &ScoreArgs) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let profile = args.supplier_profile.as_deref().map(Source::read);
    let Some(slug) = &args.template else {
        return match foreign::read(&args.answers, today) {
            Ok(read) => {
                let checked = check_with(
                    Ok(std::borrow::Cow::Owned(read.template.clone())),
                    &read.answers,
                    profile.as_ref(),
                    today,
                );
                finish(args, checked, today, Some(&read))
            }
            Err(problems) => finish(args, Err(problems), today, None),
        };
    };
    let answers = match input::spreadsheet_source(&args.answers, slug) {
        Some(Ok(source)) => source,
        Some(Err(problems)) => {
            eprintln!("error: cannot score the answers ({} problems):\n  {}", problems.len(), problems.join("\n  "));
            return ExitCode::FAILURE;
        }
        None => Source::read(&args.answers),
    };
    finish(args, check(slug, &answers, profile.as_ref(), today), today, None)
}

/// Scores what was checked and prints the report (with the coverage of a foreign questionnaire).
fn finish(
    args: &ScoreArgs,
    checked: Result<Checked, Vec<String>>,
    today: NaiveDate,
    foreign: Option<&foreign::Read>,
) -> ExitCode {
    let checked = match checked {
        Ok(checked) => checked,
        Err(problems) => {
            let count =
                if problems.len() == 1 { "1 problem".to_owned() } else { format!("{} problems", problems.len()) };
            eprintln!("error: cannot score the answers ({count}):\n  {}", problems.join("\n  "));
            return ExitCode::FAILURE;
        }
    };
    let mut report = report(&checked, today);
    if let Some(read) = foreign {
        report = report.with_coverage(read.coverage.clone());
    }
    let output = match args.format {
        Format::Json => match foreign::json(&report, foreign) {
            Ok(json) => json + "\n",
            Err(err) => {
                eprintln!("error: cannot write the report as JSON: {err}");
                return ExitCode::FAILURE;
            }
        },
        Format::Text => text(&report, &checked, today) + &foreign.map(foreign::text).unwrap_or_default(),
    };
    match std::io::stdout().lock().write_all(output.as_bytes()) {
        // `chainward score ... | head` closes the pipe early: not an error.
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the report: {err}");
            ExitCode::FAILURE
        }
    }
}

fn report(checked: &Checked, today: NaiveDate) -> ScoreReport {
    score(&ScoringInput {
        template: &checked.template,
        answers: &checked.answers,
        supplier: &checked.supplier,
        settings: &ScoringSettings::default(),
        assessed_on: checked.assessed_on,
        today,
        remediated: &Default::default(),
    })
}

fn area_line(out: &mut String, label: &str, area: &AreaScore, title: &str) {
    let score = area.score.map_or_else(|| format!("{:>7}", "n/a"), |s| format!("{s:>3.0}/100"));
    let coverage = area.coverage.map_or_else(String::new, |c| format!("{c:.0}%"));
    let _ = writeln!(out, "{}", format!("  {label}  {score}  {coverage:>4}  {title}").trim_end());
}

/// At most `max` characters, cut at a word with "..." when longer.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max - 3).collect();
    format!("{}...", head.rsplit_once(' ').map_or(head.as_str(), |(words, _)| words))
}

/// The report for people: summary, scores, risk, areas, knock-outs, findings, top questions.
fn text(report: &ScoreReport, checked: &Checked, today: NaiveDate) -> String {
    let mut out = String::new();
    let template = &checked.template;
    let _ = writeln!(out, "{} (v{}): {}", template.slug, template.version, template.title);
    let _ = writeln!(
        out,
        "Answers given on {}, scored on {today} with the default scoring settings.\n",
        checked.assessed_on
    );
    for line in &report.explanation.summary {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "\nSecurity score  {:.1}/100 ({:.1} of {:.1} points)",
        report.security_score, report.points_earned, report.points_possible
    );
    let _ = writeln!(out, "Coverage        {:.1}%", report.coverage);
    let _ = writeln!(out, "Rating          {}", report.rating.as_str());
    let _ = writeln!(
        out,
        "Residual risk   {:.2}/5 (confidence {:.0}%)",
        report.residual_risk,
        report.confidence.value * 100.0
    );
    let _ = writeln!(out, "Inherent risk   {:.2}/5 (level {})", report.inherent_risk.value, report.inherent_risk.level);
    for factor in &report.inherent_risk.factors {
        let _ =
            writeln!(out, "  {:<20} {}/5  weight {:.2}  {}", factor.name, factor.level, factor.weight, factor.reason);
    }
    let _ = writeln!(out, "\nThemes (score, coverage)");
    for theme in &report.themes {
        area_line(&mut out, &format!("{:<23}", theme.title), theme, "");
    }
    let _ = writeln!(out, "\nNIS 2 Art. 21(2) points (score, coverage)");
    for point in &report.nis2_points {
        area_line(&mut out, point.id.trim_start_matches("21(2)"), point, &point.title);
    }
    let knock_outs =
        if report.failed_knock_outs.is_empty() { "none".to_owned() } else { report.failed_knock_outs.join(", ") };
    let _ = writeln!(out, "\nFailed knock-outs: {knock_outs}");
    let _ = writeln!(out, "\nFindings ({})", report.findings.len());
    let mut findings: Vec<_> = report.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for finding in findings {
        let knock_out = if finding.knock_out { " [knock-out]" } else { "" };
        let severity = format!("{:?}", finding.severity).to_lowercase();
        let _ = writeln!(
            out,
            "  {severity:<8}  due {}  {:<7} {}{knock_out}",
            finding.due_date,
            finding.question_id,
            cut(&finding.title, 80)
        );
    }
    if !report.explanation.top_questions.is_empty() {
        let _ = writeln!(out, "\nQuestions that cost the most points");
        for line in &report.explanation.top_questions {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}
