//! Runtime configuration: command-line flags, each with an environment variable. Secrets
//! (the JWT signing key) come only from the environment.
use clap::{Args, ValueEnum};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The embedded default: a SQLite file in the working directory, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://chainward.db?mode=rwc";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Settings every command that opens the database shares.
#[derive(Clone, Debug, Args)]
pub struct DatabaseArgs {
    /// Database URL: `postgres://user@host/db` or `sqlite://path.db?mode=rwc`
    /// (default: `chainward.db` in the working directory).
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory for files Chainward keeps (the generated development JWT secret, e-mail
    /// copies, and uploaded documents unless `CHAINWARD_OBJECT_STORE_URL` names a store).
    #[arg(long, env = "CHAINWARD_DATA_DIR", default_value = "chainward-data", global = true)]
    pub data_dir: PathBuf,
}

impl DatabaseArgs {
    pub fn url(&self) -> &str {
        self.database_url.as_deref().unwrap_or(DEFAULT_DATABASE_URL)
    }
}

/// Settings of `chainward serve`.
#[derive(Clone, Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CHAINWARD_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Largest accepted request body on /graphql, in bytes.
    #[arg(long, env = "CHAINWARD_MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Requests running longer than this many seconds are answered with 408.
    #[arg(long, env = "CHAINWARD_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Serve the GraphiQL IDE on GET /graphql for browsers.
    #[arg(long, env = "CHAINWARD_GRAPHIQL", default_value_t = true, action = clap::ArgAction::Set)]
    pub graphiql: bool,
    /// Answer GraphQL introspection (`__schema`, `__type`): GraphiQL and code generators use it;
    /// turn it off to keep the schema to those who have it.
    #[arg(long, env = "CHAINWARD_INTROSPECTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub introspection: bool,
    /// Address at which people reach Chainward, for the links in e-mails.
    #[arg(long, env = "CHAINWARD_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,
    /// Sender of Chainward's e-mails.
    #[arg(long, env = "CHAINWARD_MAIL_FROM", default_value = "Chainward <no-reply@chainward.invalid>")]
    pub mail_from: String,
    /// The built web portal (`npm run build` in frontend/), served at /.
    #[arg(long, env = "CHAINWARD_PORTAL_DIR", default_value = "frontend/dist")]
    pub portal_dir: PathBuf,
    /// Memory (address space, MiB) a worker reading one uploaded spreadsheet may use.
    #[arg(long, env = "CHAINWARD_IMPORT_MEMORY_MIB", default_value_t = 1024)]
    pub import_memory_mib: u64,
    /// Address ranges webhooks may reach besides public addresses, e.g. `10.1.0.0/16` for a
    /// GRC tool inside the network (loopback, private and link-local addresses are refused).
    #[arg(long, env = "CHAINWARD_WEBHOOK_ALLOW", default_value = "")]
    pub webhook_allow: String,
    /// Seconds a replica holds the webhook deliveries and e-mails it claimed: if it dies,
    /// another replica takes them over after this long. Shorter than a batch takes (up to a
    /// minute with slow receivers) would send some twice.
    #[arg(long, env = "CHAINWARD_WORKER_LEASE_SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub worker_lease_secs: u64,
}

/// Everything the running application needs, resolved.
#[derive(Clone, Debug)]
pub struct AppConfig {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub jwt_secret: Vec<u8>,
    pub max_body_bytes: usize,
    pub request_timeout: std::time::Duration,
    pub graphiql: bool,
    /// Base of the links Chainward puts in e-mails (invitation links).
    pub public_url: String,
    /// How often the background worker looks for due work when idle.
    pub worker_poll: std::time::Duration,
    /// How long the worker holds what it claimed (`worker::LEASE` by default).
    pub worker_lease: std::time::Duration,
    /// `CHAINWARD_SMTP_URL`; without it e-mails are written to `<data_dir>/mail`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// The built web portal; without an index.html there, / explains how to build it.
    pub portal_dir: PathBuf,
    /// How spreadsheets from outside are read: in a worker process under limits.
    pub sheet_reader: crate::service::spreadsheet::reader::SheetReaderConfig,
    /// Where webhooks may be delivered.
    pub webhook_egress: crate::egress::Egress,
    /// Whether GraphQL introspection is answered.
    pub introspection: bool,
    /// `CHAINWARD_OBJECT_STORE_URL` (`s3://bucket/prefix`); without it documents are files
    /// under `<data_dir>/evidence`.
    pub object_store_url: Option<String>,
    /// `CHAINWARD_METRICS_TOKEN`: the bearer token /metrics asks for; without one, /metrics
    /// answers requests from the machine itself (loopback) only.
    pub metrics_token: Option<String>,
}

/// The JWT secret from `CHAINWARD_JWT_SECRET`, or a development secret generated once and kept
/// in the data directory (with a warning: tokens then depend on that file).
pub fn jwt_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if let Ok(secret) = std::env::var("CHAINWARD_JWT_SECRET") {
        anyhow::ensure!(
            secret.len() >= crate::auth::jwt::MIN_SECRET_BYTES,
            "CHAINWARD_JWT_SECRET must be at least {} bytes long",
            crate::auth::jwt::MIN_SECRET_BYTES
        );
        return Ok(secret.into_bytes());
    }
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        tracing::warn!(path = %path.display(), "CHAINWARD_JWT_SECRET is not set; using the development secret");
        return Ok(existing.trim().as_bytes().to_vec());
    }
    std::fs::create_dir_all(data_dir)?;
    let secret = crate::auth::secret::random_token();
    write_private(&path, &secret)?;
    tracing::warn!(path = %path.display(), "CHAINWARD_JWT_SECRET is not set; generated a development secret");
    Ok(secret.into_bytes())
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}
