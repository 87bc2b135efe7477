//! An organisation's data, exported whole and imported into another Chainward (moving between
//! instances, or leaving the product): the archive of a backup holding its own rows and
//! documents only. On import every id it brings is replaced by a new one, wherever it appears
//! (keys, references, ids inside JSON and texts), so the copy never collides with what the
//! instance holds, the exporting organisation included.
use super::archive::{self, Manifest};
use super::backup::{self, BackupReport, Scope};
use super::tables::{self, Row};
use crate::auth::{Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::{audit, in_response};
use crate::service::spreadsheet::export::ExportFile;
use crate::storage::DocumentStore;
use anyhow::{Context, bail, ensure};
use entity::{organisation, user};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::Path;
use uuid::Uuid;

/// Writes `organisation`'s archive to `out`.
pub async fn export(
    db: &DatabaseConnection,
    store: &DocumentStore,
    organisation: &organisation::Model,
    out: &Path,
) -> anyhow::Result<BackupReport> {
    backup::write_file(db, store, out, Scope::Organisation(organisation)).await
}

/// An administrator's export of their own organisation, recorded in its audit trail: the
/// archive as an open file whose name is already gone, so that nothing is left on disk once it
/// is read.
pub async fn export_own(db: &DatabaseConnection, store: &DocumentStore, caller: &Caller) -> ApiResult<std::fs::File> {
    caller.require(Permission::Administer)?;
    let own = organisation::Entity::find_by_id(caller.organisation_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("organisation"))?;
    audit::record(db, caller, "organisation.export", "organisation", Some(own.id), serde_json::json!({})).await?;
    let path = std::env::temp_dir().join(format!("chainward-export-{}.zip", Uuid::new_v4().simple()));
    let written = export(db, store, &own, &path).await.map_err(ApiError::internal);
    let opened = written.and_then(|_| std::fs::File::open(&path).map_err(ApiError::internal));
    let _ = std::fs::remove_file(&path);
    opened
}

/// Bytes of documents an export in a GraphQL answer may carry (in base64 and JSON, three times
/// over in memory on the way out).
const DOCUMENTS_IN_RESPONSE: i64 = 32 * 1024 * 1024;

/// [`export_own`] for an answer that carries the file (GraphQL): refused above
/// `in_response::SUPPLIERS` suppliers, naming the streamed download.
pub async fn export_in_response(
    db: &DatabaseConnection,
    store: &DocumentStore,
    caller: &Caller,
) -> ApiResult<ExportFile> {
    caller.require(Permission::Administer)?;
    in_response::fits(db, caller, "/api/exports/organisation").await?;
    // Documents weigh more than rows: their total is bounded too.
    let documents: Option<i64> = entity::evidence::Entity::find()
        .select_only()
        .column_as(sea_orm::sea_query::Expr::cust("COALESCE(CAST(SUM(size) AS BIGINT), 0)"), "total")
        .filter(entity::evidence::Column::OrganisationId.eq(caller.organisation_id))
        .into_tuple()
        .one(db)
        .await?;
    if documents.unwrap_or(0) > DOCUMENTS_IN_RESPONSE {
        return Err(ApiError::Limit(format!(
            "the organisation's documents take {} MiB and a file in a GraphQL response at most {} MiB; download /api/exports/organisation instead (streamed, any size)",
            documents.unwrap_or(0) / 1024 / 1024,
            DOCUMENTS_IN_RESPONSE / 1024 / 1024
        )));
    }
    let mut bytes = Vec::new();
    export_own(db, store, caller).await?.read_to_end(&mut bytes).map_err(ApiError::internal)?;
    Ok(ExportFile { file_name: "organisation.chainward.zip".into(), content_type: "application/zip", bytes })
}

/// What an import brought in.
#[derive(Debug)]
pub struct Imported {
    pub organisation: organisation::Model,
    pub rows: u64,
    pub documents: usize,
}

/// Loads the organisation of the archive `file`, under `name` if given (else its own), in one
/// transaction. The instance must be at the archive's schema.
pub async fn import(
    db: &DatabaseConnection,
    store: &DocumentStore,
    file: &Path,
    name: Option<&str>,
) -> anyhow::Result<Imported> {
    let opened = std::fs::File::open(file).with_context(|| format!("opening {}", file.display()))?;
    let mut zip =
        zip::ZipArchive::new(opened).context("the file is not a Chainward organisation export (not a zip)")?;
    let manifest = archive::verify(&mut zip, archive::ORGANISATION)?;
    let Some(named) = &manifest.organisation else { bail!("the export names no organisation") };
    let applied = tables::migrations(db).await?;
    ensure!(
        applied == manifest.migrations,
        "this Chainward is at schema {} and the export at {}: import it into a Chainward of the same version",
        applied.last().map(String::as_str).unwrap_or("none"),
        manifest.migrations.last().map(String::as_str).unwrap_or("none")
    );
    let name = name.unwrap_or(&named.name).trim().to_owned();
    ensure!(!name.is_empty(), "the organisation needs a name");
    if organisation::Entity::find().filter(organisation::Column::Name.eq(&name)).one(db).await?.is_some() {
        bail!("an organisation called {name:?} exists already: import under another name (--name)");
    }
    let rows = read_rows(&mut zip, &manifest)?;
    check_belongs(&rows, &manifest)?;
    let ids = new_ids(&rows);
    let new_organisation = *ids.get(&named.id).context("the export has no row of its organisation")?;
    let emails: Vec<String> = rows
        .iter()
        .filter(|(table, _)| table == "app_user")
        .flat_map(|(_, rows)| rows.iter().filter_map(|r| r.get("email")?.as_str().map(str::to_owned)))
        .collect();
    if let Some(taken) = user::Entity::find().filter(user::Column::Email.is_in(emails)).one(db).await? {
        bail!("a user {} exists in this Chainward already: a user belongs to one organisation", taken.email);
    }

    for document in &manifest.documents {
        let mut content = Vec::new();
        zip.by_name(&document.file)?.read_to_end(&mut content)?;
        store.put(&document.sha256, &content).await.with_context(|| format!("storing {}", document.file))?;
    }
    let txn = crate::db::begin_write(db).await?;
    let mut count = 0;
    for table in tables::portable() {
        let Some((_, rows)) = rows.iter().find(|(t, _)| *t == table.name) else { continue };
        let mut remapped: Vec<Row> = rows.iter().map(|row| remap_row(row, &ids)).collect();
        // Invitation links name the instance that sent them; here they open nothing.
        if matches!(table.name.as_str(), "invitation" | "invitation_link") {
            for row in &mut remapped {
                let unusable = crate::auth::secret::sha256_hex(Uuid::new_v4().as_bytes());
                row.insert("token_hash".into(), Json::from(unusable));
            }
        }
        if table.name == "organisation" {
            for row in &mut remapped {
                row.insert("name".into(), Json::from(name.clone()));
            }
        }
        count += remapped.len() as u64;
        table.load(&txn, remapped).await.map_err(|e| anyhow::anyhow!("importing {}: {e}", table.name))?;
    }
    txn.commit().await?;
    let organisation = organisation::Entity::find_by_id(new_organisation)
        .one(db)
        .await?
        .context("the imported organisation is not there")?;
    Ok(Imported { organisation, rows: count, documents: manifest.documents.len() })
}

/// Every table's rows, as the archive holds them.
fn read_rows(zip: &mut zip::ZipArchive<std::fs::File>, manifest: &Manifest) -> anyhow::Result<Vec<(String, Vec<Row>)>> {
    let carried: Vec<String> = tables::portable().into_iter().map(|t| t.name).collect();
    let mut all = Vec::new();
    for listed in &manifest.tables {
        ensure!(carried.contains(&listed.table), "{} is not a table an organisation's export carries", listed.table);
        let reader = std::io::BufReader::new(zip.by_name(&listed.file)?);
        let mut rows = Vec::new();
        for (index, line) in reader.lines().enumerate() {
            rows.push(serde_json::from_str(&line?).with_context(|| format!("{} line {}", listed.file, index + 1))?);
        }
        all.push((listed.table.clone(), rows));
    }
    Ok(all)
}

/// Refuses an archive whose rows are not all its organisation's, or whose documents are not
/// all in it: a crafted file must not put rows into another organisation or point at another
/// organisation's documents.
fn check_belongs(rows: &[(String, Vec<Row>)], manifest: &Manifest) -> anyhow::Result<()> {
    let Some(named) = &manifest.organisation else { bail!("the export names no organisation") };
    let own = Json::from(named.id.to_string());
    let mut organisations = 0;
    for (table, rows) in rows {
        for (line, row) in rows.iter().enumerate() {
            let (column, expected) = if table == "organisation" { ("id", &own) } else { ("organisation_id", &own) };
            ensure!(
                row.get(column) == Some(expected),
                "{table} line {}: the row is not of the organisation the export names",
                line + 1
            );
            organisations += usize::from(table == "organisation");
            if table == "evidence" {
                let sha256 = row.get("sha256").and_then(Json::as_str).unwrap_or_default();
                ensure!(
                    manifest.documents.iter().any(|d| d.sha256 == sha256),
                    "evidence line {}: document {sha256} is not in the export",
                    line + 1
                );
            }
        }
    }
    ensure!(organisations == 1, "the export holds {organisations} organisation rows, not one");
    Ok(())
}

/// A new id for every id the rows hold, whatever the column: references to rows in the export
/// follow their rows, and a reference to anything else becomes an id that names nothing here.
fn new_ids(rows: &[(String, Vec<Row>)]) -> HashMap<Uuid, Uuid> {
    rows.iter()
        .flat_map(|(_, rows)| rows.iter())
        .flat_map(|row| row.values())
        .filter_map(|value| value.as_str()?.parse().ok())
        .map(|old| (old, Uuid::new_v4()))
        .collect()
}

fn remap_row(row: &Row, ids: &HashMap<Uuid, Uuid>) -> Row {
    row.iter().map(|(column, value)| (column.clone(), remap(value, ids))).collect()
}

/// `value` with every id of `ids` replaced, in texts (JSON columns are texts) as in values.
fn remap(value: &Json, ids: &HashMap<Uuid, Uuid>) -> Json {
    match value {
        Json::String(text) => Json::String(remap_text(text, ids)),
        other => other.clone(),
    }
}

/// `text` with every UUID of `ids` in it replaced (UUIDs are written in lower case throughout).
pub fn remap_text(text: &str, ids: &HashMap<Uuid, Uuid>) -> String {
    const LEN: usize = 36;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut copied = 0;
    while at + LEN <= bytes.len() {
        let candidate = &bytes[at..at + LEN];
        let shaped = candidate.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
        let mapped = shaped
            .then(|| std::str::from_utf8(candidate).ok()?.parse::<Uuid>().ok())
            .flatten()
            .and_then(|old| ids.get(&old));
        match mapped {
            Some(new) => {
                out.push_str(&text[copied..at]);
                out.push_str(&new.to_string());
                at += LEN;
                copied = at;
            }
            None => at += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_replaced_wherever_they_are_written() {
        let (old, new) = (Uuid::new_v4(), Uuid::new_v4());
        let other = Uuid::new_v4();
        let ids = HashMap::from([(old, new)]);
        let text = format!(r#"{{"supplier_id":"{old}","path":"/suppliers/{old}/x","other":"{other}"}}Zoë {old}"#);
        let expected = format!(r#"{{"supplier_id":"{new}","path":"/suppliers/{new}/x","other":"{other}"}}Zoë {new}"#);
        assert_eq!(remap_text(&text, &ids), expected);
        assert_eq!(remap_text("no ids here, ünïcode", &ids), "no ids here, ünïcode");
        assert_eq!(remap_text(&old.to_string()[..35], &ids), old.to_string()[..35]);
    }
}
