//! Questionnaire templates and the control catalogues.
pub mod catalogue;
pub mod template;

use async_graphql::MergedObject;

/// The templates queries.
#[derive(MergedObject, Default)]
pub struct TemplatesQuery(catalogue::CatalogueQuery, template::TemplateQuery);

/// The templates mutations.
#[derive(MergedObject, Default)]
pub struct TemplatesMutation(template::TemplateMutation);
