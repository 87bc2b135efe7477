//! The demo's assessment history, played through the same service functions the API uses, so
//! that scores, findings, snapshots, audit events and e-mails are exactly what real use leaves:
//! ten suppliers assessed with supplier-lite (well-run, patchy or weak), findings at every
//! stage of remediation (owned and planned, overdue, fixed and verified, risk accepted) and a
//! campaign still out with the logistics software suppliers.
use anyhow::{Context, ensure};
use chrono::{Duration, Utc};
use entity::{supplier, supplier_contact};
use questionnaires::{AnswerType, Template};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::catalogue::LOGISTICS;
use crate::auth::{Actor, Caller};
use crate::domain::{AssessmentStatus, FindingStatus};
use crate::service::assessment::answers::AnswerInput;
use crate::service::assessment::campaign::{self, LaunchCampaign};
use crate::service::assessment::invitation::{self, SendAssessmentInput};
use crate::service::assessment::lifecycle::NewAssessment;
use crate::service::assessment::{answers, lifecycle};
use crate::service::register::supplier_filter::SupplierFilter;
use crate::service::remediation::workflow::{self as remediation, FindingPatch};
use crate::service::{remediation::supplier_side as supplier_remediation, templates::template};

/// How well a supplier answers.
#[derive(Clone, Copy)]
enum Profile {
    /// Every control in place.
    WellRun,
    /// One scored question in four falls short; knock-outs pass.
    Patchy,
    /// One in three falls short, and so does every knock-out question.
    Weak,
}

const ASSESSED: &[(&str, Profile)] = &[
    ("Cumulus Nine Hosting GmbH", Profile::Patchy),
    ("Cobbleton Payments S.A.", Profile::WellRun),
    ("Passcairn Identity AB", Profile::Weak),
    ("Palletpath WMS NV", Profile::Patchy),
    ("Fibrenorth Carrier A/S", Profile::WellRun),
    ("Dockside Telematix s.r.o.", Profile::Weak),
    ("Zollkompass Software GmbH", Profile::Patchy),
    ("Gehaltwerk Payroll GmbH", Profile::WellRun),
    ("Stratoforge Cloud B.V.", Profile::Patchy),
    ("Mailwhistle Communications Ltd", Profile::Weak),
];

/// The value a respondent of this profile gives to the `index`-th scored question.
fn answer(question: &questionnaires::Question, index: usize, profile: Profile) -> String {
    let falls_short = match profile {
        Profile::WellRun => false,
        Profile::Patchy => index % 4 == 3 && !question.knock_out,
        Profile::Weak => index % 3 == 2 || question.knock_out,
    };
    let today = Utc::now().date_naive();
    match question.answer {
        AnswerType::YesNoNa if falls_short => "no".into(),
        AnswerType::YesNoNa => question.compliant.first().cloned().unwrap_or_else(|| "yes".into()),
        AnswerType::Choice | AnswerType::MultiChoice => {
            let mut options = question.options.clone();
            options.sort_by(|a, b| b.score.total_cmp(&a.score));
            let pick = if falls_short { options.last() } else { options.first() };
            pick.map(|o| o.value.clone()).unwrap_or_default()
        }
        AnswerType::Maturity0To5 => if falls_short { "1" } else { "4" }.into(),
        AnswerType::Number => question.range.and_then(|r| r.max.or(r.min)).unwrap_or(1.0).to_string(),
        AnswerType::Date if falls_short => (today - Duration::days(900)).to_string(),
        AnswerType::Date => (today - Duration::days(60)).to_string(),
        AnswerType::Text => "Described in our information security policy, section 4.".into(),
        AnswerType::File => "iso27001-certificate.pdf".into(),
    }
}

fn answers_for(template: &Template, profile: Profile) -> Vec<AnswerInput> {
    template
        .questions()
        .filter(|q| q.is_scored())
        .enumerate()
        .map(|(i, q)| AnswerInput { question_id: q.id.clone(), value: answer(q, i, profile), comment: None })
        .collect()
}

async fn supplier_named(db: &DatabaseConnection, organisation: Uuid, name: &str) -> anyhow::Result<Uuid> {
    let found = supplier::Entity::find()
        .filter(supplier::Column::OrganisationId.eq(organisation))
        .filter(supplier::Column::LegalName.eq(name))
        .one(db)
        .await?;
    Ok(found.with_context(|| format!("demo supplier {name:?}"))?.id)
}

/// Creates, sends to the supplier's contacts, answers and completes one assessment.
async fn assess(
    db: &DatabaseConnection,
    caller: &Caller,
    supplier_id: Uuid,
    version: Uuid,
    template: &Template,
    profile: Profile,
) -> anyhow::Result<Uuid> {
    let due_date = Some(Utc::now().date_naive() + Duration::days(30));
    let draft = NewAssessment { supplier_id, template_version_id: version, due_date, message: None };
    let created = lifecycle::create(db, caller, draft).await?;
    let contacts: Vec<Uuid> = supplier_contact::Entity::find()
        .filter(supplier_contact::Column::SupplierId.eq(supplier_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .take(1)
        .collect();
    let send = SendAssessmentInput { respondent_contact_ids: contacts, due_date: None, message: None };
    invitation::send(db, caller, created.id, send).await?;
    answers::save_answers(db, caller, created.id, answers_for(template, profile)).await?;
    for status in [AssessmentStatus::Submitted, AssessmentStatus::InReview, AssessmentStatus::Completed] {
        lifecycle::change_status(db, caller, created.id, status, None).await?;
    }
    Ok(created.id)
}

/// Plays the history as the demo analyst and administrator.
pub(super) async fn add(db: &DatabaseConnection, organisation: Uuid, analyst: Uuid) -> anyhow::Result<()> {
    let caller = Caller::system(organisation, "demo");
    let lite = template::list(db, &caller)
        .await?
        .into_iter()
        .find(|t| t.slug == "supplier-lite")
        .and_then(|t| t.versions.into_iter().rev().find(|v| v.published))
        .context("the shipped supplier-lite template")?;
    let (_, questions) = template::published_template(db, &caller, lite.id).await?;
    let mut assessed = Vec::new();
    for (name, profile) in ASSESSED {
        let supplier_id = supplier_named(db, organisation, name).await?;
        let id = assess(db, &caller, supplier_id, lite.id, &questions, *profile).await?;
        assessed.push((supplier_id, id));
    }
    remediate(db, &caller, organisation, analyst, &assessed).await?;
    let launch = LaunchCampaign {
        name: "Logistics software baseline 2027".into(),
        template_version_id: lite.id,
        filter: SupplierFilter { category: Some(LOGISTICS.into()), ..SupplierFilter::default() },
        due_date: Some(Utc::now().date_naive() + Duration::days(21)),
        message: Some("Our yearly baseline questionnaire for NIS 2 supply-chain security.".into()),
    };
    campaign::launch(db, &caller, launch).await?;
    // The worker sends the rest of a large campaign; the demo is whole before it is served.
    while crate::service::assessment::campaign_send::send_pending(db).await? > 0 {}
    Ok(())
}

/// Findings at every stage: the weak suppliers' findings owned and planned (one overdue), one
/// worked on by the supplier, one fixed and verified, one accepted as a risk.
async fn remediate(
    db: &DatabaseConnection,
    caller: &Caller,
    organisation: Uuid,
    analyst: Uuid,
    assessed: &[(Uuid, Uuid)],
) -> anyhow::Result<()> {
    let findings_of = |supplier: Uuid| crate::service::scoring::history::findings(db, caller, supplier);
    let today = Utc::now().date_naive();
    let (passcairn, dockside, mailwhistle) = (assessed[2], assessed[5], assessed[9]);

    let open = findings_of(passcairn.0).await?;
    ensure!(open.len() >= 2, "the weak demo supplier has findings");
    let plan = FindingPatch {
        owner_id: Some(analyst),
        remediation_plan: Some("MFA for every administrator account, enforced by the identity provider.".into()),
        due_date: None,
    };
    remediation::update(db, caller, open[0].id, plan).await?;
    let overdue =
        FindingPatch { owner_id: Some(analyst), due_date: Some(today - Duration::days(10)), ..Default::default() };
    remediation::update(db, caller, open[1].id, overdue).await?;

    // The supplier reports progress through its link.
    let respondent = Caller {
        organisation_id: organisation,
        actor: Actor::Respondent {
            invitation_id: Uuid::nil(),
            assessment_id: dockside.1,
            email: "security@dockside-telematix.example".into(),
            sections: None,
        },
    };
    let worked = findings_of(dockside.0).await?;
    ensure!(worked.len() >= 2, "the weak demo telematics supplier has findings");
    supplier_remediation::respondent_change_status(db, &respondent, worked[0].id, FindingStatus::InProgress).await?;
    crate::service::remediation::comments::comment(
        db,
        &respondent,
        worked[0].id,
        "New incident procedure goes live on 1 March.",
    )
    .await?;
    remediation::change_status(db, caller, worked[1].id, FindingStatus::Resolved, None).await?;
    remediation::change_status(
        db,
        caller,
        worked[1].id,
        FindingStatus::Verified,
        Some("Restore test report checked: all systems back within four hours."),
    )
    .await?;

    let accepted = findings_of(mailwhistle.0).await?;
    let reason = "Mail archive is replaced in Q2; compensating control: weekly access review.";
    let until = today + Duration::days(120);
    remediation::accept_risk(db, caller, accepted.last().context("a finding")?.id, reason, until).await?;
    Ok(())
}
