//! Workbooks for download: a template version blank, an assessment pre-filled with its
//! answers (for offline answering and re-import), and the supplier register that IR 2024/2690
//! 5.2 asks for, as xlsx or csv.
use crate::auth::{Actor, Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::{self};
use crate::service::templates::template;
use entity::{assessment_answer, evidence, supplier, supplier_contact};
use questionnaires::AnswerValue;
use questionnaires::sheet::export::{Filled, Prefill, export_template, table_csv, table_workbook};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;
use uuid::Uuid;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV: &str = "text/csv; charset=utf-8";

/// A file to hand to the user.
pub struct ExportFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

fn written<E: std::fmt::Display>(result: Result<Vec<u8>, E>) -> ApiResult<Vec<u8>> {
    result.map_err(ApiError::internal)
}

/// A published template version, blank.
pub async fn template_workbook(db: &DatabaseConnection, caller: &Caller, version_id: Uuid) -> ApiResult<ExportFile> {
    caller.require(Permission::Read)?;
    let (version, questionnaire) = template::published_template(db, caller, version_id).await?;
    let bytes = written(export_template(&questionnaire, &Prefill::default()))?;
    Ok(ExportFile { file_name: format!("{}-v{version}.xlsx", questionnaire.slug), content_type: XLSX, bytes })
}

/// An assessment's questionnaire with the answers given so far; its hidden sheet names the
/// assessment, so that the filled file comes back to it.
pub async fn assessment_workbook(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> ApiResult<ExportFile> {
    match &caller.actor {
        Actor::Respondent { assessment_id, .. } if *assessment_id != id => {
            return Err(ApiError::NotFound("assessment"));
        }
        Actor::Respondent { .. } => {}
        _ => caller.require(Permission::Read)?,
    }
    let found = assessment::find(db, caller, id).await?;
    let (_, questionnaire) = template::published_template(db, caller, found.template_version_id).await?;
    // A delegated colleague's workbook holds their sections only.
    let questionnaire = template::as_seen_by(caller, questionnaire);
    let visible: std::collections::HashSet<&str> = questionnaire.questions().map(|q| q.id.as_str()).collect();
    let answers =
        assessment_answer::Entity::find().filter(assessment_answer::Column::AssessmentId.eq(id)).all(db).await?;
    let answers = answers.into_iter().filter(|a| visible.contains(a.question_id.as_str()));
    let documents = evidence::Entity::find()
        .filter(evidence::Column::AssessmentId.eq(id))
        .filter(evidence::Column::FindingId.is_null())
        .all(db)
        .await?;
    let mut prefill = Prefill { assessment_id: Some(id.to_string()), answers: BTreeMap::new() };
    for answer in answers {
        let names: Vec<&str> =
            documents.iter().filter(|d| d.question_id == answer.question_id).map(|d| d.file_name.as_str()).collect();
        let filled = Filled {
            value: serde_json::from_value::<AnswerValue>(answer.value).ok(),
            comment: answer.comment,
            evidence: (!names.is_empty()).then(|| names.join(", ")),
        };
        prefill.answers.insert(answer.question_id, filled);
    }
    let bytes = written(export_template(&questionnaire, &prefill))?;
    let file_name = format!("{}-{}.xlsx", questionnaire.slug, &id.simple().to_string()[..8]);
    Ok(ExportFile { file_name, content_type: XLSX, bytes })
}

const REGISTER_COLUMNS: [&str; 31] = [
    "Legal name",
    "LEI",
    "VAT number",
    "DUNS",
    "National registry number",
    "Country",
    "Website",
    "Category",
    "Status",
    "Data sensitivity",
    "Access level",
    "Substitutability",
    "NIS 2 relevant",
    "ICT products and services",
    "Contract start",
    "Contract end",
    "(a) Security requirements",
    "(b) Staff training",
    "(c) Background checks",
    "(d) Incident notification",
    "(e) Right to audit",
    "(f) Vulnerability handling",
    "(g) Subcontracting",
    "(h) Termination",
    "Contact points",
    "Latest rating",
    "Latest security score",
    "Rated on",
    "Open findings",
    "Overdue findings",
    "Dependent services",
];

/// The supplier register, one row per supplier, in the order of `REGISTER_COLUMNS`.
async fn register_rows(db: &DatabaseConnection, caller: &Caller) -> ApiResult<Vec<Vec<String>>> {
    caller.require(Permission::Read)?;
    let org = caller.organisation_id;
    let suppliers = supplier::Entity::find()
        .filter(supplier::Column::OrganisationId.eq(org))
        .order_by_asc(supplier::Column::LegalName)
        .all(db)
        .await?;
    // Contacts by supplier once: scanning every contact for every supplier grew with the square
    // of the register (over two minutes at 100,000 suppliers).
    let mut contacts: BTreeMap<Uuid, Vec<supplier_contact::Model>> = BTreeMap::new();
    for contact in supplier_contact::Entity::find()
        .filter(supplier_contact::Column::OrganisationId.eq(org))
        .order_by_asc(supplier_contact::Column::Name)
        .all(db)
        .await?
    {
        contacts.entry(contact.supplier_id).or_default().push(contact);
    }
    let graph = crate::service::supply_chain::graph::load(db, caller).await?;
    let standing = crate::service::supply_chain::graph::standing(db, caller).await?;
    // Services are few: one walk down from each names the services above every supplier.
    let mut above: BTreeMap<Uuid, Vec<String>> = BTreeMap::new();
    let mut services: Vec<(&Uuid, &String)> = graph.services.iter().map(|(id, s)| (id, &s.name)).collect();
    services.sort_by(|a, b| a.1.cmp(b.1));
    for (service, name) in services {
        for reach in graph.graph.supply_chain(*service, u32::MAX) {
            above.entry(reach.node).or_default().push(name.clone());
        }
    }
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(suppliers
        .into_iter()
        .map(|s| {
            let points: Vec<String> = contacts
                .remove(&s.id)
                .unwrap_or_default()
                .iter()
                .map(|c| {
                    let role = c.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                    let phone = c.phone.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
                    format!("{} <{}>{phone}{role}", c.name, c.email)
                })
                .collect();
            let services: Vec<String> = serde_json::from_value(s.ict_services.clone()).unwrap_or_default();
            let rated = standing.latest.get(&s.id);
            let counts = standing.findings.get(&s.id).copied().unwrap_or_default();
            let dependent = above.remove(&s.id).unwrap_or_default();
            vec![
                s.legal_name,
                s.lei.unwrap_or_default(),
                s.vat_number.unwrap_or_default(),
                s.duns.unwrap_or_default(),
                s.national_registry_number.unwrap_or_default(),
                s.country,
                s.website.unwrap_or_default(),
                s.category,
                s.status.to_string(),
                s.data_sensitivity.to_string(),
                s.access_level.to_string(),
                s.substitutability.to_string(),
                if s.nis2_relevant { "yes" } else { "no" }.to_owned(),
                services.join("; "),
                date(s.contract_start),
                date(s.contract_end),
                s.clause_security_requirements.to_string(),
                s.clause_staff_training.to_string(),
                s.clause_background_checks.to_string(),
                s.clause_incident_notification.to_string(),
                s.clause_right_to_audit.to_string(),
                s.clause_vulnerability_handling.to_string(),
                s.clause_subcontracting.to_string(),
                s.clause_termination.to_string(),
                points.join("; "),
                rated.map(|r| r.rating.to_string()).unwrap_or_default(),
                rated.map(|r| format!("{:.1}", r.security_score)).unwrap_or_default(),
                rated.map(|r| r.created_at.date_naive().to_string()).unwrap_or_default(),
                counts.open.to_string(),
                counts.overdue.to_string(),
                dependent.join("; "),
            ]
        })
        .collect())
}

/// Register as CSV.
pub async fn register_csv(db: &DatabaseConnection, caller: &Caller) -> ApiResult<ExportFile> {
    let rows = register_rows(db, caller).await?;
    let bytes = table_csv(&REGISTER_COLUMNS, &rows);
    Ok(ExportFile { file_name: "supplier-register.csv".into(), content_type: CSV, bytes })
}

/// Register as xlsx.
pub async fn register_xlsx(db: &DatabaseConnection, caller: &Caller) -> ApiResult<ExportFile> {
    let rows = register_rows(db, caller).await?;
    let bytes = written(table_workbook("Register", &REGISTER_COLUMNS, &rows))?;
    Ok(ExportFile { file_name: "supplier-register.xlsx".into(), content_type: XLSX, bytes })
}
