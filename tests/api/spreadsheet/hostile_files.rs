//! Hostile workbooks sent by a supplier's respondent through the running server: each gets a
//! clear error naming the limit it hit (or is read, when it only looks frightening), the server
//! keeps answering /healthz, and its own memory stays where it was: files are read in a worker
//! process under a memory ceiling, so even a file that exhausts the worker hurts nobody else.
use crate::helpers::{TestApp, data, error_code, spawn_app, spawn_app_with};
use chainward::domain::Role;
use serde_json::{Value, json};
use std::io::Write;
use std::time::Instant;

const PREVIEW: &str = "mutation($id: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id}) { rowsRead layout } }";
const EXCHANGE: &str = "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }";

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        out.start_file(*name, options).unwrap();
        out.write_all(content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// An xlsx of one sheet named Answers from its raw XML (and shared strings).
fn xlsx(sheet: &str, strings: &str) -> Vec<u8> {
    let workbook =
        r#"<workbook xmlns:r="r"><sheets><sheet name="Answers" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
    zip(&[
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/sharedStrings.xml", strings.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// Two real question rows, so that a file that survives reading has something to show.
const TABLE: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Id</t></is></c><c r="B1" t="inlineStr"><is><t>Question</t></is></c><c r="C1" t="inlineStr"><is><t>Answer</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>ACC-01</t></is></c><c r="B2" t="inlineStr"><is><t>Is multi-factor authentication required for administrators?</t></is></c><c r="C2" t="inlineStr"><is><t>Yes</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>ACC-02</t></is></c><c r="B3" t="inlineStr"><is><t>Are leavers' accounts removed within a day?</t></is></c><c r="C3" t="inlineStr"><is><t>No</t></is></c></row>"#;

fn sheet(rows: &str) -> String {
    format!(r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData>{TABLE}{rows}</sheetData></worksheet>"#)
}

/// The shapes, each with what the answer must say (`None`: read as an ordinary file).
fn shapes() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
    let corner = sheet(r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let styled_corner = sheet(r#"<row r="1048576"><c r="XFD1048576" s="1"/></row>"#);
    let mut styled_rows = String::with_capacity(40_000_000);
    for r in 4..1_000_004 {
        styled_rows.push_str(&format!(r#"<row r="{r}"><c r="A{r}" s="1"/></row>"#));
    }
    let wide: String = (0..16_384).map(|c| format!("<c><v>{c}</v></c>")).collect();
    let nested = format!("{}{}", "<x>".repeat(2_000_000), "</x>".repeat(2_000_000));
    let big = "B".repeat(100_000);
    let strings = format!(
        r#"<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>{big}&b;</t></si></sst>"#
    );
    let bomb_cells: String =
        (4..1_004).map(|r| format!(r#"<row r="{r}"><c r="D{r}" t="s"><v>0</v></c></row>"#)).collect();
    // A cell repeated to the end of a row, then a row repeated 2^64 - 1 times with content.
    let repeats = r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="Answers"><table:table-row><table:table-cell office:value-type="string"><text:p>Id</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="18446744073709551615"><table:table-cell table:number-columns-repeated="18446744073709551615"/><table:table-cell office:value-type="string"><text:p>ACC-01</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods =
        zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", repeats.as_bytes())]);
    vec![
        ("far corner with content", xlsx(&corner, "<sst/>"), Some("Answers!XFD1048576 holds content beyond")),
        ("an ods row repeated 2^64 times", ods, Some("no sheet holds a table of questions")),
        ("far corner, styled only", xlsx(&styled_corner, "<sst/>"), None),
        ("a million styled empty rows", xlsx(&sheet(&styled_rows), "<sst/>"), None),
        (
            "a row 16,384 cells wide",
            xlsx(&sheet(&format!("<row r=\"4\">{wide}</row>")), "<sst/>"),
            Some("columns an import reads"),
        ),
        ("deeply nested XML", xlsx(&sheet(&nested), "<sst/>"), None),
        ("a shared-strings bomb", xlsx(&sheet(&bomb_cells), &strings), Some("MB of text")),
        ("a zip bomb", zip(&[("xl/workbook.xml", &vec![b' '; 300 * 1024 * 1024])]), Some("unpack to more than")),
    ]
}

/// This process's resident memory now and at its peak, in MiB (the server runs in it).
fn memory_mib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
    };
    (field("VmRSS:").unwrap_or(0) / 1024, field("VmHWM:").unwrap_or(0) / 1024)
}

/// The import workers' peak memory so far, summed, in MiB, from the server's /metrics.
async fn workers_peak_mib(app: &TestApp) -> f64 {
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap();
    let sum = metrics.lines().find_map(|l| l.strip_prefix("chainward_import_worker_peak_bytes_sum "));
    sum.and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 1_048_576.0
}

async fn healthy(app: &TestApp) {
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.expect("the server answers");
    assert_eq!(health.status(), 200);
}

async fn respondent(app: &TestApp) -> (String, String) {
    let analyst = app.account("acme", Role::Analyst).await;
    let (id, token, _) =
        crate::helpers::assessment::sent_assessment(app, &analyst.token, "mallory@supplier.example").await;
    let exchanged = app.gql(None, EXCHANGE, json!({"t": token})).await;
    (id, data(&exchanged)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned())
}

fn message(body: &Value) -> String {
    let error = &body["errors"][0];
    let field = error["extensions"]["fieldErrors"][0]["message"].as_str();
    field.or(error["message"].as_str()).unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_workbooks_from_a_respondent_are_refused_by_name_and_the_server_keeps_serving() {
    let app = spawn_app().await;
    let (id, token) = respondent(&app).await;
    // `CHAINWARD_HOSTILE_DIR=dir` keeps the files, for `bench/hostile_files.sh` (release figures).
    let keep = std::env::var_os("CHAINWARD_HOSTILE_DIR").map(std::path::PathBuf::from);
    for (shape, file, refused) in shapes() {
        if let Some(dir) = &keep {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(shape.replace([' ', ','], "-")), &file).unwrap();
        }
        let (before, _) = memory_mib();
        let workers_before = workers_peak_mib(&app).await;
        let started = Instant::now();
        let (status, body) = app.gql_with_file(Some(&token), PREVIEW, json!({"id": id}), "answers.xlsx", &file).await;
        let elapsed = started.elapsed();
        let (after, peak) = memory_mib();
        let worker = workers_peak_mib(&app).await - workers_before;
        eprintln!(
            "{shape}: {} bytes, {elapsed:?}, worker peak {worker:.1} MiB, server RSS {before} -> {after} MiB (peak {peak}): {}",
            file.len(),
            message(&body)
        );
        assert!(worker > 0.0 && worker < 1024.0, "{shape}: the worker reports its peak within its ceiling: {worker}");
        assert_eq!(status, 200, "{shape}: {body}");
        match refused {
            Some(reason) => {
                assert_eq!(error_code(&body), "VALIDATION", "{shape}: {body}");
                assert!(message(&body).contains(reason), "{shape}: {}", message(&body));
            }
            None => assert_eq!(data(&body)["previewImport"]["rowsRead"], 2, "{shape}: {body}"),
        }
        assert!(after < before + 200, "{shape}: the server's memory grew from {before} to {after} MiB");
        healthy(&app).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_exhausts_its_worker_gets_a_limit_error_and_the_next_import_works() {
    // A ceiling low enough that an ordinary but text-heavy workbook exceeds it.
    let app = spawn_app_with(|config| config.sheet_reader.memory_mib = 100).await;
    let (id, token) = respondent(&app).await;
    let text = "T".repeat(30_000);
    let rows: String = (4..2_004)
        .map(|r| format!(r#"<row r="{r}"><c r="D{r}" t="inlineStr"><is><t>{text}</t></is></c></row>"#))
        .collect();
    let (_, body) =
        app.gql_with_file(Some(&token), PREVIEW, json!({"id": id}), "big.xlsx", &xlsx(&sheet(&rows), "<sst/>")).await;
    assert_eq!(error_code(&body), "LIMIT", "{body}");
    assert!(message(&body).contains("more memory than an import may use (100 MiB)"), "{}", message(&body));
    healthy(&app).await;
    let (_, body) =
        app.gql_with_file(Some(&token), PREVIEW, json!({"id": id}), "ok.xlsx", &xlsx(&sheet(""), "<sst/>")).await;
    assert_eq!(data(&body)["previewImport"]["rowsRead"], 2, "{body}");
}

/// The same hostile shapes as a supplier register, plus the register's own: more rows than an
/// import reads, names longer than any register field, formulas, a forged layout. Each is
/// refused by name or read without harm, nothing reaches the register, and the server serves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_registers_are_refused_by_name_and_write_nothing() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let mut rows = String::from("Legal name,Country,Category\r\n");
    for n in 0..30_000 {
        rows.push_str(&format!("Supplier {n},DE,SaaS\r\n"));
    }
    let long =
        format!("Legal name,Country,Category\r\n{},DE,SaaS\r\n=cmd|'/c calc'!A1,FR,@SUM(1)\r\n", "N".repeat(20_000));
    let mut shapes: Vec<(&str, Vec<u8>, &str)> = shapes()
        .into_iter()
        .map(|(shape, file, refused)| {
            // A questionnaire's layout errors are the register's "no header row".
            let refused = refused.filter(|r| !r.starts_with("no sheet holds")).unwrap_or("no sheet has a header row");
            (shape, file, refused)
        })
        .collect();
    shapes.push(("30,000 rows", rows.into_bytes(), "a register import takes at most 25000"));
    for (shape, file, refused) in shapes {
        let body = app.preview_register(t, "register.xlsx", &file).await;
        let said = message(&body);
        assert!(said.contains(refused), "{shape}: expected \"{refused}\", got {body}");
        assert!(!said.to_lowercase().contains("panick") && !said.contains("sqlx"), "{shape}: {said}");
        healthy(&app).await;
    }
    // Over-long names are problems at their cells; formulas stay text, imported as written.
    let body = app.preview_register(t, "register.csv", long.as_bytes()).await;
    let preview = &data(&body)["previewRegisterImport"];
    assert_eq!(preview["counts"]["invalid"], 1, "{body}");
    let problem = &preview["rows"]["items"][0]["problems"][0];
    assert_eq!(problem["cell"], "csv!A2");
    assert!(problem["message"].as_str().unwrap().contains("at most 200 characters"), "{problem}");
    assert_eq!(preview["rows"]["items"][1]["legalName"], "=cmd|'/c calc'!A1");
    // A forged layout: a header row past the sheet, a column that is no letter.
    for (layout, said) in [
        (
            json!({"suppliers": {"sheet": "csv", "kind": "suppliers", "header_row": 4294967295u32, "columns": []}}),
            "outside the sheet",
        ),
        (
            json!({"suppliers": {"sheet": "csv", "kind": "suppliers", "header_row": 1, "columns": [{"column": "A1;DROP", "header": "", "field": "legal_name"}]}}),
            "not a column letter",
        ),
        (json!({"suppliers": {"sheet": "csv", "kind": "nonsense"}}), "not a register layout"),
    ] {
        let (_, body) = app
            .gql_with_file(
                Some(t),
                crate::helpers::register::PREVIEW_REGISTER,
                json!({"layout": layout}),
                "r.csv",
                long.as_bytes(),
            )
            .await;
        assert!(message(&body).contains(said), "{said}: {body}");
    }
    let count = app.gql(Some(t), "{ suppliers { totalCount } }", json!({})).await;
    assert_eq!(data(&count)["suppliers"]["totalCount"], 0, "nothing reached the register");
}

/// The same hostile shapes as a supplier's own questionnaire (CAIQ, HECVAT, SoA): refused by
/// name or read without harm, through the same worker, and the server keeps serving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_supplier_questionnaires_are_refused_by_name_and_the_server_keeps_serving() {
    const FOREIGN: &str = "mutation($s: UUID!, $file: Upload!) { previewSupplierQuestionnaire(supplierId: $s, file: $file) { rowsRead questionnaire { family } } }";
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let supplier = app.supplier(&analyst.token, "Mallory Cloud Ltd", json!({})).await;
    for (shape, file, refused) in shapes() {
        let (before, _) = memory_mib();
        let (status, body) =
            app.gql_with_file(Some(&analyst.token), FOREIGN, json!({"s": supplier}), "caiq.xlsx", &file).await;
        let (after, _) = memory_mib();
        assert_eq!(status, 200, "{shape}: {body}");
        match refused {
            Some(reason) => {
                assert_eq!(error_code(&body), "VALIDATION", "{shape}: {body}");
                assert!(message(&body).contains(reason), "{shape}: {}", message(&body));
            }
            None => {
                let preview = &data(&body)["previewSupplierQuestionnaire"];
                assert_eq!(preview["rowsRead"], 2, "{shape}: {body}");
                assert_eq!(preview["questionnaire"]["family"], "unknown", "{shape}: two rows are no family");
            }
        }
        assert!(after < before + 200, "{shape}: the server's memory grew from {before} to {after} MiB");
        healthy(&app).await;
    }
}
