//! Chainward's compliance content and the pure logic on it: the ISO/IEC 27001:2022 and NIS 2
//! catalogues with their mapping, the shipped questionnaire templates, and the scoring engine.
//! No database, no HTTP, no async: everything here is a function of its inputs.
//!
//! ```
//! let catalogues = questionnaires::catalogues();
//! assert_eq!(catalogues.iso_controls().len(), 93);
//! let baseline = questionnaires::shipped_template("nis2-supplier-baseline").unwrap();
//! assert!(baseline.questions().count() >= 40);
//! ```
pub mod answer;
pub mod catalogue;
pub mod foreign;
pub mod graph;
pub mod register;
pub mod scoring;
pub mod sheet;
pub mod soa;
pub mod template;

pub use answer::{Answer, AnswerValue, Evidence};
pub use catalogue::{Catalogues, IsoRef, Theme, catalogues};
pub use template::{
    AnswerType, EvidenceRequirement, Importance, Question, Section, Template, TemplateError, shipped_template,
    shipped_templates,
};
