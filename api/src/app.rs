//! Building and running the HTTP application.
use crate::auth::jwt::JwtKeys;
use crate::config::AppConfig;
use crate::db::StatementCounter;
use crate::graphql::ChainwardSchema;
use crate::http;
use crate::metrics::Metrics;
use axum::Router;
use axum::routing::get;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tower_http::timeout::TimeoutLayer;

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub keys: Arc<JwtKeys>,
    pub schema: ChainwardSchema,
    pub metrics: Arc<Metrics>,
    pub statements: StatementCounter,
    pub graphiql: bool,
    pub mailer: Arc<crate::mail::Mailer>,
    /// Where uploaded documents live (the data directory or an object store).
    pub documents: crate::storage::DocumentStore,
    /// Refuses invitation-token guessing from one address.
    /// Live events for GraphQL subscriptions, fed by the worker.
    pub events: crate::events::EventHub,
    /// Reads uploaded spreadsheets in worker processes.
    pub sheet_reader: Arc<crate::service::spreadsheet::reader::SheetReader>,
    /// Where webhooks may be delivered (checked when subscribing and when delivering).
    pub egress: crate::egress::Egress,
    /// Answers to repeated register reads, keyed by the organisation's data version.
    pub responses: Arc<crate::http::response_cache::ResponseCache>,
    /// The bearer token /metrics asks for, if any (else loopback only).
    pub metrics_token: Option<Arc<str>>,
    /// Single sign-on: identity providers' discovery and keys, where they send people back.
    pub oidc: Arc<crate::service::identity::sso::client::Oidc>,
}

/// A ready application: its router and its state (tests read the state's counters).
pub struct App {
    pub router: Router,
    pub state: AppState,
    worker_poll: std::time::Duration,
    worker_lease: std::time::Duration,
}

/// Connects to the database, applies migrations and builds the router.
pub async fn build_app(config: &AppConfig) -> anyhow::Result<App> {
    let statements = StatementCounter::default();
    let db = crate::db::connect(&config.database_url, &statements).await?;
    crate::db::migrate(&db).await?;
    let metrics = Arc::new(Metrics::default());
    let state = AppState {
        keys: Arc::new(JwtKeys::new(&config.jwt_secret)?),
        schema: crate::graphql::build_schema_with(config.introspection),
        metrics: metrics.clone(),
        statements,
        graphiql: config.graphiql,
        mailer: Arc::new(crate::mail::Mailer::new(
            &config.data_dir,
            &config.public_url,
            config.smtp_url.as_deref(),
            &config.mail_from,
        )?),
        documents: crate::storage::DocumentStore::open(config.object_store_url.as_deref(), &config.data_dir)?,
        sheet_reader: Arc::new(crate::service::spreadsheet::reader::SheetReader::new(
            config.sheet_reader.clone(),
            metrics,
        )),
        events: crate::events::EventHub::default(),
        egress: config.webhook_egress.clone(),
        metrics_token: config.metrics_token.as_deref().map(Arc::from),
        responses: Arc::default(),
        oidc: Arc::new(crate::service::identity::sso::client::Oidc::new(
            &config.public_url,
            config.webhook_egress.clone(),
        )?),
        db,
    };
    Ok(App {
        router: router(state.clone(), config),
        state,
        worker_poll: config.worker_poll,
        worker_lease: config.worker_lease,
    })
}

fn router(state: AppState, config: &AppConfig) -> Router {
    // async-graphql-axum streams the body, so axum's default body limit does not cover
    // /graphql: the limit layer must sit on the route itself (larger for file uploads).
    let limit = http::body_limit::GraphqlBodyLimit { max_body_bytes: config.max_body_bytes };
    let graphql = Router::new()
        // Answers are JSON that gzip shrinks tenfold (the 10,000-supplier graph export from 2 MB
        // to about 200 kB); the WebSocket route stays as it is.
        .route(
            "/graphql",
            get(http::graphql::get_handler)
                .post(http::graphql::post_handler)
                .layer(tower_http::compression::CompressionLayer::new()),
        )
        .route("/graphql/ws", get(http::subscription::websocket))
        .layer(axum::middleware::from_fn(http::graphql::require_content_type))
        .layer(axum::middleware::from_fn_with_state(limit, http::body_limit::limit_graphql_body));
    // Evidence bodies are read whole (Bytes), so axum's body limit applies; a little above the
    // document limit so that the service can answer with a clear LIMIT message.
    let evidence = Router::new()
        .route("/api/assessments/{id}/evidence/{question}", axum::routing::put(http::evidence::upload))
        .route("/api/evidence/{id}", get(http::evidence::download))
        .route(
            "/api/exports/register.csv",
            get(http::exports::register_csv).layer(tower_http::compression::CompressionLayer::new()),
        )
        // Already a zip: not compressed again.
        .route("/api/exports/register.xlsx", get(http::exports::register_xlsx))
        .route("/api/sso/start", get(http::sso::start))
        .route("/api/sso/callback", get(http::sso::callback))
        .route("/api/exports/organisation", get(http::exports::organisation))
        .route("/api/exports/graph", get(http::exports::graph).layer(tower_http::compression::CompressionLayer::new()))
        .layer(axum::extract::DefaultBodyLimit::max(crate::service::assessment::evidence::MAX_EVIDENCE_BYTES + 1));
    Router::new()
        .merge(graphql)
        .merge(evidence)
        .merge(http::scim::router())
        .route("/healthz", get(http::health::healthz))
        .route("/readyz", get(http::health::readyz))
        .route("/metrics", get(http::health::metrics))
        .fallback({
            let portal = http::portal::PortalDir(config.portal_dir.clone());
            move |request: axum::extract::Request| http::portal::serve(portal.clone(), request)
        })
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::observe::observe))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .with_state(state)
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
/// Runs the background worker beside the server; it stops with the server.
pub async fn serve(app: App, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    let worker = tokio::spawn(crate::worker::run(
        app.state.db.clone(),
        app.state.mailer.clone(),
        app.state.events.clone(),
        (app.worker_poll, app.worker_lease),
        app.state.egress.clone(),
        app.state.documents.clone(),
    ));
    let service = app.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await;
    worker.abort();
    served?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}
