//! `chainward backup` while the server writes, restored into a new database and data directory:
//! every table and document as it was at one moment, and files that cannot be trusted refused.
use crate::helpers::assessment::{put, sent_assessment};
use crate::helpers::{SMALL_PDF, data, fresh_database_url, spawn_app, spawn_app_with};
use chainward::service::stewardship::tables::{self, Row, RowSink};
use chainward::service::stewardship::{backup::backup, restore::restore};
use chainward::storage::DocumentStore;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

struct Collect(Vec<Row>);

impl RowSink for Collect {
    fn row(&mut self, row: &Row) -> chainward::error::ApiResult<()> {
        self.0.push(row.clone());
        Ok(())
    }
}

/// Every table's rows, in the order a backup writes them.
async fn every_table(db: &DatabaseConnection) -> BTreeMap<String, Vec<Row>> {
    let txn = db.begin().await.unwrap();
    let mut all = BTreeMap::new();
    for table in tables::all() {
        let mut rows = Collect(Vec::new());
        table.dump(&txn, None, &mut rows).await.unwrap();
        all.insert(table.name.clone(), rows.0);
    }
    all
}

/// Every table's rows as the backup file holds them.
fn in_backup(path: &std::path::Path) -> BTreeMap<String, Vec<Row>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let manifest: serde_json::Value = serde_json::from_reader(zip.by_name("manifest.json").unwrap()).unwrap();
    let mut all = BTreeMap::new();
    for table in manifest["tables"].as_array().unwrap() {
        let reader = std::io::BufReader::new(zip.by_name(table["file"].as_str().unwrap()).unwrap());
        let rows: Vec<Row> = reader.lines().map(|l| serde_json::from_str(&l.unwrap()).unwrap()).collect();
        assert_eq!(rows.len() as u64, table["rows"].as_u64().unwrap());
        all.insert(table["table"].as_str().unwrap().to_owned(), rows);
    }
    all
}

fn store_in(dir: &std::path::Path) -> DocumentStore {
    DocumentStore::open(std::env::var("TEST_OBJECT_STORE_URL").ok().as_deref(), dir).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writes_go_on_restores_every_table_and_document_as_of_one_moment() {
    let app = spawn_app().await;
    let options = chainward::seed::SeedOptions { suppliers: 60 };
    let demo = chainward::seed::seed_demo(&app.state.db, &options).await.expect("demo seeded");
    let token =
        data(&app.login(&demo.email, &demo.password).await)["login"]["accessToken"].as_str().unwrap().to_owned();
    let (assessment, invitation, _) = sent_assessment(&app, &token, "ines@supplier.example").await;
    let respondent = crate::helpers::assessment::respondent(&app, &invitation).await;
    let (status, uploaded) = put(&app, Some(&respondent), &assessment, "BAS-01", "policy.pdf", SMALL_PDF).await;
    assert_eq!(status, 201, "{uploaded}");

    // Suppliers go on being created, each in its own transaction, while the backup runs.
    let (stop, written) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
    let writer = {
        let (stop, written, token) = (stop.clone(), written.clone(), token.clone());
        let (client, address) = (app.client.clone(), app.address.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let n = written.load(Ordering::SeqCst);
                let input =
                    json!({"legalName": format!("Written during the backup {n}"), "country": "DE", "category": "SaaS"});
                let query = json!({"query": "mutation($i: NewSupplier!) { createSupplier(input: $i) { id } }", "variables": {"i": input}});
                let response = client.post(format!("{address}/graphql")).bearer_auth(&token).json(&query).send().await;
                assert!(response.unwrap().status().is_success());
                written.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    while written.load(Ordering::SeqCst) < 3 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let dir = std::env::temp_dir().join(format!("chainward-backup-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("chainward.backup");
    let before = written.load(Ordering::SeqCst);
    let report = backup(&app.state.db, &app.state.documents, &file).await.expect("a backup");
    let during = written.load(Ordering::SeqCst) - before;
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(during > 0, "writes went on during the backup");
    assert_eq!((report.tables, report.documents), (tables::all().len(), 1));
    assert!(!dir.join("chainward.backup.partial").exists());

    let saved = in_backup(&file);
    let url = fresh_database_url().await;
    let target = chainward::db::connect(&url, &Default::default()).await.unwrap();
    let restored_dir = dir.join("restored");
    let store = store_in(&restored_dir);
    let restored = restore(&target, &store, &file).await.expect("a restore");
    assert_eq!(restored.rows, report.rows);
    assert_eq!(every_table(&target).await, saved, "every table exactly as saved");

    // One moment: each supplier written during the backup is there with its audit event, or
    // neither is.
    let suppliers: BTreeSet<uuid::Uuid> = entity::supplier::Entity::find()
        .filter(entity::supplier::Column::LegalName.starts_with("Written during the backup"))
        .all(&target)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let audited: BTreeSet<uuid::Uuid> = entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::Action.eq("supplier.create"))
        .all(&target)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.changes.to_string().contains("Written during the backup"))
        .filter_map(|e| e.object_id)
        .collect();
    assert!(suppliers.len() >= before && suppliers.len() <= written.load(Ordering::SeqCst));
    assert_eq!(suppliers, audited, "no supplier without its audit event, and no audit event without its supplier");
    let sha256 = uploaded["sha256"].as_str().unwrap();
    let mut document = Vec::new();
    let mut stream = store.stream(sha256).await.unwrap();
    while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
        document.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(document, SMALL_PDF, "the document restored beside the rows");

    // The restored instance works: the demo administrator signs in and sees the register.
    drop(target);
    let again = spawn_app_with(|c| {
        c.database_url = url.clone();
        c.data_dir = restored_dir.clone();
    })
    .await;
    let token =
        data(&again.login(&demo.email, &demo.password).await)["login"]["accessToken"].as_str().unwrap().to_owned();
    let body = again.gql(Some(&token), "{ suppliers(first: 1) { totalCount } }", json!({})).await;
    assert_eq!(data(&body)["suppliers"]["totalCount"], saved["supplier"].len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The backup at `from` rewritten to `to` with `change` applied to each file's bytes.
fn rewritten(from: &std::path::Path, to: &std::path::Path, change: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.start_file(&name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&change(&name, bytes)).unwrap();
    }
    out.finish().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_refuses_an_altered_backup_a_newer_schema_and_a_database_in_use() {
    let app = spawn_app().await;
    let analyst = app.account("acme", chainward::domain::Role::Analyst).await;
    app.supplier(&analyst.token, "Nordlicht Cloud GmbH", json!({})).await;
    let dir = std::env::temp_dir().join(format!("chainward-backup-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("chainward.backup");
    backup(&app.state.db, &app.state.documents, &file).await.expect("a backup");
    let url = fresh_database_url().await;
    let target = chainward::db::connect(&url, &Default::default()).await.unwrap();
    let store = store_in(&dir.join("restored"));

    let altered = dir.join("altered.backup");
    rewritten(&file, &altered, |name, bytes| {
        if name.ends_with("-supplier.jsonl") {
            String::from_utf8(bytes).unwrap().replace("Nordlicht", "Südlicht").into_bytes()
        } else {
            bytes
        }
    });
    let refused = restore(&target, &store, &altered).await.unwrap_err().to_string();
    assert!(refused.contains("-supplier.jsonl was altered or damaged"), "{refused}");

    let newer = dir.join("newer.backup");
    rewritten(&file, &newer, |name, bytes| {
        if name != "manifest.json" {
            return bytes;
        }
        let mut manifest: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        manifest["migrations"].as_array_mut().unwrap().push(json!("m20991231_000001_from_the_future"));
        serde_json::to_vec(&manifest).unwrap()
    });
    let refused = restore(&target, &store, &newer).await.unwrap_err().to_string();
    assert!(
        refused.contains("made by a newer Chainward") && refused.contains("m20991231_000001_from_the_future"),
        "{refused}"
    );
    assert!(tables::migrations(&target).await.is_err(), "nothing was written before the checks");

    let refused = restore(&app.state.db, &store, &file).await.unwrap_err().to_string();
    assert!(refused.contains("already holds") && refused.contains("restore into an empty database"), "{refused}");

    restore(&target, &store, &file).await.expect("the backup itself restores");
    let again = restore(&target, &store, &file).await.unwrap_err().to_string();
    assert!(again.contains("restore into an empty database"), "{again}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn every_table_of_the_schema_is_in_the_backup() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_app().await;
    let db = &app.state.db;
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    let in_schema: BTreeSet<String> = rows
        .iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .filter(|name| name != "seaql_migrations")
        .collect();
    let backed_up: BTreeSet<String> = tables::all().into_iter().map(|t| t.name).collect();
    assert_eq!(in_schema, backed_up, "a table the backup leaves out would be lost on restore");
}
