//! Remediation with the supplier: comments on findings, documents proving a fix, and the
//! respondent's view of its findings through the invitation link.
use crate::domain::{AuthorKind, FindingStatus, Severity};
use crate::error::{ApiError, GqlResultExt};
use crate::graphql::assessment::evidence::read_upload;
use crate::graphql::assessment::lifecycle::EvidenceDocument;
use crate::graphql::kernel::loaders::{CommentsOf, FixEvidenceOf};
use crate::graphql::{caller, db, documents, loaded, loader};
use crate::service::assessment::evidence::MAX_EVIDENCE_BYTES;
use crate::service::remediation::supplier_side as supplier_remediation;
use async_graphql::{Context, Object, Result, Upload};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{finding, finding_comment};
use uuid::Uuid;

/// A remark on a finding's remediation.
pub struct FindingComment(pub finding_comment::Model);

/// A remark on a finding's remediation, by an analyst or by the supplier.
#[Object]
impl FindingComment {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Who wrote it: a user's e-mail or `respondent:<e-mail>`.
    async fn author(&self) -> &str {
        &self.0.author
    }
    /// Who wrote it: a user of the organisation, the respondent, or Chainward.
    async fn author_kind(&self) -> AuthorKind {
        self.0.author_kind
    }
    /// The text.
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// When it was written.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A finding's stored references, a list of strings written by Chainward itself: anything
/// else is a fault to report, not an empty list to show.
pub(crate) fn references(stored: &serde_json::Value) -> Result<Vec<String>> {
    serde_json::from_value(stored.clone()).map_err(|e| ApiError::internal(e).into_graphql())
}

/// The comments on a finding, oldest first.
pub(crate) async fn comments_of(ctx: &Context<'_>, finding: Uuid) -> Result<Vec<FindingComment>> {
    let rows = loaded(loader(ctx).load_one(CommentsOf(finding)).await)?.unwrap_or_default();
    Ok(rows.into_iter().map(FindingComment).collect())
}

/// The documents proving a finding's fix, oldest first.
pub(crate) async fn fix_evidence_of(ctx: &Context<'_>, finding: Uuid) -> Result<Vec<EvidenceDocument>> {
    let rows = loaded(loader(ctx).load_one(FixEvidenceOf(finding)).await)?.unwrap_or_default();
    Ok(rows.into_iter().map(EvidenceDocument).collect())
}

/// A finding as the supplier sees it through its link: what to fix and by when, without the
/// organisation's internal owner or risk decisions.
pub struct SupplierFinding(pub finding::Model);

/// A finding as the supplier sees it: what to fix, by when, and the exchange about it.
#[Object]
impl SupplierFinding {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The question whose answer fell short.
    async fn question_id(&self) -> Option<&str> {
        self.0.question_id.as_deref()
    }
    /// What falls short.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// How serious it is.
    async fn severity(&self) -> Severity {
        self.0.severity
    }
    /// Where its remediation stands.
    async fn status(&self) -> FindingStatus {
        self.0.status
    }
    /// When the fix is due.
    async fn due_date(&self) -> NaiveDate {
        self.0.due_date
    }
    /// ISO/IEC 27001:2022 controls concerned.
    async fn iso_controls(&self) -> Result<Vec<String>> {
        references(&self.0.iso_refs)
    }
    /// NIS 2 references concerned.
    async fn nis2(&self) -> Result<Vec<String>> {
        references(&self.0.nis2_refs)
    }
    /// The agreed remediation plan.
    async fn remediation_plan(&self) -> Option<&str> {
        self.0.remediation_plan.as_deref()
    }
    /// The statuses `respondentUpdateFinding` accepts from the current one.
    async fn allowed_next_statuses(&self) -> Vec<FindingStatus> {
        crate::domain::respondent_next(self.0.status).to_vec()
    }
    /// The comments, oldest first.
    async fn comments(&self, ctx: &Context<'_>) -> Result<Vec<FindingComment>> {
        comments_of(ctx, self.0.id).await
    }
    /// Documents proving the fix.
    async fn evidence(&self, ctx: &Context<'_>) -> Result<Vec<EvidenceDocument>> {
        fix_evidence_of(ctx, self.0.id).await
    }
}

#[derive(Default)]
pub struct SupplierRemediationQuery;

#[Object]
impl SupplierRemediationQuery {
    /// The findings of the respondent's assessment, soonest due first (respondent tokens only).
    async fn respondent_findings(&self, ctx: &Context<'_>) -> Result<Vec<SupplierFinding>> {
        let rows = supplier_remediation::respondent_findings(db(ctx), caller(ctx)?).await.gql()?;
        Ok(rows.into_iter().map(SupplierFinding).collect())
    }
}

#[derive(Default)]
pub struct SupplierRemediationMutation;

#[Object]
impl SupplierRemediationMutation {
    /// The respondent reports progress on a finding of its assessment: in_progress, or
    /// resolved once a document proving the fix is attached. Analysts then verify it.
    async fn respondent_update_finding(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        status: FindingStatus,
    ) -> Result<SupplierFinding> {
        supplier_remediation::respondent_change_status(db(ctx), caller(ctx)?, id, status)
            .await
            .map(SupplierFinding)
            .gql()
    }
    /// Adds a comment to a finding (analysts, or the respondent of its assessment).
    async fn comment_on_finding(&self, ctx: &Context<'_>, finding_id: Uuid, body: String) -> Result<FindingComment> {
        crate::service::remediation::comments::comment(db(ctx), caller(ctx)?, finding_id, &body)
            .await
            .map(FindingComment)
            .gql()
    }
    /// Attaches a document proving a finding's fix (analysts, or the respondent of its
    /// assessment), as a multipart request with the file in the `file` variable.
    async fn upload_finding_evidence(
        &self,
        ctx: &Context<'_>,
        finding_id: Uuid,
        file: Upload,
    ) -> Result<EvidenceDocument> {
        let caller = caller(ctx)?;
        let (file_name, bytes) = read_upload(ctx, &file, MAX_EVIDENCE_BYTES).await.gql()?;
        supplier_remediation::upload_fix_evidence(db(ctx), caller, documents(ctx), finding_id, &file_name, &bytes)
            .await
            .map(EvidenceDocument)
            .gql()
    }
}
