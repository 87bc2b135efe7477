//! Response bodies written a piece at a time as the client reads them (exports of any size):
//! memory holds one piece, and a failure after the headers ends the body broken, so that a
//! client never takes a short file for a whole one.
use crate::error::ApiResult;
use crate::service::spreadsheet::register::RegisterPages;
use crate::service::supply_chain::graph_export::GraphPages;
use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use std::future::Future;

/// A file read from the database a piece at a time.
pub trait Pieces: Send + 'static {
    /// The next piece; None once the file is whole.
    fn next_piece(&mut self, db: &DatabaseConnection) -> impl Future<Output = ApiResult<Option<String>>> + Send;
}

impl Pieces for RegisterPages {
    fn next_piece(&mut self, db: &DatabaseConnection) -> impl Future<Output = ApiResult<Option<String>>> + Send {
        self.next_csv(db)
    }
}

impl Pieces for GraphPages {
    fn next_piece(&mut self, db: &DatabaseConnection) -> impl Future<Output = ApiResult<Option<String>>> + Send {
        self.next_chunk(db)
    }
}

/// The body that writes `pieces` out; `what` names the file in the log if it stops.
pub fn body(db: DatabaseConnection, pieces: impl Pieces, what: &'static str) -> Body {
    let stream = futures_util::stream::unfold(Some(pieces), move |pieces| {
        let db = db.clone();
        async move {
            let mut pieces = pieces?;
            match pieces.next_piece(&db).await {
                Ok(Some(piece)) => Some((Ok::<_, std::io::Error>(piece.into_bytes()), Some(pieces))),
                Ok(None) => None,
                Err(error) => {
                    tracing::error!(%error, what, "export stopped");
                    Some((Err(std::io::Error::other("the export stopped")), None))
                }
            }
        }
    });
    // Fused: a compressing body may poll once more after the end, which unfold forbids.
    Body::from_stream(futures_util::StreamExt::fuse(stream))
}

/// `body` as a download called `file_name`, never cached.
pub fn attachment(content_type: &str, file_name: &str, body: Body) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
