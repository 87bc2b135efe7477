//! `GET /api/exports/…`: the supplier register (CSV, xlsx), the supply-chain graph and an
//! administrator's whole organisation, streamed so that memory does not grow with the register
//! (the GraphQL exports hold the whole file in their answer, so they are bounded). Same bearer
//! tokens as /graphql; errors before the first byte are JSON with the same codes.
use crate::app::AppState;
use crate::http::evidence::error_response;
use crate::http::streamed;
use crate::service::spreadsheet::export::{XLSX, register_table};
use crate::service::spreadsheet::register::RegisterPages;
use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

/// The CSV is written a page of suppliers at a time as the client reads: the first byte comes
/// at once.
pub async fn register_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match caller(&state, &headers).await.and_then(RegisterPages::open) {
        Ok(pages) => streamed::attachment(
            "text/csv; charset=utf-8",
            "supplier-register.csv",
            streamed::body(state.db.clone(), pages, "register csv"),
        ),
        Err(error) => error_response(error),
    }
}

/// The xlsx's rows are written to a temporary file a page of suppliers at a time; then the
/// zip is assembled straight into the response body (a workbook cannot be zipped before its
/// last row is known).
pub async fn register_xlsx(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let table = match caller(&state, &headers).await {
        Ok(caller) => register_table(&state.db, &caller, None).await,
        Err(error) => Err(error),
    };
    let table = match table {
        Ok(table) => table,
        Err(error) => return error_response(error),
    };
    let (sender, receiver) = tokio::sync::mpsc::channel::<std::io::Result<Vec<u8>>>(4);
    tokio::task::spawn_blocking(move || {
        let mut writer = ChannelWriter { sender: sender.clone(), chunk: Vec::with_capacity(CHUNK) };
        let written = table.finish(&mut writer).map_err(|e| e.to_string()).and_then(|()| writer.flush_chunk());
        if let Err(error) = written {
            // Gone clients end here too; either way the body ends broken, never short and whole.
            tracing::warn!(%error, "register xlsx export stopped");
            let _ = sender.blocking_send(Err(std::io::Error::other("the register export stopped")));
        }
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    streamed::attachment(XLSX, "supplier-register.xlsx", Body::from_stream(stream))
}

/// `GET /api/exports/graph?format=json|graphml|dot` (JSON when not given): the whole graph,
/// written a page of nodes or edges at a time as the client reads.
pub async fn graph(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    use crate::service::supply_chain::graph_export::{GraphFormat, GraphPages};
    let format = match query.get("format").map(|f| f.to_ascii_lowercase()).as_deref() {
        None | Some("json") => GraphFormat::Json,
        Some("graphml") => GraphFormat::Graphml,
        Some("dot") => GraphFormat::Dot,
        Some(other) => {
            let message = format!("format {other:?} is not one of json, graphml, dot");
            return error_response(crate::error::ApiError::field("format", message));
        }
    };
    match caller(&state, &headers).await.and_then(|caller| GraphPages::open(caller, format)) {
        Ok(pages) => streamed::attachment(
            format.content_type(),
            &format!("supply-chain.{}", format.extension()),
            streamed::body(state.db.clone(), pages, "graph"),
        ),
        Err(error) => error_response(error),
    }
}

/// `GET /api/exports/organisation`: an administrator's whole organisation (every table's rows,
/// its documents, a manifest), as `chainward import-organisation` loads it elsewhere. Written
/// to a temporary file first (one snapshot), then streamed from it.
pub async fn organisation(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let file = match caller(&state, &headers).await {
        Ok(caller) => crate::service::stewardship::portable::export_own(&state.db, &state.documents, &caller).await,
        Err(error) => Err(error),
    };
    let file = match file {
        Ok(file) => tokio::fs::File::from_std(file),
        Err(error) => return error_response(error),
    };
    let stream = futures_util::stream::unfold(Some(file), |file| async move {
        use tokio::io::AsyncReadExt;
        let mut file = file?;
        let mut chunk = vec![0; CHUNK];
        match file.read(&mut chunk).await {
            Ok(0) => None,
            Ok(n) => {
                chunk.truncate(n);
                Some((Ok(chunk), Some(file)))
            }
            Err(error) => Some((Err(error), None)),
        }
    });
    streamed::attachment("application/zip", "organisation.chainward.zip", Body::from_stream(stream))
}

async fn caller(state: &AppState, headers: &HeaderMap) -> crate::error::ApiResult<crate::auth::Caller> {
    crate::service::identity::auth::authenticate(&state.db, &state.keys, headers).await.caller().cloned()
}

/// Bytes handed to the body at a time.
const CHUNK: usize = 64 * 1024;

/// Hands what the zip writer writes to the response body in chunks; a write fails once the
/// client is gone, which stops the zip.
struct ChannelWriter {
    sender: tokio::sync::mpsc::Sender<std::io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
}

impl ChannelWriter {
    fn flush_chunk(&mut self) -> Result<(), String> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.sender.blocking_send(Ok(chunk)).map_err(|_| "the client went away".to_owned())
    }
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.chunk.extend_from_slice(bytes);
        if self.chunk.len() >= CHUNK {
            self.flush_chunk().map_err(std::io::Error::other)?;
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
