//! A real OpenID provider for the tests (npm oidc-provider, `tests/oidc/provider.mjs`) on
//! 127.0.0.1, and a person signing in through it the way a browser does: redirects followed by
//! hand, its cookies kept, its sign-in form posted.
use super::TestApp;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tokio::io::AsyncBufReadExt;

/// The client the provider knows Chainward as.
pub const CLIENT_ID: &str = "chainward";
pub const CLIENT_SECRET: &str = "chainward-test-secret";

pub struct TestIdp {
    pub issuer: String,
    pub port: u16,
    _child: tokio::process::Child,
}

fn provider_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oidc")
}

impl TestIdp {
    /// Starts the provider on `port` (0: any) signing with a new key named `key_id`.
    pub async fn start_on(port: u16, key_id: &str) -> TestIdp {
        let dir = provider_dir();
        if !dir.join("node_modules").exists() {
            let installed = std::process::Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir)
                .status()
                .expect("npm runs");
            assert!(installed.success(), "npm ci in tests/oidc failed");
        }
        let mut child = tokio::process::Command::new("node")
            .arg(dir.join("provider.mjs"))
            .env("PORT", port.to_string())
            .env("KEY_ID", key_id)
            .env("REDIRECT_URI", "http://chainward.test/api/sso/callback")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("node starts the test identity provider");
        let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        let line = tokio::time::timeout(std::time::Duration::from_secs(20), lines.next_line())
            .await
            .expect("the identity provider starts within 20 s")
            .expect("its output")
            .expect("a line");
        // Whatever else it prints is read and dropped: a closed pipe would end it.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let issuer = line.strip_prefix("listening ").expect("listening <issuer>").trim().to_owned();
        let port = issuer.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port");
        TestIdp { issuer, port, _child: child }
    }

    pub async fn start() -> TestIdp {
        TestIdp::start_on(0, "test-key-1").await
    }

    /// The input that configures this provider for an organisation of `acme.example`.
    pub fn input(&self, extra: Value) -> Value {
        let mut input = json!({
            "issuerUrl": self.issuer, "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET,
            "allowedDomains": ["acme.example"],
            "roleMapping": [{"group": "chainward-admins", "role": "ADMIN"},
                {"group": "chainward-analysts", "role": "ANALYST"}, {"group": "auditors", "role": "VIEWER"}],
            "ssoRequired": false, "breakGlass": [],
        });
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        input
    }
}

pub const CONFIGURE: &str = "mutation($i: IdentityProviderInput!) { configureIdentityProvider(input: $i) { issuerUrl callbackUrl clientSecretSet } }";

/// Where a sign-in ended: the portal's sign-in page with a ticket or an error, and the
/// provider's answer to Chainward's callback (to replay it).
pub struct Landing {
    pub ticket: Option<String>,
    pub error: Option<String>,
    pub callback: String,
    /// The cookie the browser showed Chainward's callback.
    pub cookie: String,
}

fn query_of(url: &str) -> BTreeMap<String, String> {
    reqwest::Url::parse(url).map(|u| u.query_pairs().into_owned().collect()).unwrap_or_default()
}

impl TestApp {
    /// Signs `email` in through the provider: Chainward's start, the provider's form, back to
    /// Chainward's callback. `start_as` is the address typed on Chainward's sign-in page.
    pub async fn sign_in_through(&self, idp: &TestIdp, start_as: &str, email: &str, password: &str) -> Landing {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let mut cookies: BTreeMap<String, String> = BTreeMap::new();
        let mut url = format!("{}/api/sso/start?email={}", self.address, start_as);
        let mut posted = false;
        for _ in 0..10 {
            let on_provider = url.starts_with(&idp.issuer);
            let request = if on_provider && url.contains("/interaction/") && !posted {
                posted = true;
                let target = format!("{url}/login");
                let mut form = reqwest::Url::parse("http://form/").unwrap();
                form.query_pairs_mut().append_pair("email", email).append_pair("password", password);
                let body = form.query().unwrap_or_default().to_owned();
                client.post(target).header("content-type", "application/x-www-form-urlencoded").body(body)
            } else {
                client.get(&url)
            };
            let jar: Vec<String> = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let answer = request.header("cookie", jar.join("; ")).send().await.expect("request");
            for value in answer.headers().get_all("set-cookie") {
                let pair = value.to_str().unwrap_or_default().split(';').next().unwrap_or_default();
                if let Some((k, v)) = pair.split_once('=') {
                    cookies.insert(k.trim().to_owned(), v.trim().to_owned());
                }
            }
            let status = answer.status();
            let location: Option<String> =
                answer.headers().get("location").and_then(|l| l.to_str().ok()).map(|l| l.to_owned());
            let location: String = match location {
                Some(location) => location,
                None => {
                    panic!("{url} answered {status} without a redirect: {}", answer.text().await.unwrap_or_default())
                }
            };
            let next = reqwest::Url::parse(&url).unwrap().join(&location).unwrap().to_string();
            if let Some(rest) = next.strip_prefix("http://chainward.test/api/sso/callback") {
                // The provider sends the browser back to Chainward's public URL: this server.
                let callback = format!("{}/api/sso/callback{rest}", self.address);
                // The browser shows the cookie Chainward's start set.
                let cookie = format!("chainward_sso={}", cookies.get("chainward_sso").cloned().unwrap_or_default());
                let landed = client.get(&callback).header("cookie", &cookie).send().await.expect("callback");
                let to = landed.headers()["location"].to_str().unwrap().to_owned();
                let query = query_of(&to);
                return Landing {
                    ticket: query.get("sso_ticket").cloned(),
                    error: query.get("sso_error").cloned(),
                    callback,
                    cookie,
                };
            }
            if next.starts_with("http://chainward.test/login") {
                let query = query_of(&next);
                let error = query.get("sso_error").cloned();
                return Landing { ticket: None, error, callback: String::new(), cookie: String::new() };
            }
            url = next;
        }
        panic!("the sign-in went round in circles");
    }

    /// Exchanges a ticket for a session; returns the body.
    pub async fn complete_sso(&self, ticket: &str) -> Value {
        let query = "mutation($t: String!) { completeSingleSignOn(ticket: $t) { accessToken refreshToken user { email role displayName } } }";
        self.gql(None, query, json!({"t": ticket})).await
    }
}
