//! E-mails to respondents, composed here and queued through [`outgoing`] in the transaction of
//! the change that causes them; the worker sends them afterwards (so a slow or failing mail
//! server never blocks or loses a change). Every one names the organisation, carries a working
//! link and says whom a reply reaches. Bodies say `{public_url}` where the address of Chainward
//! belongs; the mailer fills it in.
use crate::domain::{MailKind, ReminderKind};
use crate::error::ApiResult;
use crate::service::kernel::now;
use crate::service::kernel::outgoing::{self, Outgoing, Sender, fresh_link, link};
use chrono::NaiveDate;
use entity::{assessment, finding, invitation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Queues one message about `assessment` to one invitation's respondent.
async fn queue<C: ConnectionTrait>(
    db: &C,
    kind: MailKind,
    assessment: &assessment::Model,
    to: &invitation::Model,
    subject: String,
    body: String,
) -> ApiResult<()> {
    let sender = outgoing::sender(db, assessment).await?;
    queue_from(db, &sender, kind, to, subject, body).await
}

/// [`queue`] with the sender already read (for a body that names the organisation).
async fn queue_from<C: ConnectionTrait>(
    db: &C,
    sender: &Sender,
    kind: MailKind,
    to: &invitation::Model,
    subject: String,
    body: String,
) -> ApiResult<()> {
    outgoing::queue(db, to, sender, Outgoing { kind, subject, body, attachment: None }).await
}

/// The invitations of an assessment whose links still work: the people to tell.
pub async fn active_invitations<C: ConnectionTrait>(db: &C, assessment_id: Uuid) -> ApiResult<Vec<invitation::Model>> {
    let found = invitation::Entity::find()
        .filter(invitation::Column::AssessmentId.eq(assessment_id))
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now()))
        .all(db)
        .await?;
    Ok(found)
}

fn due_line(due: Option<NaiveDate>) -> String {
    due.map(|d| format!("Please answer by {d}.\n")).unwrap_or_default()
}

/// The closing lines of a later message: a working link of its own, and until when.
async fn link_lines<C: ConnectionTrait>(db: &C, invitation: &invitation::Model) -> ApiResult<String> {
    Ok(format!(
        "Open your questionnaire:\n{}\n\nThis link is personal and valid until {}.\n",
        fresh_link(db, invitation).await?,
        invitation.expires_at.format("%Y-%m-%d")
    ))
}

/// The invitation (or resent invitation) with its personal link.
pub async fn invitation_mail<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    invitation: &invitation::Model,
    token: &str,
) -> ApiResult<()> {
    let note = assessment.message.as_deref().map(|m| format!("\n{m}\n")).unwrap_or_default();
    let sender = outgoing::sender(db, assessment).await?;
    let organisation = &sender.organisation;
    let body = format!(
        "Hello {},\n\n{organisation} invites you to answer the security questionnaire \"{}\".\n{}{note}\nOpen your questionnaire:\n{}\n\nThis link is personal and valid until {}. No account is needed.\n",
        invitation.name,
        assessment.template_title,
        due_line(assessment.due_date),
        link(token),
        invitation.expires_at.format("%Y-%m-%d"),
    );
    let subject = format!("Security questionnaire from {organisation}: {}", assessment.template_title);
    queue_from(db, &sender, MailKind::Invitation, invitation, subject, body).await
}

async fn supplier_name<C: ConnectionTrait>(db: &C, id: Uuid) -> ApiResult<String> {
    Ok(entity::supplier::Entity::find_by_id(id).one(db).await?.map(|s| s.legal_name).unwrap_or_default())
}

/// A colleague's invitation to answer some sections, with their own link.
pub async fn delegation_mail<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    delegate: &invitation::Model,
    from: &invitation::Model,
    sections: &[String],
    message: Option<&str>,
    token: &str,
) -> ApiResult<()> {
    // Whose request this is, plainly: the colleague, the supplier and the organisation that
    // sent the questionnaire; the colleague's note is quoted as theirs.
    let note = message.map(|m| format!("\n{} wrote:\n> {}\n", from.name, m.replace('\n', "\n> "))).unwrap_or_default();
    let sender = outgoing::sender(db, assessment).await?;
    let organisation = &sender.organisation;
    let supplier = supplier_name(db, assessment.supplier_id).await?;
    let body = format!(
        "Hello {},\n\n{} <{}> of {supplier} asks you to answer part of the security questionnaire \"{}\" that {organisation} sent to {supplier} (sections: {}).\n{}{note}\nOpen your sections:\n{}\n\nThis link is personal and valid until {}. No account is needed. If you do not know {}, ignore this message.\n",
        delegate.name,
        from.name,
        from.email,
        assessment.template_title,
        sections.join(", "),
        due_line(assessment.due_date),
        link(token),
        delegate.expires_at.format("%Y-%m-%d"),
        from.name,
    );
    let subject = format!("Your part of the security questionnaire: {}", assessment.template_title);
    queue_from(db, &sender, MailKind::Delegation, delegate, subject, body).await
}

pub async fn reminder_mail<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    invitation: &invitation::Model,
    kind: ReminderKind,
    due: NaiveDate,
) -> ApiResult<()> {
    let (subject, opening) = match kind {
        ReminderKind::BeforeDue => {
            ("Reminder", format!("the security questionnaire \"{}\" is due on {due}.", assessment.template_title))
        }
        ReminderKind::DueToday => {
            ("Due today", format!("the security questionnaire \"{}\" is due today ({due}).", assessment.template_title))
        }
        ReminderKind::Overdue => (
            "Overdue",
            format!(
                "the security questionnaire \"{}\" was due on {due} and has not been submitted yet.",
                assessment.template_title
            ),
        ),
    };
    let body = format!("Hello {},\n\n{opening}\n\n{}", invitation.name, link_lines(db, invitation).await?);
    queue(db, MailKind::Reminder, assessment, invitation, format!("{subject}: {}", assessment.template_title), body)
        .await
}

/// The receipt of a submission, with the answers as submitted attached as a workbook.
pub async fn receipt_mail<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    invitation: &invitation::Model,
    answers: (String, Vec<u8>),
) -> ApiResult<()> {
    let sender = outgoing::sender(db, assessment).await?;
    let organisation = &sender.organisation;
    let body = format!(
        "Hello {},\n\nthank you: your answers to \"{}\" reached {organisation} on {}. They are attached as a workbook ({}) for your records.\n\n{organisation} reviews them now; if something needs a change you will hear from them, and you can follow the review with your link.\n\n{}",
        invitation.name,
        assessment.template_title,
        now().format("%Y-%m-%d"),
        answers.0,
        link_lines(db, invitation).await?,
    );
    let subject = format!("Received: your answers to {}", assessment.template_title);
    let mail = Outgoing { kind: MailKind::Receipt, subject, body, attachment: Some(answers) };
    outgoing::queue(db, invitation, &sender, mail).await
}

/// The reviewer returned the questionnaire: the notes of each answer that needs a change.
pub async fn returned_mail<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    invitation: &invitation::Model,
    notes: &[(String, Option<String>)],
    note: Option<&str>,
) -> ApiResult<()> {
    let mut listed = String::new();
    for (question, text) in notes {
        listed.push_str(&format!("- {question}: {}\n", text.as_deref().unwrap_or("please review this answer")));
    }
    let overall = note.map(|n| format!("\n{n}\n")).unwrap_or_default();
    let body = format!(
        "Hello {},\n\nyour answers to \"{}\" were reviewed and some need a change:\n{listed}{overall}\nPlease correct them and submit again.\n{}\n{}",
        invitation.name,
        assessment.template_title,
        due_line(assessment.due_date),
        link_lines(db, invitation).await?,
    );
    let subject = format!("Changes requested: {}", assessment.template_title);
    queue(db, MailKind::Returned, assessment, invitation, subject, body).await
}

/// The review is complete; when it opened findings, they are listed with their due dates and
/// the respondent is asked to report the fixes through the same link.
pub async fn completed_mail<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    invitation: &invitation::Model,
    findings: &[finding::Model],
) -> ApiResult<()> {
    let next = if findings.is_empty() {
        "Nothing more is needed from you for this questionnaire.\n".to_owned()
    } else {
        let mut listed = String::new();
        for found in findings {
            listed.push_str(&format!("- {} ({}, due {})\n", found.title, found.severity, found.due_date));
        }
        format!(
            "The review found {} point(s) to remediate:\n{listed}\nReport your progress and attach documents proving each fix through your questionnaire.\n\n{}",
            findings.len(),
            link_lines(db, invitation).await?,
        )
    };
    let body = format!(
        "Hello {},\n\nthank you: the review of your answers to \"{}\" is complete. {next}",
        invitation.name, assessment.template_title,
    );
    let subject = format!("Review complete: {}", assessment.template_title);
    queue(db, MailKind::Completed, assessment, invitation, subject, body).await
}

/// A finding's remediation is overdue: the respondent who answers for it is reminded.
pub async fn finding_overdue_mail<C: ConnectionTrait>(
    db: &C,
    invitation: &invitation::Model,
    found: &finding::Model,
) -> ApiResult<()> {
    let Some(assessment) = assessment::Entity::find_by_id(invitation.assessment_id).one(db).await? else {
        return Ok(());
    };
    let body = format!(
        "Hello {},\n\nthe remediation of \"{}\" ({} severity) was due on {} and is not reported as resolved yet.\nPlease report your progress, or attach a document proving the fix and mark it resolved.\n\n{}",
        invitation.name,
        found.title,
        found.severity,
        found.due_date,
        link_lines(db, invitation).await?,
    );
    let subject = format!("Remediation overdue: {}", found.title);
    queue(db, MailKind::FindingOverdue, &assessment, invitation, subject, body).await
}
