//! What a column of a supplier register means, told from its header the way a person reads it:
//! "Vendor", "Lieferant" and "Raison sociale" are all the legal name. Headers are compared
//! folded (lower case, no accents, no punctuation), whole words only, so that "Contract end"
//! is never read as "Contact".
use serde::{Deserialize, Serialize};

/// A column's meaning in the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    LegalName,
    Lei,
    VatNumber,
    Duns,
    RegistryNumber,
    Country,
    Website,
    Category,
    Description,
    Status,
    /// The internal owner, by e-mail.
    Owner,
    DataSensitivity,
    AccessLevel,
    Substitutability,
    Nis2Relevant,
    IctServices,
    ContractStart,
    ContractEnd,
    ClauseSecurityRequirements,
    ClauseStaffTraining,
    ClauseBackgroundChecks,
    ClauseIncidentNotification,
    ClauseRightToAudit,
    ClauseVulnerabilityHandling,
    ClauseSubcontracting,
    ClauseTermination,
    /// Several contacts in one cell: `Name <mail>, phone (role); ...` (Chainward's export).
    Contacts,
    ContactName,
    ContactEmail,
    ContactPhone,
    ContactRole,
    /// One of the organisation's services that depends on the row's supplier (links sheet).
    Service,
    /// The supplier a row is about, on a contacts or links sheet.
    Supplier,
    /// A supplier's own supplier (links sheet: supplier -> subcontractor).
    Subcontractor,
    /// What the provider does for the dependent (links sheet).
    Function,
    /// Figures Chainward computes (rating, score, findings): shown in its export, never imported.
    Computed,
}

/// The headers that mean each field, folded. English first, then the EU languages most
/// registers are kept in (de, fr, es, it, nl, pl, pt).
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::LegalName,
        &[
            "legal name",
            "supplier",
            "supplier name",
            "vendor",
            "vendor name",
            "company",
            "company name",
            "name",
            "legal entity",
            "legal entity name",
            "third party",
            "third party name",
            "provider",
            "provider name",
            "organisation",
            "organization",
            "registered name",
            "lieferant",
            "firma",
            "firmenname",
            "name des lieferanten",
            "dienstleister",
            "fournisseur",
            "raison sociale",
            "nom du fournisseur",
            "denomination",
            "proveedor",
            "razon social",
            "nombre del proveedor",
            "fornitore",
            "ragione sociale",
            "denominazione",
            "leverancier",
            "bedrijfsnaam",
            "naam leverancier",
            "dostawca",
            "nazwa",
            "nazwa dostawcy",
            "fornecedor",
            "denominacao social",
        ],
    ),
    (Field::Lei, &["lei", "lei code", "legal entity identifier"]),
    (
        Field::VatNumber,
        &[
            "vat",
            "vat number",
            "vat id",
            "vat no",
            "tax id",
            "ust idnr",
            "ust id",
            "umsatzsteuer id",
            "tva",
            "numero de tva",
            "n tva",
            "nif",
            "cif",
            "partita iva",
            "p iva",
            "btw",
            "btw nummer",
            "nip",
            "nipc",
        ],
    ),
    (Field::Duns, &["duns", "d u n s", "duns number", "d u n s number"]),
    (
        Field::RegistryNumber,
        &[
            "national registry number",
            "registry number",
            "registration number",
            "company number",
            "company registration number",
            "trade register number",
            "handelsregister",
            "handelsregisternummer",
            "registernummer",
            "siren",
            "siret",
            "rcs",
            "kvk",
            "kvk nummer",
            "krs",
            "numero registro",
        ],
    ),
    (
        Field::Country,
        &[
            "country",
            "country code",
            "country of incorporation",
            "headquarters country",
            "hq country",
            "land",
            "staat",
            "sitzland",
            "pays",
            "pais",
            "paese",
            "nazione",
            "kraj",
        ],
    ),
    (
        Field::Website,
        &[
            "website",
            "web site",
            "url",
            "homepage",
            "web",
            "webseite",
            "site web",
            "sitio web",
            "sito web",
            "strona www",
        ],
    ),
    (
        Field::Category,
        &[
            "category",
            "supplier category",
            "vendor category",
            "type",
            "supplier type",
            "vendor type",
            "kategorie",
            "categorie",
            "categoria",
            "categorie leverancier",
            "kategoria",
        ],
    ),
    (
        Field::Description,
        &["description", "notes", "beschreibung", "descripcion", "descrizione", "omschrijving", "opis"],
    ),
    (Field::Status, &["status", "supplier status", "vendor status", "lifecycle", "statut", "estado", "stato"]),
    (
        Field::Owner,
        &[
            "owner",
            "owner email",
            "relationship owner",
            "business owner",
            "supplier owner",
            "vendor owner",
            "internal owner",
            "verantwortlich",
            "verantwortlicher",
            "responsable",
            "referente",
            "eigenaar",
        ],
    ),
    (Field::DataSensitivity, &["data sensitivity", "data classification", "data processed", "datenkategorie"]),
    (Field::AccessLevel, &["access level", "system access", "access", "zugriff", "acces"]),
    (Field::Substitutability, &["substitutability", "replaceability", "ersetzbarkeit", "substituabilite"]),
    (
        Field::Nis2Relevant,
        &["nis 2 relevant", "nis2 relevant", "nis 2", "nis2", "critical supplier", "nis 2 relevance"],
    ),
    (
        Field::IctServices,
        &[
            "ict products and services",
            "ict services",
            "services",
            "services provided",
            "products and services",
            "ict service",
            "leistungen",
            "dienstleistungen",
            "prestations",
            "servicios",
            "servizi",
            "diensten",
            "uslugi",
        ],
    ),
    (
        Field::ContractStart,
        &[
            "contract start",
            "contract start date",
            "start date",
            "start",
            "vertragsbeginn",
            "debut du contrat",
            "date de debut",
            "inicio del contrato",
            "inizio contratto",
            "ingangsdatum",
        ],
    ),
    (
        Field::ContractEnd,
        &[
            "contract end",
            "contract end date",
            "end date",
            "expiry",
            "expiry date",
            "contract expiry",
            "vertragsende",
            "fin du contrat",
            "date de fin",
            "fin del contrato",
            "fine contratto",
            "einddatum",
        ],
    ),
    (
        Field::ClauseSecurityRequirements,
        &["a security requirements", "security requirements", "cybersecurity requirements"],
    ),
    (Field::ClauseStaffTraining, &["b staff training", "staff training", "training"]),
    (Field::ClauseBackgroundChecks, &["c background checks", "background checks", "screening"]),
    (Field::ClauseIncidentNotification, &["d incident notification", "incident notification"]),
    (Field::ClauseRightToAudit, &["e right to audit", "right to audit", "audit rights"]),
    (Field::ClauseVulnerabilityHandling, &["f vulnerability handling", "vulnerability handling"]),
    (Field::ClauseSubcontracting, &["g subcontracting", "subcontracting", "subcontracting clause"]),
    (Field::ClauseTermination, &["h termination", "termination", "exit clause", "termination clause"]),
    (Field::Contacts, &["contact points", "contacts", "kontakte", "ansprechpartner", "contacts fournisseur"]),
    (
        Field::ContactName,
        &[
            "contact",
            "contact name",
            "contact person",
            "security contact",
            "ansprechpartner name",
            "nom du contact",
            "persona de contacto",
            "referente fornitore",
            "contactpersoon",
            "osoba kontaktowa",
        ],
    ),
    (
        Field::ContactEmail,
        &[
            "email",
            "e mail",
            "contact email",
            "contact e mail",
            "mail",
            "email address",
            "e mail address",
            "security contact email",
            "courriel",
            "correo",
            "correo electronico",
        ],
    ),
    (Field::ContactPhone, &["phone", "contact phone", "telephone", "telefon", "tel", "telefono", "telefoon", "mobile"]),
    (
        Field::ContactRole,
        &["role", "contact role", "function of contact", "rolle", "fonction", "rol", "ruolo", "funkcja"],
    ),
    (
        Field::Service,
        &[
            "service",
            "business service",
            "our service",
            "service name",
            "dependent service",
            "asset",
            "dienst",
            "geschaftsprozess",
            "processus",
            "servicio",
            "servizio",
        ],
    ),
    (
        Field::Subcontractor,
        &[
            "subcontractor",
            "sub processor",
            "subprocessor",
            "sub contractor",
            "fourth party",
            "unterauftragnehmer",
            "sous traitant",
            "subcontratista",
            "subappaltatore",
            "onderaannemer",
            "podwykonawca",
        ],
    ),
    (Field::Function, &["function", "business function", "purpose", "used for", "funktion"]),
    (
        Field::Computed,
        &[
            "latest rating",
            "latest security score",
            "rated on",
            "open findings",
            "overdue findings",
            "dependent services",
        ],
    ),
];

/// Folds a header: lower case, common Latin accents removed, punctuation to spaces, spaces
/// single; a trailing contact number ("Contact 2 email") is kept as a word.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ś' | 'š' => 's',
            'ù' | 'ú' | 'û' | 'ü' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            'ß' => 's',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if c == ' ' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_end().to_owned()
}

/// The field a header names, and which of several contacts it belongs to ("Contact 2
/// e-mail" is the second contact's e-mail); None when no field is recognised.
pub fn field_of(header: &str) -> Option<(Field, u8)> {
    let folded = fold(header);
    if folded.is_empty() || folded.len() > 80 {
        return None;
    }
    // "NIS 2 relevant" names a field with its number in it.
    if let Some(field) = exact(&folded) {
        return Some((field, 1));
    }
    // "Contact 2 email", "E-mail (2)": the number tells the contact, the rest the field.
    let mut slot = 1u8;
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| match w.parse::<u8>() {
            Ok(n) if (1..=9).contains(&n) && w.len() == 1 => {
                slot = n;
                false
            }
            _ => true,
        })
        .collect();
    let plain = words.join(" ");
    if let Some(field) = exact(&plain) {
        return Some((field, slot));
    }
    // "Contact e-mail" and "Contact 2 phone" lose their "contact"; "Name of the supplier" its filler.
    let trimmed: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "contact" | "of" | "the" | "du" | "de" | "des" | "der" | "die" | "del" | "primary"))
        .collect();
    if trimmed.len() != words.len()
        && let Some(field) = exact(&trimmed.join(" "))
    {
        let field = match field {
            Field::LegalName if words.contains(&"contact") => Field::ContactName,
            other => other,
        };
        return Some((field, slot));
    }
    None
}

fn exact(folded: &str) -> Option<Field> {
    HEADERS.iter().find(|(_, names)| names.contains(&folded)).map(|(field, _)| *field)
}

impl Field {
    /// Fields that only a contacts sheet, or a contact on a supplier row, carries.
    pub fn is_contact(self) -> bool {
        matches!(self, Field::ContactName | Field::ContactEmail | Field::ContactPhone | Field::ContactRole)
    }

    /// Fields that may appear in several columns of one sheet.
    pub fn repeats(self) -> bool {
        self.is_contact() || matches!(self, Field::IctServices | Field::Computed)
    }

    /// Fields that describe a supplier itself (the sign of a suppliers sheet).
    pub fn describes_supplier(self) -> bool {
        !self.is_contact()
            && !matches!(
                self,
                Field::LegalName
                    | Field::Contacts
                    | Field::Service
                    | Field::Supplier
                    | Field::Subcontractor
                    | Field::Function
                    | Field::Computed
            )
    }
}
