//! Evidence upload over GraphQL multipart requests (the GraphQL multipart request spec), for
//! clients that prefer it to the REST endpoint; both end in the same service function.
use super::assessment::EvidenceDocument;
use super::{caller, data_dir, db};
use crate::error::{ApiError, GqlResultExt};
use crate::service::evidence::{self, MAX_EVIDENCE_BYTES};
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
        let value = file.value(ctx).map_err(|_| ApiError::field("file", "the file part is missing").into_graphql())?;
        let file_name = value.filename.clone();
        let bytes = read_upload(value).await.gql()?;
        let upload = evidence::Upload {
            assessment_id,
            question_id: &question_id,
            file_name: &file_name,
            valid_until,
            bytes: &bytes,
        };
        evidence::upload(db(ctx), caller, data_dir(ctx), upload).await.map(EvidenceDocument).gql()
    }
}

/// Reads the spooled upload on a blocking thread, refusing it unread when it is too large.
async fn read_upload(value: async_graphql::UploadValue) -> crate::error::ApiResult<Vec<u8>> {
    let too_large = || ApiError::Limit(format!("a document may have at most {} MiB", MAX_EVIDENCE_BYTES / 1024 / 1024));
    if value.size().map_err(ApiError::internal)? > MAX_EVIDENCE_BYTES as u64 {
        return Err(too_large());
    }
    let read = move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut value.into_read(), &mut bytes).map(|_| bytes)
    };
    tokio::task::spawn_blocking(read).await.map_err(ApiError::internal)?.map_err(ApiError::internal)
}
