//! E-mails to respondents: composed here, queued in `mail_message` in the transaction of the
//! change that causes them, and sent by the worker afterwards (so a slow or failing mail
//! server never blocks or loses a change). Bodies say `{public_url}` where the address of
//! Chainward belongs; the mailer fills it in.
use crate::domain::{MailKind, MailStatus, ReminderKind};
use crate::error::ApiResult;
use crate::mail::PUBLIC_URL;
use crate::service::kernel::now;
use chrono::NaiveDate;
use entity::{assessment, finding, invitation, mail_message};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Queues one message to one invitation's respondent.
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    kind: MailKind,
    to: &invitation::Model,
    subject: String,
    body: String,
) -> ApiResult<()> {
    mail_message::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(to.organisation_id),
        kind: Set(kind),
        assessment_id: Set(Some(to.assessment_id)),
        recipient: Set(format!("{} <{}>", to.name.replace(['<', '>', '"', '\r', '\n'], ""), to.email)),
        subject: Set(subject),
        body: Set(body),
        status: Set(MailStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now()),
        locked_until: Set(None),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now()),
    }
    .insert(db)
    .await?;
    Ok(())
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

fn link(token: &str) -> String {
    format!("{PUBLIC_URL}/respond#token={token}")
}

fn due_line(due: Option<NaiveDate>) -> String {
    due.map(|d| format!("Please answer by {d}.\n")).unwrap_or_default()
}

/// Reminders and notes carry no link (tokens are kept only as hashes): they point to the
/// invitation e-mail, and the analyst can resend a fresh link.
fn link_hint(invitation: &invitation::Model) -> String {
    format!(
        "Open the questionnaire with the personal link from your invitation e-mail of {}. If you cannot find it, reply to the person who asked you and they will send a new link.\n",
        invitation.created_at.format("%Y-%m-%d")
    )
}

/// The invitation (or resent invitation) with its personal link.
pub async fn invitation_mail<C: ConnectionTrait>(
    db: &C,
    assessment: &assessment::Model,
    invitation: &invitation::Model,
    token: &str,
) -> ApiResult<()> {
    let note = assessment.message.as_deref().map(|m| format!("\n{m}\n")).unwrap_or_default();
    let body = format!(
        "Hello {},\n\nyou are invited to answer the security questionnaire \"{}\".\n{}{note}\nOpen your questionnaire:\n{}\n\nThis link is personal and valid until {}. No account is needed.\n",
        invitation.name,
        assessment.template_title,
        due_line(assessment.due_date),
        link(token),
        invitation.expires_at.format("%Y-%m-%d"),
    );
    let subject = format!("Security questionnaire: {}", assessment.template_title);
    queue(db, MailKind::Invitation, invitation, subject, body).await
}

async fn organisation_name<C: ConnectionTrait>(db: &C, id: Uuid) -> ApiResult<String> {
    Ok(entity::organisation::Entity::find_by_id(id).one(db).await?.map(|o| o.name).unwrap_or_default())
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
    let organisation = organisation_name(db, assessment.organisation_id).await?;
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
    queue(db, MailKind::Delegation, delegate, subject, body).await
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
    let body = format!("Hello {},\n\n{opening}\n\n{}", invitation.name, link_hint(invitation));
    queue(db, MailKind::Reminder, invitation, format!("{subject}: {}", assessment.template_title), body).await
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
        "Hello {},\n\nyour answers to \"{}\" were reviewed and some need a change:\n{listed}{overall}\n{}{}Please correct them and submit again.\n",
        invitation.name,
        assessment.template_title,
        due_line(assessment.due_date),
        link_hint(invitation),
    );
    queue(db, MailKind::Returned, invitation, format!("Changes requested: {}", assessment.template_title), body).await
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
            "The review found {} point(s) to remediate:\n{listed}\nReport your progress and attach documents proving each fix with the same personal link, valid until {}.\n",
            findings.len(),
            invitation.expires_at.format("%Y-%m-%d"),
        )
    };
    let body = format!(
        "Hello {},\n\nthank you: the review of your answers to \"{}\" is complete. {next}",
        invitation.name, assessment.template_title,
    );
    queue(db, MailKind::Completed, invitation, format!("Review complete: {}", assessment.template_title), body).await
}

/// A finding's remediation is overdue: the respondent who answers for it is reminded.
pub async fn finding_overdue_mail<C: ConnectionTrait>(
    db: &C,
    invitation: &invitation::Model,
    found: &finding::Model,
) -> ApiResult<()> {
    let body = format!(
        "Hello {},\n\nthe remediation of \"{}\" ({} severity) was due on {} and is not reported as resolved yet.\nPlease report your progress, or attach a document proving the fix and mark it resolved.\n\n{}",
        invitation.name,
        found.title,
        found.severity,
        found.due_date,
        link_hint(invitation),
    );
    queue(db, MailKind::FindingOverdue, invitation, format!("Remediation overdue: {}", found.title), body).await
}
