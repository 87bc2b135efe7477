//! The ISO/IEC 27001:2022 Statement of Applicability as a questionnaire: one question per
//! Annex A control, so that a supplier's own SoA (control id or title with applicable and
//! implemented status) imports straight onto the controls and scores as such.
use crate::catalogue::{Catalogues, Theme};
use crate::template::ExternalRef;
use crate::{AnswerType, EvidenceRequirement, Importance, Question, Section, Template};

pub const SOA_SLUG: &str = "iso27001-soa";

fn section_id(theme: Theme) -> &'static str {
    match theme {
        Theme::Organizational => "ORG",
        Theme::People => "PEO",
        Theme::Physical => "PHY",
        Theme::Technological => "TEC",
    }
}

/// Built from the control catalogue, so that it always lists exactly the 93 controls.
pub fn soa_template(catalogues: &Catalogues) -> Template {
    let sections = Theme::ALL
        .iter()
        .map(|&theme| Section {
            id: section_id(theme).to_owned(),
            title: theme.title().to_owned(),
            questions: catalogues
                .iso_controls()
                .iter()
                .filter(|c| c.theme == theme)
                .map(|control| Question {
                    id: format!("A.{}", control.id),
                    section: section_id(theme).to_owned(),
                    text: format!("{} {}: is this control applicable and implemented?", control.id, control.title),
                    help: Some(
                        "Answer as your Statement of Applicability says: Yes (implemented), Partial, No (not implemented) or N/A (excluded, with the justification as comment).".into(),
                    ),
                    // "No" and "Partial" both fall short of an implemented control.
                    finding: Some(format!("Annex A {} not fully implemented: {}", control.id, control.title)),
                    answer: AnswerType::YesNoNa,
                    options: Vec::new(),
                    importance: Importance::Standard,
                    compliant: vec!["yes".into()],
                    knock_out: false,
                    evidence: EvidenceRequirement::None,
                    iso: vec![control.id.clone()],
                    iso_clauses: Vec::new(),
                    nis2: Vec::new(),
                    external: vec![ExternalRef { scheme: "iso27001-annex-a".into(), id: control.id.clone() }],
                    range: None,
                    unit: None,
                    max_age_days: None,
                    maturity_labels: None,
                    points: None,
                })
                .collect(),
        })
        .collect();
    Template {
        slug: SOA_SLUG.into(),
        title: "ISO/IEC 27001:2022 Statement of Applicability".into(),
        version: 1,
        description: "The supplier's Statement of Applicability, one answer per Annex A control; import the supplier's own SoA spreadsheet.".into(),
        sections,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_annex_a_control_is_a_valid_question() {
        let catalogues = crate::catalogues();
        let soa = super::soa_template(catalogues);
        assert_eq!(soa.questions().count(), 93);
        assert!(crate::template::validate(&soa, catalogues).is_empty());
    }
}
