//! `spawn_app()`: the real application on a free port with its own fresh database (a SQLite
//! file, or a new PostgreSQL database when TEST_DATABASE_URL is set), and a GraphQL client.
use chainward::{AppConfig, AppState};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use uuid::Uuid;

pub mod assessment;
pub mod identity;
pub mod identity_provider;
pub mod organisation;
pub mod register;
pub mod replica;
pub mod subscription;
pub mod worker;

pub use identity::Account;

pub const TEST_JWT_SECRET: &[u8] = b"test-secret-that-is-long-enough-for-hs256!";
pub const PASSWORD: &str = "correct horse battery staple";
/// A foreign answers sheet for supplier-lite: one answer in German, and a row no template has.
/// A register of one supplier, for register imports.
pub const REGISTER_CSV: &[u8] = b"Legal name,Country,Category\r\nImported Example Ltd,DE,SaaS\r\n";

pub const ANSWERS_CSV: &[u8] = b"Nr.;Frage;Antwort\r\nACC-01;Is multi-factor authentication required for administrators?;Ja\r\nZZZ-99;A question of another questionnaire entirely?;Nein\r\n";
/// A minimal PDF, for evidence uploads.
pub const SMALL_PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: AppState,
    pub database_url: String,
    /// The data directory (mail folder, secrets) of this app only.
    pub data_dir: std::path::PathBuf,
}

impl Drop for TestApp {
    /// SQLite test databases are files in the temp directory: remove them with their WAL.
    fn drop(&mut self) {
        if let Some(path) = self.database_url.strip_prefix("sqlite://").and_then(|u| u.split('?').next()) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{suffix}"));
            }
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

pub async fn fresh_database_url() -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => {
            let name = format!("cw_test_{}", Uuid::new_v4().simple());
            let admin = Database::connect(&base).await.expect("connect to TEST_DATABASE_URL");
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
            admin.close().await.ok();
            let (prefix, _) = base.rsplit_once('/').expect("TEST_DATABASE_URL names a database");
            format!("{prefix}/{name}")
        }
        _ => {
            let path = std::env::temp_dir().join(format!("chainward-test-{}.db", Uuid::new_v4().simple()));
            format!("sqlite://{}?mode=rwc", path.display())
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut AppConfig)) -> TestApp {
    let mut config = AppConfig {
        database_url: fresh_database_url().await,
        data_dir: std::env::temp_dir().join(format!("chainward-test-{}", Uuid::new_v4().simple())),
        jwt_secret: TEST_JWT_SECRET.to_vec(),
        max_body_bytes: 256 * 1024,
        request_timeout: std::time::Duration::from_secs(30),
        graphiql: true,
        public_url: "http://chainward.test".into(),
        worker_poll: std::time::Duration::from_millis(50),
        worker_lease: chainward::worker::LEASE,
        smtp_url: None,
        mail_from: "Chainward <no-reply@chainward.test>".into(),
        // No portal unless a test builds one: the API tests do not depend on `npm run build`.
        portal_dir: std::env::temp_dir().join(format!("chainward-no-portal-{}", Uuid::new_v4().simple())),
        sheet_reader: chainward::service::spreadsheet::reader::SheetReaderConfig {
            program: Some(env!("CARGO_BIN_EXE_chainward-sheet-worker").into()),
            ..Default::default()
        },
        // The tests' webhook receivers listen on 127.0.0.1.
        webhook_egress: chainward::egress::Egress::allowing("127.0.0.1/32").expect("a range"),
        introspection: true,
        metrics_token: None,
        // CI runs the document tests once more against a real S3-compatible server.
        object_store_url: std::env::var("TEST_OBJECT_STORE_URL").ok(),
    };
    configure(&mut config);
    let app = chainward::build_app(&config).await.expect("build app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let state = app.state.clone();
    tokio::spawn(async move { axum_serve(app, listener).await });
    TestApp {
        address,
        client: reqwest::Client::new(),
        state,
        database_url: config.database_url,
        data_dir: config.data_dir,
    }
}

async fn axum_serve(app: chainward::App, listener: tokio::net::TcpListener) {
    let _ = chainward::serve(app, listener).await;
}

impl TestApp {
    /// POSTs a GraphQL request and returns the JSON body.
    /// Runs a GraphQL operation and returns the response body. An operation with a
    /// `$file: Upload!` variable is sent as a multipart request carrying a small PDF for
    /// evidence, a register of one supplier for register imports, or else a small answers
    /// spreadsheet (CSV).
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        if query.contains("$file: Upload!") {
            let (name, file) = if query.contains("Evidence") {
                ("policy.pdf", SMALL_PDF)
            } else if query.contains("RegisterImport") {
                ("register.csv", REGISTER_CSV)
            } else {
                ("answers.csv", ANSWERS_CSV)
            };
            return self.gql_with_file(token, query, variables, name, file).await.1;
        }
        let mut request = self.client.post(format!("{}/graphql", self.address)).json(&json!({
            "query": query,
            "variables": variables,
        }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request");
        response.json().await.expect("JSON body")
    }

    /// Sends an operation as a GraphQL multipart request (the `file` variable is the upload);
    /// returns the HTTP status and the body.
    pub async fn gql_with_file(
        &self,
        token: Option<&str>,
        query: &str,
        mut variables: Value,
        file_name: &str,
        bytes: &[u8],
    ) -> (u16, Value) {
        const BOUNDARY: &str = "chainward-test-boundary-7MA4YWxkTrZu0gW";
        variables["file"] = Value::Null;
        let operations = json!({"query": query, "variables": variables}).to_string();
        let mut body = Vec::new();
        for (name, value) in [("operations", operations.as_str()), ("map", r#"{"0": ["variables.file"]}"#)] {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let mut request = self
            .client
            .post(format!("{}/graphql", self.address))
            .header("Content-Type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                (status, response.json().await.unwrap_or(Value::Null))
            }
            // A server refusing a large body answers before reading it and closes the
            // connection; the client may see that as a broken pipe instead of the 413.
            Err(err) if err.is_request() && bytes.len() > 1024 * 1024 => (0, Value::Null),
            Err(err) => panic!("request: {err}"),
        }
    }

    /// The e-mails written so far, oldest first.
    /// The e-mails sent so far (the .eml files of the mail folder, oldest first), once the
    /// worker has sent every queued message.
    pub async fn mails(&self) -> Vec<String> {
        self.wait_for_queued_mail().await;
        let mut paths: Vec<_> = std::fs::read_dir(self.data_dir.join("mail"))
            .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
    }

    /// Waits (at most 10 s) until no e-mail waits in the queue.
    pub async fn wait_for_queued_mail(&self) {
        use chainward::domain::MailStatus;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        for _ in 0..200 {
            let waiting = entity::mail_message::Entity::find()
                .filter(entity::mail_message::Column::Status.is_in([MailStatus::Pending, MailStatus::Sending]))
                .count(&self.state.db)
                .await
                .expect("count queued mail");
            if waiting == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let stuck = entity::mail_message::Entity::find()
            .filter(entity::mail_message::Column::Status.is_in([MailStatus::Pending, MailStatus::Sending]))
            .all(&self.state.db)
            .await
            .expect("read queued mail");
        let why: Vec<_> = stuck.iter().map(|m| (m.subject.clone(), m.attempts, m.last_error.clone())).collect();
        panic!("queued e-mails were not sent within 10 s: {why:?}");
    }

    pub async fn statements(&self) -> u64 {
        self.state.statements.get()
    }
}

/// The `extensions.code` of the first error, or panics with the body.
pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or_else(|| panic!("expected an error, got {body}"))
}

/// Asserts the request succeeded and returns `data`.
pub fn data(body: &Value) -> &Value {
    assert!(body.get("errors").is_none(), "unexpected errors: {body}");
    &body["data"]
}

/// The fields a VALIDATION error names, in order (`input.contacts[1].email`, `answers[0].value`).
pub fn field_errors(body: &Value) -> Vec<String> {
    body["errors"][0]["extensions"]["fieldErrors"]
        .as_array()
        .map(|e| e.iter().filter_map(|f| f["field"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}
