//! The control catalogues: ISO/IEC 27001:2022 (clauses and Annex A), NIS 2 Art. 21 with the
//! supply-chain requirements of IR 2024/2690 section 5, and ENISA's mapping between them.
//! The data files live in `catalogues/` and are embedded in the binary.
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

const ISO_FILE: (&str, &str) = ("iso27001-2022.yaml", include_str!("../catalogues/iso27001-2022.yaml"));
const NIS2_FILE: (&str, &str) = ("nis2.yaml", include_str!("../catalogues/nis2.yaml"));
const MAPPING_FILE: (&str, &str) =
    ("nis2-iso27001-mapping.csv", include_str!("../catalogues/nis2-iso27001-mapping.csv"));

/// The four themes of ISO/IEC 27001:2022 Annex A.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Organizational,
    People,
    Physical,
    Technological,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::Organizational, Theme::People, Theme::Physical, Theme::Technological];

    pub fn title(self) -> &'static str {
        match self {
            Theme::Organizational => "Organizational controls",
            Theme::People => "People controls",
            Theme::Physical => "Physical controls",
            Theme::Technological => "Technological controls",
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct IsoControl {
    pub id: String,
    pub theme: Theme,
    pub title: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct IsoClause {
    pub id: String,
    pub title: String,
}

/// An Art. 21 point or an IR 2024/2690 section 5 requirement.
#[derive(Clone, Debug, Deserialize)]
pub struct Nis2Requirement {
    pub id: String,
    pub title: String,
    pub description: String,
}

/// The ISO side of a mapping row.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IsoRef {
    Control(String),
    Clause(String),
}

/// One row of the ENISA mapping.
#[derive(Clone, Debug)]
pub struct MappingEntry {
    /// The Art. 21 point, e.g. `21(2)(d)`.
    pub nis2: String,
    /// The IR 2024/2690 Annex requirement the row comes from, e.g. `IR 5.1.4(d)`.
    pub requirement: String,
    pub iso: IsoRef,
    /// ENISA's relationship kind (`intersect`).
    pub relationship: String,
}

#[derive(Deserialize)]
struct IsoFile {
    clauses: Vec<IsoClause>,
    controls: Vec<IsoControl>,
}

#[derive(Deserialize)]
struct Nis2File {
    requirements: Vec<Nis2Requirement>,
}

/// A catalogue file that does not load, naming the file and the entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueError(pub String);

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CatalogueError {}

/// All catalogues, indexed.
#[derive(Debug)]
pub struct Catalogues {
    controls: Vec<IsoControl>,
    clauses: Vec<IsoClause>,
    nis2: Vec<Nis2Requirement>,
    mapping: Vec<MappingEntry>,
    points_by_iso: BTreeMap<IsoRef, BTreeSet<String>>,
}

/// The embedded catalogues. They are validated by this crate's tests, so loading cannot fail
/// in a released binary.
pub fn catalogues() -> &'static Catalogues {
    static CATALOGUES: OnceLock<Catalogues> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        Catalogues::parse(ISO_FILE.1, NIS2_FILE.1, MAPPING_FILE.1).expect("embedded catalogues are valid (tested)")
    })
}

impl Catalogues {
    pub fn parse(iso_yaml: &str, nis2_yaml: &str, mapping_csv: &str) -> Result<Catalogues, CatalogueError> {
        let iso: IsoFile =
            serde_yaml::from_str(iso_yaml).map_err(|e| CatalogueError(format!("{}: {e}", ISO_FILE.0)))?;
        let nis2: Nis2File =
            serde_yaml::from_str(nis2_yaml).map_err(|e| CatalogueError(format!("{}: {e}", NIS2_FILE.0)))?;
        let mut catalogues = Catalogues {
            controls: iso.controls,
            clauses: iso.clauses,
            nis2: nis2.requirements,
            mapping: Vec::new(),
            points_by_iso: BTreeMap::new(),
        };
        catalogues.check_unique()?;
        catalogues.mapping = parse_mapping(mapping_csv, &catalogues)?;
        for entry in &catalogues.mapping {
            catalogues.points_by_iso.entry(entry.iso.clone()).or_default().insert(entry.nis2.clone());
        }
        Ok(catalogues)
    }

    fn check_unique(&self) -> Result<(), CatalogueError> {
        let mut seen = BTreeSet::new();
        for id in self.controls.iter().map(|c| &c.id) {
            if !seen.insert(("control", id)) {
                return Err(CatalogueError(format!("{}: control {id} is listed twice", ISO_FILE.0)));
            }
        }
        for id in self.clauses.iter().map(|c| &c.id) {
            if !seen.insert(("clause", id)) {
                return Err(CatalogueError(format!("{}: clause {id} is listed twice", ISO_FILE.0)));
            }
        }
        for id in self.nis2.iter().map(|r| &r.id) {
            if !seen.insert(("nis2", id)) {
                return Err(CatalogueError(format!("{}: requirement {id} is listed twice", NIS2_FILE.0)));
            }
        }
        Ok(())
    }

    pub fn iso_controls(&self) -> &[IsoControl] {
        &self.controls
    }

    pub fn iso_clauses(&self) -> &[IsoClause] {
        &self.clauses
    }

    pub fn nis2_requirements(&self) -> &[Nis2Requirement] {
        &self.nis2
    }

    pub fn mapping(&self) -> &[MappingEntry] {
        &self.mapping
    }

    pub fn control(&self, id: &str) -> Option<&IsoControl> {
        self.controls.iter().find(|c| c.id == id)
    }

    pub fn clause(&self, id: &str) -> Option<&IsoClause> {
        self.clauses.iter().find(|c| c.id == id)
    }

    pub fn nis2_requirement(&self, id: &str) -> Option<&Nis2Requirement> {
        self.nis2.iter().find(|r| r.id == id)
    }

    /// The Art. 21(2) points (a)-(j), the unit of NIS 2 scores.
    pub fn nis2_points(&self) -> impl Iterator<Item = &Nis2Requirement> {
        self.nis2.iter().filter(|r| r.id.starts_with("21(2)("))
    }

    /// The Art. 21(2) point a NIS 2 reference rolls up to: itself for a point, 21(2)(d) for
    /// 21(3) and the IR 2024/2690 section 5 supply-chain requirements.
    pub fn nis2_point_of(&self, reference: &str) -> Option<&'static str> {
        const POINTS: [&str; 10] = [
            "21(2)(a)", "21(2)(b)", "21(2)(c)", "21(2)(d)", "21(2)(e)", "21(2)(f)", "21(2)(g)", "21(2)(h)", "21(2)(i)",
            "21(2)(j)",
        ];
        if let Some(point) = POINTS.iter().find(|p| **p == reference) {
            return Some(point);
        }
        (reference == "21(3)" || reference.starts_with("IR 5.")).then_some("21(2)(d)")
    }

    /// The Art. 21(2) points an ISO control or clause intersects, per the ENISA mapping.
    pub fn nis2_points_for(&self, iso: &IsoRef) -> impl Iterator<Item = &str> {
        self.points_by_iso.get(iso).into_iter().flatten().map(String::as_str)
    }
}

/// A control id as numbers, to sort `5.9` before `5.10` the way the standard lists them.
pub fn control_order(id: &str) -> Vec<u32> {
    id.trim_start_matches("A.").split('.').map(|part| part.parse().unwrap_or(u32::MAX)).collect()
}

/// An ISO clause id exists if it or its parent does (`9.3.2` under `9.3`).
fn clause_known(catalogues: &Catalogues, id: &str) -> bool {
    catalogues.clause(id).is_some()
        || id.rsplit_once('.').is_some_and(|(parent, _)| catalogues.clause(parent).is_some())
}

fn parse_mapping(csv: &str, catalogues: &Catalogues) -> Result<Vec<MappingEntry>, CatalogueError> {
    let file = MAPPING_FILE.0;
    let mut rows = csv.lines().enumerate().filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty());
    match rows.next() {
        Some((_, "nis2,requirement,iso_kind,iso_id,relationship")) => {}
        _ => {
            return Err(CatalogueError(format!(
                "{file}: the header must be nis2,requirement,iso_kind,iso_id,relationship"
            )));
        }
    }
    let mut entries = Vec::new();
    for (index, line) in rows {
        let at = format!("{file} line {}", index + 1);
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [nis2, requirement, kind, iso_id, relationship] = fields[..] else {
            return Err(CatalogueError(format!("{at}: expected 5 fields, found {}", fields.len())));
        };
        if catalogues.nis2_requirement(nis2).is_none() {
            return Err(CatalogueError(format!("{at}: NIS 2 point {nis2} does not exist")));
        }
        let iso = match kind {
            "control" if catalogues.control(iso_id).is_some() => IsoRef::Control(iso_id.to_owned()),
            "clause" if clause_known(catalogues, iso_id) => IsoRef::Clause(iso_id.to_owned()),
            "control" | "clause" => return Err(CatalogueError(format!("{at}: ISO {kind} {iso_id} does not exist"))),
            other => return Err(CatalogueError(format!("{at}: iso_kind {other:?} is neither control nor clause"))),
        };
        entries.push(MappingEntry {
            nis2: nis2.to_owned(),
            requirement: requirement.to_owned(),
            iso,
            relationship: relationship.to_owned(),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_a_has_93_controls_in_four_themes() {
        let catalogues = catalogues();
        assert_eq!(catalogues.iso_controls().len(), 93);
        let count = |theme| catalogues.iso_controls().iter().filter(|c| c.theme == theme).count();
        assert_eq!(
            [count(Theme::Organizational), count(Theme::People), count(Theme::Physical), count(Theme::Technological)],
            [37, 8, 14, 34]
        );
        assert_eq!(catalogues.control("5.23").unwrap().title, "Information security for use of cloud services");
        assert_eq!(catalogues.clause("9.2").unwrap().title, "Internal audit");
        for id in ["4.1", "4.4", "5.3", "6.2", "7.5", "8.3", "9.3", "10.1", "10.2"] {
            assert!(catalogues.clause(id).is_some(), "clause {id}");
        }
    }

    #[test]
    fn nis2_covers_art_21_and_ir_section_5() {
        let catalogues = catalogues();
        let points: Vec<&str> = catalogues.nis2_points().map(|p| p.id.as_str()).collect();
        assert_eq!(
            points,
            [
                "21(2)(a)", "21(2)(b)", "21(2)(c)", "21(2)(d)", "21(2)(e)", "21(2)(f)", "21(2)(g)", "21(2)(h)",
                "21(2)(i)", "21(2)(j)"
            ]
        );
        for id in
            ["21(3)", "IR 5.1.1", "IR 5.1.2(a)", "IR 5.1.2(d)", "IR 5.1.4(a)", "IR 5.1.4(h)", "IR 5.1.7", "IR 5.2"]
        {
            assert!(catalogues.nis2_requirement(id).is_some(), "{id}");
        }
        assert_eq!(catalogues.nis2_point_of("IR 5.1.4(e)"), Some("21(2)(d)"));
        assert_eq!(catalogues.nis2_point_of("21(2)(j)"), Some("21(2)(j)"));
        assert_eq!(catalogues.nis2_point_of("nonsense"), None);
    }

    #[test]
    fn the_mapping_refers_only_to_known_entries_and_matches_the_reference_facts() {
        let catalogues = catalogues();
        assert!(catalogues.mapping().len() > 900);
        // Point (f) maps only to clauses, point (j) only to control 8.5 (reference notes).
        let f: BTreeSet<&IsoRef> =
            catalogues.mapping().iter().filter(|m| m.nis2 == "21(2)(f)").map(|m| &m.iso).collect();
        assert!(f.iter().all(|iso| matches!(iso, IsoRef::Clause(_))), "{f:?}");
        let j: BTreeSet<&IsoRef> =
            catalogues.mapping().iter().filter(|m| m.nis2 == "21(2)(j)").map(|m| &m.iso).collect();
        assert_eq!(j.into_iter().collect::<Vec<_>>(), [&IsoRef::Control("8.5".into())]);
        let unmapped = catalogues
            .iso_controls()
            .iter()
            .filter(|c| catalogues.nis2_points_for(&IsoRef::Control(c.id.clone())).next().is_none())
            .count();
        assert_eq!(unmapped, 24, "24 Annex A controls map to no NIS 2 point");
        let supply: Vec<&str> = catalogues.nis2_points_for(&IsoRef::Control("5.19".into())).collect();
        assert!(supply.contains(&"21(2)(d)"));
    }

    #[test]
    fn broken_catalogues_are_reported_with_file_and_line() {
        let bad_mapping = "nis2,requirement,iso_kind,iso_id,relationship\n21(2)(a),IR 1.1,control,5.99,intersect\n";
        let error = Catalogues::parse(ISO_FILE.1, NIS2_FILE.1, bad_mapping).unwrap_err();
        assert_eq!(error.0, "nis2-iso27001-mapping.csv line 2: ISO control 5.99 does not exist");
        let unknown_point = "nis2,requirement,iso_kind,iso_id,relationship\n21(2)(z),IR 1.1,control,5.1,intersect\n";
        let error = Catalogues::parse(ISO_FILE.1, NIS2_FILE.1, unknown_point).unwrap_err();
        assert_eq!(error.0, "nis2-iso27001-mapping.csv line 2: NIS 2 point 21(2)(z) does not exist");
    }
}
