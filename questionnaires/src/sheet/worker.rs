//! The import worker's side of the sandbox: one job read from standard input (a JSON line,
//! then the file's bytes), the report or the error written to standard output as JSON. The
//! server runs this in a process of its own under a memory ceiling and a deadline, so that a
//! hostile file can at worst end that process, never the server or another organisation's import.
use super::import::{ImportChoices, analyse};
use super::{Limits, SheetError, Workbook, read_workbook};
use crate::Template;
use crate::register::{RegisterLayout, read_register};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Write};

/// What to do with the bytes that follow.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    #[serde(default)]
    pub template: Option<Template>,
    #[serde(default)]
    pub choices: ImportChoices,
    /// The defaults when left out.
    #[serde(default)]
    pub limits: Limits,
    /// What the file is read as.
    #[serde(default)]
    pub purpose: Purpose,
}

/// What a file is read as: answers to a questionnaire, or a supplier register.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    #[default]
    Answers,
    /// A register, read with this layout (a corrected one) or a detected one.
    Register(Option<RegisterLayout>),
    /// A supplier's own questionnaire (CAIQ, HECVAT, SoA), recognised and read through its
    /// crosswalk; the date is the day coverage is worked out for.
    Foreign(chrono::NaiveDate),
}

/// What the worker answers: an [`ImportReport`](super::report::ImportReport) for answers, [`RegisterSheets`] for a register.
#[derive(Debug, Serialize, Deserialize)]
pub struct Outcome<T> {
    pub result: Result<T, SheetError>,
    /// The worker's peak resident memory, in KiB (from /proc), for the server's metrics.
    pub peak_kib: u64,
}

/// Reads one job from `input`, writes its outcome to `output`.
pub fn serve(input: impl Read, mut output: impl Write) -> std::io::Result<()> {
    let mut input = std::io::BufReader::new(input);
    let mut header = String::new();
    input.read_line(&mut header)?;
    let job: Job = serde_json::from_str(&header).map_err(std::io::Error::other)?;
    let mut bytes = Vec::new();
    input.take(job.limits.max_bytes as u64 + 1).read_to_end(&mut bytes)?;
    let workbook = read_workbook(&bytes, &job.limits);
    drop(bytes);
    match &job.purpose {
        Purpose::Answers => {
            answer(&mut output, workbook.and_then(|w| keep(w, |w| analyse(w, job.template.as_ref(), &job.choices))))
        }
        Purpose::Foreign(today) => answer(
            &mut output,
            workbook.and_then(|w| keep(w, |w| crate::foreign::read_foreign(w, &job.choices, *today))),
        ),
        Purpose::Register(layout) => {
            answer(&mut output, workbook.and_then(|w| keep(w, |w| read_register(w, layout.as_ref()))))
        }
    }
}

/// Runs `read` on the workbook, then lets the workbook go with the process: its memory goes
/// back whole when the process ends, faster than freeing a hundred thousand cells one by one.
fn keep<T>(workbook: Workbook, read: impl FnOnce(&Workbook) -> Result<T, SheetError>) -> Result<T, SheetError> {
    let result = read(&workbook);
    std::mem::forget(workbook);
    result
}

fn answer<T: Serialize>(mut output: impl Write, result: Result<T, SheetError>) -> std::io::Result<()> {
    let outcome = Outcome { result, peak_kib: peak_kib() };
    serde_json::to_writer(&mut output, &outcome).map_err(std::io::Error::other)?;
    std::mem::forget(outcome);
    output.flush()
}

/// `VmHWM` of this process (0 where /proc is not there).
pub fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// Writes a job to a worker's standard input.
pub fn write_job(mut to: impl Write, job: &Job, bytes: &[u8]) -> std::io::Result<()> {
    serde_json::to_writer(&mut to, job).map_err(std::io::Error::other)?;
    to.write_all(b"\n")?;
    to.write_all(bytes)?;
    to.flush()
}
