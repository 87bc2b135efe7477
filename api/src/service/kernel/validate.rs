//! Field checks shared by the register's inputs. Each returns the cleaned value or a message
//! in words a user understands; callers attach the field path. `check_required`,
//! `check_optional` and `patch` apply them to the fields of a row.
use crate::error::Problems;
use async_graphql::MaybeUndefined;

/// Trims and rejects empty or over-long text; line breaks and tabs are allowed (a plan, a
/// note), other control characters are not.
pub fn required_text(value: &str, max: usize) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    optional_text(value, max).map(|v| v.unwrap_or_default())
}

/// Trims; empty becomes `None`. Line breaks and tabs are allowed, other control characters not.
pub fn optional_text(value: &str, max: usize) -> Result<Option<String>, String> {
    let value = value.trim();
    if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err("must not contain control characters".into());
    }
    if value.chars().count() > max {
        return Err(format!("must be at most {max} characters"));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// A name or title: one line, trimmed, not empty, no control characters (it ends up in e-mail
/// subjects, file names and headers).
pub fn required_line(value: &str, max: usize) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    optional_line(value, max).map(|v| v.unwrap_or_default())
}

/// [`required_line`] where empty becomes `None`.
pub fn optional_line(value: &str, max: usize) -> Result<Option<String>, String> {
    if value.trim().chars().any(char::is_control) {
        return Err("must be one line without control characters".into());
    }
    optional_text(value, max)
}

/// A plausible e-mail address, lower-cased: one `@`, a local part, a dotted domain, no spaces.
pub fn email(value: &str) -> Result<String, String> {
    let value = value.trim().to_lowercase();
    let valid = value.len() <= 254
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && matches!(value.split_once('@'), Some((local, domain))
            if !local.is_empty() && !domain.contains('@') && domain.contains('.')
                && !domain.starts_with('.') && !domain.ends_with('.'));
    if valid { Ok(value) } else { Err(format!("\"{value}\" is not an e-mail address")) }
}

/// ISO 17442 Legal Entity Identifier: 18 alphanumerics and 2 check digits (ISO 7064 MOD 97-10).
pub fn lei(value: &str) -> Result<String, String> {
    let value: String = value.split_whitespace().collect::<String>().to_uppercase();
    if value.len() != 20 || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("an LEI has exactly 20 letters and digits".into());
    }
    let mut remainder: u32 = 0;
    for c in value.chars() {
        let digits = c.to_digit(36).unwrap_or(0);
        let (factor, digits) = if digits >= 10 { (100, digits) } else { (10, digits) };
        remainder = (remainder * factor + digits) % 97;
    }
    if remainder == 1 { Ok(value) } else { Err(format!("{value} fails the LEI check digits")) }
}

/// A VAT identification number: country prefix and 2-13 letters or digits, spaces and dots removed.
pub fn vat_number(value: &str) -> Result<String, String> {
    let value: String =
        value.chars().filter(|c| !c.is_whitespace() && *c != '.' && *c != '-').collect::<String>().to_uppercase();
    let valid = value.len() >= 4
        && value.len() <= 20
        && value.chars().take(2).all(|c| c.is_ascii_uppercase())
        && value.chars().skip(2).all(|c| c.is_ascii_alphanumeric());
    if valid {
        Ok(value)
    } else {
        Err("a VAT number starts with a two-letter country prefix followed by 2 to 18 letters or digits".into())
    }
}

/// A D-U-N-S number: nine digits (dashes and spaces allowed in the input).
pub fn duns(value: &str) -> Result<String, String> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if digits.len() == 9 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err("a D-U-N-S number has exactly nine digits".into())
    }
}

/// An ISO 3166-1 alpha-2 country code, upper-cased.
pub fn country(value: &str) -> Result<String, String> {
    let code = value.trim().to_uppercase();
    if crate::domain::country::is_iso3166_alpha2(&code) {
        Ok(code)
    } else {
        Err(format!("\"{}\" is not an ISO 3166-1 alpha-2 country code (e.g. DE, FR, US)", value.trim()))
    }
}

/// An http(s) address with a host; one written without a scheme ("example.com") is https.
pub fn website(value: &str) -> Result<String, String> {
    let value = value.trim();
    // People write "example.com" or "www.example.com": read as https, the scheme of the web today.
    let (value, rest) = match value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")) {
        Some(rest) => (value.to_owned(), rest),
        None if !value.contains("://") => (format!("https://{value}"), value),
        None => return Err("must be a web address (https:// or http://)".into()),
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let valid_host = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_alphanumeric() || "-.:[]".contains(c));
    if valid_host && !rest.contains(char::is_whitespace) && value.len() <= 300 {
        Ok(value)
    } else {
        Err("must be a web address such as example.com or https://example.com/security".into())
    }
}

/// A telephone number: digits with the usual separators, 5 to 40 characters.
pub fn phone(value: &str) -> Result<String, String> {
    let value = value.trim();
    let allowed = value.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    let digits = value.chars().filter(|c| c.is_ascii_digit()).count();
    if allowed && digits >= 5 && value.len() <= 40 {
        Ok(value.to_owned())
    } else {
        Err("must be a telephone number (digits, spaces, + - ( ) . /)".into())
    }
}

/// Sets, clears or keeps an optional column.
pub fn patch<T>(target: &mut Option<T>, value: MaybeUndefined<T>) {
    match value {
        MaybeUndefined::Undefined => {}
        MaybeUndefined::Null => *target = None,
        MaybeUndefined::Value(v) => *target = Some(v),
    }
}

/// Runs `check` on an optional value, recording a problem under `field` and keeping the
/// cleaned value.
pub fn check_optional(
    problems: &mut Problems,
    field: &str,
    value: &mut Option<String>,
    check: impl Fn(&str) -> Result<String, String>,
) {
    if let Some(raw) = value.as_deref() {
        if raw.trim().is_empty() {
            *value = None;
            return;
        }
        match check(raw) {
            Ok(clean) => *value = Some(clean),
            Err(message) => problems.add(field, message),
        }
    }
}

pub fn check_required(
    problems: &mut Problems,
    field: &str,
    value: &mut String,
    check: impl Fn(&str) -> Result<String, String>,
) {
    match check(value) {
        Ok(clean) => *value = clean,
        Err(message) => problems.add(field, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lei_check_digits() {
        assert_eq!(lei("5493001kjtiigc8y1r12").as_deref(), Ok("5493001KJTIIGC8Y1R12"));
        assert_eq!(lei("529900T8BM49AURSDO55").as_deref(), Ok("529900T8BM49AURSDO55"));
        assert!(lei("529900T8BM49AURSDO56").is_err());
        assert!(lei("TOO-SHORT").is_err());
    }

    #[test]
    fn identifiers_and_contacts() {
        assert_eq!(vat_number("de 123.456.789").as_deref(), Ok("DE123456789"));
        assert!(vat_number("123456789").is_err());
        assert_eq!(duns("15-048-3782").as_deref(), Ok("150483782"));
        assert!(duns("12345").is_err());
        assert_eq!(email(" Jane.Doe@Example.COM ").as_deref(), Ok("jane.doe@example.com"));
        assert!(email("jane@localhost").is_err());
        assert!(email("not an email").is_err());
        assert!(website("https://example.com/security").is_ok());
        assert_eq!(website(" example.com ").unwrap(), "https://example.com", "no scheme reads as https");
        assert_eq!(website("www.example.com/trust").unwrap(), "https://www.example.com/trust");
        assert_eq!(website("http://example.com").unwrap(), "http://example.com");
        for wrong in
            ["example", "ftp://example.com", "javascript://x.y", "exa mple.com", ".com", "https://", "https://a b.com"]
        {
            assert!(website(wrong).is_err(), "{wrong} is not a web address");
        }
        assert!(phone("+49 (0)30 1234-567").is_ok());
        assert!(phone("call me").is_err());
        assert_eq!(required_text("  Acme  ", 10).as_deref(), Ok("Acme"));
        assert!(required_text("   ", 10).is_err());
    }
}
