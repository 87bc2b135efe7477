//! Questionnaire templates as they are read: the shipped ones (read-only, from the
//! questionnaires crate) and each organisation's own with their versions, the published
//! questionnaire an assessment uses, and what a delegated respondent may see of it. Editing
//! is in `draft`.
use crate::auth::{Caller, Permission};
use crate::domain::TemplateVersionStatus;
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::lookup;
use entity::{questionnaire_template, template_version};
use questionnaires::template::{Section, Template};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

/// Namespace of the stable ids of shipped templates and their versions.
const SHIPPED_NAMESPACE: Uuid = Uuid::from_u128(0x6c1f_4a0e_9b3d_4f7e_8a21_53c0_d9e4_7b12);

/// A template as the API shows it.
#[derive(Clone, Debug)]
pub struct TemplateView {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub shipped: bool,
    pub based_on: Option<String>,
    pub versions: Vec<VersionView>,
}

#[derive(Clone, Debug)]
pub struct VersionView {
    pub id: Uuid,
    pub version: i32,
    pub published: bool,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub sections: Vec<Section>,
}

pub(crate) fn shipped_id(slug: &str) -> Uuid {
    Uuid::new_v5(&SHIPPED_NAMESPACE, slug.as_bytes())
}

fn shipped_view(template: &Template) -> TemplateView {
    TemplateView {
        id: shipped_id(&template.slug),
        slug: template.slug.clone(),
        title: template.title.clone(),
        description: template.description.clone(),
        shipped: true,
        based_on: None,
        versions: vec![VersionView {
            id: Uuid::new_v5(&SHIPPED_NAMESPACE, format!("{}@{}", template.slug, template.version).as_bytes()),
            version: template.version as i32,
            published: true,
            published_at: None,
            sections: template.sections.clone(),
        }],
    }
}

pub(crate) fn sections_of(content: &Value) -> Vec<Section> {
    // Stored content was validated when written; a row that no longer parses shows as empty.
    serde_json::from_value(content.get("sections").cloned().unwrap_or(json!([]))).unwrap_or_default()
}

pub(crate) fn own_view(
    template: questionnaire_template::Model,
    versions: Vec<template_version::Model>,
) -> TemplateView {
    TemplateView {
        id: template.id,
        slug: template.slug,
        title: template.title,
        description: template.description,
        shipped: false,
        based_on: template.based_on,
        versions: versions
            .into_iter()
            .map(|v| VersionView {
                id: v.id,
                version: v.version,
                published: v.status == TemplateVersionStatus::Published,
                published_at: v.published_at,
                sections: sections_of(&v.content),
            })
            .collect(),
    }
}

pub(crate) async fn versions_of<C: ConnectionTrait>(
    db: &C,
    template_id: Uuid,
) -> ApiResult<Vec<template_version::Model>> {
    Ok(template_version::Entity::find()
        .filter(template_version::Column::TemplateId.eq(template_id))
        .order_by_asc(template_version::Column::Version)
        .all(db)
        .await?)
}

/// Shipped templates first, then the organisation's own by title.
pub async fn list<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Vec<TemplateView>> {
    caller.require(Permission::Read)?;
    let mut views: Vec<TemplateView> = questionnaires::shipped_templates().iter().map(shipped_view).collect();
    let own = lookup::scoped::<questionnaire_template::Entity>(caller)
        .order_by_asc(questionnaire_template::Column::Title)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = own.iter().map(|t| t.id).collect();
    let mut versions = template_version::Entity::find()
        .filter(template_version::Column::TemplateId.is_in(ids))
        .order_by_asc(template_version::Column::Version)
        .all(db)
        .await?;
    for template in own {
        let (mine, rest): (Vec<_>, Vec<_>) = versions.into_iter().partition(|v| v.template_id == template.id);
        versions = rest;
        views.push(own_view(template, mine));
    }
    Ok(views)
}

pub async fn get<C: ConnectionTrait>(db: &C, caller: &Caller, id: Uuid) -> ApiResult<TemplateView> {
    caller.require(Permission::Read)?;
    if let Some(shipped) = questionnaires::shipped_templates().iter().find(|t| shipped_id(&t.slug) == id) {
        return Ok(shipped_view(shipped));
    }
    let template = own_template(db, caller, id).await?;
    let versions = versions_of(db, id).await?;
    Ok(own_view(template, versions))
}

pub(crate) async fn own_template<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<questionnaire_template::Model> {
    lookup::find::<questionnaire_template::Entity>(db, caller, id).await
}

pub(crate) fn own_view_version(version: template_version::Model) -> VersionView {
    VersionView {
        id: version.id,
        version: version.version,
        published: version.status == TemplateVersionStatus::Published,
        published_at: version.published_at,
        sections: sections_of(&version.content),
    }
}

/// The questionnaire as `caller` may see it: a delegated respondent sees the sections delegated
/// to them only (their questions, answers, documents, exports and imports), everyone else all.
pub fn as_seen_by(caller: &Caller, mut questionnaire: Template) -> Template {
    if let Some(allowed) = caller.delegated_sections() {
        questionnaire.sections.retain(|s| allowed.contains(&s.id));
    }
    questionnaire
}

/// A published version that can be sent to a supplier, shipped or the organisation's own, as
/// the scoring engine reads it.
pub async fn published_template<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    version_id: Uuid,
) -> ApiResult<(i32, Template)> {
    for template in questionnaires::shipped_templates() {
        if shipped_view(template).versions.iter().any(|v| v.id == version_id) {
            return Ok((template.version as i32, template.clone()));
        }
    }
    let version = lookup::scoped::<template_version::Entity>(caller)
        .filter(template_version::Column::Id.eq(version_id))
        .filter(template_version::Column::Status.eq(TemplateVersionStatus::Published))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("published template version"))?;
    let template = own_template(db, caller, version.template_id).await?;
    let mut sections = sections_of(&version.content);
    for section in &mut sections {
        for question in &mut section.questions {
            question.section = section.id.clone();
        }
    }
    let full = Template {
        slug: template.slug,
        title: template.title,
        version: version.version as u32,
        description: template.description,
        sections,
    };
    Ok((version.version, full))
}

/// The newest published version of the template `version_id` belongs to (a re-assessment
/// uses the current questionnaire, not the one answered last time).
pub async fn newest_published_like<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    version_id: Uuid,
) -> ApiResult<(Uuid, i32, Template)> {
    let newest = match lookup::find_optional::<template_version::Entity>(db, caller, version_id).await? {
        Some(version) => template_version::Entity::find()
            .filter(template_version::Column::TemplateId.eq(version.template_id))
            .filter(template_version::Column::Status.eq(TemplateVersionStatus::Published))
            .order_by_desc(template_version::Column::Version)
            .one(db)
            .await?
            .map_or(version_id, |v| v.id),
        // A shipped template: its one version.
        None => version_id,
    };
    let (version, template) = published_template(db, caller, newest).await?;
    Ok((newest, version, template))
}
