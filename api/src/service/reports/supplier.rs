//! The supplier report: profile and tier, the latest score with its explanation by ISO theme
//! and NIS 2 point, what cost points, knock-outs, findings and accepted risks, evidence and its
//! validity, the services that depend on the supplier, the score history and the assessment
//! trail. Every figure is read from the same service functions and stored snapshots the API
//! serves, never computed a second time here.
use super::engine;
use crate::auth::{Caller, Permission};
use crate::domain::FindingStatus;
use crate::error::{ApiError, ApiResult};
use crate::service::assessment;
use crate::service::identity::user;
use crate::service::kernel::{lookup, now};
use crate::service::register::supplier;
use crate::service::scoring::history;
use crate::service::supply_chain::neighbourhood::{Direction, UNBOUNDED, around};
use chrono::NaiveDate;
use entity::{audit_event, evidence, score_snapshot};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

const TEMPLATE: &str = include_str!("templates/supplier.typ");

/// The IR 2024/2690 5.1.4 clauses in the register's order, with their subject.
pub const CLAUSES: [(&str, &str); 8] = [
    ("(a)", "security requirements"),
    ("(b)", "staff training"),
    ("(c)", "background checks"),
    ("(d)", "incident notification"),
    ("(e)", "right to audit"),
    ("(f)", "vulnerability handling"),
    ("(g)", "subcontracting"),
    ("(h)", "termination"),
];

/// An enum as stored (`high`, `risk_accepted`), as the templates read it.
fn db_word<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The 5.1.4 clauses of a supplier as (clause, subject, present or not / unknown).
pub fn clauses(found: &entity::supplier::Model) -> Vec<(&'static str, &'static str, String)> {
    let statuses = [
        &found.clause_security_requirements,
        &found.clause_staff_training,
        &found.clause_background_checks,
        &found.clause_incident_notification,
        &found.clause_right_to_audit,
        &found.clause_vulnerability_handling,
        &found.clause_subcontracting,
        &found.clause_termination,
    ];
    CLAUSES.iter().zip(statuses).map(|((clause, subject), status)| (*clause, *subject, db_word(status))).collect()
}

/// The latest score's part of the report, from its stored snapshot.
fn score_part(latest: &score_snapshot::Model) -> Value {
    let report = &latest.report;
    let area = |area: &Value| json!({"id": area["id"], "title": area["title"], "score": area["score"], "coverage": area["coverage"]});
    // The headline figures are written here, as the API's figures rounded, so that the PDF
    // says exactly what the portal says.
    json!({
        "security_text": format!("{:.1}", latest.security_score),
        "coverage_text": format!("{:.0}", latest.coverage),
        "residual_text": format!("{:.2}", latest.residual_risk),
        "inherent_text": format!("{:.2}", latest.inherent_risk),
        "security_score": latest.security_score,
        "coverage": latest.coverage,
        "rating": db_word(&latest.rating),
        "inherent_risk": latest.inherent_risk,
        "residual_risk": latest.residual_risk,
        "confidence": report["confidence"]["value"],
        "template": report["template"],
        "taken": latest.created_at.format("%Y-%m-%d").to_string(),
        "reason": latest.reason,
        "themes": report["themes"].as_array().map(|a| a.iter().map(area).collect::<Vec<_>>()),
        "nis2": report["nis2_points"].as_array().map(|a| a.iter().map(area).collect::<Vec<_>>()),
        "summary": report["explanation"]["summary"],
        "lost": report["explanation"]["top_questions"],
        "knock_outs": report["failed_knock_outs"],
        "annex_a": report.get("annex_a_coverage").map(|c| json!({
            "questionnaire": c["questionnaire"], "covered": c["controls_covered"],
            "compliant": c["controls_compliant"], "not_covered": c["controls_not_covered"],
            "confidence": c["confidence"],
        })),
    })
}

/// Everything the supplier report shows, as the template reads it.
pub async fn data<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    supplier_id: Uuid,
    today: NaiveDate,
) -> ApiResult<Value> {
    caller.require(Permission::Read)?;
    let found = supplier::get(db, caller, supplier_id).await?;
    let organisation = user::organisation(db, caller).await?;
    let owner = match found.owner_id {
        Some(id) => lookup::find_optional::<entity::user::Entity>(db, caller, id).await?.map(|u| u.email),
        None => None,
    };
    let snapshots = history::snapshots(db, caller, supplier_id).await?;
    let findings = history::findings(db, caller, supplier_id).await?;
    let assessments = assessment::list(db, caller, Some(supplier_id), None).await?;
    let assessment_ids: Vec<Uuid> = assessments.iter().map(|a| a.id).collect();
    let documents = lookup::scoped::<evidence::Entity>(caller)
        .filter(evidence::Column::AssessmentId.is_in(assessment_ids.clone()))
        .order_by_asc(evidence::Column::ValidUntil)
        .all(db)
        .await?;
    let trail = lookup::scoped::<audit_event::Entity>(caller)
        .filter(audit_event::Column::ObjectType.eq("assessment"))
        .filter(audit_event::Column::ObjectId.is_in(assessment_ids))
        .filter(audit_event::Column::Action.is_in(["assessment.create", "assessment.status_change"]))
        .order_by_asc(audit_event::Column::CreatedAt)
        .all(db)
        .await?;
    let above = around(db, caller, &[supplier_id], Direction::Dependents, UNBOUNDED).await?;
    let services: Vec<Value> = above
        .graph
        .impacted_services(supplier_id)
        .into_iter()
        .filter_map(|reached| {
            let service = above.services.get(&reached.node)?;
            let path: Vec<&str> =
                reached.path.iter().map(|id| above.names.get(id).map_or("?", String::as_str)).collect();
            Some(json!({"name": service.name, "criticality": service.criticality,
                "nis2_critical": service.nis2_critical, "path": path.join(" → ")}))
        })
        .collect();
    let title_of = |id: Uuid| assessments.iter().find(|a| a.id == id).map(|a| a.template_title.clone());
    let open: Vec<&entity::finding::Model> = findings
        .iter()
        .filter(|f| !matches!(f.status, FindingStatus::Verified | FindingStatus::RiskAccepted))
        .collect();
    Ok(json!({
        "organisation": organisation.name,
        "generated": today.to_string(),
        "supplier": {
            "legal_name": found.legal_name, "country": found.country, "category": found.category,
            "status": db_word(&found.status), "lei": found.lei, "vat_number": found.vat_number,
            "website": found.website, "description": found.description, "owner": owner,
            "data_sensitivity": db_word(&found.data_sensitivity), "access_level": db_word(&found.access_level),
            "substitutability": db_word(&found.substitutability), "nis2_relevant": found.nis2_relevant,
            "contract_start": found.contract_start, "contract_end": found.contract_end,
            "rating": found.rating.as_ref().map(db_word), "inherent_risk": found.inherent_risk,
            "residual_risk": found.residual_risk,
            "clauses": clauses(&found).into_iter().map(|(clause, subject, status)|
                json!({"clause": clause, "subject": subject, "status": status})).collect::<Vec<_>>(),
        },
        "score": snapshots.first().map(score_part),
        "history": snapshots.iter().rev().map(|s| json!({"date": s.created_at.format("%Y-%m-%d").to_string(),
            "score": s.security_score, "rating": db_word(&s.rating), "reason": s.reason})).collect::<Vec<_>>(),
        "findings": open.iter().map(|f| json!({"title": f.title, "severity": db_word(&f.severity),
            "status": db_word(&f.status), "due": f.due_date, "overdue": f.due_date < today,
            "knock_out": f.knock_out})).collect::<Vec<_>>(),
        "risks": findings.iter().filter(|f| f.status == FindingStatus::RiskAccepted).map(|f| json!({
            "title": f.title, "reason": f.risk_reason, "until": f.risk_accepted_until})).collect::<Vec<_>>(),
        "evidence": documents.iter().map(|d| json!({"name": d.file_name, "question": d.question_id,
            "assessment": title_of(d.assessment_id), "valid_until": d.valid_until,
            "expired": d.valid_until.is_some_and(|until| until < today)})).collect::<Vec<_>>(),
        "services": services,
        "trail": trail.iter().map(|e| json!({
            "assessment": e.object_id.and_then(title_of),
            "event": if e.action == "assessment.create" { "created".to_owned() } else {
                e.changes["status"]["after"].as_str().unwrap_or("changed").replace('_', " ") },
            "when": e.created_at.format("%Y-%m-%d %H:%M").to_string(), "who": e.actor_label})).collect::<Vec<_>>(),
    }))
}

/// The supplier report as a PDF, and a file name for it.
pub async fn pdf<C: ConnectionTrait>(db: &C, caller: &Caller, supplier_id: Uuid) -> ApiResult<(String, Vec<u8>)> {
    let today = now().date_naive();
    let data = data(db, caller, supplier_id, today).await?;
    let name = data["supplier"]["legal_name"].as_str().unwrap_or("supplier").to_owned();
    let bytes = tokio::task::spawn_blocking(move || engine::render("supplier", TEMPLATE, &data, today))
        .await
        .map_err(ApiError::internal)??;
    Ok((format!("{}-report-{today}.pdf", super::file_stem(&name)), bytes))
}
