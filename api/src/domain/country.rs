//! ISO 3166-1 alpha-2 country codes, for validating the country of a supplier.
//!
//! The list is embedded rather than fetched so that validation is offline and deterministic; it
//! changes a few times per decade (last: South Sudan, 2011).

/// The 249 officially assigned codes, sorted so that lookup can binary search. User-assigned
/// (e.g. `XX`), exceptionally reserved (`UK`, `EU`) and withdrawn codes are deliberately absent:
/// a supplier's country must be one a registry or tax authority would recognise.
const CODES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD",
    "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA",
    "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE",
    "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA",
    "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
    "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA",
    "ZM", "ZW",
];

/// Whether `code` is an officially assigned ISO 3166-1 alpha-2 code. The match is exact and
/// case-sensitive: the register stores upper-case codes, so callers normalise input first.
pub fn is_iso3166_alpha2(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

/// The names registers write countries in (English, the EU's official languages, alpha-3
/// codes and everyday names such as "UK"), from Debian's iso-codes: `data/country-names.py`.
const NAMES: &str = include_str!("data/country-names.tsv");

/// Folded name -> code; a name two countries share (none today) maps to neither.
fn names() -> &'static std::collections::HashMap<String, Option<&'static str>> {
    static NAMES_BY_FOLD: std::sync::OnceLock<std::collections::HashMap<String, Option<&'static str>>> =
        std::sync::OnceLock::new();
    NAMES_BY_FOLD.get_or_init(|| {
        let mut by_name = std::collections::HashMap::new();
        for line in NAMES.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let Some(code) = fields.next() else { continue };
            for name in fields {
                let entry = by_name.entry(fold(name)).or_insert(Some(code));
                if *entry != Some(code) {
                    *entry = None;
                }
            }
        }
        by_name
    })
}

fn fold(name: &str) -> String {
    questionnaires::register::fields::fold(name)
}

/// The code of a country as a person writes it: `DE`, `de`, `DEU`, `Germany`, `Deutschland`,
/// `Allemagne`, `UK`. Anything else is refused with the text as written, never cut to two
/// letters.
pub fn code_of(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_uppercase();
    if is_iso3166_alpha2(&upper) {
        return Ok(upper);
    }
    match names().get(&fold(trimmed)) {
        Some(Some(code)) => Ok((*code).to_owned()),
        Some(None) => Err(format!("\"{trimmed}\" names more than one country; write its ISO code (e.g. DE)")),
        None => Err(format!("\"{trimmed}\" is not a country we know; write its ISO 3166-1 code (e.g. DE, FR, US)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_read_by_name_in_the_eu_languages_and_never_truncated() {
        for (text, code) in [
            ("de", "DE"),
            ("DEU", "DE"),
            ("Germany", "DE"),
            ("Deutschland", "DE"),
            ("Allemagne", "DE"),
            ("Niemcy", "DE"),
            ("Γερμανία", "DE"),
            ("  united kingdom ", "GB"),
            ("UK", "GB"),
            ("Royaume-Uni", "GB"),
            ("Países Bajos", "NL"),
            ("Suisse", "CH"),
            ("Česko", "CZ"),
            ("United States of America", "US"),
        ] {
            assert_eq!(code_of(text).as_deref(), Ok(code), "{text}");
        }
        for text in ["Germ", "Narnia", "", "EU", "X"] {
            assert!(code_of(text).is_err(), "{text:?} must be refused");
        }
        // Every code in the names file is one of ours, and every one of ours has names.
        let coded: Vec<&str> =
            NAMES.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()).collect();
        assert_eq!(coded, CODES);
    }

    #[test]
    fn list_is_complete_sorted_and_unique() {
        assert_eq!(CODES.len(), 249);
        // Strictly increasing means sorted (binary search relies on it) and free of duplicates.
        assert!(CODES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(CODES.iter().all(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn accepts_assigned_codes() {
        for code in ["DE", "FR", "GB", "US", "AD", "ZW", "SS", "CH", "IN"] {
            assert!(is_iso3166_alpha2(code), "{code} should be valid");
        }
    }

    #[test]
    fn rejects_unassigned_reserved_and_lower_case() {
        for code in ["UK", "XX", "EU", "de", "De", "", "D", "DEU", " DE"] {
            assert!(!is_iso3166_alpha2(code), "{code:?} should be invalid");
        }
    }
}
