//! Invitations (analyst side) and the respondent's own operations.
use crate::domain::AssessmentStatus;
use crate::error::GqlResultExt;
use crate::graphql::assessment::lifecycle::{Assessment, AssessmentAnswer};
use crate::graphql::templates::template::TemplateSection;
use crate::graphql::{caller, client_address, db, keys};
use crate::service::assessment::answers::AnswerInput;
use crate::service::assessment::delegation::DelegateSectionsInput;
use crate::service::assessment::invitation::SendAssessmentInput;
use crate::service::assessment::respondent::RespondentView;
use crate::service::{self};
use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use entity::invitation;
use uuid::Uuid;

/// An invitation of one respondent to one assessment (the link itself is only e-mailed).
pub struct Invitation(pub invitation::Model);

/// An invitation of one respondent to one assessment (the link itself is only e-mailed).
#[Object]
impl Invitation {
    /// Unique identifier.
    async fn id(&self) -> Uuid {
        self.0.id
    }
    /// The respondent's e-mail address.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// The respondent's name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The supplier contact invited.
    async fn contact_id(&self) -> Option<Uuid> {
        self.0.contact_id
    }
    /// The link stops working after this instant.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at
    }
    /// When it was revoked.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
    /// When the respondent last opened the link.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }
    /// For a colleague a respondent delegated to: the sections they may answer; null for the
    /// whole questionnaire.
    async fn sections(&self) -> Option<Vec<String>> {
        service::identity::respondent::sections_of(&self.0)
    }
    /// The invitation of the respondent who delegated this one.
    async fn delegated_by(&self) -> Option<Uuid> {
        self.0.delegated_by
    }
}

/// How far the answers of one section have come.
#[derive(SimpleObject)]
pub struct SectionProgress {
    /// The section's id.
    pub section_id: String,
    /// The section's title.
    pub title: String,
    /// Scored questions in the section.
    pub required: usize,
    /// Of those, how many are answered.
    pub answered: usize,
}

/// What an invitation link is exchanged for.
#[derive(SimpleObject)]
pub struct RespondentSession {
    /// Send as `Authorization: Bearer <accessToken>`; it reaches this assessment only.
    pub access_token: String,
    /// Seconds until it expires; exchange the link again after that.
    pub expires_in: i64,
    /// The assessment the token is for.
    pub assessment_id: Uuid,
}

/// The questionnaire as the supplier's respondent sees it.
pub struct RespondentAssessment(RespondentView);

/// The questionnaire as the supplier's respondent sees it.
#[Object]
impl RespondentAssessment {
    /// The assessment's id.
    async fn id(&self) -> Uuid {
        self.0.assessment.id
    }
    /// Who asks: the organisation that sent the questionnaire.
    async fn requested_by(&self) -> &str {
        &self.0.organisation
    }
    /// The supplier answering.
    async fn supplier_name(&self) -> &str {
        &self.0.supplier
    }
    /// Title of the questionnaire.
    async fn title(&self) -> &str {
        &self.0.template.title
    }
    /// Where the assessment stands.
    async fn status(&self) -> AssessmentStatus {
        self.0.assessment.status
    }
    /// Answers are due by this day.
    async fn due_date(&self) -> Option<NaiveDate> {
        self.0.assessment.due_date
    }
    /// The message from the organisation.
    async fn message(&self) -> Option<&str> {
        self.0.assessment.message.as_deref()
    }
    /// The questions by section.
    async fn sections(&self) -> Vec<TemplateSection> {
        self.0.template.sections.iter().cloned().map(TemplateSection).collect()
    }
    /// The answers saved so far, with the reviewer's notes.
    async fn answers(&self) -> Vec<AssessmentAnswer> {
        self.0.answers.iter().cloned().map(AssessmentAnswer).collect()
    }
    /// Documents uploaded so far (upload with PUT /api/assessments/{id}/evidence/{questionId}).
    async fn evidence(&self) -> Vec<crate::graphql::assessment::lifecycle::EvidenceDocument> {
        self.0.evidence.iter().cloned().map(crate::graphql::assessment::lifecycle::EvidenceDocument).collect()
    }
    /// For a colleague a respondent delegated to: the only sections shown and answerable;
    /// null for the whole questionnaire.
    async fn delegated_sections(&self) -> Option<&[String]> {
        self.0.delegated_sections.as_deref()
    }
    /// The colleagues you delegated sections to.
    async fn delegations(&self) -> Vec<Invitation> {
        self.0.delegations.iter().cloned().map(Invitation).collect()
    }
    /// Progress of each section shown: scored questions and how many are answered.
    async fn section_progress(&self) -> Vec<SectionProgress> {
        let answered: std::collections::BTreeSet<&str> =
            self.0.answers.iter().map(|a| a.question_id.as_str()).collect();
        self.0
            .template
            .sections
            .iter()
            .map(|section| {
                let scored: Vec<&str> =
                    section.questions.iter().filter(|q| q.is_scored()).map(|q| q.id.as_str()).collect();
                SectionProgress {
                    section_id: section.id.clone(),
                    title: section.title.clone(),
                    required: scored.len(),
                    answered: scored.iter().filter(|q| answered.contains(*q)).count(),
                }
            })
            .collect()
    }
    /// Answered questions whose answer still needs a supporting document before submitting.
    async fn missing_evidence(&self) -> Vec<String> {
        let documented: std::collections::BTreeSet<&str> =
            self.0.evidence.iter().map(|e| e.question_id.as_str()).collect();
        self.0
            .answers
            .iter()
            .filter(|a| !documented.contains(a.question_id.as_str()))
            .filter(|a| {
                let value = serde_json::from_value::<questionnaires::AnswerValue>(a.value.clone());
                let question = self.0.template.question(&a.question_id);
                matches!((question, value), (Some(q), Ok(v)) if q.needs_document(&v))
            })
            .map(|a| a.question_id.clone())
            .collect()
    }
    /// Questions that need an answer before submitting.
    async fn required_count(&self) -> usize {
        self.0.template.questions().filter(|q| q.is_scored()).count()
    }
    /// Of those, how many are answered.
    async fn answered_count(&self) -> usize {
        let answered: std::collections::BTreeSet<&str> =
            self.0.answers.iter().map(|a| a.question_id.as_str()).collect();
        self.0.template.questions().filter(|q| q.is_scored() && answered.contains(q.id.as_str())).count()
    }
}

#[derive(Default)]
pub struct RespondentQuery;

#[Object]
impl RespondentQuery {
    /// The respondent's own assessment (respondent tokens only).
    async fn respondent_assessment(&self, ctx: &Context<'_>) -> Result<RespondentAssessment> {
        service::assessment::respondent::view(db(ctx), caller(ctx)?).await.map(RespondentAssessment).gql()
    }
}

#[derive(Default)]
pub struct RespondentMutation;

#[Object]
impl RespondentMutation {
    /// Sends a draft assessment to the supplier's contacts: each gets an e-mail with a personal
    /// link, and the assessment is sent.
    async fn send_assessment(&self, ctx: &Context<'_>, id: Uuid, input: SendAssessmentInput) -> Result<Assessment> {
        let (sent, _) = service::assessment::invitation::send(db(ctx), caller(ctx)?, id, input).await.gql()?;
        Ok(Assessment(sent))
    }

    /// Revokes an invitation: its link and the respondent tokens from it stop working.
    async fn revoke_invitation(&self, ctx: &Context<'_>, id: Uuid) -> Result<Invitation> {
        service::assessment::invitation::revoke(db(ctx), caller(ctx)?, id).await.map(Invitation).gql()
    }

    /// Sends an invitation again as a new invitation (a new id) with a fresh link; the previous
    /// invitation is revoked, so its link and every session opened with it stay dead.
    async fn resend_invitation(&self, ctx: &Context<'_>, id: Uuid) -> Result<Invitation> {
        service::assessment::invitation::resend(db(ctx), caller(ctx)?, id).await.map(Invitation).gql()
    }

    /// Exchanges the token of an invitation link for a respondent token (no account needed).
    async fn exchange_invitation(&self, ctx: &Context<'_>, token: String) -> Result<RespondentSession> {
        let exchange = service::assessment::invitation::exchange(db(ctx), keys(ctx), &token);
        let exchanged = crate::throttle::INVITATION.guard(db(ctx), client_address(ctx), exchange).await;
        let (access_token, expires_in, assessment_id) = exchanged.gql()?;
        Ok(RespondentSession { access_token, expires_in, assessment_id })
    }

    /// Saves the respondent's answers; any number of times before submitting.
    async fn respondent_save_answers(
        &self,
        ctx: &Context<'_>,
        answers: Vec<AnswerInput>,
    ) -> Result<RespondentAssessment> {
        service::assessment::respondent::save(db(ctx), caller(ctx)?, answers).await.map(RespondentAssessment).gql()
    }

    /// Submits the answers for review (a receipt with the answers as a workbook follows by
    /// e-mail); lists every unanswered question otherwise.
    async fn respondent_submit(&self, ctx: &Context<'_>) -> Result<RespondentAssessment> {
        let submitted = service::assessment::respondent::submit(db(ctx), caller(ctx)?).await.gql()?;
        service::spreadsheet::receipt::send(db(ctx), caller(ctx)?).await;
        Ok(RespondentAssessment(submitted))
    }

    /// Hands sections to a colleague at your company: they get their own link by e-mail and
    /// answer those sections only; you still submit.
    async fn respondent_delegate_sections(
        &self,
        ctx: &Context<'_>,
        input: DelegateSectionsInput,
    ) -> Result<Invitation> {
        service::assessment::delegation::delegate(db(ctx), caller(ctx)?, input).await.map(Invitation).gql()
    }

    /// Withdraws one of your delegations; the colleague's link stops working.
    async fn respondent_withdraw_delegation(&self, ctx: &Context<'_>, id: Uuid) -> Result<Invitation> {
        service::assessment::delegation::withdraw(db(ctx), caller(ctx)?, id).await.map(Invitation).gql()
    }
}
