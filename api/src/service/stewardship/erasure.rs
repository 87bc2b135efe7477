//! Erasing a person (GDPR Art. 17): a supplier contact or a user. Their e-mail address, name and
//! phone number are replaced by a stable pseudonym wherever the organisation's rows may hold
//! them ([`PERSONAL`]: the audit trail, event payloads, e-mail copies, answers, comments, import
//! reports), in one transaction; the audit trail keeps who did what, under the pseudonym.
use super::rewrite::{Edit, replace_all};
use super::tables;
use crate::auth::{Caller, Permission};
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::{audit, lookup};
use entity::{supplier_contact, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, IntoActiveModel};
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

/// Names shorter than this are left in other texts (a name like "Li" may be a word there too);
/// the person's own row takes the pseudonym whatever the name.
const SHORTEST_NAME: usize = 4;

/// Where a person's e-mail address, name or phone number may be written: the free texts of the
/// organisation's rows. Ids, hashes, enum values and the organisation's own texts (templates,
/// supplier names) are not among them; `every_text_column_is_classified` keeps the two lists
/// whole as tables change.
pub const PERSONAL: &[(&str, &[&str])] = &[
    ("organisation", &["settings"]),
    ("app_user", &["email", "display_name", "external_subject"]),
    ("identity_provider", &["break_glass"]),
    ("supplier", &["description"]),
    ("supplier_contact", &["name", "email", "phone", "role"]),
    ("service", &["description"]),
    ("dependency", &["description"]),
    ("campaign", &["message"]),
    ("assessment", &["message"]),
    ("assessment_answer", &["value", "raw", "comment", "review_note"]),
    ("invitation", &["email", "name"]),
    ("finding", &["title", "remediation_plan", "risk_reason"]),
    ("finding_comment", &["author", "body"]),
    ("evidence", &["file_name", "uploaded_by"]),
    ("score_snapshot", &["report"]),
    ("import_batch", &["file_name", "report", "changes", "actor_label", "foreign"]),
    ("import_row", &["data"]),
    ("outbox_event", &["payload"]),
    ("webhook_delivery", &["last_error"]),
    ("mail_message", &["recipient", "subject", "body", "last_error", "sender_name", "reply_to"]),
    ("audit_event", &["actor_label", "changes"]),
];

/// A supplier's facts: names and numbers of a company, its profile and clauses.
const SUPPLIER_FACTS: &[&str] = &[
    "legal_name",
    "lei",
    "vat_number",
    "duns",
    "national_registry_number",
    "country",
    "website",
    "category",
    "status",
    "data_sensitivity",
    "access_level",
    "substitutability",
    "ict_services",
    "clause_security_requirements",
    "clause_staff_training",
    "clause_background_checks",
    "clause_incident_notification",
    "clause_right_to_audit",
    "clause_vulnerability_handling",
    "clause_subcontracting",
    "clause_termination",
    "rating",
];

/// The text columns that hold no person's details (see [`PERSONAL`]).
pub const IMPERSONAL: &[(&str, &[&str])] = &[
    ("organisation", &["name"]),
    ("app_user", &["password_hash", "role"]),
    ("api_token", &["name", "prefix", "token_hash", "scope"]),
    ("refresh_token", &["token_hash"]),
    (
        "identity_provider",
        &[
            "issuer_url",
            "client_id",
            "client_secret",
            "allowed_domains",
            "groups_claim",
            "role_mapping",
            "default_role",
        ],
    ),
    ("sso_attempt", &["state", "nonce", "pkce_verifier"]),
    ("sso_ticket", &["ticket_hash"]),
    ("scim_group", &["display_name", "external_id", "members"]),
    ("rate_limit", &["key"]),
    ("questionnaire_template", &["slug", "title", "description", "based_on"]),
    ("template_version", &["content", "status"]),
    ("supplier", SUPPLIER_FACTS),
    ("service", &["name"]),
    ("dependency", &["function", "dependent_kind", "provider_kind"]),
    ("campaign", &["name", "template_title", "filter"]),
    ("assessment", &["template_slug", "template_title", "status"]),
    ("assessment_answer", &["question_id", "source", "verdict"]),
    ("assessment_reminder", &["kind"]),
    ("invitation", &["token_hash", "sections"]),
    ("invitation_link", &["token_hash"]),
    ("finding", &["question_id", "iso_refs", "nis2_refs", "severity", "status", "source"]),
    ("finding_comment", &["author_kind"]),
    ("evidence", &["question_id", "content_type", "sha256"]),
    ("score_snapshot", &["reason", "rating"]),
    ("import_profile", &["name", "layout", "mapping"]),
    ("import_batch", &["file_sha256", "format", "layout", "status", "kind"]),
    ("import_row", &["kind", "change"]),
    ("outbox_event", &["event_type"]),
    ("webhook_subscription", &["url", "event_types", "secret"]),
    ("webhook_delivery", &["status"]),
    ("mail_message", &["kind", "status", "attachment_name"]),
    ("audit_event", &["actor_kind", "action", "object_type"]),
    ("worker_lease", &["name", "holder"]),
    ("portfolio_view", &["payload"]),
];

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
    let edit = Edit { columns: PERSONAL, replacements: &replacements };

    let txn = crate::db::begin_write(db).await?;
    let mut rows = 0;
    for table in tables::all() {
        rows += table.rewrite(&txn, caller.organisation_id, &edit).await?;
    }
    // The person's own row takes the pseudonym whole, whatever the name's length.
    match person {
        Person::Contact(id) => {
            let mut contact = lookup::find::<supplier_contact::Entity>(&txn, caller, id).await?.into_active_model();
            contact.name = Set(pseudonym.clone());
            contact.email = Set(replacements[0].1.clone());
            contact.phone = Set(None);
            contact.role = Set(None);
            contact.update(&txn).await?;
        }
        Person::User(id) => {
            let mut found = lookup::find::<user::Entity>(&txn, caller, id).await?.into_active_model();
            found.display_name = Set(Some(pseudonym.clone()));
            found.email = Set(replacements[0].1.clone());
            found.active = Set(false);
            // No password opens it any more: not a hash at all.
            found.password_hash = Set("erased".to_owned());
            found.update(&txn).await?;
            crate::service::identity::auth::end_sessions(&txn, id).await?;
        }
    }
    let object = match person {
        Person::Contact(_) => "supplier_contact",
        Person::User(_) => "user",
    };
    audit::record(&txn, caller, "person.erase", object, Some(id), serde_json::json!({"pseudonym": pseudonym})).await?;
    txn.commit().await?;
    let mail_copies = match mail_folder {
        Some(folder) => erase_mail_copies(folder, caller.organisation_id, &replacements).map_err(ApiError::internal)?,
        None => 0,
    };
    Ok(Erasure { pseudonym, rows, mail_copies })
}

/// The organisation's copies in the mail folder (named after it): those addressed to the
/// person are removed, others that name them are rewritten.
fn erase_mail_copies(folder: &Path, organisation: Uuid, replacements: &[(String, String)]) -> std::io::Result<usize> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Ok(0) };
    let own = format!("-{}-", organisation.simple());
    let email = &replacements[0].0;
    let mut touched = 0;
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.ends_with(".eml") || !name.contains(&own) {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let headers = text.split("\r\n\r\n").next().unwrap_or("");
        let addressed = headers
            .lines()
            .filter_map(|line| line.strip_prefix("To:"))
            .any(|to| recipient(to).eq_ignore_ascii_case(email));
        if addressed {
            std::fs::remove_file(&path)?;
            touched += 1;
        } else if let Some(rewritten) = replace_all(&text, replacements) {
            let temporary = path.with_extension("eml.erasing");
            std::fs::write(&temporary, rewritten)?;
            std::fs::rename(&temporary, &path)?;
            touched += 1;
        }
    }
    Ok(touched)
}

/// The address of a `To:` header: `Name <address>` or a bare address.
fn recipient(to: &str) -> &str {
    let to = to.trim();
    match (to.rfind('<'), to.rfind('>')) {
        (Some(open), Some(close)) if open < close => &to[open + 1..close],
        _ => to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text or JSON column of every table is either where a person may be written or
    /// declared free of them: a new column must be placed before erasure can be trusted.
    #[test]
    fn every_text_column_is_classified() {
        for table in tables::all() {
            let listed = |list: &[(&str, &[&str])]| -> Vec<String> {
                let of_table = list.iter().filter(|(t, _)| *t == table.name);
                of_table.flat_map(|(_, c)| c.iter().map(|c| c.to_string())).collect()
            };
            let (personal, impersonal) = (listed(PERSONAL), listed(IMPERSONAL));
            for column in &table.text_columns {
                let places = personal.iter().chain(&impersonal).filter(|c| *c == column).count();
                assert_eq!(places, 1, "{}.{column} must be listed once, in PERSONAL or IMPERSONAL", table.name);
            }
            for column in personal.iter().chain(&impersonal) {
                assert!(table.text_columns.contains(column), "{}.{column} is listed but is no text column", table.name);
            }
        }
    }

    #[test]
    fn a_recipient_is_read_from_its_header() {
        assert_eq!(recipient(" Inès Müller <ines@supplier.example>"), "ines@supplier.example");
        assert_eq!(recipient(" ines@supplier.example"), "ines@supplier.example");
    }
}
