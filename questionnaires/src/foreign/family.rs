//! Which questionnaire family a filled-in workbook is, read from what it holds: the share of
//! its question ids that each family's crosswalk knows (a CAIQ v4 has `A&A-`, `CEK-`, `UEM-`
//! controls that v3 lacks, v3 has `MOS-`, `EKM-`; HECVAT 3 and 4 differ in their sections), the
//! Annex A control ids of a Statement of Applicability, and the version and edition the sheets
//! print near their top. The file's name is never looked at.
use super::crosswalk::{crosswalk, key};
use crate::sheet::Workbook;
use crate::sheet::rows::SourceRow;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Family {
    #[serde(rename = "caiq-v3")]
    CaiqV3,
    #[serde(rename = "caiq-v4")]
    CaiqV4,
    #[serde(rename = "hecvat-3")]
    Hecvat3,
    #[serde(rename = "hecvat-4")]
    Hecvat4,
    #[serde(rename = "iso27001-soa")]
    Soa,
    #[serde(rename = "unknown")]
    Unknown,
}

impl Family {
    pub const RECOGNISED: [Family; 5] = [Family::CaiqV3, Family::CaiqV4, Family::Hecvat3, Family::Hecvat4, Family::Soa];

    /// The family's name in files, crosswalks and template slugs.
    pub fn slug(self) -> &'static str {
        match self {
            Family::CaiqV3 => "caiq-v3",
            Family::CaiqV4 => "caiq-v4",
            Family::Hecvat3 => "hecvat-3",
            Family::Hecvat4 => "hecvat-4",
            Family::Soa => "iso27001-soa",
            Family::Unknown => "unknown",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Family::CaiqV3 => "CSA CAIQ v3",
            Family::CaiqV4 => "CSA CAIQ v4",
            Family::Hecvat3 => "EDUCAUSE HECVAT 3",
            Family::Hecvat4 => "EDUCAUSE HECVAT 4",
            Family::Soa => "ISO/IEC 27001 Statement of Applicability",
            Family::Unknown => "Unrecognised questionnaire",
        }
    }

    /// The first number of the family's versions, to pick its version out of the sheet's text.
    fn major(self) -> Option<&'static str> {
        match self {
            Family::CaiqV3 | Family::Hecvat3 => Some("3"),
            Family::CaiqV4 | Family::Hecvat4 => Some("4"),
            Family::Soa | Family::Unknown => None,
        }
    }

    pub fn from_slug(slug: &str) -> Option<Family> {
        Family::RECOGNISED.into_iter().chain([Family::Unknown]).find(|f| f.slug() == slug)
    }
}

/// The family a workbook was recognised as, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recognised {
    pub family: Family,
    /// As the workbook prints it (`4.0.3`, `3.04`), or `2022` / `2013` for an SoA.
    pub version: Option<String>,
    /// `Full` or `Lite` where the family has editions.
    pub edition: Option<String>,
    /// The reasons, in words.
    pub evidence: Vec<String>,
}

impl Recognised {
    /// `CSA CAIQ v4.0.3`, `EDUCAUSE HECVAT 3.04 Full`.
    pub fn name(&self) -> String {
        let mut name = match (self.family, &self.version) {
            (Family::CaiqV3 | Family::CaiqV4, Some(v)) => format!("CSA CAIQ v{v}"),
            (Family::Hecvat3 | Family::Hecvat4, Some(v)) => format!("EDUCAUSE HECVAT {v}"),
            (Family::Soa, Some(v)) => format!("ISO/IEC 27001:{v} Statement of Applicability"),
            (family, _) => family.title().to_owned(),
        };
        if let Some(edition) = &self.edition {
            name.push(' ');
            name.push_str(edition);
        }
        name
    }
}

/// Fewer known ids than this is no evidence of a family.
const MIN_IDS: usize = 10;
/// A family's ids from fewer of its sections (`IAM`, `DATA`) than this need its name too.
const MIN_SECTIONS: usize = 4;

/// Whether the workbook's top texts call it a Statement of Applicability or name Annex A.
fn names_soa(texts: &[String]) -> bool {
    texts.iter().any(|text| {
        let lower = text.to_lowercase();
        ["statement of applicability", "annex a", "anhang a", "annexe a", "27001"].iter().any(|w| lower.contains(w))
            || lower.split(|c: char| !c.is_alphanumeric()).any(|word| word == "soa")
    })
}

/// Whether the workbook's top texts name the family.
fn names_family(texts: &[String], family: Family) -> bool {
    let words: &[&str] = match family {
        Family::CaiqV3 | Family::CaiqV4 => &["caiq", "consensus assessment", "cloud controls matrix"],
        Family::Hecvat3 | Family::Hecvat4 => &["hecvat", "higher education community vendor assessment"],
        Family::Soa | Family::Unknown => &[],
    };
    texts.iter().any(|text| {
        let lower = text.to_lowercase();
        words.iter().any(|w| lower.contains(w))
    })
}

/// Recognises the family of the rows read from `workbook`.
pub fn recognise(workbook: &Workbook, rows: &[SourceRow]) -> Recognised {
    let ids: BTreeSet<String> = rows.iter().map(|r| key(&r.id)).collect();
    if ids.is_empty() {
        return unknown("no question ids were found".into());
    }
    let texts = top_texts(workbook);
    let mut candidates: Vec<(Family, usize)> = Vec::new();
    for family in [Family::CaiqV3, Family::CaiqV4, Family::Hecvat3, Family::Hecvat4] {
        let Some(crosswalk) = crosswalk(family.slug()) else { continue };
        let known = ids.iter().filter(|id| crosswalk.knows(id)).count();
        if known >= MIN_IDS && known * 2 >= ids.len() {
            candidates.push((family, known));
        }
    }
    // The family whose ids the file uses most. Versions of a family share most ids: when two
    // come within 5% of each other (a Lite edition asks mostly shared ones), the version the
    // workbook prints decides, else the later one.
    let most = candidates.iter().map(|(_, known)| *known).max().unwrap_or(0);
    let close: Vec<(Family, usize)> = candidates.into_iter().filter(|(_, known)| known * 20 >= most * 19).collect();
    let printed = close.iter().find(|(family, _)| family.major().is_some_and(|m| version_in(&texts, m).is_some()));
    let best = if close.len() > 1 { printed.or(close.last()) } else { close.first() }.copied();
    let (soa, soa_2013) = soa_ids(&ids);
    // Plain numbers (`5.1`, `8.12`) number many questionnaires: an SoA writes `A.5.1`, or says
    // what it is.
    let prefixed = ids.iter().filter(|id| id.starts_with("A.")).count();
    let soa_like = prefixed * 2 >= soa.max(soa_2013) || names_soa(&texts);
    if soa_like
        && soa.max(soa_2013) >= MIN_IDS.max(best.map_or(0, |(_, known)| known + 1))
        && soa.max(soa_2013) * 2 >= ids.len()
    {
        let (version, count) = if soa >= soa_2013 { ("2022", soa) } else { ("2013", soa_2013) };
        return Recognised {
            family: Family::Soa,
            version: Some(version.into()),
            edition: None,
            evidence: vec![format!("{count} of its {} ids are ISO/IEC 27001:{version} Annex A controls", ids.len())],
        };
    }
    let Some((family, known)) = best else {
        return unknown(format!(
            "no crosswalk knows at least half of its {} question ids (CAIQ, HECVAT, Annex A controls)",
            ids.len()
        ));
    };
    // Ids like `DATA-01` are common: a questionnaire of its own that happens to number that way
    // must not be read as HECVAT. The family's ids from several of its sections, or its name in
    // the workbook, tell it apart.
    let sections: BTreeSet<&str> = ids
        .iter()
        .filter(|id| crosswalk(family.slug()).is_some_and(|c| c.knows(id)))
        .filter_map(|id| id.split('-').next())
        .collect();
    let named = names_family(&texts, family);
    if sections.len() < MIN_SECTIONS && !named {
        return unknown(format!(
            "its ids look like {}'s, but only from {} of its sections and the workbook does not name it",
            family.title(),
            sections.len()
        ));
    }
    let mut evidence = vec![format!("{known} of its {} question ids are {} ids", ids.len(), family.title())];
    if named {
        evidence.push(format!("the workbook names {}", family.title().split_whitespace().nth(1).unwrap_or_default()));
    }
    let version = family.major().and_then(|major| version_in(&texts, major));
    if let Some(version) = &version {
        evidence.push(format!("the workbook names version {version}"));
    }
    let edition = matches!(family, Family::Hecvat3 | Family::Hecvat4).then(|| edition_in(&texts)).flatten();
    if let Some(edition) = &edition {
        evidence.push(format!("the workbook calls itself {edition}"));
    }
    Recognised { family, version, edition, evidence }
}

fn unknown(reason: String) -> Recognised {
    Recognised { family: Family::Unknown, version: None, edition: None, evidence: vec![reason] }
}

/// How many ids are Annex A 2022 controls (`A.5.1`, `5.10`) and how many 2013 ones (`A.9.2.3`).
fn soa_ids(ids: &BTreeSet<String>) -> (usize, usize) {
    let catalogues = crate::catalogues();
    let table = crosswalk("iso27002-2013");
    let mut counts = (0, 0);
    for id in ids {
        let bare = id.trim_start_matches("A.");
        if catalogues.control(bare).is_some() {
            counts.0 += 1;
        } else if table.is_some_and(|t| t.knows(bare)) {
            counts.1 += 1;
        }
    }
    counts
}

/// Sheet names and the text of the cells near each sheet's top, where questionnaires print
/// their title, version and edition.
fn top_texts(workbook: &Workbook) -> Vec<String> {
    let mut texts: Vec<String> = workbook.sheets.iter().map(|s| s.name.clone()).collect();
    for sheet in &workbook.sheets {
        for row in sheet.rows.iter().take(6) {
            texts.extend(row.iter().take(12).map(|c| c.clean_text()).filter(|t| !t.is_empty() && t.len() < 200));
        }
    }
    texts
}

/// The first version number `major.x[.y]` in the texts (`CAIQv4.0.3`, `Version 3.04`).
fn version_in(texts: &[String], major: &str) -> Option<String> {
    texts
        .iter()
        .find_map(|text| {
            text.split(|c: char| !(c.is_ascii_digit() || c == '.')).map(|t| t.trim_matches('.')).find(|token| {
                let parts: Vec<&str> = token.split('.').collect();
                (2..=3).contains(&parts.len())
                    && parts[0] == major
                    && parts.iter().all(|p| !p.is_empty() && p.len() <= 3)
            })
        })
        .map(str::to_owned)
}

/// `Full` or `Lite` as a word in the texts.
fn edition_in(texts: &[String]) -> Option<String> {
    ["Lite", "Full"]
        .into_iter()
        .find(|edition| {
            texts
                .iter()
                .any(|text| text.split(|c: char| !c.is_alphanumeric()).any(|word| word.eq_ignore_ascii_case(edition)))
        })
        .map(str::to_owned)
}
