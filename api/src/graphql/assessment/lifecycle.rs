//! Assessments, their answers, score snapshots and findings.
pub use super::answer::{AssessmentAnswer, EvidenceDocument};
use crate::domain::Moves;
use crate::domain::{AnswerVerdict, AssessmentStatus, Rating};
use crate::error::GqlResultExt;
use crate::graphql::kernel::loaders::{AnswersOf, EvidenceOf, InvitationsOf, SupplierById};
use crate::graphql::register::supplier::Supplier;
use crate::graphql::remediation::workflow::Finding;
use crate::graphql::{caller, db, loaded, loader};
use crate::service::assessment::answers::AnswerInput;
use crate::service::assessment::lifecycle::NewAssessment;
use crate::service::{self};
use async_graphql::{Context, Json, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{assessment, score_snapshot};
use uuid::Uuid;

/// A published questionnaire version sent to one supplier.
pub struct Assessment(pub assessment::Model);

/// A published questionnaire version sent to one supplier.
#[Object]
impl Assessment {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The supplier assessed.
    async fn supplier(&self, ctx: &Context<'_>) -> Result<Option<Supplier>> {
        Ok(loaded(loader(ctx).load_one(SupplierById(self.0.supplier_id)).await)?.map(Supplier))
    }
    /// The template version sent.
    async fn template_version_id(&self) -> Uuid {
        self.0.template_version_id
    }
    /// Slug of the template sent.
    async fn template_slug(&self) -> &str {
        &self.0.template_slug
    }
    /// Title of the template sent.
    async fn template_title(&self) -> &str {
        &self.0.template_title
    }
    /// Version number of the template sent.
    async fn template_version(&self) -> i32 {
        self.0.template_version
    }
    /// Where the assessment stands.
    async fn status(&self) -> AssessmentStatus {
        self.0.status
    }
    /// The statuses `changeAssessmentStatus` accepts from the current one.
    async fn allowed_next_statuses(&self) -> Vec<AssessmentStatus> {
        self.0.status.allowed_next().to_vec()
    }
    /// When the answers are due.
    async fn due_date(&self) -> Option<NaiveDate> {
        self.0.due_date
    }
    /// The message to the supplier.
    async fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
    /// When it was sent.
    async fn sent_at(&self) -> Option<DateTime<Utc>> {
        self.0.sent_at
    }
    /// When the answers were submitted.
    async fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.0.submitted_at
    }
    /// When it was completed and scored.
    async fn completed_at(&self) -> Option<DateTime<Utc>> {
        self.0.completed_at
    }
    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The invitations sent to the supplier's respondents.
    async fn invitations(&self, ctx: &Context<'_>) -> Result<Vec<crate::graphql::assessment::respondent::Invitation>> {
        let rows = loaded(loader(ctx).load_one(InvitationsOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(crate::graphql::assessment::respondent::Invitation).collect())
    }
    /// Documents uploaded for the answers.
    async fn evidence(&self, ctx: &Context<'_>) -> Result<Vec<EvidenceDocument>> {
        let rows = loaded(loader(ctx).load_one(EvidenceOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(EvidenceDocument).collect())
    }
    /// The answers given so far, by question id.
    async fn answers(&self, ctx: &Context<'_>) -> Result<Vec<AssessmentAnswer>> {
        let rows = loaded(loader(ctx).load_one(AnswersOf(self.0.id)).await)?;
        Ok(rows.unwrap_or_default().into_iter().map(AssessmentAnswer).collect())
    }
    /// A follow-up: the assessment holding the supplier's own questionnaire whose gaps it asks;
    /// its score counts both.
    async fn follows_assessment_id(&self) -> Option<Uuid> {
        self.0.follows_assessment_id
    }
    /// For a supplier's own questionnaire (CAIQ, HECVAT, SoA): the Annex A controls and NIS 2
    /// points its answers cover, and how strongly (a query per assessment: ask on one).
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn questionnaire_coverage(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<crate::graphql::spreadsheet::foreign::QuestionnaireCoverage>> {
        let coverage = service::spreadsheet::foreign::coverage_of(db(ctx), caller(ctx)?, &self.0).await.gql()?;
        Ok(coverage.map(Into::into))
    }
    /// The questionnaire's questions by section, for reviewing one assessment (a query per
    /// assessment: ask for it on one assessment, not on lists).
    async fn sections(&self, ctx: &Context<'_>) -> Result<Vec<crate::graphql::templates::template::TemplateSection>> {
        let (_, template) =
            service::templates::template::published_template(db(ctx), caller(ctx)?, self.0.template_version_id)
                .await
                .gql()?;
        Ok(template.sections.into_iter().map(crate::graphql::templates::template::TemplateSection).collect())
    }
}

/// A supplier's score from one assessment, at one moment.
pub struct ScoreSnapshot(pub score_snapshot::Model);

/// A supplier's score from one assessment, at one moment: taken at completion and again when
/// a verified fix or a change in the graph moves it.
#[Object]
impl ScoreSnapshot {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The completed assessment.
    async fn assessment_id(&self) -> Uuid {
        self.0.assessment_id
    }
    /// 0-100.
    async fn security_score(&self) -> f64 {
        self.0.security_score
    }
    /// 0-100: answered applicable questions over applicable questions.
    async fn coverage(&self) -> f64 {
        self.0.coverage
    }
    /// 1-5, from the tier profile and the services that depend on the supplier.
    async fn inherent_risk(&self) -> f64 {
        self.0.inherent_risk
    }
    /// 0-5: inherent x (1 - effectiveness x confidence).
    async fn residual_risk(&self) -> f64 {
        self.0.residual_risk
    }
    /// Rating band of the residual risk (knock-outs keep it at high or worse).
    async fn rating(&self) -> Rating {
        self.0.rating
    }
    /// The complete report: per question, control, theme and NIS 2 point, risk factors,
    /// confidence, findings and the explanation.
    async fn report(&self) -> Json<serde_json::Value> {
        Json(self.0.report.clone())
    }
    /// When the score was taken.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Why it was taken: "assessment completed", "finding verified", "dependencies changed"...
    async fn reason(&self) -> &str {
        &self.0.reason
    }
}

#[derive(Default)]
pub struct LifecycleQuery;

#[Object]
impl LifecycleQuery {
    /// Assessments, newest first, optionally of one supplier and in some statuses.
    async fn assessments(
        &self,
        ctx: &Context<'_>,
        supplier_id: Option<Uuid>,
        status: Option<Vec<AssessmentStatus>>,
    ) -> Result<Vec<Assessment>> {
        service::assessment::list(db(ctx), caller(ctx)?, supplier_id, status)
            .await
            .map(|v| v.into_iter().map(Assessment).collect())
            .gql()
    }

    /// One assessment.
    async fn assessment(&self, ctx: &Context<'_>, id: Uuid) -> Result<Assessment> {
        service::assessment::get(db(ctx), caller(ctx)?, id).await.map(Assessment).gql()
    }

    /// A supplier's score history, newest first.
    async fn score_snapshots(&self, ctx: &Context<'_>, supplier_id: Uuid) -> Result<Vec<ScoreSnapshot>> {
        let rows = service::scoring::history::snapshots(db(ctx), caller(ctx)?, supplier_id).await.gql()?;
        Ok(rows.into_iter().map(ScoreSnapshot).collect())
    }

    /// A supplier's findings, most severe first.
    async fn findings(&self, ctx: &Context<'_>, supplier_id: Uuid) -> Result<Vec<Finding>> {
        let rows = service::scoring::history::findings(db(ctx), caller(ctx)?, supplier_id).await.gql()?;
        Ok(rows.into_iter().map(Finding).collect())
    }
}

#[derive(Default)]
pub struct LifecycleMutation;

#[Object]
impl LifecycleMutation {
    /// Prepares an assessment (status draft) of a supplier with a published template version.
    async fn create_assessment(&self, ctx: &Context<'_>, input: NewAssessment) -> Result<Assessment> {
        service::assessment::lifecycle::create(db(ctx), caller(ctx)?, input).await.map(Assessment).gql()
    }

    /// Records answers (for example from a GRC tool); each is checked against its question.
    async fn save_assessment_answers(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        answers: Vec<AnswerInput>,
    ) -> Result<Assessment> {
        service::assessment::answers::save_answers(db(ctx), caller(ctx)?, id, answers).await.map(Assessment).gql()
    }

    /// Moves an assessment along its life cycle; completing it scores the answers, freezes the
    /// score snapshot and opens the findings.
    async fn change_assessment_status(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        status: AssessmentStatus,
        note: Option<String>,
    ) -> Result<Assessment> {
        service::assessment::lifecycle::change_status(db(ctx), caller(ctx)?, id, status, note)
            .await
            .map(Assessment)
            .gql()
    }

    /// The reviewer's verdict on one answer (a note is required for needs_change).
    async fn review_assessment_answer(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        question_id: String,
        verdict: AnswerVerdict,
        note: Option<String>,
    ) -> Result<AssessmentAnswer> {
        service::assessment::review::review_answer(db(ctx), caller(ctx)?, id, &question_id, verdict, note)
            .await
            .map(AssessmentAnswer)
            .gql()
    }
}
