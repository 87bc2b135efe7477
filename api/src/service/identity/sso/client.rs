//! Talking to identity providers: OpenID discovery and keys (cached, read again when a token
//! names a key the cache lacks), over our own HTTP client, which refuses redirects and, like
//! webhooks, addresses the egress policy does not permit (an issuer URL is typed by a person).
use crate::egress::Egress;
use openidconnect::core::CoreProviderMetadata;
use openidconnect::{HttpRequest, HttpResponse, IssuerUrl};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a provider's discovery document and keys are trusted before being read again.
const CACHE_FOR: Duration = Duration::from_secs(600);
/// The most a provider's answer may weigh.
const MAX_ANSWER: usize = 1024 * 1024;

/// A provider's HTTP failure, in words.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

/// The OpenID Connect side of the server: its HTTP client, where providers send people back,
/// and what it knows of each provider.
pub struct Oidc {
    http: reqwest::Client,
    egress: Egress,
    /// `{public_url}/api/sso/callback`.
    pub redirect_url: String,
    /// The portal's sign-in page, where a finished or failed sign-in lands.
    pub login_page: String,
    cache: Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>,
}

type Answer = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send>>;

impl Oidc {
    pub fn new(public_url: &str, egress: Egress) -> anyhow::Result<Oidc> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .dns_resolver(std::sync::Arc::new(egress.clone()))
            .build()?;
        let base = public_url.trim_end_matches('/');
        reqwest::Url::parse(base).map_err(|e| anyhow::anyhow!("the public URL {base:?} is not a URL: {e}"))?;
        Ok(Oidc {
            http,
            egress,
            redirect_url: format!("{base}/api/sso/callback"),
            login_page: format!("{base}/login"),
            cache: Mutex::default(),
        })
    }

    /// An issuer must be https (http only on this machine's loopback, for tests and trials).
    pub fn check_issuer_url(&self, issuer: &str) -> Result<(), String> {
        let url = reqwest::Url::parse(issuer).map_err(|_| format!("\"{issuer}\" is not a URL"))?;
        let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
            return Err("the issuer must be an https URL".into());
        }
        if let Some(reason) = self.egress.refuses_literal(issuer) {
            return Err(reason.into());
        }
        Ok(())
    }

    /// The HTTP client the protocol library calls.
    pub fn client(&self) -> impl Fn(HttpRequest) -> Answer + '_ {
        move |request: HttpRequest| {
            let (http, egress) = (self.http.clone(), self.egress.clone());
            Box::pin(async move {
                let url = request.uri().to_string();
                if let Some(reason) = egress.refuses_literal(&url) {
                    return Err(HttpError(reason.into()));
                }
                let request = reqwest::Request::try_from(request).map_err(|e| HttpError(e.to_string()))?;
                let mut answer = http.execute(request).await.map_err(|e| HttpError(format!("{url}: {e}")))?;
                let mut built = openidconnect::http::Response::builder().status(answer.status());
                for (name, value) in answer.headers() {
                    built = built.header(name, value);
                }
                let mut body = Vec::new();
                while let Some(chunk) = answer.chunk().await.map_err(|e| HttpError(e.to_string()))? {
                    if body.len() + chunk.len() > MAX_ANSWER {
                        return Err(HttpError(format!("{url} answered with more than {MAX_ANSWER} bytes")));
                    }
                    body.extend_from_slice(&chunk);
                }
                built.body(body).map_err(|e| HttpError(e.to_string()))
            }) as Answer
        }
    }

    /// The provider's discovery document and keys: cached, or read again when `fresh`.
    pub async fn discover(&self, issuer: &str, fresh: bool) -> Result<CoreProviderMetadata, String> {
        if !fresh
            && let Some((at, metadata)) = self.cache.lock().map_err(|_| "cache poisoned")?.get(issuer)
            && at.elapsed() < CACHE_FOR
        {
            return Ok(metadata.clone());
        }
        let url = IssuerUrl::new(issuer.to_owned()).map_err(|_| format!("\"{issuer}\" is not a URL"))?;
        let metadata = CoreProviderMetadata::discover_async(url, &self.client())
            .await
            .map_err(|e| format!("the issuer's discovery document could not be read: {}", said(&e)))?;
        self.cache.lock().map_err(|_| "cache poisoned")?.insert(issuer.to_owned(), (Instant::now(), metadata.clone()));
        Ok(metadata)
    }
}

/// An error and its causes in one line.
pub fn said(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.chars().take(300).collect()
}
