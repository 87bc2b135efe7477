//! Completing an assessment: scoring its answers with the questionnaires engine, freezing the
//! score snapshot and opening the findings, in the completion's transaction.
use crate::auth::Caller;
use crate::domain::{AccessLevel, DataSensitivity, FindingSource, FindingStatus, Substitutability};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::lookup;
use crate::service::{
    kernel::now, kernel::outbox, kernel::settings, supply_chain::neighbourhood, templates::generated,
    templates::template,
};
use entity::{assessment, assessment_answer, finding, score_snapshot};
use questionnaires::Template;
use questionnaires::scoring::{self, ScoreReport, ScoringInput, ScoringPlan, ScoringSettings, SupplierContext};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use uuid::Uuid;

/// Before submission every scored question must be answered (n/a counts as an answer), and
/// a question that requires evidence needs a document unless the answer is "no" or n/a.
pub async fn check_complete<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: &assessment::Model,
) -> ApiResult<()> {
    let (template, answers) = super::combined::template_and_answers(db, caller, assessment).await?;
    let mut problems = Vec::new();
    for question in template.questions() {
        match answers.get(&question.id) {
            None if question.is_scored() => {
                problems.push(crate::error::FieldError::new(format!("answers.{}", question.id), "not answered"))
            }
            Some(answer) if answer.evidence.is_empty() && question.needs_document(&answer.value) => {
                problems.push(crate::error::FieldError::new(
                    format!("evidence.{}", question.id),
                    "this answer needs a supporting document; upload one for this question",
                ))
            }
            _ => {}
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(ApiError::Validation(problems)) }
}

/// The scoring engine's view of a supplier: its tier profile and the highest criticality among
/// the services above it, read from the graph.
pub async fn supplier_context<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    supplier_id: Uuid,
) -> ApiResult<SupplierContext> {
    let supplier = lookup::find::<entity::supplier::Entity>(db, caller, supplier_id).await?;
    let highest = neighbourhood::highest_dependent_criticality(db, caller, supplier_id).await?;
    Ok(context_of(&supplier, highest))
}

/// [`supplier_context`] for a supplier and criticality already at hand (re-scoring many).
pub fn context_of(supplier: &entity::supplier::Model, highest_service_criticality: Option<u8>) -> SupplierContext {
    SupplierContext {
        data_sensitivity: match supplier.data_sensitivity {
            DataSensitivity::None => scoring::DataSensitivity::None,
            DataSensitivity::Internal => scoring::DataSensitivity::Internal,
            DataSensitivity::Confidential => scoring::DataSensitivity::Confidential,
            DataSensitivity::Personal => scoring::DataSensitivity::Personal,
            DataSensitivity::SpecialCategory => scoring::DataSensitivity::SpecialCategory,
        },
        access_level: match supplier.access_level {
            AccessLevel::None => scoring::AccessLevel::None,
            AccessLevel::Data => scoring::AccessLevel::Data,
            AccessLevel::Network => scoring::AccessLevel::Network,
            AccessLevel::Privileged => scoring::AccessLevel::Privileged,
        },
        substitutability: match supplier.substitutability {
            Substitutability::Easy => scoring::Substitutability::Easy,
            Substitutability::Moderate => scoring::Substitutability::Moderate,
            Substitutability::Hard => scoring::Substitutability::Hard,
        },
        nis2_relevant: supplier.nis2_relevant,
        highest_service_criticality,
    }
}

/// Scores an assessment's answers as things stand today: the supplier's current profile and
/// place in the graph, the organisation's scoring settings (read once by the caller, however
/// many suppliers it scores), and the questions whose findings were fixed and verified since.
pub async fn score_assessment<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: &assessment::Model,
    context: &SupplierContext,
    settings: &ScoringSettings,
) -> ApiResult<ScoreReport> {
    let family = generated::is_family_version(db, caller, assessment.template_version_id).await?;
    let super::combined::Scored { template, answers, remediated, combined } =
        super::combined::scored(db, caller, assessment).await?;
    let plan = if combined {
        Arc::new(ScoringPlan::new(&template))
    } else {
        plan_for(assessment.template_version_id, &template)
    };
    let today = now().date_naive();
    let assessed_on = assessment.submitted_at.map_or(today, |at| at.date_naive());
    let report = scoring::score_with(
        &plan,
        &ScoringInput {
            template: &template,
            answers: &answers,
            supplier: context,
            settings,
            assessed_on,
            today,
            remediated: &remediated,
        },
    );
    // A supplier's own questionnaire, or a follow-up counting one: say what it covers.
    if family || combined {
        return Ok(report.with_coverage(questionnaires::foreign::coverage::coverage(&template, &answers, today)));
    }
    Ok(report)
}

/// The scoring plan of a published template version (immutable once published), worked out
/// once per process and kept for the next assessment of the same version: re-scoring many
/// suppliers then costs their answers, not the template's roll-up each time.
fn plan_for(version: Uuid, template: &Template) -> Arc<ScoringPlan> {
    static PLANS: OnceLock<Mutex<HashMap<Uuid, Arc<ScoringPlan>>>> = OnceLock::new();
    let plans = PLANS.get_or_init(Default::default);
    if let Ok(cached) = plans.lock()
        && let Some(plan) = cached.get(&version).filter(|p| p.fits(template))
    {
        return plan.clone();
    }
    let plan = Arc::new(ScoringPlan::new(template));
    if let Ok(mut cached) = plans.lock() {
        // Bounded: versions in use are few; an old one dropped is simply planned again.
        if cached.len() >= 256 {
            cached.clear();
        }
        cached.insert(version, plan.clone());
    }
    plan
}

/// Freezes a score as the supplier's newest snapshot and emits `score.changed`, saying why.
pub async fn store_snapshot<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    assessment: &assessment::Model,
    report: &ScoreReport,
    reason: &str,
) -> ApiResult<score_snapshot::Model> {
    let stored = score_snapshot::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        supplier_id: Set(assessment.supplier_id),
        assessment_id: Set(assessment.id),
        security_score: Set(report.security_score),
        coverage: Set(report.coverage),
        inherent_risk: Set(report.inherent_risk.value),
        residual_risk: Set(report.residual_risk),
        rating: Set(super::rating_of(report.rating)),
        report: Set(serde_json::to_value(report).map_err(ApiError::internal)?),
        created_at: Set(now()),
        reason: Set(reason.to_owned()),
    }
    .insert(db)
    .await?;
    let score = json!({
        "supplier_id": assessment.supplier_id,
        "assessment_id": assessment.id,
        "security_score": report.security_score,
        "coverage": report.coverage,
        "inherent_risk": report.inherent_risk.value,
        "residual_risk": report.residual_risk,
        "rating": report.rating.as_str(),
        "reason": reason,
    });
    outbox::emit(db, caller, "score.changed", score).await?;
    entity::supplier::Entity::update_many()
        .col_expr(entity::supplier::Column::Rating, sea_orm::sea_query::Expr::value(super::rating_of(report.rating)))
        .col_expr(entity::supplier::Column::InherentRisk, sea_orm::sea_query::Expr::value(report.inherent_risk.value))
        .col_expr(entity::supplier::Column::ResidualRisk, sea_orm::sea_query::Expr::value(report.residual_risk))
        .filter(entity::supplier::Column::Id.eq(assessment.supplier_id))
        .exec(db)
        .await?;
    Ok(stored)
}

/// Scores the answers, stores the snapshot and opens one finding per answer that falls short.
pub async fn complete<C: ConnectionTrait>(db: &C, caller: &Caller, assessment: &assessment::Model) -> ApiResult<()> {
    let context = supplier_context(db, caller, assessment.supplier_id).await?;
    let scoring = settings::in_force(db, caller).await?.scoring();
    let report = score_assessment(db, caller, assessment, &context, &scoring).await?;
    store_snapshot(db, caller, assessment, &report, "assessment completed").await?;
    let imported: BTreeSet<String> = assessment_answer::Entity::find()
        .filter(assessment_answer::Column::AssessmentId.eq(assessment.id))
        .filter(assessment_answer::Column::Source.eq("spreadsheet"))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.question_id)
        .collect();
    // The contact invited to answer is the one who answers for the remediation.
    let contact = entity::invitation::Entity::find()
        .filter(entity::invitation::Column::AssessmentId.eq(assessment.id))
        .filter(entity::invitation::Column::DelegatedBy.is_null())
        .filter(entity::invitation::Column::ContactId.is_not_null())
        .order_by_desc(entity::invitation::Column::CreatedAt)
        .one(db)
        .await?
        .and_then(|i| i.contact_id);
    if let Some(last_due) = report.findings.iter().map(|f| f.due_date).max() {
        keep_links_for_remediation(db, assessment.id, last_due).await?;
    }
    // A follow-up's score also counts the imported questionnaire's answers; their findings
    // belong to that assessment (opened when it is completed), not to this one.
    let (_, own) = template::published_template(db, caller, assessment.template_version_id).await?;
    for proposal in report.findings.iter().filter(|f| own.question(&f.question_id).is_some()) {
        let source =
            if imported.contains(&proposal.question_id) { FindingSource::Import } else { FindingSource::Assessment };
        let created = finding::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(caller.organisation_id),
            supplier_id: Set(assessment.supplier_id),
            assessment_id: Set(Some(assessment.id)),
            question_id: Set(Some(proposal.question_id.clone())),
            title: Set(proposal.title.clone()),
            severity: Set(super::severity_of(proposal.severity)),
            status: Set(FindingStatus::Open),
            due_date: Set(proposal.due_date),
            knock_out: Set(proposal.knock_out),
            iso_refs: Set(json!(proposal.iso)),
            nis2_refs: Set(json!(proposal.nis2)),
            created_at: Set(now()),
            updated_at: Set(now()),
            overdue_notified_at: Set(None),
            owner_id: Set(None),
            remediation_plan: Set(None),
            resolved_at: Set(None),
            verified_at: Set(None),
            risk_reason: Set(None),
            risk_accepted_until: Set(None),
            source: Set(source),
            contact_id: Set(contact),
        }
        .insert(db)
        .await?;
        let data = json!({
            "finding_id": created.id,
            "supplier_id": created.supplier_id,
            "assessment_id": assessment.id,
            "question_id": created.question_id,
            "title": created.title,
            "severity": created.severity,
            "due_date": created.due_date,
        });
        outbox::emit(db, caller, "finding.created", data).await?;
    }
    Ok(())
}

/// The invited respondents report remediation through their link: it stays valid until 30
/// days after the last finding is due.
async fn keep_links_for_remediation<C: ConnectionTrait>(
    db: &C,
    assessment_id: Uuid,
    last_due: chrono::NaiveDate,
) -> ApiResult<()> {
    let until = last_due.and_hms_opt(23, 59, 59).map(|t| t.and_utc()).unwrap_or_else(now) + chrono::Duration::days(30);
    for invited in crate::service::kernel::notification::active_invitations(db, assessment_id).await? {
        if invited.delegated_by.is_none() && invited.expires_at < until {
            let mut row: entity::invitation::ActiveModel = invited.into();
            row.expires_at = Set(until);
            row.update(db).await?;
        }
    }
    Ok(())
}
