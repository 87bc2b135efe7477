//! `GET /api/exports/register.csv`: the supplier register as CSV, streamed a page of suppliers
//! at a time, so that memory and time to the first byte do not grow with the register (the
//! GraphQL export builds the whole file in memory and answers it in base64). Same bearer tokens
//! as /graphql; errors before the first byte are JSON with the same codes.
use crate::app::AppState;
use crate::http::evidence::error_response;
use crate::service::spreadsheet::register::RegisterPages;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

pub async fn register_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let auth = crate::service::identity::auth::authenticate(&state.db, &state.keys, &headers).await;
    let caller = match auth.caller() {
        Ok(caller) => caller,
        Err(error) => return error_response(error),
    };
    let pages = match RegisterPages::open(&state.db, caller.clone()).await {
        Ok(pages) => pages,
        Err(error) => return error_response(error),
    };
    let db = state.db.clone();
    // Fused: a compressing body may poll once more after the end, which unfold forbids.
    let stream = futures_util::stream::unfold(Some(pages), move |pages| {
        let db = db.clone();
        async move {
            let mut pages = pages?;
            match pages.next_csv(&db).await {
                Ok(Some(chunk)) => Some((Ok::<_, std::io::Error>(chunk.into_bytes()), Some(pages))),
                Ok(None) => None,
                // Headers are gone: end the body with an error so the client sees a broken
                // download rather than a short file it could take for the whole register.
                Err(error) => {
                    tracing::error!(%error, "register export stopped");
                    Some((Err(std::io::Error::other("the register export stopped")), None))
                }
            }
        }
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"supplier-register.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from_stream(futures_util::StreamExt::fuse(stream)),
    )
        .into_response()
}
