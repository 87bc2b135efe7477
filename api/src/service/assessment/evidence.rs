//! Evidence documents: uploaded by the respondent (or an analyst) for one question, checked by
//! their bytes (not their name), stored once per content under the data directory, and
//! downloadable by the organisation and by that assessment's respondents only.
use crate::auth::{Actor, Caller, Permission};
use crate::db::begin_write;
use crate::domain::AssessmentStatus;
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::{self};
use crate::service::kernel::lookup;
use crate::service::{kernel::audit, kernel::now, templates::template};
use crate::storage::{DocumentStore, DocumentStream};
use chrono::NaiveDate;
use entity::evidence;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use uuid::Uuid;

/// Largest accepted document.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;
/// Most documents per question.
pub const MAX_FILES_PER_QUESTION: u64 = 20;
/// Bytes of documents one assessment may hold (answers and fixes together).
pub const MAX_ASSESSMENT_BYTES: i64 = 200 * 1024 * 1024;

/// The document types accepted, recognised by their first bytes, with the file name endings
/// each may carry.
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static [&'static str])> {
    if bytes.starts_with(b"%PDF-") {
        Some(("application/pdf", &["pdf"]))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", &["png"]))
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some(("image/jpeg", &["jpg", "jpeg"]))
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(("application/zip", &["docx", "xlsx", "pptx", "odt", "ods", "zip"]))
    } else if !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() {
        Some(("text/plain; charset=utf-8", &["txt", "csv", "md", "json", "xml"]))
    } else {
        None
    }
}

/// The caller may add documents to or read documents of this assessment.
fn may_touch(caller: &Caller, assessment_id: Uuid, write: bool) -> ApiResult<()> {
    match &caller.actor {
        Actor::Respondent { assessment_id: own, .. } if *own == assessment_id => Ok(()),
        Actor::Respondent { .. } => Err(ApiError::NotFound("assessment")),
        _ => caller.require(if write { Permission::WriteRegister } else { Permission::Read }),
    }
}

/// A document as it arrives.
pub struct Upload<'a> {
    pub assessment_id: Uuid,
    pub question_id: &'a str,
    pub file_name: &'a str,
    pub valid_until: Option<NaiveDate>,
    pub bytes: &'a [u8],
}

/// The document's clean file name and its type, recognised by its bytes; refuses oversized
/// files, unknown types and names that contradict the content.
pub fn check_document(file_name: &str, bytes: &[u8]) -> ApiResult<(String, &'static str)> {
    let file_name = clean_file_name(file_name);
    if file_name.is_empty() || file_name.chars().count() > 200 {
        return Err(ApiError::field("fileName", "give the document's file name (at most 200 characters)"));
    }
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(ApiError::Limit(format!("a document may have at most {} MiB", MAX_EVIDENCE_BYTES / 1024 / 1024)));
    }
    let Some((content_type, endings)) = sniff(bytes) else {
        return Err(ApiError::field(
            "file",
            "unsupported document type: upload PDF, PNG, JPEG, office documents or plain text",
        ));
    };
    let ending = file_name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    if !endings.contains(&ending.as_str()) {
        return Err(ApiError::field(
            "file",
            format!("the file name ends in .{ending} but the content is {content_type}"),
        ));
    }
    Ok((file_name, content_type))
}

/// A file name as a person would type it: the last part of a path (`/` or `\\`), without
/// control characters, direction overrides or zero-width characters (which hide the real
/// extension or break headers), white space collapsed.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    };
    let mut clean = String::with_capacity(last.len());
    for word in last.split(|c: char| c.is_whitespace()).map(|w| w.chars().filter(|&c| !hidden(c)).collect::<String>()) {
        if !word.is_empty() {
            if !clean.is_empty() {
                clean.push(' ');
            }
            clean.push_str(&word);
        }
    }
    clean
}

pub async fn upload(
    db: &DatabaseConnection,
    caller: &Caller,
    documents: &DocumentStore,
    upload: Upload<'_>,
) -> ApiResult<evidence::Model> {
    let Upload { assessment_id, question_id, file_name, valid_until, bytes } = upload;
    may_touch(caller, assessment_id, true)?;
    let (file_name, content_type) = check_document(file_name, bytes)?;
    // Admitted first without the write lock, so that a refused upload never reaches the store
    // and the store's latency never holds the lock; admitted again in the transaction, where
    // a concurrent upload may have used the quota meanwhile.
    admit(db, caller, assessment_id, question_id, bytes.len()).await?;
    let sha256 = documents.put_content(bytes).await?;
    let txn = begin_write(db).await?;
    admit(&txn, caller, assessment_id, question_id, bytes.len()).await?;
    let place = Placement { assessment_id, question_id, finding_id: None, valid_until };
    let created = keep(&txn, caller, &sha256, place, file_name, content_type, bytes.len()).await?;
    let changes = json!({"question_id": created.question_id, "file_name": created.file_name, "sha256": created.sha256});
    audit::record(&txn, caller, "evidence.upload", "assessment", Some(assessment_id), changes).await?;
    txn.commit().await?;
    Ok(created)
}

/// Whether a document of `size` bytes may be added to the question now.
async fn admit<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment_id: Uuid,
    question_id: &str,
    size: usize,
) -> ApiResult<()> {
    let found = assessment::find(db, caller, assessment_id).await?;
    let open = matches!(
        found.status,
        AssessmentStatus::Sent
            | AssessmentStatus::InProgress
            | AssessmentStatus::Returned
            | AssessmentStatus::Submitted
            | AssessmentStatus::InReview
    );
    if !open || (matches!(caller.actor, Actor::Respondent { .. }) && found.status == AssessmentStatus::InReview) {
        return Err(ApiError::field(
            "assessmentId",
            format!("documents cannot be added while the assessment is {}", found.status),
        ));
    }
    let (_, questionnaire) = template::published_template(db, caller, found.template_version_id).await?;
    let Some(question) = questionnaire.question(question_id) else {
        return Err(ApiError::field("questionId", format!("{question_id} is not a question of this assessment")));
    };
    caller.check_section(question_id, &question.section).map_err(|m| ApiError::field("questionId", m))?;
    let count = evidence::Entity::find()
        .filter(evidence::Column::AssessmentId.eq(assessment_id))
        .filter(evidence::Column::QuestionId.eq(question_id))
        .filter(evidence::Column::FindingId.is_null())
        .count(db)
        .await?;
    if count >= MAX_FILES_PER_QUESTION {
        return Err(ApiError::Limit(format!("at most {MAX_FILES_PER_QUESTION} documents per question")));
    }
    within_quota(db, assessment_id, size).await
}

/// A quota per assessment, answers and fixes together: a supplier cannot fill the store.
pub async fn within_quota<C: ConnectionTrait>(db: &C, assessment_id: Uuid, size: usize) -> ApiResult<()> {
    let sizes: Vec<i64> = evidence::Entity::find()
        .select_only()
        .column(evidence::Column::Size)
        .filter(evidence::Column::AssessmentId.eq(assessment_id))
        .into_tuple()
        .all(db)
        .await?;
    if sizes.iter().sum::<i64>() + size as i64 > MAX_ASSESSMENT_BYTES {
        return Err(ApiError::Limit(format!(
            "the documents of one assessment may take at most {} MiB; remove some you no longer need",
            MAX_ASSESSMENT_BYTES / 1024 / 1024
        )));
    }
    Ok(())
}

/// Where a checked document belongs: an answer's question, or a finding's fix.
pub struct Placement<'a> {
    pub assessment_id: Uuid,
    pub question_id: &'a str,
    pub finding_id: Option<Uuid>,
    pub valid_until: Option<NaiveDate>,
}

/// Records a checked document already in the store (by its hash), in the caller's transaction.
pub async fn keep<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    sha256: &str,
    place: Placement<'_>,
    file_name: String,
    content_type: &str,
    size: usize,
) -> ApiResult<evidence::Model> {
    Ok(evidence::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        assessment_id: Set(place.assessment_id),
        question_id: Set(place.question_id.to_owned()),
        file_name: Set(file_name),
        content_type: Set(content_type.to_owned()),
        size: Set(size as i64),
        sha256: Set(sha256.to_owned()),
        uploaded_by: Set(caller.actor_label()),
        valid_until: Set(place.valid_until),
        created_at: Set(now()),
        finding_id: Set(place.finding_id),
    }
    .insert(db)
    .await?)
}

/// The document and its content (streamed from the store), for the organisation or the
/// assessment's respondent.
pub async fn download(
    db: &DatabaseConnection,
    caller: &Caller,
    documents: &DocumentStore,
    id: Uuid,
) -> ApiResult<(evidence::Model, DocumentStream)> {
    let found = lookup::find::<evidence::Entity>(db, caller, id).await?;
    may_touch(caller, found.assessment_id, false).map_err(|e| match e {
        ApiError::Forbidden(m) => ApiError::Forbidden(m),
        _ => ApiError::NotFound("document"),
    })?;
    if let Some(visible) = delegated_questions(db, caller, found.assessment_id).await?
        && !visible.contains(&found.question_id)
    {
        return Err(ApiError::NotFound("document"));
    }
    let content = documents.stream(&found.sha256).await?;
    Ok((found, content))
}

/// The questions of a delegated respondent's sections; None for everyone else.
async fn delegated_questions<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment_id: Uuid,
) -> ApiResult<Option<std::collections::HashSet<String>>> {
    if caller.delegated_sections().is_none() {
        return Ok(None);
    }
    let found = assessment::find(db, caller, assessment_id).await?;
    let (_, questionnaire) = template::published_template(db, caller, found.template_version_id).await?;
    let seen = template::as_seen_by(caller, questionnaire);
    Ok(Some(seen.questions().map(|q| q.id.clone()).collect()))
}

/// Documents backing an assessment's answers, oldest first (not those proving a finding's fix).
pub async fn list<C: ConnectionTrait>(db: &C, caller: &Caller, assessment_id: Uuid) -> ApiResult<Vec<evidence::Model>> {
    may_touch(caller, assessment_id, false)?;
    let mut documents = lookup::scoped::<evidence::Entity>(caller)
        .filter(evidence::Column::AssessmentId.eq(assessment_id))
        .filter(evidence::Column::FindingId.is_null())
        .order_by_asc(evidence::Column::CreatedAt)
        .all(db)
        .await?;
    if let Some(visible) = delegated_questions(db, caller, assessment_id).await? {
        documents.retain(|d| visible.contains(&d.question_id));
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn documents_are_recognised_by_their_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n...").map(|s| s.0), Some("application/pdf"));
        assert_eq!(sniff(b"PK\x03\x04rest").map(|s| s.0), Some("application/zip"));
        assert_eq!(sniff(b"policy text\n").map(|s| s.0), Some("text/plain; charset=utf-8"));
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\x00"), None, "executables are refused");
        assert_eq!(sniff(b"MZ\x90\x00\x03\x00"), None);
        assert_eq!(sniff(b""), None);
    }
}
