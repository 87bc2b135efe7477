//! Questionnaire templates: shipped and the organisation's own, with versions and questions.
use crate::error::GqlResultExt;
use crate::graphql::{caller, db};
use crate::service::templates::draft::NewQuestionnaireTemplate;
use crate::service::templates::template::{TemplateView, VersionView};
use crate::service::{self};
use async_graphql::{Context, Enum, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use questionnaires::template::{Question, Section};
use uuid::Uuid;

/// How a question is answered.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "questionnaires::AnswerType")]
pub enum AnswerType {
    /// Yes, no, partial or not applicable.
    YesNoNa,
    /// One of the options.
    Choice,
    /// Any of the options.
    MultiChoice,
    /// A maturity level from 0 to 5.
    Maturity0To5,
    /// A number, compliant inside `range`.
    Number,
    /// A date, compliant when at most `maxAgeDays` old.
    Date,
    /// Free text, not scored.
    Text,
    /// An uploaded document.
    File,
}

/// A question's weight: minor 5, standard 10, critical 20 points.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "questionnaires::Importance")]
pub enum Importance {
    /// 5 points.
    Minor,
    /// 10 points.
    Standard,
    /// 20 points.
    Critical,
}

/// Whether an answer needs a document.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "questionnaires::template::EvidenceRequirement")]
pub enum Evidence {
    /// The answer is complete only with a document.
    Required,
    /// A document is welcome.
    Optional,
    /// No document expected.
    None,
}

/// One option of a choice question and what it is worth (0-1).
#[derive(SimpleObject)]
pub struct AnswerOption {
    /// The stored value.
    pub value: String,
    /// What the respondent sees.
    pub label: String,
    /// Value of the answer in [0, 1].
    pub score: f64,
}

/// The same question in another questionnaire, for spreadsheet import matching.
#[derive(SimpleObject)]
pub struct ExternalRef {
    /// e.g. "CAIQ".
    pub scheme: String,
    /// The question's id there.
    pub id: String,
}

/// A template question.
pub struct TemplateQuestion(pub Question);

/// A template question.
#[Object]
impl TemplateQuestion {
    /// Stable id within the template, e.g. "GOV-01".
    async fn id(&self) -> &str {
        &self.0.id
    }
    /// The question as the supplier reads it.
    async fn text(&self) -> &str {
        &self.0.text
    }
    /// What a good answer looks like and what evidence is expected.
    async fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }
    /// The title of the finding a falling-short answer opens, as the template words it; null
    /// when it does not (the finding is then titled from the question).
    async fn finding(&self) -> Option<&str> {
        self.0.finding.as_deref()
    }
    /// How the question is answered.
    async fn answer_type(&self) -> AnswerType {
        self.0.answer.into()
    }
    /// Options of choice and multi-choice questions.
    async fn options(&self) -> Vec<AnswerOption> {
        self.0
            .options
            .iter()
            .map(|o| AnswerOption { value: o.value.clone(), label: o.label.clone(), score: o.score })
            .collect()
    }
    /// Weight class of the question.
    async fn importance(&self) -> Importance {
        self.0.importance.into()
    }
    /// Points the question is worth.
    async fn weight(&self) -> f64 {
        self.0.weight()
    }
    /// The compliant answer(s) of a yes/no question.
    async fn compliant_answers(&self) -> &[String] {
        &self.0.compliant
    }
    /// A failed answer caps the rating whatever the average.
    async fn knock_out(&self) -> bool {
        self.0.knock_out
    }
    /// Whether a document is expected.
    async fn evidence(&self) -> Evidence {
        self.0.evidence.into()
    }
    /// Whether the answer counts towards scores (text questions do not).
    async fn scored(&self) -> bool {
        self.0.is_scored()
    }
    /// ISO/IEC 27001:2022 Annex A controls the question is evidence for.
    async fn iso_controls(&self) -> &[String] {
        &self.0.iso
    }
    /// ISO/IEC 27001:2022 clauses the question is evidence for.
    async fn iso_clauses(&self) -> &[String] {
        &self.0.iso_clauses
    }
    /// NIS 2 Art. 21 points and IR 2024/2690 requirements.
    async fn nis2(&self) -> &[String] {
        &self.0.nis2
    }
    /// Ids of the same question in other questionnaires.
    async fn external_refs(&self) -> Vec<ExternalRef> {
        self.0.external.iter().map(|e| ExternalRef { scheme: e.scheme.clone(), id: e.id.clone() }).collect()
    }
    /// Lowest compliant number.
    async fn range_min(&self) -> Option<f64> {
        self.0.range.and_then(|r| r.min)
    }
    /// Highest compliant number.
    async fn range_max(&self) -> Option<f64> {
        self.0.range.and_then(|r| r.max)
    }
    /// Unit of a number answer, e.g. "hours".
    async fn unit(&self) -> Option<&str> {
        self.0.unit.as_deref()
    }
    /// Oldest compliant age of a date answer, in days.
    async fn max_age_days(&self) -> Option<u32> {
        self.0.max_age_days
    }
}

/// A section of a template.
pub struct TemplateSection(pub Section);

/// A section of a template.
#[Object]
impl TemplateSection {
    /// Short id, e.g. "GOV".
    async fn id(&self) -> &str {
        &self.0.id
    }
    /// Section title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Questions in order.
    async fn questions(&self) -> Vec<TemplateQuestion> {
        self.0.questions.iter().cloned().map(TemplateQuestion).collect()
    }
}

/// One version of a template's questions; published versions never change.
pub struct TemplateVersion(VersionView);

/// One version of a template's questions; published versions never change.
#[Object]
impl TemplateVersion {
    /// Unique identifier (stable for shipped templates).
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// 1, 2, 3...
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Published versions can be sent to suppliers and never change.
    async fn published(&self) -> bool {
        self.0.published
    }
    /// When it was published (null for drafts and shipped templates).
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }
    /// Number of questions.
    async fn question_count(&self) -> usize {
        self.0.sections.iter().map(|s| s.questions.len()).sum()
    }
    /// Sections in order.
    async fn sections(&self) -> Vec<TemplateSection> {
        self.0.sections.iter().cloned().map(TemplateSection).collect()
    }
    /// The questions as one document (`{"sections": [...]}`), the form `updateTemplateDraft` takes.
    async fn content(&self) -> Json<serde_json::Value> {
        Json(serde_json::json!({ "sections": self.0.sections }))
    }
}

/// A questionnaire template: shipped with Chainward or your organisation's own.
pub struct QuestionnaireTemplate(pub TemplateView);

/// A questionnaire template: shipped with Chainward or your organisation's own.
#[Object]
impl QuestionnaireTemplate {
    /// Unique identifier (stable for shipped templates).
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// Short name, unique within your organisation.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Name shown to analysts and suppliers.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Who the template is for and what it covers.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Shipped with Chainward (read-only; clone it to change it).
    async fn shipped(&self) -> bool {
        self.0.shipped
    }
    /// The template it was cloned from, e.g. "shipped:nis2-supplier-baseline@1".
    async fn based_on(&self) -> Option<&str> {
        self.0.based_on.as_deref()
    }
    /// All versions, oldest first.
    async fn versions(&self) -> Vec<TemplateVersion> {
        self.0.versions.iter().cloned().map(TemplateVersion).collect()
    }
    /// The newest published version, the one to send.
    async fn latest_published(&self) -> Option<TemplateVersion> {
        self.0.versions.iter().rev().find(|v| v.published).cloned().map(TemplateVersion)
    }
    /// The version being edited, if any.
    async fn draft(&self) -> Option<TemplateVersion> {
        self.0.versions.last().filter(|v| !v.published).cloned().map(TemplateVersion)
    }
}

#[derive(Default)]
pub struct TemplateQuery;

#[Object]
impl TemplateQuery {
    /// Shipped templates and your organisation's own.
    async fn questionnaire_templates(&self, ctx: &Context<'_>) -> Result<Vec<QuestionnaireTemplate>> {
        service::templates::template::list(db(ctx), caller(ctx)?)
            .await
            .map(|v| v.into_iter().map(QuestionnaireTemplate).collect())
            .gql()
    }

    /// One template with its versions and questions.
    async fn questionnaire_template(&self, ctx: &Context<'_>, id: Uuid) -> Result<QuestionnaireTemplate> {
        service::templates::template::get(db(ctx), caller(ctx)?, id).await.map(QuestionnaireTemplate).gql()
    }
}

#[derive(Default)]
pub struct TemplateMutation;

#[Object]
impl TemplateMutation {
    /// Creates your own template, empty or as a copy of another (its version 1 is a draft).
    async fn create_questionnaire_template(
        &self,
        ctx: &Context<'_>,
        input: NewQuestionnaireTemplate,
    ) -> Result<QuestionnaireTemplate> {
        service::templates::draft::create(db(ctx), caller(ctx)?, input).await.map(QuestionnaireTemplate).gql()
    }

    /// Replaces the draft's questions (`{"sections": [...]}` in the template format); starts
    /// the next version when the latest one is published. Errors name the question and field.
    async fn update_template_draft(
        &self,
        ctx: &Context<'_>,
        template_id: Uuid,
        content: Json<serde_json::Value>,
    ) -> Result<TemplateVersion> {
        service::templates::draft::update_draft(db(ctx), caller(ctx)?, template_id, content.0)
            .await
            .map(TemplateVersion)
            .gql()
    }

    /// Validates and publishes the draft; a published version never changes.
    async fn publish_template_draft(&self, ctx: &Context<'_>, template_id: Uuid) -> Result<TemplateVersion> {
        service::templates::draft::publish(db(ctx), caller(ctx)?, template_id).await.map(TemplateVersion).gql()
    }
}
