//! A register import kept in the database a row at a time: the file's rows as read (`sources`,
//! to plan the commit from) and what importing each does (`previews`, paged by the portal), so
//! that neither a preview nor a page of it holds a document the size of the file.
use super::RegisterPreview;
use crate::error::{ApiError, ApiResult};
use entity::{import_batch, import_row};
use questionnaires::register::{RegisterLayout, RegisterSheets, SheetRow};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use uuid::Uuid;

/// The kinds of stored rows: the three sheets' rows as read, and the three kinds of preview.
pub const SUPPLIER_SOURCES: &str = "suppliers";
pub const CONTACT_SOURCES: &str = "contacts";
pub const LINK_SOURCES: &str = "links";
pub const ROWS: &str = "row";
pub const DEPENDENCIES: &str = "dependency";
pub const PROBLEMS: &str = "problem";

/// Rows written per statement and read per query.
const CHUNK: usize = 500;

/// What the batch row itself keeps: the sheets' layout and remarks (`report`), the counts
/// (`changes`).
pub fn summary(sheets: &RegisterSheets, preview: &RegisterPreview) -> (Value, Value) {
    let report = json!({"format": sheets.format, "layout": sheets.layout, "notes": sheets.notes});
    (report, json!({"counts": preview.counts, "notes": preview.notes}))
}

/// The layout a batch was read with.
pub fn layout(batch: &import_batch::Model) -> Option<RegisterLayout> {
    serde_json::from_value(batch.report.get("layout")?.clone()).ok()
}

fn row<T: Serialize>(
    batch: &import_batch::Model,
    kind: &str,
    position: usize,
    change: &str,
    data: &T,
) -> ApiResult<import_row::ActiveModel> {
    use sea_orm::ActiveValue::Set;
    Ok(import_row::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(batch.organisation_id),
        batch_id: Set(batch.id),
        position: Set(position as i32),
        kind: Set(kind.to_owned()),
        change: Set(change.to_owned()),
        data: Set(serde_json::to_value(data).map_err(ApiError::internal)?),
    })
}

/// Rows on their way to the database, written a chunk at a time so that only a chunk is held.
struct Writer<'a, C> {
    db: &'a C,
    batch: &'a import_batch::Model,
    pending: Vec<import_row::ActiveModel>,
}

impl<'a, C: ConnectionTrait> Writer<'a, C> {
    fn new(db: &'a C, batch: &'a import_batch::Model) -> Self {
        Writer { db, batch, pending: Vec::with_capacity(CHUNK) }
    }

    async fn push<T: Serialize>(&mut self, kind: &str, position: usize, change: &str, data: &T) -> ApiResult<()> {
        self.pending.push(row(self.batch, kind, position, change, data)?);
        if self.pending.len() >= CHUNK {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> ApiResult<()> {
        if !self.pending.is_empty() {
            let chunk = std::mem::take(&mut self.pending);
            import_row::Entity::insert_many(chunk).exec_without_returning(self.db).await?;
        }
        Ok(())
    }
}

fn change_of<T: Serialize>(change: &T) -> String {
    serde_json::to_value(change).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Keeps the file's rows as read.
pub async fn save_sources<C: ConnectionTrait>(
    db: &C,
    batch: &import_batch::Model,
    sheets: &RegisterSheets,
) -> ApiResult<()> {
    let mut writer = Writer::new(db, batch);
    for (kind, source) in
        [(SUPPLIER_SOURCES, &sheets.suppliers), (CONTACT_SOURCES, &sheets.contacts), (LINK_SOURCES, &sheets.links)]
    {
        for (i, sheet_row) in source.iter().enumerate() {
            writer.push(kind, i, "source", sheet_row).await?;
        }
    }
    writer.flush().await
}

/// Keeps what importing each row does, replacing an earlier plan's.
pub async fn save_previews<C: ConnectionTrait>(
    db: &C,
    batch: &import_batch::Model,
    preview: &RegisterPreview,
) -> ApiResult<()> {
    import_row::Entity::delete_many()
        .filter(import_row::Column::BatchId.eq(batch.id))
        .filter(import_row::Column::Kind.is_in([ROWS, DEPENDENCIES, PROBLEMS]))
        .exec(db)
        .await?;
    let mut writer = Writer::new(db, batch);
    for (i, previewed) in preview.rows.iter().enumerate() {
        writer.push(ROWS, i, &change_of(&previewed.change), previewed).await?;
    }
    for (i, link) in preview.links.iter().enumerate() {
        writer.push(DEPENDENCIES, i, &change_of(&link.change), link).await?;
    }
    for (i, problem) in preview.problems.iter().enumerate() {
        writer.push(PROBLEMS, i, "invalid", problem).await?;
    }
    writer.flush().await
}

/// The file's rows as the preview read them, a chunk at a time.
pub async fn sheets<C: ConnectionTrait>(db: &C, batch: &import_batch::Model) -> ApiResult<RegisterSheets> {
    let format =
        serde_json::from_value(batch.report.get("format").cloned().unwrap_or_default()).map_err(ApiError::internal)?;
    let layout = layout(batch).ok_or_else(|| ApiError::internal("a register import without its layout"))?;
    let notes = serde_json::from_value(batch.report.get("notes").cloned().unwrap_or_default()).unwrap_or_default();
    let mut sheets =
        RegisterSheets { format, layout, suppliers: Vec::new(), contacts: Vec::new(), links: Vec::new(), notes };
    for (kind, into) in [
        (SUPPLIER_SOURCES, &mut sheets.suppliers),
        (CONTACT_SOURCES, &mut sheets.contacts),
        (LINK_SOURCES, &mut sheets.links),
    ] {
        let (_, rows) = page::<SheetRow, _>(db, batch.id, kind, None, 0, u64::MAX).await?;
        *into = rows;
    }
    Ok(sheets)
}

/// A page of stored rows of `kind` (only those of `change`, if given), in the file's order,
/// and how many there are in all.
pub async fn page<T: DeserializeOwned, C: ConnectionTrait>(
    db: &C,
    batch_id: Uuid,
    kind: &str,
    change: Option<&str>,
    offset: u64,
    limit: u64,
) -> ApiResult<(u64, Vec<T>)> {
    let mut select = import_row::Entity::find()
        .filter(import_row::Column::BatchId.eq(batch_id))
        .filter(import_row::Column::Kind.eq(kind));
    if let Some(change) = change {
        select = select.filter(import_row::Column::Change.eq(change));
    }
    let total = select.clone().count(db).await?;
    let mut found = Vec::new();
    let mut at = offset;
    while (found.len() as u64) < limit.min(total.saturating_sub(offset)) {
        let want = (limit - found.len() as u64).min(CHUNK as u64);
        let chunk = select.clone().order_by_asc(import_row::Column::Position).offset(at).limit(want).all(db).await?;
        if chunk.is_empty() {
            break;
        }
        at += chunk.len() as u64;
        for stored in chunk {
            found.push(serde_json::from_value(stored.data).map_err(ApiError::internal)?);
        }
    }
    Ok((total, found))
}
