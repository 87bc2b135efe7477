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

#[cfg(test)]
mod tests {
    use super::*;

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
