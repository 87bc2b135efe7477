//! Questionnaire templates and the control catalogues they are scored against.
mod authoring;
mod catalogue;
