//! Plausible-looking but fictional identifiers, contacts and domains for demo suppliers.
//!
//! Everything is derived from a hash of the supplier's name, so a re-seeded database shows the
//! same LEIs, VAT numbers and people, and screenshots and bug reports stay comparable.

/// FNV-1a: a stable hash of a name (std's `DefaultHasher` may change between Rust releases).
pub(super) fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The SplitMix64 finaliser: turns counters and hashes into well-spread pseudo-random values.
pub(super) fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A deterministic stream of pseudo-random values seeded from one hash.
pub(super) struct Stream(u64);

impl Stream {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(1);
        mix(self.0)
    }

    /// A value in `0..bound`.
    pub(super) fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(super) fn digits(&mut self, count: usize) -> String {
        (0..count).map(|_| char::from(b'0' + (self.next() % 10) as u8)).collect()
    }

    fn alphanumeric(&mut self, count: usize) -> String {
        const CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        (0..count).map(|_| char::from(*self.pick(CHARS))).collect()
    }
}

/// A 20-character LEI with valid ISO 17442 check digits (mod 97-10, as for IBANs), so that
/// format validation in the portal accepts it.
pub(super) fn lei(stream: &mut Stream) -> String {
    // Prefixes of real LEI issuers make the demo look familiar; the entity part is random.
    let prefix = stream.pick(&["5299", "3912", "8945", "9695", "2138"]);
    let base = format!("{prefix}00{}", stream.alphanumeric(12));
    let check = 98 - mod97(&format!("{base}00"));
    format!("{base}{check:02}")
}

/// The remainder of an alphanumeric string read as a number with A=10 .. Z=35 (ISO 7064).
pub(super) fn mod97(text: &str) -> u32 {
    text.chars().fold(0, |rem, c| match c.to_digit(36) {
        Some(value) if value >= 10 => (rem * 100 + value) % 97,
        Some(value) => (rem * 10 + value) % 97,
        None => rem,
    })
}

/// A VAT number in the country's usual shape, or `None` where VAT numbers are not customary.
pub(super) fn vat(country: &str, stream: &mut Stream) -> Option<String> {
    let number = match country {
        "AT" => format!("U{}", stream.digits(8)),
        "BE" => format!("0{}", stream.digits(9)),
        "DE" | "PT" | "GB" => stream.digits(9),
        "DK" | "FI" | "CZ" | "HU" => stream.digits(8),
        "ES" => format!("B{}", stream.digits(8)),
        "FR" => stream.digits(11),
        "IE" => format!("{}WA", stream.digits(7)),
        "IT" => stream.digits(11),
        "NL" => format!("{}B01", stream.digits(9)),
        "PL" => stream.digits(10),
        "SE" => format!("{}01", stream.digits(10)),
        "CH" => return Some(format!("CHE{} MWST", stream.digits(9))),
        _ => return None,
    };
    Some(format!("{country}{number}"))
}

/// A nine-digit D-U-N-S number.
pub(super) fn duns(stream: &mut Stream) -> String {
    stream.digits(9)
}

/// A commercial register number in the local style.
pub(super) fn registry_number(country: &str, stream: &mut Stream) -> String {
    match country {
        "DE" => format!("HRB {}", stream.digits(6)),
        "AT" => format!("FN {}{}", stream.digits(6), stream.pick(&['a', 'd', 'k', 'z'])),
        "FR" => format!("RCS {} {} {}", stream.digits(3), stream.digits(3), stream.digits(3)),
        "NL" => format!("KvK {}", stream.digits(8)),
        "BE" => format!("0{}.{}.{}", stream.digits(3), stream.digits(3), stream.digits(3)),
        "SE" => format!("556{}-{}", stream.digits(3), stream.digits(4)),
        "GB" => format!("{:08}", stream.next() % 20_000_000),
        _ => format!("{country}-{}", stream.digits(8)),
    }
}

/// The host part of a supplier's web site and e-mail addresses: the first two words of its name
/// under the reserved `.example` top-level domain, so that no real company is ever addressed.
pub(super) fn domain(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().take(2).map(fold_ascii).filter(|w| !w.is_empty()).collect();
    format!("{}.example", words.join("-"))
}

/// Lower-case ASCII letters and digits only: e-mail local parts and host names are ASCII.
fn fold_ascii(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'ä' | 'æ' => out.push_str("ae"),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' => out.push('i'),
            'ñ' => out.push('n'),
            'ó' | 'ò' | 'ô' | 'õ' => out.push('o'),
            'ö' | 'ø' => out.push_str("oe"),
            'ú' | 'ù' | 'û' => out.push('u'),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    out
}

const FIRST_NAMES: &[&str] = &[
    "Anna", "Lukas", "Camille", "Jonas", "Sofia", "Mateusz", "Elena", "Pieter", "Aoife", "Lars", "Marta", "Tomas",
    "Ingrid", "Paolo", "Nora", "Javier", "Petra", "Henrik", "Chloe", "Rui", "Priya", "Daniel", "Lea", "Mikko",
];
const LAST_NAMES: &[&str] = &[
    "Berger",
    "Lefevre",
    "de Vries",
    "Kowalczyk",
    "Rossi",
    "Lindgren",
    "Novak",
    "Moreau",
    "Brennan",
    "Jensen",
    "Virtanen",
    "Silva",
    "Garcia",
    "Hofmann",
    "Peeters",
    "Nowak",
    "Bauer",
    "Costa",
    "Walsh",
    "Marchetti",
    "Iyer",
    "Keller",
    "Dubois",
    "Holm",
];

/// One person at a supplier.
pub(super) struct Contact {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub role: &'static str,
}

/// An account manager, plus a security contact for suppliers that touch our data or systems:
/// those are the people an incident or a questionnaire has to reach.
pub(super) fn contacts(domain: &str, country: &str, security: bool, stream: &mut Stream) -> Vec<Contact> {
    let mut person = |role: &'static str, mailbox: Option<&str>| {
        let first = *stream.pick(FIRST_NAMES);
        let last = *stream.pick(LAST_NAMES);
        let local = mailbox.map_or_else(|| format!("{}.{}", fold_ascii(first), fold_ascii(last)), str::to_owned);
        let phone = dialling_code(country).map(|code| format!("+{code} {} {}", stream.digits(3), stream.digits(4)));
        Contact { name: format!("{first} {last}"), email: format!("{local}@{domain}"), phone, role }
    };
    let mut out = vec![person("Account manager", None)];
    if security {
        out.push(person("Security contact", Some("security")));
    }
    out
}

fn dialling_code(country: &str) -> Option<u16> {
    Some(match country {
        "AT" => 43,
        "BE" => 32,
        "CH" => 41,
        "CZ" => 420,
        "DE" => 49,
        "DK" => 45,
        "ES" => 34,
        "FI" => 358,
        "FR" => 33,
        "GB" => 44,
        "HU" => 36,
        "IE" => 353,
        "IN" => 91,
        "IT" => 39,
        "NL" => 31,
        "PL" => 48,
        "PT" => 351,
        "SE" => 46,
        "US" => 1,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leis_have_valid_check_digits() {
        let mut stream = Stream::new(fnv("Cumulus Nine Hosting GmbH"));
        for _ in 0..100 {
            let lei = lei(&mut stream);
            assert_eq!(lei.len(), 20);
            assert!(lei.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
            assert_eq!(mod97(&lei), 1, "{lei}");
        }
    }

    #[test]
    fn domains_are_ascii_and_reserved() {
        assert_eq!(domain("Veilleur Sécurité SARL"), "veilleur-securite.example");
        assert_eq!(domain("Supplier 00045 SaaS GmbH"), "supplier-00045.example");
    }
}
