//! The embedded control catalogues (ISO/IEC 27001:2022 and NIS 2) as the API shows them: one
//! flat list of controls per framework, each cross-referenced through ENISA's mapping. The
//! catalogues are the same for every organisation, so nothing here takes a caller or touches
//! the database; the lists are built once per process.
use crate::error::{ApiError, ApiResult};
use async_graphql::Enum;
use questionnaires::catalogue::MappingEntry;
use questionnaires::{Catalogues, IsoRef, Theme, catalogues};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Framework id of ISO/IEC 27001:2022 (clauses 4-10 and Annex A).
pub const ISO_27001: &str = "iso27001-2022";
/// Framework id of NIS 2 Art. 21 with the supply-chain requirements of IR 2024/2690 section 5.
pub const NIS2: &str = "nis2";
/// Whom to credit for the NIS 2 <-> ISO/IEC 27001 mapping.
pub const MAPPING_SOURCE: &str = "ENISA, NIS2 Technical Implementation Guidance v1.0 (June 2025), CC BY 4.0";

/// What kind of catalogue entry a control is.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ControlKind {
    /// An ISO/IEC 27001:2022 Annex A control, e.g. `5.19`.
    AnnexAControl,
    /// An ISO/IEC 27001:2022 management-system clause (4-10), e.g. `9.2`.
    Clause,
    /// One of the NIS 2 Art. 21(2) points (a)-(j), the unit of NIS 2 scores.
    #[graphql(name = "NIS2_POINT")]
    Nis2Point,
    /// NIS 2 Art. 21(3) or a supply-chain requirement of IR 2024/2690 section 5.
    #[graphql(name = "NIS2_REQUIREMENT")]
    Nis2Requirement,
}

/// The four themes of ISO/IEC 27001:2022 Annex A.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ControlTheme {
    /// Organizational controls (5.1-5.37).
    Organizational,
    /// People controls (6.1-6.8).
    People,
    /// Physical controls (7.1-7.14).
    Physical,
    /// Technological controls (8.1-8.34).
    Technological,
}

impl From<Theme> for ControlTheme {
    fn from(theme: Theme) -> Self {
        match theme {
            Theme::Organizational => ControlTheme::Organizational,
            Theme::People => ControlTheme::People,
            Theme::Physical => ControlTheme::Physical,
            Theme::Technological => ControlTheme::Technological,
        }
    }
}

/// Whether the ISO side of a mapping row is an Annex A control or a clause.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum IsoKind {
    /// An Annex A control.
    Control,
    /// A management-system clause.
    Clause,
}

/// One entry of a catalogue, with its cross-references.
#[derive(Clone, Debug)]
pub struct Control {
    pub id: &'static str,
    pub framework: &'static str,
    pub kind: ControlKind,
    pub title: &'static str,
    pub description: Option<&'static str>,
    pub theme: Option<ControlTheme>,
    pub nis2_points: Vec<&'static str>,
    pub iso_controls: Vec<&'static str>,
}

/// A control catalogue.
#[derive(Debug)]
pub struct Framework {
    pub id: &'static str,
    pub title: &'static str,
    pub controls: Vec<Control>,
}

/// Both frameworks, ISO/IEC 27001:2022 first.
pub fn frameworks() -> &'static [Framework] {
    static FRAMEWORKS: OnceLock<Vec<Framework>> = OnceLock::new();
    FRAMEWORKS.get_or_init(|| {
        let catalogues = catalogues();
        vec![
            Framework { id: ISO_27001, title: "ISO/IEC 27001:2022", controls: iso_controls(catalogues) },
            Framework {
                id: NIS2,
                title: "NIS 2 Art. 21 and IR 2024/2690 section 5",
                controls: nis2_controls(catalogues),
            },
        ]
    })
}

/// The controls of one framework, optionally only those of one Annex A theme.
pub fn controls(framework: &str, theme: Option<ControlTheme>) -> ApiResult<Vec<&'static Control>> {
    let Some(found) = frameworks().iter().find(|f| f.id == framework) else {
        let known: Vec<&str> = frameworks().iter().map(|f| f.id).collect();
        return Err(ApiError::field("framework", format!("unknown framework; expected one of {}", known.join(", "))));
    };
    Ok(found.controls.iter().filter(|c| theme.is_none() || c.theme == theme).collect())
}

/// ENISA's mapping rows, filtered by a NIS 2 reference (an Art. 21 point or an IR requirement,
/// which also matches its lettered sub-points) and/or an ISO control or clause id.
pub fn mapping(nis2: Option<&str>, iso: Option<&str>) -> Vec<&'static MappingEntry> {
    catalogues()
        .mapping()
        .iter()
        .filter(|row| nis2.is_none_or(|reference| refers_to(row, reference)))
        .filter(|row| iso.is_none_or(|id| iso_id(&row.iso) == id))
        .collect()
}

/// The ISO side of a mapping row as kind and id.
pub fn iso_kind(iso: &IsoRef) -> IsoKind {
    match iso {
        IsoRef::Control(_) => IsoKind::Control,
        IsoRef::Clause(_) => IsoKind::Clause,
    }
}

pub fn iso_id(iso: &IsoRef) -> &str {
    match iso {
        IsoRef::Control(id) | IsoRef::Clause(id) => id,
    }
}

/// A row belongs to a NIS 2 reference when its Art. 21 point or its IR requirement is that
/// reference, or its requirement is a lettered sub-point of it (`IR 5.1.4(d)` of `IR 5.1.4`).
fn refers_to(row: &MappingEntry, reference: &str) -> bool {
    row.nis2 == reference
        || row.requirement.strip_prefix(reference).is_some_and(|rest| rest.is_empty() || rest.starts_with('('))
}

fn iso_controls(catalogues: &'static Catalogues) -> Vec<Control> {
    let points = |iso: IsoRef| catalogues.nis2_points_for(&iso).collect::<Vec<_>>();
    let clauses = catalogues.iso_clauses().iter().map(|clause| Control {
        id: &clause.id,
        framework: ISO_27001,
        kind: ControlKind::Clause,
        title: &clause.title,
        description: None,
        theme: None,
        nis2_points: points(IsoRef::Clause(clause.id.clone())),
        iso_controls: Vec::new(),
    });
    let annex_a = catalogues.iso_controls().iter().map(|control| Control {
        id: &control.id,
        framework: ISO_27001,
        kind: ControlKind::AnnexAControl,
        title: &control.title,
        description: None,
        theme: Some(control.theme.into()),
        nis2_points: points(IsoRef::Control(control.id.clone())),
        iso_controls: Vec::new(),
    });
    clauses.chain(annex_a).collect()
}

fn nis2_controls(catalogues: &'static Catalogues) -> Vec<Control> {
    let points: BTreeSet<&str> = catalogues.nis2_points().map(|p| p.id.as_str()).collect();
    catalogues
        .nis2_requirements()
        .iter()
        .map(|requirement| Control {
            id: &requirement.id,
            framework: NIS2,
            kind: if points.contains(requirement.id.as_str()) {
                ControlKind::Nis2Point
            } else {
                ControlKind::Nis2Requirement
            },
            title: &requirement.title,
            description: Some(&requirement.description),
            theme: None,
            nis2_points: catalogues.nis2_point_of(&requirement.id).into_iter().collect(),
            iso_controls: mapped_controls(catalogues, &requirement.id),
        })
        .collect()
}

/// The distinct Annex A controls mapped to a NIS 2 reference, in Annex A order.
fn mapped_controls(catalogues: &'static Catalogues, reference: &str) -> Vec<&'static str> {
    let mapped: BTreeSet<&str> = catalogues
        .mapping()
        .iter()
        .filter(|row| refers_to(row, reference))
        .filter_map(|row| match &row.iso {
            IsoRef::Control(id) => Some(id.as_str()),
            IsoRef::Clause(_) => None,
        })
        .collect();
    catalogues.iso_controls().iter().map(|c| c.id.as_str()).filter(|id| mapped.contains(id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn control(framework: &str, id: &str) -> &'static Control {
        controls(framework, None).unwrap().into_iter().find(|c| c.id == id).unwrap()
    }

    #[test]
    fn nis2_entries_roll_up_to_their_point_and_list_their_annex_a_controls() {
        let j = control(NIS2, "21(2)(j)");
        assert_eq!(
            (j.kind, j.nis2_points.as_slice(), j.iso_controls.as_slice()),
            (ControlKind::Nis2Point, &["21(2)(j)"][..], &["8.5"][..])
        );
        assert!(control(NIS2, "21(2)(f)").iso_controls.is_empty());
        let ir = control(NIS2, "IR 5.1.7");
        assert_eq!((ir.kind, ir.nis2_points.as_slice()), (ControlKind::Nis2Requirement, &["21(2)(d)"][..]));
        assert!(!ir.iso_controls.is_empty(), "IR 5.1.7 collects its sub-points (a)-(d)");
        let d = &control(NIS2, "21(2)(d)").iso_controls;
        assert!(d.iter().position(|c| *c == "5.2") < d.iter().position(|c| *c == "5.19"), "Annex A order: {d:?}");
    }

    #[test]
    fn iso_entries_list_the_points_they_intersect() {
        assert!(control(ISO_27001, "5.19").nis2_points.contains(&"21(2)(d)"));
        assert_eq!(control(ISO_27001, "9.2").kind, ControlKind::Clause);
        let technological = controls(ISO_27001, Some(ControlTheme::Technological)).unwrap();
        assert_eq!(technological.len(), 34);
        assert!(matches!(controls("sox", None), Err(ApiError::Validation(e)) if e[0].field == "framework"));
    }

    #[test]
    fn the_mapping_filters_by_point_requirement_and_iso_id() {
        assert!(mapping(Some("IR 5.1.4(d)"), None).iter().all(|r| r.requirement == "IR 5.1.4(d)"));
        assert!(mapping(Some("IR 5.1.4"), None).iter().any(|r| r.requirement == "IR 5.1.4(h)"));
        assert!(mapping(Some("IR 5.1"), None).is_empty(), "no prefix match across numbers");
        let rows = mapping(Some("21(2)(j)"), Some("8.5"));
        assert!(!rows.is_empty() && rows.iter().all(|r| r.nis2 == "21(2)(j)" && iso_id(&r.iso) == "8.5"));
        assert_eq!(mapping(None, None).len(), catalogues().mapping().len());
    }
}
