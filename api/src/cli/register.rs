//! `chainward import-register`: a spreadsheet of suppliers into an organisation's register from
//! a script, with the same reading, matching and one-transaction commit as the portal.
use crate::auth::Caller;
use crate::db::StatementCounter;
use crate::service::spreadsheet::reader::{SheetReader, SheetReaderConfig};
use crate::service::spreadsheet::register_import::rows::RowChange;
use crate::service::spreadsheet::register_import::{self, RegisterPreview, commit::commit, stored};
use crate::service::stewardship::organisation;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct ImportRegisterArgs {
    /// An xlsx, xlsm, ods or csv of suppliers.
    pub file: PathBuf,
    /// The organisation's name or id (may be left out when the database holds only one).
    #[arg(long)]
    pub organisation: Option<String>,
    /// Report what the import would do and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the valid rows even when others have problems.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The database (migrated), the organisation a command names (`--organisation`, or the only
/// one), and a caller acting for it as `label`.
pub(super) async fn open_organisation(
    database: &crate::config::DatabaseArgs,
    name: Option<&str>,
    label: &str,
) -> anyhow::Result<(sea_orm::DatabaseConnection, entity::organisation::Model, Caller)> {
    let db = crate::db::connect(database.url(), &StatementCounter::default()).await?;
    crate::db::migrate(&db).await?;
    let found = match name {
        Some(name) => {
            organisation::find(&db, name).await.map_err(|_| anyhow::anyhow!("no organisation is called {name:?}"))?
        }
        None => organisation::only(&db).await?,
    };
    let caller = Caller::system(found.id, label);
    Ok((db, found, caller))
}

/// Runs the import; fails (exit code 1) when rows have problems and they were not skipped.
pub async fn run(database: &crate::config::DatabaseArgs, args: ImportRegisterArgs) -> anyhow::Result<()> {
    let (db, found, caller) = open_organisation(database, args.organisation.as_deref(), "import-register").await?;
    let bytes = std::fs::read(&args.file).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let name = args.file.file_name().and_then(|n| n.to_str()).unwrap_or("register").to_owned();
    let reader = SheetReader::new(SheetReaderConfig::default(), Default::default());
    let batch = register_import::preview(&db, &reader, &caller, &name, bytes, None).await.map_err(said)?;
    let counts: RegisterPreview = serde_json::from_value(batch.changes.clone())?;
    let invalid = counts.counts.invalid + counts.counts.invalid_links;
    let committed = !(args.dry_run || (invalid > 0 && !args.skip_invalid));
    let batch = if committed { commit(&db, &caller, batch.id, args.skip_invalid).await.map_err(said)? } else { batch };
    let shown = &read_back(&db, &batch).await.map_err(said)?;
    let committed = committed.then_some(());
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "batchId": batch.id, "committed": committed.is_some(), "counts": shown.counts, "rows": shown.rows,
                "dependencies": shown.links, "problems": shown.problems, "notes": shown.notes,
            }))?
        );
    } else {
        print_text(&found.name, shown, committed.is_some(), args.dry_run);
    }
    if invalid > 0 && !args.skip_invalid {
        anyhow::bail!(
            "{invalid} row(s) have problems; nothing was imported (correct the file, or pass --skip-invalid)"
        );
    }
    Ok(())
}

/// Everything the batch says, its rows included (a script's report).
async fn read_back(
    db: &sea_orm::DatabaseConnection,
    batch: &entity::import_batch::Model,
) -> crate::error::ApiResult<RegisterPreview> {
    let mut preview: RegisterPreview =
        serde_json::from_value(batch.changes.clone()).map_err(crate::error::ApiError::internal)?;
    preview.rows = stored::page(db, batch.id, stored::ROWS, None, 0, u64::MAX).await?.1;
    preview.links = stored::page(db, batch.id, stored::DEPENDENCIES, None, 0, u64::MAX).await?.1;
    preview.problems = stored::page(db, batch.id, stored::PROBLEMS, None, 0, u64::MAX).await?.1;
    Ok(preview)
}

/// An API error in words (its client message, never an internal cause).
/// A service error as the command line says it.
pub(super) fn said(error: crate::error::ApiError) -> anyhow::Error {
    anyhow::anyhow!("{}", error.into_graphql().message)
}

fn print_text(organisation: &str, preview: &RegisterPreview, committed: bool, dry_run: bool) {
    let c = &preview.counts;
    let verb = if committed { "Imported into" } else { "Importing would change" };
    println!("{verb} the register of \"{organisation}\":");
    println!("  {} new, {} changed, {} unchanged, {} with problems", c.new, c.changed, c.unchanged, c.invalid);
    println!(
        "  {} new dependencies, {} new services, {} dependency or contact rows with problems",
        c.new_dependencies, c.new_services, c.invalid_links
    );
    for row in preview.rows.iter().filter(|r| r.change != RowChange::Unchanged) {
        let how = row.matched_by.as_deref().map(|m| format!(" (matched by {m})")).unwrap_or_default();
        println!("{} row {}: {:?} {}{how}", row.sheet, row.row, row.change, row.legal_name);
        for field in &row.fields {
            let (from, to) = (field.from.as_deref().unwrap_or("-"), field.to.as_deref().unwrap_or("-"));
            println!("    {}: {from} -> {to}  [{}]", field.field, field.cell);
        }
        for problem in &row.problems {
            println!("    problem at {}: {}", problem.cell, problem.message);
        }
    }
    for link in preview.links.iter().filter(|l| l.change != RowChange::Unchanged) {
        println!("{} row {}: {:?} {} -> {}", link.sheet, link.row, link.change, link.dependent, link.provider);
        for problem in &link.problems {
            println!("    problem at {}: {}", problem.cell, problem.message);
        }
    }
    for problem in &preview.problems {
        println!("problem at {}: {}", problem.cell, problem.message);
    }
    for note in &preview.notes {
        println!("note: {note}");
    }
    if dry_run {
        println!("Dry run: nothing was changed.");
    }
}
