//! Queued e-mails: claimed like webhook deliveries, sent through the mailer (SMTP or the mail
//! folder), retried with backoff, dead after [`MAX_ATTEMPTS`]. Once a message is sent, the
//! invitation token in its body and its attachment are removed: the database keeps only hashes
//! of live tokens, and the answers stay in their assessment.
use super::claim::{Queue, backoff, claim};
use crate::domain::MailStatus;
use crate::mail::{Mailer, Message, redact_tokens};
use entity::mail_message;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, IntoActiveModel};

/// Attempts before a message is given up (dead).
pub const MAX_ATTEMPTS: i32 = 8;

fn queue(lease: std::time::Duration) -> Queue<mail_message::Entity> {
    Queue {
        id: mail_message::Column::Id,
        status: mail_message::Column::Status,
        next_attempt_at: mail_message::Column::NextAttemptAt,
        locked_until: mail_message::Column::LockedUntil,
        pending: MailStatus::Pending.as_db(),
        working: MailStatus::Sending.as_db(),
        key: |row| row.id,
        lease,
    }
}

/// Claims and sends one batch, held for `lease`; returns how many were attempted.
pub async fn send_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    lease: std::time::Duration,
) -> Result<usize, sea_orm::DbErr> {
    let claimed = claim(db, &queue(lease)).await?;
    for queued in &claimed {
        let message = Message {
            to: queued.recipient.clone(),
            subject: queued.subject.clone(),
            body: queued.body.clone(),
            sender_name: queued.sender_name.clone(),
            reply_to: queued.reply_to.clone(),
            attachment: queued.attachment_name.clone().zip(queued.attachment.clone()),
            organisation: Some(queued.organisation_id),
        };
        let outcome = mailer.send(&message).await;
        let attempts = queued.attempts + 1;
        let mut row = queued.clone().into_active_model();
        row.attempts = Set(attempts);
        row.locked_until = Set(None);
        match outcome {
            Ok(()) => {
                row.status = Set(MailStatus::Sent);
                row.sent_at = Set(Some(chrono::Utc::now()));
                row.last_error = Set(None);
                row.body = Set(redact_tokens(&queued.body));
                // The answers a receipt carried are the supplier's, kept in the assessment.
                row.attachment = Set(None);
            }
            Err(error) => {
                let dead = attempts >= MAX_ATTEMPTS;
                tracing::warn!(mail = %queued.id, attempts, %error, dead, "mail could not be sent");
                row.status = Set(if dead { MailStatus::Dead } else { MailStatus::Pending });
                row.next_attempt_at = Set(chrono::Utc::now() + backoff(attempts));
                row.last_error = Set(Some(error));
            }
        }
        row.update(db).await?;
    }
    Ok(claimed.len())
}
