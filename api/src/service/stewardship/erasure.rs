//! Erasing a person (GDPR Art. 17): a supplier contact or a user. Their e-mail address, name and
//! phone number are replaced by a stable pseudonym in every text of the organisation's rows
//! (audit trail, outbox payloads, e-mail copies, answers, comments, import reports, JSON
//! included), in one transaction; the audit trail keeps who did what, under the pseudonym.
use super::tables::{self, Change};
use crate::auth::{Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::{audit, lookup};
use entity::{rate_limit, refresh_token, supplier_contact, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use std::path::Path;
use uuid::Uuid;

/// Who to erase.
#[derive(Clone, Copy, Debug)]
pub enum Person {
    Contact(Uuid),
    User(Uuid),
}

/// What an erasure did.
#[derive(Debug)]
pub struct Erasure {
    /// The name the person goes by from now on, e.g. "Erased person 3f2a9c1b".
    pub pseudonym: String,
    /// Rows whose texts changed.
    pub rows: u64,
    /// E-mail copies in the mail folder removed (addressed to the person) or rewritten.
    pub mail_copies: usize,
}

/// Names shorter than this are left in texts (a name like "Li" would otherwise be replaced
/// inside other words); the row of the person itself is always rewritten whole.
const SHORTEST_NAME: usize = 4;

/// Erases `person` of the caller's organisation (administrators), and the copies of e-mails in
/// `mail_folder` (the transport without SMTP) that name them.
pub async fn erase(
    db: &DatabaseConnection,
    caller: &Caller,
    person: Person,
    mail_folder: Option<&Path>,
) -> ApiResult<Erasure> {
    caller.require(Permission::Administer)?;
    let (id, name, email, phone) = match person {
        Person::Contact(id) => {
            let contact = lookup::find::<supplier_contact::Entity>(db, caller, id).await?;
            (id, Some(contact.name), contact.email, contact.phone)
        }
        Person::User(id) => {
            let found = lookup::find::<user::Entity>(db, caller, id).await?;
            if matches!(caller.actor, crate::auth::Actor::User { id: me, .. } if me == id) {
                return Err(ApiError::field("userId", "you cannot erase yourself: another administrator can"));
            }
            (id, found.display_name, found.email, None)
        }
    };
    let short = &crate::auth::secret::sha256_hex(format!("{}:{id}", caller.organisation_id).as_bytes())[..8];
    let pseudonym = format!("Erased person {short}");
    let mut replacements = vec![(email.to_ascii_lowercase(), format!("erased-{short}@erased.invalid"))];
    if let Some(name) = name.filter(|n| n.trim().chars().count() >= SHORTEST_NAME) {
        replacements.push((name.trim().to_owned(), pseudonym.clone()));
    }
    if let Some(phone) = phone.filter(|p| p.chars().filter(char::is_ascii_digit).count() >= 6) {
        replacements.push((phone.trim().to_owned(), "[erased phone number]".to_owned()));
    }
    let change = |text: &str| replace_all(text, &replacements);

    let txn = crate::db::begin_write(db).await?;
    let mut rows = 0;
    for table in tables::all() {
        rows += table.rewrite(&txn, caller.organisation_id, &change).await?;
    }
    match person {
        Person::Contact(id) => {
            let mut contact = lookup::find::<supplier_contact::Entity>(&txn, caller, id).await?.into_active_model();
            contact.phone = Set(None);
            contact.role = Set(None);
            contact.update(&txn).await?;
        }
        Person::User(id) => {
            let mut found = lookup::find::<user::Entity>(&txn, caller, id).await?.into_active_model();
            found.active = Set(false);
            // No password opens it any more: not a hash at all.
            found.password_hash = Set("erased".to_owned());
            found.update(&txn).await?;
            refresh_token::Entity::delete_many().filter(refresh_token::Column::UserId.eq(id)).exec(&txn).await?;
        }
    }
    // Sign-in throttles are keyed by address, not by organisation.
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::Key.contains(email.to_ascii_lowercase()))
        .exec(&txn)
        .await?;
    let object = match person {
        Person::Contact(_) => "supplier_contact",
        Person::User(_) => "user",
    };
    audit::record(&txn, caller, "person.erase", object, Some(id), serde_json::json!({"pseudonym": pseudonym})).await?;
    txn.commit().await?;
    let mail_copies = match mail_folder {
        Some(folder) => erase_mail_copies(folder, &replacements[0].0, &change).map_err(ApiError::internal)?,
        None => 0,
    };
    Ok(Erasure { pseudonym, rows, mail_copies })
}

/// `text` with every `(from, to)` replaced, ASCII letters matched in any case; None when
/// nothing was found.
pub fn replace_all(text: &str, replacements: &[(String, String)]) -> Option<String> {
    let mut out = std::borrow::Cow::Borrowed(text);
    for (from, to) in replacements {
        if from.is_empty() {
            continue;
        }
        let lower = out.to_ascii_lowercase();
        let needle = from.to_ascii_lowercase();
        if !lower.contains(&needle) {
            continue;
        }
        // Lower-casing ASCII keeps every byte where it was, so positions carry over.
        let mut rewritten = String::with_capacity(out.len());
        let mut copied = 0;
        for (at, _) in lower.match_indices(&needle) {
            rewritten.push_str(&out[copied..at]);
            rewritten.push_str(to);
            copied = at + needle.len();
        }
        rewritten.push_str(&out[copied..]);
        out = std::borrow::Cow::Owned(rewritten);
    }
    match out {
        std::borrow::Cow::Owned(changed) => Some(changed),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

/// The mail folder's copies: those addressed to the person are removed, others that name them
/// are rewritten.
fn erase_mail_copies(folder: &Path, email: &str, change: &Change<'_>) -> std::io::Result<usize> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Ok(0) };
    let mut touched = 0;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let headers = text.split("\r\n\r\n").next().unwrap_or("");
        let addressed = headers
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("to:") && l.to_ascii_lowercase().contains(email));
        if addressed {
            std::fs::remove_file(&path)?;
            touched += 1;
        } else if let Some(rewritten) = change(&text) {
            let temporary = path.with_extension("eml.erasing");
            std::fs::write(&temporary, rewritten)?;
            std::fs::rename(&temporary, &path)?;
            touched += 1;
        }
    }
    Ok(touched)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_match_any_case_and_leave_the_rest() {
        let replacements = vec![
            ("ines@supplier.example".to_owned(), "erased-1@erased.invalid".to_owned()),
            ("Inès Müller".to_owned(), "Erased person 1".to_owned()),
        ];
        let text = "To: Inès Müller <Ines@Supplier.example>; cc ines@supplier.example, Zoë";
        assert_eq!(
            replace_all(text, &replacements).unwrap(),
            "To: Erased person 1 <erased-1@erased.invalid>; cc erased-1@erased.invalid, Zoë"
        );
        assert_eq!(replace_all("nothing here", &replacements), None);
    }
}
