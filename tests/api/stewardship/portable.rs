//! An organisation exported whole and imported into another Chainward: its people sign in there
//! and read the same register, assessments, findings, documents and history, with new ids; the
//! archive holds nothing of another organisation.
use crate::helpers::assessment::{put, sent_assessment};
use crate::helpers::{SMALL_PDF, TestApp, data, spawn_app};
use chainward::domain::Role;
use chainward::service::stewardship::{organisation::find, portable};
use serde_json::{Value, json};
use std::io::Read;

/// What an organisation's people see, across the API.
const VIEWS: &[&str] = &[
    "{ users { email role displayName } }",
    "{ suppliers(first: 100) { totalCount edges { node { id legalName country status owner { email } contacts { name email } dependsOn { provider { ... on Supplier { legalName } } } } } } }",
    "{ services(first: 50) { totalCount nodes { id name criticality } } }",
    "{ assessments { id status templateSlug supplier { legalName } dueDate sentAt answers { questionId value comment } evidence { fileName sha256 } } }",
    "{ findingsBoard(first: 100) { totalCount edges { node { id status } } } }",
    // Up to the export: signing in to the copy is history of its own.
    "query($until: DateTime) { auditEvents(filter: {until: $until}, first: 100) { edges { node { actorLabel action objectType objectId changes createdAt } } } }",
    "{ portfolio { ratingDistribution { low medium high critical unrated } heatMap { inherent residual suppliers } singlePointsOfFailure { function service { name } supplier { legalName } } } }",
    "{ campaigns { id name } questionnaireTemplates { slug title } webhookSubscriptions { url eventTypes } }",
];

/// `body` with every UUID written as `<id>` and every list in a canonical order: the copy has
/// new ids, so rows that the API orders by id may come in another order.
fn without_ids(body: &Value) -> Value {
    match body {
        Value::String(text) => Value::String(ids_hidden(text)),
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(without_ids).collect();
            items.sort_by_key(|item| item.to_string());
            Value::Array(items)
        }
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), without_ids(v))).collect()),
        other => other.clone(),
    }
}

fn ids_hidden(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(next) = rest.chars().next() {
        if rest.get(..36).is_some_and(|c| uuid::Uuid::parse_str(c).is_ok() && c.as_bytes()[8] == b'-') {
            out.push_str("<id>");
            rest = &rest[36..];
        } else {
            out.push(next);
            rest = &rest[next.len_utf8()..];
        }
    }
    out
}

/// Where two texts first differ, with some context (whole views are too long to print).
fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(200);
    let window = |s: &str| s.get(from..(at + 200).min(s.len())).unwrap_or("").to_owned();
    format!("\n  source: …{}…\n  copy:   …{}…", window(a), window(b))
}

async fn views(app: &TestApp, token: &str, until: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    let mut seen = Vec::new();
    for query in VIEWS {
        let variables = if query.contains("$until") { json!({"until": until}) } else { json!({}) };
        seen.push(without_ids(data(&app.gql(Some(token), query, variables).await)).to_string());
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_exported_and_imported_elsewhere_reads_the_same_and_brings_nothing_else() {
    let source = spawn_app().await;
    let demo = chainward::seed::seed_demo(&source.state.db, &chainward::seed::SeedOptions { suppliers: 60 })
        .await
        .expect("demo seeded");
    let token =
        data(&source.login(&demo.email, &demo.password).await)["login"]["accessToken"].as_str().unwrap().to_owned();
    let (assessment, invitation, _) = sent_assessment(&source, &token, "ines@supplier.example").await;
    let respondent = crate::helpers::assessment::respondent(&source, &invitation).await;
    assert_eq!(put(&source, Some(&respondent), &assessment, "BAS-01", "policy.pdf", SMALL_PDF).await.0, 201);
    let bystander = source.account("bystander", Role::Admin).await;
    source.supplier(&bystander.token, "Bystander Secret Ltd", json!({})).await;
    source.wait_for_queued_mail().await;

    let dir = std::env::temp_dir().join(format!("chainward-export-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("northwind.chainward");
    let organisation = find(&source.state.db, &demo.organisation).await.unwrap();
    let exported_at = chrono::Utc::now();
    let report = portable::export(&source.state.db, &source.state.documents, &organisation, &file).await.unwrap();
    assert_eq!(report.documents, 1);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut text = Vec::new();
        zip.by_index(i).unwrap().read_to_end(&mut text).unwrap();
        let text = String::from_utf8_lossy(&text);
        assert!(
            !text.contains(&bystander.organisation_id.to_string()) && !text.contains("Bystander Secret"),
            "nothing of another organisation"
        );
    }

    let target = spawn_app().await;
    let imported = portable::import(&target.state.db, &target.state.documents, &file, None).await.unwrap();
    assert_eq!(imported.organisation.name, demo.organisation);
    assert_ne!(imported.organisation.id, organisation.id, "new ids throughout");
    let copy =
        data(&target.login(&demo.email, &demo.password).await)["login"]["accessToken"].as_str().unwrap().to_owned();
    let (before, after) = (views(&source, &token, exported_at).await, views(&target, &copy, exported_at).await);
    for ((query, before), after) in VIEWS.iter().zip(&before).zip(&after) {
        assert!(before == after, "{query} reads the same:{}", first_difference(before, after));
    }
    let listed = target.gql(Some(&copy), "{ assessments { evidence { downloadPath } } }", json!({})).await;
    let path = data(&listed)["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["evidence"].as_array().unwrap().clone())
        .next()
        .expect("the document came along")["downloadPath"]
        .as_str()
        .unwrap()
        .to_owned();
    let downloaded = target.client.get(format!("{}{path}", target.address)).bearer_auth(&copy).send().await.unwrap();
    assert_eq!(downloaded.bytes().await.unwrap().as_ref(), SMALL_PDF);

    // Importing it again here is refused by name, and once renamed, by its people.
    let again = portable::import(&target.state.db, &target.state.documents, &file, None).await.unwrap_err();
    assert!(again.to_string().contains("exists already"), "{again}");
    let again = portable::import(&target.state.db, &target.state.documents, &file, Some("Copy")).await.unwrap_err();
    assert!(again.to_string().contains("exists in this Chainward already"), "{again}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_download_their_own_organisation_and_the_download_is_recorded() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let analyst = app.account("acme", Role::Analyst).await;
    app.supplier(&admin.token, "Nordlicht Cloud GmbH", json!({})).await;
    let other = app.account("other", Role::Admin).await;
    app.supplier(&other.token, "Not ours Ltd", json!({})).await;
    let url = format!("{}/api/exports/organisation", app.address);

    let refused = app.client.get(&url).bearer_auth(&analyst.token).send().await.unwrap();
    assert_eq!(refused.status(), 403, "administrators only");
    assert_eq!(app.client.get(&url).send().await.unwrap().status(), 401);

    let response = app.client.get(&url).bearer_auth(&admin.token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let bytes = response.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let manifest: Value = serde_json::from_reader(zip.by_name("manifest.json").unwrap()).unwrap();
    assert_eq!(manifest["format"], "chainward-organisation");
    assert_eq!(manifest["organisation"]["id"], json!(admin.organisation_id));
    let mut suppliers = String::new();
    let file = manifest["tables"].as_array().unwrap().iter().find(|t| t["table"] == "supplier").unwrap()["file"]
        .as_str()
        .unwrap()
        .to_owned();
    zip.by_name(&file).unwrap().read_to_string(&mut suppliers).unwrap();
    assert!(suppliers.contains("Nordlicht") && !suppliers.contains("Not ours"), "its own register only");

    // The same archive in a GraphQL answer, for organisations small enough to carry in one.
    let body =
        app.gql(Some(&admin.token), "mutation { exportOrganisation { fileName contentType base64 } }", json!({})).await;
    let file = &data(&body)["exportOrganisation"];
    assert_eq!(
        (file["fileName"].as_str(), file["contentType"].as_str()),
        (Some("organisation.chainward.zip"), Some("application/zip"))
    );
    let bytes =
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, file["base64"].as_str().unwrap()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let answered: Value = serde_json::from_reader(zip.by_name("manifest.json").unwrap()).unwrap();
    assert_eq!(answered["organisation"], manifest["organisation"]);

    let log = app
        .gql(
            Some(&admin.token),
            "{ auditEvents(filter: {action: \"organisation.export\"}) { edges { node { actorLabel } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data(&log)["auditEvents"]["edges"].as_array().unwrap().len(),
        2,
        "who took the whole organisation away is on record, each time"
    );
}

/// The export at `from` forged into `to`: `edit` changes the rows of `table`, and the manifest
/// is made to agree with the change, as a forger would.
fn forged(from: &std::path::Path, to: &std::path::Path, table: &str, edit: impl Fn(&mut Vec<Value>)) {
    use std::io::Write;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        files.push((entry.name().unwrap().into_owned(), bytes));
    }
    let mut manifest: Value =
        serde_json::from_slice(&files.iter().find(|(n, _)| n == "manifest.json").unwrap().1).unwrap();
    let listed = manifest["tables"].as_array_mut().unwrap().iter_mut().find(|t| t["table"] == table).unwrap();
    let file = listed["file"].as_str().unwrap().to_owned();
    let bytes = &mut files.iter_mut().find(|(n, _)| *n == file).unwrap().1;
    let mut rows: Vec<Value> =
        String::from_utf8(bytes.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    edit(&mut rows);
    *bytes = rows.iter().map(|r| format!("{r}\n")).collect::<String>().into_bytes();
    listed["sha256"] = json!(chainward::service::stewardship::archive::sha256_of(&bytes[..]).unwrap().0);
    listed["rows"] = json!(rows.len());
    let manifest = serde_json::to_vec(&manifest).unwrap();
    files.iter_mut().find(|(n, _)| n == "manifest.json").unwrap().1 = manifest;
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, bytes) in files {
        out.start_file(&name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_export_cannot_reach_into_another_organisation() {
    let app = spawn_app().await;
    let victim = app.account("victim", Role::Admin).await;
    let victims_supplier = app.supplier(&victim.token, "Victim Supplier SE", json!({})).await;
    let admin = app.account("acme", Role::Admin).await;
    let (assessment, invitation, _) = sent_assessment(&app, &admin.token, "ines@supplier.example").await;
    let respondent = crate::helpers::assessment::respondent(&app, &invitation).await;
    assert_eq!(put(&app, Some(&respondent), &assessment, "BAS-01", "policy.pdf", SMALL_PDF).await.0, 201);
    let dir = std::env::temp_dir().join(format!("chainward-forged-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("acme.chainward");
    let acme = find(&app.state.db, "acme").await.unwrap();
    portable::export(&app.state.db, &app.state.documents, &acme, &file).await.unwrap();
    let suppliers_of_victim = || async {
        let body = app.gql(Some(&victim.token), "{ suppliers(first: 10) { totalCount } }", json!({})).await;
        data(&body)["suppliers"]["totalCount"].as_u64().unwrap()
    };
    let before = suppliers_of_victim().await;

    let into_victim = dir.join("into-victim.chainward");
    forged(&file, &into_victim, "supplier", |rows| {
        for row in rows.iter_mut() {
            row["organisation_id"] = json!(victim.organisation_id);
        }
    });
    let refused = portable::import(&app.state.db, &app.state.documents, &into_victim, Some("Copy")).await.unwrap_err();
    assert!(refused.to_string().contains("is not of the organisation the export names"), "{refused}");

    let victims_document = "0".repeat(64);
    let pointing = dir.join("pointing.chainward");
    forged(&file, &pointing, "evidence", |rows| rows[0]["sha256"] = json!(victims_document));
    let refused = portable::import(&app.state.db, &app.state.documents, &pointing, Some("Copy")).await.unwrap_err();
    assert!(refused.to_string().contains("is not in the export"), "{refused}");

    assert_eq!(suppliers_of_victim().await, before, "nothing was written");
    let _ = (victims_supplier, std::fs::remove_dir_all(&dir));
}
