//! A supplier's own questionnaire over GraphQL: recognised and previewed with its coverage,
//! committed with commitImport, and followed up with only the questions it left open.
use super::import_batch::ImportBatch;
use crate::error::GqlResultExt;
use crate::graphql::assessment::evidence::read_upload;
use crate::graphql::assessment::lifecycle::Assessment;
use crate::graphql::{caller, db, sheet_reader};
use crate::service::spreadsheet::gap::NewGapAssessment;
use crate::service::spreadsheet::import::MAX_IMPORT_BYTES;
use crate::service::{self};
use async_graphql::{Context, Enum, Object, Result, SimpleObject, Upload};
use questionnaires::foreign::{self as foreign, MappingSource};
use uuid::Uuid;

/// How far a foreign questionnaire's answers reach one Annex A control.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ControlCoverageStatus {
    /// Every answer mapped to it is compliant.
    Compliant,
    /// Answered, but at least one answer falls short.
    NonCompliant,
    /// Only N/A answers reach it.
    NotApplicable,
    /// No answered question maps to it.
    NotCovered,
}

/// One answer counted towards a control.
#[derive(SimpleObject)]
pub struct ControlEvidence {
    /// The question as the questionnaire numbers it, e.g. `IAM-02.1`.
    pub question_id: String,
    /// yes, no, partial, n/a or unanswered.
    pub answer: String,
    /// How many controls the question maps to.
    pub spread: i32,
    /// 1 / spread: the share of one answer this control receives.
    pub weight: f64,
}

/// One Annex A control and what the questionnaire says about it.
#[derive(SimpleObject)]
pub struct ControlCoverage {
    /// e.g. `5.15`.
    pub id: String,
    /// The control's title in the standard.
    pub title: String,
    /// Whether the answers reach it, and how.
    pub status: ControlCoverageStatus,
    /// The answered questions' weights summed, at most 1.
    pub strength: f64,
    /// The questions mapped to it and their answers.
    pub evidence: Vec<ControlEvidence>,
}

/// One NIS 2 Art. 21(2) point: how many of its related Annex A controls were covered.
#[derive(SimpleObject)]
pub struct Nis2PointCoverage {
    /// e.g. `21(2)(d)`.
    pub id: String,
    /// The point's subject.
    pub title: String,
    /// Annex A controls the ENISA mapping relates to the point.
    pub controls: i32,
    /// Of those, how many the answers cover.
    pub covered: i32,
}

/// What a supplier's own questionnaire covers of ISO/IEC 27001:2022 Annex A and NIS 2.
#[derive(SimpleObject)]
pub struct QuestionnaireCoverage {
    /// e.g. `CSA CAIQ v4.0.3`.
    pub questionnaire: String,
    /// Questions read.
    pub questions: i32,
    /// Questions that count towards a control.
    pub questions_mapped: i32,
    /// Questions that do not: no crosswalk row, deliberately unmapped, or no yes / no answer.
    pub questions_not_mapped: Vec<String>,
    /// Annex A controls reached by an answered question (compliant or not).
    pub controls_covered: i32,
    /// Of those, controls whose answers are all compliant.
    pub controls_compliant: i32,
    /// Annex A controls no answered question reaches.
    pub controls_not_covered: i32,
    /// 0-1: mean strength of the covered controls (a broad question counts 1/n for each of its n controls).
    pub confidence: f64,
    /// Every Annex A control, in the standard's order.
    pub controls: Vec<ControlCoverage>,
    /// The NIS 2 Art. 21(2) points (a)-(j).
    pub nis2_points: Vec<Nis2PointCoverage>,
    /// In words: what was covered, how strongly, and the rule.
    pub explanation: Vec<String>,
}

impl From<foreign::Coverage> for QuestionnaireCoverage {
    fn from(c: foreign::Coverage) -> Self {
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        QuestionnaireCoverage {
            questionnaire: c.questionnaire,
            questions: count(c.questions),
            questions_mapped: count(c.questions_mapped),
            questions_not_mapped: c.questions_not_mapped,
            controls_covered: count(c.controls_covered),
            controls_compliant: count(c.controls_compliant),
            controls_not_covered: count(c.controls_not_covered),
            confidence: c.confidence,
            controls: c
                .controls
                .into_iter()
                .map(|control| ControlCoverage {
                    id: control.id,
                    title: control.title,
                    status: match control.status {
                        foreign::ControlStatus::Compliant => ControlCoverageStatus::Compliant,
                        foreign::ControlStatus::NonCompliant => ControlCoverageStatus::NonCompliant,
                        foreign::ControlStatus::NotApplicable => ControlCoverageStatus::NotApplicable,
                        foreign::ControlStatus::NotCovered => ControlCoverageStatus::NotCovered,
                    },
                    strength: control.strength,
                    evidence: control
                        .evidence
                        .into_iter()
                        .map(|e| ControlEvidence {
                            question_id: e.question_id,
                            answer: e.answer,
                            spread: count(e.spread),
                            weight: e.weight,
                        })
                        .collect(),
                })
                .collect(),
            nis2_points: c
                .nis2_points
                .into_iter()
                .map(|p| Nis2PointCoverage {
                    id: p.id,
                    title: p.title,
                    controls: count(p.controls),
                    covered: count(p.covered),
                })
                .collect(),
            explanation: c.explanation,
        }
    }
}

/// One question of the supplier's questionnaire and the controls it counts towards.
#[derive(SimpleObject)]
pub struct QuestionMapping {
    /// The question as the questionnaire numbers it.
    pub question_id: String,
    /// Annex A controls; empty when not mapped.
    pub controls: Vec<String>,
    /// Where they come from, in words: the workbook's own crosswalk, a shipped crosswalk file,
    /// the control number itself, or why it is not mapped.
    pub source: String,
}

/// The family a workbook was recognised as.
#[derive(SimpleObject)]
pub struct RecognisedQuestionnaire {
    /// caiq-v3, caiq-v4, hecvat-3, hecvat-4, iso27001-soa or unknown.
    pub family: String,
    /// e.g. `CSA CAIQ v4.0.3`.
    pub name: String,
    /// As the workbook prints it (`4.0.3`, `3.04`), or 2022 / 2013 for an SoA.
    pub version: Option<String>,
    /// Full or Lite where the family has editions.
    pub edition: Option<String>,
    /// Why, in words.
    pub evidence: Vec<String>,
    /// Where the workbook's own crosswalk was read, if it had one.
    pub crosswalk_sheets: Vec<String>,
    /// Every question and the Annex A controls it counts towards.
    pub mapping: Vec<QuestionMapping>,
}

impl RecognisedQuestionnaire {
    /// A foreign batch's recognition and mapping, read without its template.
    pub fn of(batch: &entity::import_batch::Model) -> Option<RecognisedQuestionnaire> {
        use service::spreadsheet::foreign::Foreign;
        let recognised: foreign::Recognised = Foreign::part(batch, "recognised")?;
        let mapping: Vec<foreign::MappedQuestion> = Foreign::part(batch, "mapping").unwrap_or_default();
        let read_from: Vec<String> = Foreign::part(batch, "read_from").unwrap_or_default();
        Some(RecognisedQuestionnaire {
            family: recognised.family.slug().to_owned(),
            name: recognised.name(),
            version: recognised.version,
            edition: recognised.edition,
            evidence: recognised.evidence,
            crosswalk_sheets: read_from,
            mapping: mapping
                .into_iter()
                .map(|m| QuestionMapping {
                    question_id: m.question_id,
                    controls: m.controls,
                    source: match m.source {
                        MappingSource::Workbook { read_from } => format!("the workbook's own crosswalk ({read_from})"),
                        MappingSource::Crosswalk { file } => format!("crosswalk {file}"),
                        MappingSource::AnnexA => "the Annex A control number".to_owned(),
                        MappingSource::NotMapped { reason } => format!("not mapped: {reason}"),
                    },
                })
                .collect(),
        })
    }
}

/// Whether a question of our template is asked in the follow-up, and why.
#[derive(SimpleObject)]
pub struct GapQuestion {
    /// The question of our template.
    pub question_id: String,
    /// Whether the follow-up asks it.
    pub asked: bool,
    /// e.g. `A.5.15 not covered` or `A.8.24 met by CSA CAIQ v4.0.3`.
    pub reason: String,
}

/// A follow-up assessment and the decision for every question of the template.
#[derive(SimpleObject)]
pub struct GapAssessment {
    /// The follow-up, a draft: send it like any assessment.
    pub assessment: Assessment,
    /// Every scored question of the template: asked or not, and why.
    pub questions: Vec<GapQuestion>,
}

#[derive(Default)]
pub struct ForeignMutation;

#[Object]
impl ForeignMutation {
    /// Reads a supplier's own filled-in questionnaire (CAIQ, HECVAT, an ISO 27001 SoA; multipart
    /// upload): recognises its family and version, maps its questions to Annex A through the
    /// crosswalk, and reports the coverage. commitImport then records it as an assessment.
    #[graphql(complexity = "crate::graphql::EXPENSIVE + child_complexity")]
    async fn preview_supplier_questionnaire(
        &self,
        ctx: &Context<'_>,
        supplier_id: Uuid,
        file: Upload,
    ) -> Result<ImportBatch> {
        let (name, bytes) = read_upload(ctx, &file, MAX_IMPORT_BYTES).await.gql()?;
        service::spreadsheet::foreign::preview(db(ctx), sheet_reader(ctx), caller(ctx)?, supplier_id, &name, bytes)
            .await
            .map(ImportBatch)
            .gql()
    }

    /// Prepares a follow-up (a draft) with only the questions of `templateId` that the
    /// supplier's own questionnaire did not cover or answered short; its score counts both.
    async fn create_gap_assessment(&self, ctx: &Context<'_>, input: NewGapAssessment) -> Result<GapAssessment> {
        let (created, decisions) = service::spreadsheet::gap::create(db(ctx), caller(ctx)?, input).await.gql()?;
        Ok(GapAssessment {
            assessment: Assessment(created),
            questions: decisions
                .into_iter()
                .map(|d| GapQuestion { question_id: d.question_id, asked: d.asked, reason: d.reason })
                .collect(),
        })
    }
}
