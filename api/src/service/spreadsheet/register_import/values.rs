//! What the text of a register's cells means: countries by name in the EU languages, dates
//! as people write them, statuses and tier profile values in a few languages, yes and no, and
//! contacts written several to a cell. Anything not clearly one value is a problem at its
//! cell, never a guess.
use crate::domain::{AccessLevel, ClauseStatus, DataSensitivity, Substitutability, SupplierStatus};
use chrono::NaiveDate;
use questionnaires::register::{Field, SheetRow};
use questionnaires::sheet::vocab::yes_no;

/// A contact read from a row: its cell (the e-mail's), and what it says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactIn {
    pub cell: String,
    pub name: Option<String>,
    pub email: String,
    pub phone: Option<String>,
    pub role: Option<String>,
}

fn word(text: &str) -> String {
    questionnaires::register::fields::fold(text).replace(' ', "_")
}

/// A life-cycle status.
pub fn status(text: &str) -> Result<SupplierStatus, String> {
    Ok(match word(text).as_str() {
        "prospect" | "candidate" | "evaluation" | "potential" | "interessent" | "prospekt" | "candidat"
        | "potentiel" | "prospecto" | "potenziale" | "kandidaat" | "potencjalny" => SupplierStatus::Prospect,
        "onboarding" | "in_onboarding" | "onboarding_in_progress" => SupplierStatus::Onboarding,
        "active" | "approved" | "aktiv" | "freigegeben" | "actif" | "activo" | "attivo" | "actief" | "aktywny" => {
            SupplierStatus::Active
        }
        "offboarding" | "exit" | "in_exit" => SupplierStatus::Offboarding,
        "terminated" | "inactive" | "ended" | "former" | "beendet" | "inaktiv" | "resilie" | "inactif" | "termine"
        | "inactivo" | "terminato" | "inattivo" | "beeindigd" | "inactief" | "zakonczony" => SupplierStatus::Terminated,
        _ => return Err(choices(text, "prospect, onboarding, active, offboarding or terminated")),
    })
}

pub fn data_sensitivity(text: &str) -> Result<DataSensitivity, String> {
    Ok(match word(text).as_str() {
        "none" | "no_data" | "public" | "keine" | "aucune" => DataSensitivity::None,
        "internal" | "intern" | "interne" => DataSensitivity::Internal,
        "confidential" | "vertraulich" | "confidentiel" | "confidencial" | "riservato" | "vertrouwelijk" => {
            DataSensitivity::Confidential
        }
        "personal"
        | "personal_data"
        | "pii"
        | "personenbezogen"
        | "personenbezogene_daten"
        | "donnees_personnelles" => DataSensitivity::Personal,
        "special_category" | "special_categories" | "special_category_data" | "art_9" | "health" | "health_data" => {
            DataSensitivity::SpecialCategory
        }
        _ => return Err(choices(text, "none, internal, confidential, personal or special_category")),
    })
}

pub fn access_level(text: &str) -> Result<AccessLevel, String> {
    Ok(match word(text).as_str() {
        "none" | "no_access" | "keiner" | "kein_zugriff" | "aucun" => AccessLevel::None,
        "data" | "data_only" | "daten" | "donnees" => AccessLevel::Data,
        "network" | "netzwerk" | "reseau" | "red" | "rete" | "netwerk" => AccessLevel::Network,
        "privileged" | "admin" | "administrative" | "administrator" | "privilegiert" | "privilegie" => {
            AccessLevel::Privileged
        }
        _ => return Err(choices(text, "none, data, network or privileged")),
    })
}

/// How hard the supplier is to replace. "High" and "low" are refused: a high substitutability
/// is an easy replacement, and registers use them both ways.
pub fn substitutability(text: &str) -> Result<Substitutability, String> {
    Ok(match word(text).as_str() {
        "easy" | "einfach" | "facile" | "facil" | "makkelijk" => Substitutability::Easy,
        "moderate" | "medium" | "mittel" | "moyen" | "moyenne" | "medio" | "gemiddeld" => Substitutability::Moderate,
        "hard" | "difficult" | "schwer" | "schwierig" | "difficile" | "dificil" | "moeilijk" => Substitutability::Hard,
        _ => return Err(choices(text, "easy, moderate or hard")),
    })
}

pub fn clause(text: &str) -> Result<ClauseStatus, String> {
    let word = word(text);
    match word.as_str() {
        "present" | "in_place" | "included" | "vorhanden" | "enthalten" => return Ok(ClauseStatus::Present),
        "absent" | "missing" | "fehlt" | "manquant" => return Ok(ClauseStatus::Absent),
        "unknown" | "not_checked" | "unbekannt" | "inconnu" | "desconocido" | "sconosciuto" | "onbekend" => {
            return Ok(ClauseStatus::Unknown);
        }
        _ => {}
    }
    match yes_no(text) {
        Some("yes") => Ok(ClauseStatus::Present),
        Some("no") => Ok(ClauseStatus::Absent),
        _ => Err(choices(text, "present, absent or unknown (or yes / no)")),
    }
}

pub fn yes_or_no(text: &str) -> Result<bool, String> {
    match yes_no(text) {
        Some("yes") => Ok(true),
        Some("no") => Ok(false),
        _ => Err(choices(text, "yes or no")),
    }
}

fn choices(text: &str, allowed: &str) -> String {
    format!("\"{}\" is not one of {allowed}", text.trim())
}

/// A date as registers write it: `2026-03-31` (or a date cell), `31.03.2026`, `31/03/2026`
/// when the day is past 12, or a spreadsheet serial number. `03/04/2026` is refused: day and
/// month order cannot be told.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let refused = || format!("\"{text}\" is not a date; write it as YYYY-MM-DD");
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(date);
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%d.%m.%Y") {
        return Ok(date);
    }
    if let Ok(serial) = text.parse::<u32>() {
        // Serials of 1990-2100, counted the way spreadsheets count them (from 1899-12-30).
        return match (32_874..=73_051).contains(&serial) {
            true => Ok(NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default() + chrono::Days::new(serial.into())),
            false => Err(refused()),
        };
    }
    let parts: Vec<u32> = text.split(['/', '-']).filter_map(|p| p.trim().parse().ok()).collect();
    if let [a, b, year] = parts[..]
        && year > 1900
    {
        let (day, month) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return Err(format!("\"{text}\" could be either day or month first; write it as YYYY-MM-DD")),
        };
        return NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(refused);
    }
    Err(refused())
}

/// A list cell (`Hosting; Backup`, or one per line).
pub fn list(text: &str) -> Vec<String> {
    text.split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The contacts of a row: the numbered contact columns, then a cell of several contacts.
pub fn contacts(row: &SheetRow) -> Result<Vec<ContactIn>, (String, String)> {
    let mut by_slot: std::collections::BTreeMap<u8, ContactIn> = Default::default();
    for cell in row.cells.iter().filter(|c| c.field.is_contact()) {
        let contact = by_slot.entry(cell.slot).or_default();
        match cell.field {
            Field::ContactName => contact.name = Some(cell.text.clone()),
            Field::ContactEmail => {
                contact.email = cell.text.clone();
                contact.cell = cell.cell.clone();
            }
            Field::ContactPhone => contact.phone = Some(cell.text.clone()),
            _ => contact.role = Some(cell.text.clone()),
        }
    }
    let mut found = Vec::new();
    for (_, contact) in by_slot {
        if contact.email.is_empty() {
            let cell = row.place(Field::ContactEmail);
            return Err((cell, "a contact needs an e-mail address".into()));
        }
        found.push(contact);
    }
    for cell in row.cells.iter().filter(|c| c.field == Field::Contacts) {
        for written in list(&cell.text) {
            found.push(written_contact(&written, &cell.cell).map_err(|m| (cell.cell.clone(), m))?);
        }
    }
    Ok(found)
}

/// `Name <mail>, phone (role)` as Chainward's export writes it, or a bare address.
fn written_contact(text: &str, cell: &str) -> Result<ContactIn, String> {
    let (name, rest) = match (text.find('<'), text.find('>')) {
        (Some(open), Some(close)) if open < close => (text[..open].trim(), &text[open + 1..]),
        _ if text.contains('@') && !text.contains(' ') => {
            return Ok(ContactIn { cell: cell.into(), email: text.into(), ..Default::default() });
        }
        _ => return Err(format!("\"{text}\" is not a contact; write \"Name <e-mail>\"")),
    };
    let close = rest.find('>').unwrap_or(rest.len());
    let (email, mut tail) = (rest[..close].trim(), rest[close + 1..].trim());
    let mut role = None;
    if tail.ends_with(')')
        && let Some(open) = tail.rfind('(')
    {
        role = Some(tail[open + 1..tail.len() - 1].trim().to_owned());
        tail = tail[..open].trim();
    }
    let phone = tail.trim_start_matches(',').trim();
    Ok(ContactIn {
        cell: cell.into(),
        name: (!name.is_empty()).then(|| name.to_owned()),
        email: email.to_owned(),
        phone: (!phone.is_empty()).then(|| phone.to_owned()),
        role: role.filter(|r| !r.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_when_clear_and_refused_when_not() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date("2026-03-31"), Ok(ymd(2026, 3, 31)));
        assert_eq!(date("31.03.2026"), Ok(ymd(2026, 3, 31)));
        assert_eq!(date("31/03/2026"), Ok(ymd(2026, 3, 31)));
        assert_eq!(date("03/31/2026"), Ok(ymd(2026, 3, 31)));
        assert_eq!(date("46112"), Ok(ymd(2026, 3, 31)));
        assert!(date("03/04/2026").unwrap_err().contains("either day or month"));
        assert!(date("soon").is_err());
        assert!(date("12").is_err());
    }

    #[test]
    fn words_in_several_languages_and_never_a_guess() {
        assert_eq!(status("Aktiv"), Ok(SupplierStatus::Active));
        assert_eq!(status("résilié"), Ok(SupplierStatus::Terminated));
        assert!(status("maybe").unwrap_err().contains("prospect, onboarding"));
        assert_eq!(data_sensitivity("Special category"), Ok(DataSensitivity::SpecialCategory));
        assert!(substitutability("High").is_err(), "high is read both ways: refused");
        assert_eq!(clause("Ja"), Ok(ClauseStatus::Present));
        assert_eq!(clause("absent"), Ok(ClauseStatus::Absent));
        assert_eq!(yes_or_no("oui"), Ok(true));
    }

    #[test]
    fn contacts_as_the_export_writes_them() {
        let read = written_contact("Anna Berg <anna@n.example>, +49 30 1234 (CISO)", "A1").unwrap();
        assert_eq!(read.name.as_deref(), Some("Anna Berg"));
        assert_eq!(read.email, "anna@n.example");
        assert_eq!(read.phone.as_deref(), Some("+49 30 1234"));
        assert_eq!(read.role.as_deref(), Some("CISO"));
        let bare = written_contact("ops@n.example", "A1").unwrap();
        assert_eq!((bare.email.as_str(), bare.name), ("ops@n.example", None));
        assert!(written_contact("call Anna", "A1").is_err());
    }
}
