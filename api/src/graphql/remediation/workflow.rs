//! Findings and their remediation: owner and plan, the status workflow, and risk accepted by
//! an administrator until a date.
use crate::domain::Moves;
use crate::domain::{FindingSource, FindingStatus, Severity};
use crate::error::GqlResultExt;
use crate::graphql::assessment::lifecycle::EvidenceDocument;
use crate::graphql::identity::user::User;
use crate::graphql::kernel::loaders::{ContactsOf, SupplierById, UserById};
use crate::graphql::register::supplier::{Supplier, SupplierContact};
use crate::graphql::remediation::basis::FindingBasis;
use crate::graphql::remediation::supplier_side::{FindingComment, comments_of, fix_evidence_of, references};
use crate::graphql::{caller, db, loaded, loader};
use crate::service::kernel::now;
use crate::service::remediation::manual::NewFinding;
use crate::service::remediation::workflow::FindingPatch;
use crate::service::{self};
use async_graphql::{Context, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use entity::finding;
use uuid::Uuid;

/// Something a supplier falls short of.
pub struct Finding(pub finding::Model);

/// Something a supplier falls short of.
#[Object]
impl Finding {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The supplier concerned.
    async fn supplier_id(&self) -> Uuid {
        self.0.supplier_id
    }
    /// The supplier concerned.
    async fn supplier(&self, ctx: &Context<'_>) -> Result<Option<Supplier>> {
        Ok(loaded(loader(ctx).load_one(SupplierById(self.0.supplier_id)).await)?.map(Supplier))
    }
    /// The assessment that found it.
    async fn assessment_id(&self) -> Option<Uuid> {
        self.0.assessment_id
    }
    /// The question whose answer fell short.
    async fn question_id(&self) -> Option<&str> {
        self.0.question_id.as_deref()
    }
    /// What falls short.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// From the question's importance and the supplier's inherent risk.
    async fn severity(&self) -> Severity {
        self.0.severity
    }
    /// Where its remediation stands.
    async fn status(&self) -> FindingStatus {
        self.0.status
    }
    /// Remediation due date, from the SLA for the severity.
    async fn due_date(&self) -> NaiveDate {
        self.0.due_date
    }
    /// A failed knock-out question.
    async fn knock_out(&self) -> bool {
        self.0.knock_out
    }
    /// ISO/IEC 27001:2022 controls concerned.
    async fn iso_controls(&self) -> Result<Vec<String>> {
        references(&self.0.iso_refs)
    }
    /// NIS 2 references concerned.
    async fn nis2(&self) -> Result<Vec<String>> {
        references(&self.0.nis2_refs)
    }
    /// Past its due date and still open or in progress.
    async fn overdue(&self) -> bool {
        service::remediation::basis::overdue(&self.0, now().date_naive())
    }
    /// The question it was raised from, the answer given and the documents attached to it;
    /// null for a finding raised by hand. A few queries per finding: ask for it on one
    /// finding (`finding(id:)`), not on lists.
    async fn basis(&self, ctx: &Context<'_>) -> Result<Option<FindingBasis>> {
        Ok(service::remediation::basis::basis(db(ctx), caller(ctx)?, &self.0).await.gql()?.map(FindingBasis))
    }
    /// The internal user who owns the remediation.
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        let Some(owner) = self.0.owner_id else { return Ok(None) };
        Ok(loaded(loader(ctx).load_one(UserById(owner)).await)?.map(User))
    }
    /// What will be done, by whom.
    async fn remediation_plan(&self) -> Option<&str> {
        self.0.remediation_plan.as_deref()
    }
    /// When it was marked resolved.
    async fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.0.resolved_at
    }
    /// When an analyst verified the fix.
    async fn verified_at(&self) -> Option<DateTime<Utc>> {
        self.0.verified_at
    }
    /// Why the risk was accepted.
    async fn risk_reason(&self) -> Option<&str> {
        self.0.risk_reason.as_deref()
    }
    /// Until when the risk is accepted; the finding reopens after that day.
    async fn risk_accepted_until(&self) -> Option<NaiveDate> {
        self.0.risk_accepted_until
    }
    /// The statuses `changeFindingStatus` accepts from the current one.
    async fn allowed_next_statuses(&self) -> Vec<FindingStatus> {
        self.0.status.allowed_next().to_vec()
    }
    /// Where it came from: an answer given online, an answer imported from a spreadsheet, or
    /// raised by hand.
    async fn source(&self) -> FindingSource {
        self.0.source
    }
    /// The supplier's contact who answers for the remediation.
    async fn contact(&self, ctx: &Context<'_>) -> Result<Option<SupplierContact>> {
        let Some(contact) = self.0.contact_id else { return Ok(None) };
        let contacts = loaded(loader(ctx).load_one(ContactsOf(self.0.supplier_id)).await)?.unwrap_or_default();
        Ok(contacts.into_iter().find(|c| c.id == contact).map(SupplierContact))
    }
    /// The comments exchanged with the supplier, oldest first.
    async fn comments(&self, ctx: &Context<'_>) -> Result<Vec<FindingComment>> {
        comments_of(ctx, self.0.id).await
    }
    /// Documents proving the fix.
    async fn evidence(&self, ctx: &Context<'_>) -> Result<Vec<EvidenceDocument>> {
        fix_evidence_of(ctx, self.0.id).await
    }
}

#[derive(Default)]
pub struct WorkflowQuery;

#[Object]
impl WorkflowQuery {
    /// One finding, with what it rests on (`basis`), its comments and documents.
    async fn finding(&self, ctx: &Context<'_>, id: Uuid) -> Result<Finding> {
        service::remediation::get(db(ctx), caller(ctx)?, id).await.map(Finding).gql()
    }
}

#[derive(Default)]
pub struct WorkflowMutation;

#[Object]
impl WorkflowMutation {
    /// Raises a finding by hand (from an audit, a test, an incident...); it is due by the
    /// organisation's SLA for its severity unless a due date is given.
    async fn raise_finding(&self, ctx: &Context<'_>, input: NewFinding) -> Result<Finding> {
        service::remediation::manual::raise(db(ctx), caller(ctx)?, input).await.map(Finding).gql()
    }
    /// Sets a finding's owner, remediation plan or due date.
    async fn update_finding(&self, ctx: &Context<'_>, id: Uuid, input: FindingPatch) -> Result<Finding> {
        service::remediation::workflow::update(db(ctx), caller(ctx)?, id, input).await.map(Finding).gql()
    }
    /// Moves a finding: open -> in_progress -> resolved -> verified, or back to open. The
    /// comment (why; what was checked before verifying) joins the finding's comments.
    async fn change_finding_status(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        status: FindingStatus,
        comment: Option<String>,
    ) -> Result<Finding> {
        let moved =
            service::remediation::workflow::change_status(db(ctx), caller(ctx)?, id, status, comment.as_deref());
        moved.await.map(Finding).gql()
    }
    /// Accepts a finding's risk until a day, with the reason (administrators); it reopens after.
    async fn accept_finding_risk(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        reason: String,
        until: NaiveDate,
    ) -> Result<Finding> {
        service::remediation::workflow::accept_risk(db(ctx), caller(ctx)?, id, &reason, until).await.map(Finding).gql()
    }
}
