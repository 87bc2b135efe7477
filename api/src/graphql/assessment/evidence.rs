//! Evidence upload over GraphQL multipart requests (the GraphQL multipart request spec), for
//! clients that prefer it to the REST endpoint; both end in the same service function.
use crate::error::{ApiError, GqlResultExt};
use crate::graphql::assessment::lifecycle::EvidenceDocument;
use crate::graphql::{caller, db, documents};
use crate::service::assessment::evidence::{self, MAX_EVIDENCE_BYTES};
use async_graphql::{Context, Object, Result, Upload};
use chrono::NaiveDate;
use uuid::Uuid;

#[derive(Default)]
pub struct EvidenceMutation;

#[Object]
impl EvidenceMutation {
    /// Uploads a document for one question (respondents for their assessment, analysts for
    /// any): recognised by its bytes, at most 10 MiB and 20 per question. Send it as a
    /// multipart request with the file in the `file` variable.
    async fn upload_evidence(
        &self,
        ctx: &Context<'_>,
        assessment_id: Uuid,
        question_id: String,
        file: Upload,
        valid_until: Option<NaiveDate>,
    ) -> Result<EvidenceDocument> {
        let caller = caller(ctx)?;
        let (file_name, bytes) = read_upload(ctx, &file, MAX_EVIDENCE_BYTES).await.gql()?;
        let upload = evidence::Upload {
            assessment_id,
            question_id: &question_id,
            file_name: &file_name,
            valid_until,
            bytes: &bytes,
        };
        evidence::upload(db(ctx), caller, documents(ctx), upload).await.map(EvidenceDocument).gql()
    }
}

/// The name and bytes of an uploaded file, read on a blocking thread and refused unread when
/// larger than `max` bytes.
pub(crate) async fn read_upload(
    ctx: &Context<'_>,
    file: &Upload,
    max: usize,
) -> crate::error::ApiResult<(String, Vec<u8>)> {
    let value = file.value(ctx).map_err(|_| ApiError::field("file", "the file part is missing"))?;
    if value.size().map_err(ApiError::internal)? > max as u64 {
        return Err(ApiError::Limit(format!("a file may have at most {} MiB", max / 1024 / 1024)));
    }
    let file_name = value.filename.clone();
    let read = move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut value.into_read(), &mut bytes).map(|_| bytes)
    };
    let bytes = tokio::task::spawn_blocking(read).await.map_err(ApiError::internal)?.map_err(ApiError::internal)?;
    Ok((file_name, bytes))
}
