//! Findings raised by hand: from an audit, a penetration test, an incident or a certificate
//! that lapsed, rather than from a questionnaire answer. They follow the same remediation
//! workflow; without an assessment, the supplier reports on them through the analyst.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::{FindingSource, FindingStatus, Severity};
use crate::error::{ApiResult, Problems};
use crate::service::kernel::lookup;
use crate::service::{
    kernel::audit, kernel::now, kernel::outbox, kernel::settings, kernel::validate, register::supplier,
};
use chrono::{Duration, NaiveDate};
use entity::{finding, supplier_contact, user as app_user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, QueryFilter};
use serde_json::json;
use uuid::Uuid;

/// A finding raised by hand.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewFinding {
    /// The supplier concerned.
    pub supplier_id: Uuid,
    /// What falls short, e.g. "Penetration test: outdated TLS on the customer API".
    pub title: String,
    /// How serious it is; it sets the due date through the organisation's SLA.
    pub severity: Severity,
    /// ISO/IEC 27001:2022 Annex A controls concerned, e.g. ["8.24"].
    #[graphql(default)]
    pub iso_controls: Vec<String>,
    /// NIS 2 references concerned, e.g. ["21(2)(d)"].
    #[graphql(default)]
    pub nis2: Vec<String>,
    /// Overrides the due date the SLA gives.
    pub due_date: Option<NaiveDate>,
    /// What will be done, by whom.
    pub remediation_plan: Option<String>,
    /// A user of your organisation who owns the remediation.
    pub owner_id: Option<Uuid>,
    /// The supplier's contact who answers for it.
    pub contact_id: Option<Uuid>,
}

pub async fn raise(db: &DatabaseConnection, caller: &Caller, input: NewFinding) -> ApiResult<finding::Model> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let title = validate::required_line(&input.title, 300).unwrap_or_else(|m| {
        problems.add("input.title", m);
        String::new()
    });
    let plan =
        validate::optional_text(input.remediation_plan.as_deref().unwrap_or_default(), 5000).unwrap_or_else(|m| {
            problems.add("input.remediationPlan", m);
            None
        });
    let catalogues = questionnaires::catalogues();
    for (i, control) in input.iso_controls.iter().enumerate() {
        if catalogues.control(control.trim_start_matches("A.")).is_none() {
            problems.add(
                format!("input.isoControls[{i}]"),
                format!("{control} is not an ISO/IEC 27001:2022 Annex A control"),
            );
        }
    }
    for (i, reference) in input.nis2.iter().enumerate() {
        if catalogues.nis2_point_of(reference).is_none() {
            problems.add(format!("input.nis2[{i}]"), format!("{reference} is not a NIS 2 Art. 21 reference"));
        }
    }
    let today = now().date_naive();
    if input.due_date.is_some_and(|d| d < today) {
        problems.add("input.dueDate", "today or later");
    }
    let txn = begin_write(db).await?;
    supplier::get(&txn, caller, input.supplier_id).await?;
    if let Some(owner) = input.owner_id {
        let found = lookup::find_optional::<app_user::Entity>(&txn, caller, owner).await?;
        if found.is_none() {
            problems.add("input.ownerId", "not a user of your organisation");
        }
    }
    if let Some(contact) = input.contact_id {
        let found = lookup::scoped::<supplier_contact::Entity>(caller)
            .filter(supplier_contact::Column::Id.eq(contact))
            .filter(supplier_contact::Column::SupplierId.eq(input.supplier_id))
            .one(&txn)
            .await?;
        if found.is_none() {
            problems.add("input.contactId", "not a contact of this supplier");
        }
    }
    problems.into_result()?;
    let sla = settings::in_force(&txn, caller).await?.finding_sla_days;
    let days = match input.severity {
        Severity::Critical => sla.critical,
        Severity::High => sla.high,
        Severity::Medium => sla.medium,
        Severity::Low => sla.low,
    };
    let created = finding::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        supplier_id: Set(input.supplier_id),
        assessment_id: Set(None),
        question_id: Set(None),
        title: Set(title),
        severity: Set(input.severity),
        status: Set(FindingStatus::Open),
        due_date: Set(input.due_date.unwrap_or(today + Duration::days(i64::from(days)))),
        knock_out: Set(false),
        iso_refs: Set(json!(input.iso_controls.iter().map(|c| c.trim_start_matches("A.")).collect::<Vec<_>>())),
        nis2_refs: Set(json!(input.nis2)),
        created_at: Set(now()),
        updated_at: Set(now()),
        overdue_notified_at: Set(None),
        owner_id: Set(input.owner_id),
        remediation_plan: Set(plan),
        resolved_at: Set(None),
        verified_at: Set(None),
        risk_reason: Set(None),
        risk_accepted_until: Set(None),
        source: Set(FindingSource::Manual),
        contact_id: Set(input.contact_id),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "finding.create", "finding", Some(created.id), audit::diff(None, Some(&created)))
        .await?;
    let data = json!({
        "finding_id": created.id,
        "supplier_id": created.supplier_id,
        "assessment_id": null,
        "question_id": null,
        "title": created.title,
        "severity": created.severity,
        "due_date": created.due_date,
    });
    outbox::emit(&txn, caller, "finding.created", data).await?;
    txn.commit().await?;
    Ok(created)
}
