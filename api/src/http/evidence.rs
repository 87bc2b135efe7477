//! REST endpoints for evidence documents: binary bodies do not belong in GraphQL. They use the
//! same bearer tokens as /graphql and answer errors as JSON with the same codes.
use crate::app::AppState;
use crate::error::ApiError;
use crate::service::assessment::evidence::{self, Upload};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use uuid::Uuid;

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadQuery {
    file_name: String,
    valid_until: Option<NaiveDate>,
}

pub(crate) fn error_response(error: ApiError) -> Response {
    let status = match &error {
        ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
        ApiError::NotFound(_) => StatusCode::NOT_FOUND,
        ApiError::Validation(errors) if errors.iter().any(|e| e.field == "file") => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ApiError::Conflict { .. } => StatusCode::CONFLICT,
        ApiError::Limit(_) => StatusCode::PAYLOAD_TOO_LARGE,
        ApiError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let mut body = serde_json::json!({"error": {"code": error.code(), "message": error.to_string()}});
    if let ApiError::Validation(errors) = &error {
        body["error"]["fieldErrors"] = serde_json::json!(errors);
    }
    (status, Json(body)).into_response()
}

/// `PUT /api/assessments/{id}/evidence/{question}?fileName=policy.pdf&validUntil=2027-06-30`
/// with the document as the body.
pub async fn upload(
    State(state): State<AppState>,
    Path((assessment_id, question_id)): Path<(Uuid, String)>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    // Who asks is checked before the body is read: an anonymous caller costs no 10 MiB buffer.
    let auth = crate::service::identity::auth::authenticate(&state.db, &state.keys, &headers).await;
    let caller = match auth.caller() {
        Ok(caller) => caller,
        Err(error) => return error_response(error),
    };
    let body = match axum::body::to_bytes(body, evidence::MAX_EVIDENCE_BYTES + 1).await {
        Ok(body) => body,
        Err(_) => {
            let message = format!("a document may have at most {} MiB", evidence::MAX_EVIDENCE_BYTES / 1024 / 1024);
            return error_response(ApiError::Limit(message));
        }
    };
    let upload = Upload {
        assessment_id,
        question_id: &question_id,
        file_name: &query.file_name,
        valid_until: query.valid_until,
        bytes: &body,
    };
    match evidence::upload(&state.db, caller, &state.documents, upload).await {
        Ok(created) => {
            let body = serde_json::json!({
                "id": created.id, "fileName": created.file_name, "contentType": created.content_type,
                "size": created.size, "sha256": created.sha256, "validUntil": created.valid_until,
            });
            (StatusCode::CREATED, Json(body)).into_response()
        }
        Err(error) => error_response(error),
    }
}

/// `GET /api/evidence/{id}`: the document, as an attachment.
pub async fn download(State(state): State<AppState>, Path(id): Path<Uuid>, headers: HeaderMap) -> Response {
    let auth = crate::service::identity::auth::authenticate(&state.db, &state.keys, &headers).await;
    let caller = match auth.caller() {
        Ok(caller) => caller,
        Err(error) => return error_response(error),
    };
    match evidence::download(&state.db, caller, &state.documents, id).await {
        Ok((document, content)) => {
            let disposition = attachment(&document.file_name);
            let headers = [
                (header::CONTENT_TYPE, document.content_type),
                (header::CONTENT_DISPOSITION, disposition),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            ];
            (headers, axum::body::Body::from_stream(content)).into_response()
        }
        Err(error) => error_response(error),
    }
}

/// `Content-Disposition` for a download (RFC 6266): an ASCII `filename` for old clients and
/// the exact name as UTF-8 in `filename*`, so any stored name makes a valid header.
pub fn attachment(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if (c.is_ascii_graphic() || c == ' ') && c != '"' && c != '\\' { c } else { '_' })
        .collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn any_name_makes_a_valid_header() {
        let header = super::attachment("Richtlinie für \"Lieferanten\"\r\n.pdf");
        assert_eq!(
            header,
            "attachment; filename=\"Richtlinie f_r _Lieferanten___.pdf\"; filename*=UTF-8''Richtlinie%20f%C3%BCr%20%22Lieferanten%22%0D%0A.pdf"
        );
        assert!(axum::http::HeaderValue::from_str(&header).is_ok());
    }
}
