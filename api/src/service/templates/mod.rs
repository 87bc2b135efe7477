//! Questionnaire templates (shipped and the organisation's own, drafts and published versions),
//! their content as clients send it, and the control catalogues the questions map to.
pub mod catalogue;
pub mod content;
pub mod draft;
pub mod generated;
pub mod template;
