//! The supplier register an organisation already keeps, imported from a spreadsheet: read in an
//! import worker (the file may come from anywhere), matched row by row to the register, and
//! shown as new, changed (field by field, with the old value), unchanged and invalid rows,
//! every problem by sheet and cell. Nothing is written until the batch is committed, in one
//! transaction (`commit`); the same file twice changes nothing.
pub mod commit;
mod contacts;
mod known;
pub mod links;
pub mod preview;
pub mod rows;
pub mod stored;
mod values;

use crate::auth::secret::sha256_hex;
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::{ImportKind, ImportStatus};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::{audit, lookup, now};
use crate::service::spreadsheet::import::MAX_IMPORT_BYTES;
use crate::service::spreadsheet::reader::SheetReader;
use entity::{business_service, dependency, import_batch};
use known::Known;
use links::{LinkPreview, Nodes, PlannedLinks};
use questionnaires::register::fields::fold;
use questionnaires::register::{Field, FieldCell, RegisterLayout, RegisterSheets, SheetRow};
use questionnaires::sheet::Limits;
use rows::{CellIssue, Planned, RowChange, RowPreview};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Rows one import plans at once (suppliers, contacts and dependencies together): a commit
/// holds them in one transaction, and the preview keeps a row of the database for each.
pub const MAX_ROWS: usize = 25_000;

/// How many rows of each kind the import has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, async_graphql::SimpleObject)]
pub struct ImportCounts {
    /// Suppliers the register does not have yet.
    pub new: usize,
    /// Suppliers the import changes.
    pub changed: usize,
    /// Suppliers the register holds as the file says.
    pub unchanged: usize,
    /// Supplier rows with problems, not imported.
    pub invalid: usize,
    /// Dependencies the import would record.
    pub new_dependencies: usize,
    /// Services the dependencies sheet names that the register lacks.
    pub new_services: usize,
    /// Dependency and contact rows that cannot be imported.
    pub invalid_links: usize,
}

/// What a preview found: the counts and remarks (kept on the batch), and every row (kept a
/// database row each, see `stored`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RegisterPreview {
    pub counts: ImportCounts,
    pub rows: Vec<RowPreview>,
    pub links: Vec<LinkPreview>,
    /// Rows of the contacts sheet that name no supplier of the file.
    pub problems: Vec<CellIssue>,
    pub notes: Vec<String>,
}

/// Everything an import would write, planned against the register as it is now.
pub struct RegisterPlan {
    pub rows: Vec<Planned>,
    pub links: PlannedLinks,
    pub preview: RegisterPreview,
}

/// Plans the import of `sheets` against the caller's register.
pub async fn plan<C: ConnectionTrait>(db: &C, caller: &Caller, sheets: &RegisterSheets) -> ApiResult<RegisterPlan> {
    let mut known = Known::load(db, caller).await?;
    let (suppliers, problems) = with_contacts(&sheets.suppliers, &sheets.contacts);
    let matched: Vec<Option<(Uuid, &'static str)>> = suppliers.iter().map(|row| known.match_row(row)).collect();
    let ids: Vec<Uuid> = matched.iter().flatten().map(|(id, _)| *id).collect::<HashSet<_>>().into_iter().collect();
    known.load_matched(db, caller, &ids).await?;
    let mut first_row: HashMap<String, u32> = HashMap::new();
    let mut planned: Vec<Planned> = Vec::with_capacity(suppliers.len());
    for (row, matched) in suppliers.iter().zip(matched) {
        let mut plan = rows::plan(row, matched, &known, caller.organisation_id);
        // Two rows of one supplier: the first is imported, the second named.
        let key = match matched {
            Some((id, _)) => id.to_string(),
            None => plan
                .after
                .lei
                .clone()
                .unwrap_or_else(|| format!("{}|{}", fold(&plan.after.legal_name), plan.after.country)),
        };
        if let Some(first) = first_row.get(&key) {
            let message = format!("the same supplier as row {first}; only the first row is imported");
            plan.preview.problems.push(CellIssue { cell: row.place(Field::LegalName), message });
            plan.preview.change = RowChange::Invalid;
        } else {
            first_row.insert(key, row.row);
        }
        planned.push(plan);
    }
    let links = if sheets.links.is_empty() {
        PlannedLinks::default()
    } else {
        plan_links(db, caller, &known, &planned, &sheets.links).await?
    };
    let mut preview = RegisterPreview { problems, notes: sheets.notes.clone(), ..Default::default() };
    for plan in &planned {
        let counts = &mut preview.counts;
        match plan.preview.change {
            RowChange::New => counts.new += 1,
            RowChange::Changed => counts.changed += 1,
            RowChange::Unchanged => counts.unchanged += 1,
            RowChange::Invalid => counts.invalid += 1,
        }
    }
    preview.counts.new_dependencies = links.edges.len();
    preview.counts.new_services = links.new_services.len();
    preview.counts.invalid_links =
        links.previews.iter().filter(|l| l.change == RowChange::Invalid).count() + preview.problems.len();
    preview.rows = planned.iter().map(|p| p.preview.clone()).collect();
    preview.links = links.previews.clone();
    Ok(RegisterPlan { rows: planned, links, preview })
}

/// Each contacts-sheet row joins the suppliers-sheet row it names (by LEI or legal name), as
/// contacts of their own; a row naming no supplier of the file is a problem.
fn with_contacts(suppliers: &[SheetRow], contacts: &[SheetRow]) -> (Vec<SheetRow>, Vec<CellIssue>) {
    let mut rows = suppliers.to_vec();
    if contacts.is_empty() {
        return (rows, Vec::new());
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for field in [Field::Lei, Field::LegalName] {
            if let Some(cell) = row.get(field) {
                index.entry(fold(&cell.text)).or_insert(i);
            }
        }
    }
    let mut problems = Vec::new();
    let mut slots: HashMap<usize, u8> = HashMap::new();
    for contact in contacts {
        let reference = contact.get(Field::Supplier).or_else(|| contact.get(Field::Lei));
        let Some(i) = reference.and_then(|r| index.get(&fold(&r.text))) else {
            let named = reference.map(|r| r.text.as_str()).unwrap_or_default();
            let message =
                format!("no supplier named \"{named}\" is in the suppliers sheet; the contact is not imported");
            problems.push(CellIssue { cell: contact.place(Field::Supplier), message });
            continue;
        };
        // Contacts of the sheet come after the row's own (slots 1-9), one slot each.
        let slot = slots.entry(*i).or_insert(10);
        *slot = slot.saturating_add(1);
        let cells = contact.cells.iter().filter(|c| c.field.is_contact());
        rows[*i].cells.extend(cells.map(|c| FieldCell { slot: *slot, ..c.clone() }));
    }
    (rows, problems)
}

async fn plan_links<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    known: &Known,
    planned: &[Planned],
    rows: &[SheetRow],
) -> ApiResult<PlannedLinks> {
    let mut in_file = HashMap::new();
    for plan in planned.iter().filter(|p| p.preview.change != RowChange::Invalid) {
        in_file.insert(fold(&plan.after.legal_name), plan.after.id);
        if let Some(lei) = &plan.after.lei {
            in_file.insert(lei.clone(), plan.after.id);
        }
    }
    let services: HashMap<String, Uuid> = lookup::scoped::<business_service::Entity>(caller)
        .select_only()
        .columns([business_service::Column::Name, business_service::Column::Id])
        .into_tuple::<(String, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(name, id)| (fold(&name), id))
        .collect();
    let edges: HashSet<(Uuid, Uuid)> = lookup::scoped::<dependency::Entity>(caller)
        .select_only()
        .columns([dependency::Column::DependentId, dependency::Column::ProviderId])
        .into_tuple::<(Uuid, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let nodes = Nodes { known, in_file, services, edges };
    Ok(links::plan(rows, &nodes, caller.organisation_id))
}

/// A register import batch of the caller's organisation.
pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<import_batch::Model> {
    caller.require(Permission::Read)?;
    let found = lookup::find::<import_batch::Entity>(db, caller, id).await?;
    if found.kind != ImportKind::Register {
        return Err(ApiError::NotFound("register import"));
    }
    Ok(found)
}

/// Reads a register spreadsheet and records what importing it would do.
pub async fn preview(
    db: &DatabaseConnection,
    reader: &SheetReader,
    caller: &Caller,
    file_name: &str,
    bytes: Vec<u8>,
    layout: Option<serde_json::Value>,
) -> ApiResult<import_batch::Model> {
    caller.require(Permission::WriteRegister)?;
    let layout: Option<RegisterLayout> = layout
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| ApiError::field("layout", format!("not a register layout: {e}")))?;
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ApiError::Limit(format!("a spreadsheet may have at most {} MiB", MAX_IMPORT_BYTES / 1024 / 1024)));
    }
    let (sha256, size) = (sha256_hex(&bytes), bytes.len() as i64);
    let limits = Limits { max_bytes: MAX_IMPORT_BYTES, ..Limits::default() };
    let sheets = reader.read_register(bytes, layout, limits).await?;
    let rows = sheets.suppliers.len() + sheets.contacts.len() + sheets.links.len();
    if rows > MAX_ROWS {
        return Err(ApiError::Limit(format!(
            "the file has {rows} rows; a register import takes at most {MAX_ROWS} (split the file and import the parts)"
        )));
    }
    let mut plan = plan(db, caller, &sheets).await?;
    let earlier = lookup::scoped::<import_batch::Entity>(caller)
        .filter(import_batch::Column::Kind.eq(ImportKind::Register))
        .filter(import_batch::Column::FileSha256.eq(&sha256))
        .filter(import_batch::Column::Status.eq(ImportStatus::Committed))
        .one(db)
        .await?;
    if let Some(when) = earlier.and_then(|b| b.committed_at) {
        let when = when.format("%Y-%m-%d %H:%M UTC");
        plan.preview.notes.push(format!(
            "this same file was imported on {when}; rows the register still holds as they were are unchanged"
        ));
    }
    let name = std::path::Path::new(file_name.trim()).file_name().and_then(|n| n.to_str()).unwrap_or("upload");
    let described = format!(
        "suppliers on sheet {} (header row {})",
        sheets.layout.suppliers.sheet, sheets.layout.suppliers.header_row
    );
    let (report, changes) = stored::summary(&sheets, &plan.preview);
    let txn = begin_write(db).await?;
    let batch = import_batch::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        assessment_id: Set(None),
        template_version_id: Set(None),
        file_name: Set(name.chars().take(200).collect()),
        file_sha256: Set(sha256),
        file_size: Set(size),
        format: Set(sheets.format.name().to_owned()),
        layout: Set(described),
        report: Set(report),
        changes: Set(changes),
        status: Set(ImportStatus::Previewed),
        actor_label: Set(caller.actor_label()),
        created_at: Set(now()),
        committed_at: Set(None),
        kind: Set(ImportKind::Register),
        supplier_id: Set(None),
        foreign: Set(None),
    }
    .insert(&txn)
    .await?;
    stored::save_sources(&txn, &batch, &sheets).await?;
    stored::save_previews(&txn, &batch, &plan.preview).await?;
    let summary = json!({"file": batch.file_name, "sha256": batch.file_sha256, "counts": plan.preview.counts});
    audit::record(&txn, caller, "register_import.preview", "import_batch", Some(batch.id), summary).await?;
    txn.commit().await?;
    Ok(batch)
}
