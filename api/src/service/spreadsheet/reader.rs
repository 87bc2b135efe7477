//! Spreadsheets come from outside parties, so they are read in a process of their own: the
//! `chainward sheet-worker` child gets the bytes on standard input and answers with the report.
//! It runs under an address-space ceiling, a CPU limit and a deadline, with an empty
//! environment (no secrets), and only a few at a time, so that the worst a hostile file can
//! do is end its own worker: the server, and every other organisation's import, go on.
use crate::error::{ApiError, ApiResult};
use crate::metrics::Metrics;
use questionnaires::Template;
use questionnaires::register::{RegisterLayout, RegisterSheets};
use questionnaires::sheet::Limits;
use questionnaires::sheet::import::ImportChoices;
use questionnaires::sheet::report::ImportReport;
use questionnaires::sheet::worker::{Job, Outcome, Purpose, write_job};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::sync::Semaphore;

/// How import workers are started.
#[derive(Clone, Debug)]
pub struct SheetReaderConfig {
    /// The worker program; `None` is this very binary (`chainward sheet-worker`).
    pub program: Option<PathBuf>,
    /// Address space a worker may use, in MiB.
    pub memory_mib: u64,
    /// Workers running at once; more imports wait their turn.
    pub concurrent: usize,
}

impl Default for SheetReaderConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        SheetReaderConfig { program: None, memory_mib: 1024, concurrent: cores }
    }
}

/// Starts import workers and collects their reports.
pub struct SheetReader {
    config: SheetReaderConfig,
    permits: Arc<Semaphore>,
    metrics: Arc<Metrics>,
}

/// The argument that makes the chainward binary an import worker.
pub const WORKER_ARG: &str = "sheet-worker";

impl SheetReader {
    pub fn new(config: SheetReaderConfig, metrics: Arc<Metrics>) -> SheetReader {
        let permits = Arc::new(Semaphore::new(config.concurrent.max(1)));
        SheetReader { config, permits, metrics }
    }

    /// Reads `bytes` within `limits` in a worker, matching to `template` if given.
    pub async fn read(
        &self,
        bytes: Vec<u8>,
        template: Option<Template>,
        choices: ImportChoices,
        limits: Limits,
    ) -> ApiResult<ImportReport> {
        self.run(Job { template, choices, limits, purpose: Purpose::Answers }, bytes).await
    }

    /// Reads a supplier's own questionnaire (CAIQ, HECVAT, SoA) within `limits` in a worker:
    /// recognised, mapped through its crosswalk, and its coverage worked out for `today`.
    pub async fn read_foreign(
        &self,
        bytes: Vec<u8>,
        limits: Limits,
        today: chrono::NaiveDate,
    ) -> ApiResult<questionnaires::foreign::ForeignReading> {
        let job = Job { template: None, choices: ImportChoices::default(), limits, purpose: Purpose::Foreign(today) };
        self.run(job, bytes).await
    }

    /// Reads a supplier register within `limits` in a worker, with `layout` if given.
    pub async fn read_register(
        &self,
        bytes: Vec<u8>,
        layout: Option<RegisterLayout>,
        limits: Limits,
    ) -> ApiResult<RegisterSheets> {
        let job = Job { template: None, choices: ImportChoices::default(), limits, purpose: Purpose::Register(layout) };
        self.run(job, bytes).await
    }

    async fn run<T: serde::de::DeserializeOwned>(&self, job: Job, bytes: Vec<u8>) -> ApiResult<T> {
        let limits = job.limits;
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let program = match &self.config.program {
            Some(program) => program.clone(),
            None => std::env::current_exe().map_err(ApiError::internal)?,
        };
        let mut command = tokio::process::Command::new(program);
        command.arg(WORKER_ARG).env_clear().stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        command.kill_on_drop(true);
        let (memory, seconds) = (self.config.memory_mib * 1024 * 1024, limits.max_seconds + 5);
        // SAFETY: the closure runs between fork and exec and only calls setrlimit, which is
        // async-signal-safe; it allocates nothing and touches no lock.
        unsafe {
            command.pre_exec(move || {
                limit(libc::RLIMIT_AS, memory)?;
                limit(libc::RLIMIT_CPU, seconds)?;
                limit(libc::RLIMIT_CORE, 0)
            });
        }
        let mut child = command.spawn().map_err(ApiError::internal)?;
        if let Some(stdin) = child.stdin.take() {
            let mut buffer = Vec::with_capacity(bytes.len() + 4096);
            write_job(&mut buffer, &job, &bytes).map_err(ApiError::internal)?;
            let mut stdin = stdin;
            // A worker that died early closes the pipe: its exit status says why.
            let _ = tokio::io::AsyncWriteExt::write_all(&mut stdin, &buffer).await;
        }
        let (mut stdout, mut stderr) = (child.stdout.take(), child.stderr.take());
        let collect = async {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            if let Some(stdout) = stdout.as_mut() {
                stdout.take(512 * 1024 * 1024).read_to_end(&mut out).await?;
            }
            if let Some(stderr) = stderr.as_mut() {
                stderr.take(64 * 1024).read_to_end(&mut err).await?;
            }
            Ok::<_, std::io::Error>((out, err, child.wait().await?))
        };
        let (out, err, status) = match tokio::time::timeout(Duration::from_secs(seconds), collect).await {
            Ok(done) => done.map_err(ApiError::internal)?,
            Err(_) => {
                self.metrics.observe_import("stopped", None);
                return Err(ApiError::Limit(format!(
                    "the spreadsheet took longer than {} s to read",
                    limits.max_seconds
                )));
            }
        };
        if !status.success() {
            let said = String::from_utf8_lossy(&err);
            tracing::warn!(?status, stderr = %said.chars().take(500).collect::<String>(), "import worker failed");
            self.metrics.observe_import("stopped", None);
            return Err(ApiError::Limit(stopped(&status, &said, self.config.memory_mib, limits.max_seconds)));
        }
        let outcome: Outcome<T> = serde_json::from_slice(&out).map_err(ApiError::internal)?;
        tracing::debug!(peak_kib = outcome.peak_kib, "import worker done");
        let peak = (outcome.peak_kib > 0).then_some(outcome.peak_kib * 1024);
        self.metrics.observe_import(if outcome.result.is_ok() { "read" } else { "refused" }, peak);
        outcome.result.map_err(|e| ApiError::field("file", e.to_string()))
    }
}

/// glibc names the resource type; other C libraries take an int.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
type Resource = libc::__rlimit_resource_t;
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
type Resource = libc::c_int;

fn limit(resource: Resource, value: u64) -> std::io::Result<()> {
    let bound = libc::rlimit { rlim_cur: value as libc::rlim_t, rlim_max: value as libc::rlim_t };
    // SAFETY: setrlimit reads the struct it is given and nothing else.
    if unsafe { libc::setrlimit(resource, &bound) } == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

/// Why a worker stopped, in words for the person who uploaded the file.
fn stopped(status: &std::process::ExitStatus, stderr: &str, memory_mib: u64, seconds: u64) -> String {
    use std::os::unix::process::ExitStatusExt;
    if stderr.contains("memory allocation") || status.signal() == Some(libc::SIGABRT) {
        format!("the spreadsheet needs more memory than an import may use ({memory_mib} MiB)")
    } else if status.signal() == Some(libc::SIGXCPU) || status.signal() == Some(libc::SIGKILL) {
        format!("the spreadsheet took longer than {seconds} s to read")
    } else {
        "the spreadsheet could not be read; save it again from your spreadsheet program and retry".into()
    }
}
