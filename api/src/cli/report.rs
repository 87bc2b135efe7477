//! `chainward report`: the supplier and portfolio reports (PDF) and the NIS 2 audit pack (zip) from a script,
//! made by the same service functions as the portal's downloads.
use super::register::{open_organisation, said};
use crate::service::kernel::lookup;
use crate::service::reports::{audit_pack, supplier};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use sea_orm::{ColumnTrait, QueryFilter};
use std::path::PathBuf;

#[derive(Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub kind: ReportKind,
    /// The organisation's name or id (may be left out when the database holds only one).
    #[arg(long, global = true)]
    pub organisation: Option<String>,
    /// Where to write the file (default: its own name in the current directory).
    #[arg(long, global = true)]
    pub out: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum ReportKind {
    /// One supplier's report for auditors, as PDF/A.
    Supplier {
        /// The supplier's id or exact legal name.
        supplier: String,
    },
    /// The portfolio report for the board, as PDF/A.
    Portfolio,
    /// The NIS 2 supply-chain audit pack (IR 2024/2690 section 5) for a period, as a zip with a
    /// SHA-256 manifest.
    AuditPack {
        /// First day of the period (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last day of the period (YYYY-MM-DD).
        #[arg(long)]
        until: NaiveDate,
    },
}

/// Writes the report and says where.
pub async fn run(database: &crate::config::DatabaseArgs, args: ReportArgs) -> anyhow::Result<()> {
    let (db, found, caller) = open_organisation(database, args.organisation.as_deref(), "report").await?;
    let (name, bytes) = match &args.kind {
        ReportKind::Supplier { supplier: wanted } => {
            let id = match wanted.parse::<uuid::Uuid>() {
                Ok(id) => id,
                Err(_) => {
                    lookup::scoped::<entity::supplier::Entity>(&caller)
                        .filter(entity::supplier::Column::LegalName.eq(wanted.trim()))
                        .one(&db)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("no supplier of {} is called {wanted:?}", found.name))?
                        .id
                }
            };
            supplier::pdf(&db, &caller, id).await.map_err(said)?
        }
        ReportKind::Portfolio => crate::service::reports::portfolio::pdf(&db, &caller).await.map_err(said)?,
        ReportKind::AuditPack { from, until } => audit_pack::build(&db, &caller, *from, *until).await.map_err(said)?,
    };
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from(&name));
    std::fs::write(&out, &bytes).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}
