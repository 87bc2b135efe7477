//! The `chainward` command line: serve, migrate, create-user, seed-demo, schema, score, export,
//! import.
use crate::config::{AppConfig, DatabaseArgs, LogFormat, ServeArgs, jwt_secret};
use crate::db::StatementCounter;
use crate::domain::Role;
use crate::service::identity::user::NewUser;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::BufRead;
use std::process::ExitCode;

mod register;
mod report;
mod score;
mod sheet;
mod stewardship;

#[derive(Parser)]
#[command(name = "chainward", version, about = "Chainward supplier risk assessment portal")]
struct Cli {
    /// Log format.
    #[arg(long, env = "CHAINWARD_LOG_FORMAT", value_enum, default_value = "text", global = true)]
    log_format: LogFormat,
    #[command(flatten)]
    database: DatabaseArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the API (and, later, the portal and background worker).
    Serve {
        #[command(flatten)]
        serve: ServeArgs,
        /// Fill the demo organisation before serving (if it is not there yet) and print its sign-in.
        #[arg(long)]
        with_demo_data: bool,
        /// With --with-demo-data: how many suppliers the demo register holds (at least the 49
        /// hand-written ones; more are generated), e.g. 10000 to try the portal at scale.
        #[arg(long, default_value_t = 49, requires = "with_demo_data")]
        demo_suppliers: usize,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Create a user (and the organisation, if it does not exist). The password comes from
    /// CHAINWARD_PASSWORD or, if unset, from the first line of standard input.
    CreateUser {
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: CliRole,
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Create the demo organisation with a realistic register and print its administrator.
    SeedDemo {
        /// Number of suppliers (at least the 49 hand-written ones; more are generated).
        #[arg(long, default_value_t = 49)]
        suppliers: usize,
    },
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Score a file of answers against a shipped questionnaire template (no database needed).
    #[command(after_long_help = score::LONG_HELP)]
    Score(score::ScoreArgs),
    /// Write the answer workbook (xlsx) of a shipped template, for offline answering.
    Export(sheet::ExportArgs),
    /// Read a filled spreadsheet and report what an import would take (no database needed).
    Import(sheet::ImportArgs),
    /// Write the database and its documents, as of one moment, to one file while the server
    /// runs: a zip of JSON lines per table, the documents and a manifest of SHA-256 hashes.
    Backup {
        /// The file to write (written beside it as FILE.partial first).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Bring an empty database (DATABASE_URL) and document store to the state a backup saved,
    /// after checking every file of it; then migrate it to this version's schema.
    Restore {
        /// A file `chainward backup` wrote.
        file: std::path::PathBuf,
    },
    /// Write one organisation's data (rows of every table, documents, a manifest) to one file
    /// that `import-organisation` loads into another Chainward.
    ExportOrganisation {
        /// Its name or id.
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Load an organisation that `export-organisation` wrote, with new ids throughout.
    ImportOrganisation {
        file: std::path::PathBuf,
        /// A name for it here (else the name it had).
        #[arg(long)]
        name: Option<String>,
    },
    /// Import a spreadsheet of suppliers (xlsx, xlsm, ods, csv) into an organisation's register:
    /// rows matched by LEI, VAT, registry number or legal name and country, in one transaction.
    ImportRegister(register::ImportRegisterArgs),
    /// Write a report: a supplier's or the portfolio's (PDF), or the NIS 2 audit pack of a period (zip).
    Report(report::ReportArgs),
    /// Delete an organisation and everything of it (rows of every table, its documents); without
    /// --yes, print what would be deleted and change nothing.
    DeleteOrganisation {
        /// Its name or id.
        #[arg(long)]
        organisation: String,
        /// Delete for real.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CliRole {
    Admin,
    Analyst,
    Viewer,
}

impl From<CliRole> for Role {
    fn from(role: CliRole) -> Self {
        match role {
            CliRole::Admin => Role::Admin,
            CliRole::Analyst => Role::Analyst,
            CliRole::Viewer => Role::Viewer,
        }
    }
}

pub fn run() -> ExitCode {
    // The import worker speaks a protocol with the server, not with people: no clap, no runtime.
    if std::env::args().nth(1).as_deref() == Some(crate::service::spreadsheet::reader::WORKER_ARG) {
        return match questionnaires::sheet::worker::serve(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let cli = Cli::parse();
    // Scoring is pure: no database, no runtime, no logging; standard output carries only the report.
    match &cli.command {
        Command::Score(args) => return score::run(args),
        Command::Export(args) => return sheet::export(args),
        Command::Import(args) => return sheet::import(args),
        _ => {}
    }
    init_tracing(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(execute(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

async fn execute(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Score(_) | Command::Export(_) | Command::Import(_) => {
            anyhow::bail!("this command runs without the runtime (see `run`)")
        }
        Command::Schema => {
            print!("{}", crate::graphql::sdl());
            Ok(())
        }
        Command::Migrate => {
            let db = crate::db::connect(cli.database.url(), &StatementCounter::default()).await?;
            crate::db::migrate(&db).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateUser { organisation, email, role, display_name } => {
            let db = open(&cli.database).await?;
            let password = read_password()?;
            let input = NewUser { email, display_name, role: role.into(), password };
            let (organisation, user) =
                crate::service::identity::user::create_with_organisation(&db, &organisation, input).await?;
            println!("created {} ({}) in organisation \"{}\"", user.email, user.role, organisation.name);
            Ok(())
        }
        Command::Backup { out } => stewardship::backup(&cli.database, &out).await,
        Command::Restore { file } => stewardship::restore(&cli.database, &file).await,
        Command::ExportOrganisation { organisation, out } => {
            stewardship::export_organisation(&cli.database, &organisation, &out).await
        }
        Command::ImportOrganisation { file, name } => {
            stewardship::import_organisation(&cli.database, &file, name.as_deref()).await
        }
        Command::ImportRegister(args) => register::run(&cli.database, args).await,
        Command::Report(args) => report::run(&cli.database, args).await,
        Command::DeleteOrganisation { organisation, yes } => {
            stewardship::delete_organisation(&cli.database, &organisation, yes).await
        }
        Command::SeedDemo { suppliers } => {
            let db = open(&cli.database).await?;
            seed(&db, suppliers).await
        }
        Command::Serve { serve, with_demo_data, demo_suppliers } => {
            let config = AppConfig {
                database_url: cli.database.url().to_owned(),
                jwt_secret: jwt_secret(&cli.database.data_dir)?,
                data_dir: cli.database.data_dir.clone(),
                max_body_bytes: serve.max_body_bytes,
                request_timeout: std::time::Duration::from_secs(serve.request_timeout_secs),
                graphiql: serve.graphiql,
                public_url: serve.public_url.clone(),
                worker_poll: std::time::Duration::from_secs(1),
                worker_lease: std::time::Duration::from_secs(serve.worker_lease_secs),
                // It may hold a password, so only the environment gives it.
                smtp_url: std::env::var("CHAINWARD_SMTP_URL").ok().filter(|u| !u.trim().is_empty()),
                mail_from: serve.mail_from.clone(),
                portal_dir: serve.portal_dir.clone(),
                sheet_reader: crate::service::spreadsheet::reader::SheetReaderConfig {
                    memory_mib: serve.import_memory_mib,
                    ..Default::default()
                },
                webhook_egress: crate::egress::Egress::allowing(&serve.webhook_allow)
                    .map_err(|e| anyhow::anyhow!("CHAINWARD_WEBHOOK_ALLOW: {e}"))?,
                introspection: serve.introspection,
                // A secret, so only the environment gives it.
                metrics_token: std::env::var("CHAINWARD_METRICS_TOKEN").ok().filter(|t| !t.trim().is_empty()),
                object_store_url: std::env::var("CHAINWARD_OBJECT_STORE_URL").ok().filter(|u| !u.trim().is_empty()),
            };
            let app = crate::app::build_app(&config).await?;
            if with_demo_data {
                seed(&app.state.db, demo_suppliers).await?;
            }
            let listener = tokio::net::TcpListener::bind(serve.bind).await?;
            let address = listener.local_addr()?;
            tracing::info!(%address, "Chainward is listening");
            println!("Chainward is running: GraphQL API and GraphiQL at http://{address}/graphql");
            if config.portal_dir.join("index.html").is_file() {
                println!("The web portal is at http://{address}/");
            } else {
                println!(
                    "The web portal is not built ({} has no index.html): npm ci --prefix frontend && npm run build --prefix frontend",
                    config.portal_dir.display()
                );
            }
            crate::app::serve(app, listener).await
        }
    }
}

async fn open(database: &DatabaseArgs) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = crate::db::connect(database.url(), &StatementCounter::default()).await?;
    crate::db::migrate(&db).await?;
    Ok(db)
}

async fn seed(db: &sea_orm::DatabaseConnection, suppliers: usize) -> anyhow::Result<()> {
    let credentials = crate::seed::seed_demo(db, &crate::seed::SeedOptions { suppliers }).await?;
    let what = if credentials.created { "created" } else { "already present; password reset" };
    println!("Demo organisation \"{}\" {what}.", credentials.organisation);
    println!("Sign in as {} with password {}", credentials.email, credentials.password);
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("CHAINWARD_PASSWORD") {
        return Ok(password);
    }
    eprintln!("Password (min. {} characters):", crate::auth::password::MIN_PASSWORD_LENGTH);
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(!password.is_empty(), "no password given (set CHAINWARD_PASSWORD or type it on standard input)");
    Ok(password)
}
