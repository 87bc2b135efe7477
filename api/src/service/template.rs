//! Questionnaire templates: the shipped ones (read-only, from the questionnaires crate) and
//! each organisation's own, created from scratch or cloned, edited as a draft and published.
//! A published version never changes.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::error::{ApiError, ApiResult, Problems};
use crate::service::template_content::{content_problems, parse_content, slug_from};
use crate::service::{audit, now, validate};
use entity::{questionnaire_template, template_version};
use questionnaires::template::{Section, Template};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// Namespace of the stable ids of shipped templates and their versions.
const SHIPPED_NAMESPACE: Uuid = Uuid::from_u128(0x6c1f_4a0e_9b3d_4f7e_8a21_53c0_d9e4_7b12);

pub const DRAFT: &str = "draft";
pub const PUBLISHED: &str = "published";

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

/// A new template of the caller's organisation.
#[derive(Clone, Debug, async_graphql::InputObject)]
pub struct NewQuestionnaireTemplate {
    /// Name shown to analysts and suppliers.
    pub title: String,
    /// Unique within your organisation; derived from the title if omitted.
    pub slug: Option<String>,
    /// Who the template is for and what it covers.
    pub description: Option<String>,
    /// A shipped template or one of your own to copy the questions from (its latest published
    /// version, or its draft if never published); empty otherwise.
    pub clone_of: Option<Uuid>,
}

fn shipped_id(slug: &str) -> Uuid {
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

fn sections_of(content: &Value) -> Vec<Section> {
    // Stored content was validated when written; a row that no longer parses shows as empty.
    serde_json::from_value(content.get("sections").cloned().unwrap_or(json!([]))).unwrap_or_default()
}

fn own_view(template: questionnaire_template::Model, versions: Vec<template_version::Model>) -> TemplateView {
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
                published: v.status == PUBLISHED,
                published_at: v.published_at,
                sections: sections_of(&v.content),
            })
            .collect(),
    }
}

async fn versions_of<C: ConnectionTrait>(db: &C, template_id: Uuid) -> ApiResult<Vec<template_version::Model>> {
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
    let own = questionnaire_template::Entity::find()
        .filter(questionnaire_template::Column::OrganisationId.eq(caller.organisation_id))
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

async fn own_template<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<questionnaire_template::Model> {
    questionnaire_template::Entity::find_by_id(id)
        .filter(questionnaire_template::Column::OrganisationId.eq(caller.organisation_id))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("questionnaire template"))
}

pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    input: NewQuestionnaireTemplate,
) -> ApiResult<TemplateView> {
    caller.require(Permission::WriteRegister)?;
    let mut problems = Problems::default();
    let title = validate::required_line(&input.title, 200).unwrap_or_else(|m| {
        problems.add("input.title", m);
        String::new()
    });
    let slug = input.slug.as_deref().map(str::trim).map(str::to_owned).unwrap_or_else(|| slug_from(&title));
    let slug_ok = !slug.is_empty() && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        problems.add("input.slug", "use lower-case letters, digits and dashes");
    }
    let description = validate::optional_text(input.description.as_deref().unwrap_or_default(), 5000)
        .unwrap_or_else(|m| {
            problems.add("input.description", m);
            None
        })
        .unwrap_or_default();
    problems.into_result()?;
    let txn = begin_write(db).await?;
    let (sections, based_on) = match input.clone_of {
        None => (Vec::new(), None),
        Some(source) => {
            let view = get(&txn, caller, source).await.map_err(|e| match e {
                ApiError::NotFound(_) => {
                    ApiError::field("input.cloneOf", "no template of your organisation, nor a shipped one, has this id")
                }
                other => other,
            })?;
            let version = view.versions.iter().rev().find(|v| v.published).or(view.versions.last());
            let based_on = if view.shipped {
                format!("shipped:{}@{}", view.slug, version.map_or(0, |v| v.version))
            } else {
                format!("template:{}", view.id)
            };
            (version.map(|v| v.sections.clone()).unwrap_or_default(), Some(based_on))
        }
    };
    let taken = questionnaire_template::Entity::find()
        .filter(questionnaire_template::Column::OrganisationId.eq(caller.organisation_id))
        .filter(questionnaire_template::Column::Slug.eq(&slug))
        .count(&txn)
        .await?;
    if taken > 0 || questionnaires::shipped_template(&slug).is_some() {
        return Err(ApiError::conflict(Some("input.slug"), format!("a template with slug \"{slug}\" already exists")));
    }
    let template = questionnaire_template::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        slug: Set(slug),
        title: Set(title),
        description: Set(description),
        based_on: Set(based_on),
        created_at: Set(now()),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    let version = insert_version(&txn, caller, template.id, 1, &sections).await?;
    let changes = audit::diff(None, Some(&template));
    audit::record(&txn, caller, "questionnaire_template.create", "questionnaire_template", Some(template.id), changes)
        .await?;
    txn.commit().await?;
    Ok(own_view(template, vec![version]))
}

async fn insert_version<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    template_id: Uuid,
    number: i32,
    sections: &[Section],
) -> ApiResult<template_version::Model> {
    let count: usize = sections.iter().map(|s| s.questions.len()).sum();
    Ok(template_version::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        template_id: Set(template_id),
        version: Set(number),
        status: Set(DRAFT.to_owned()),
        content: Set(json!({ "sections": sections })),
        question_count: Set(count as i32),
        created_at: Set(now()),
        published_at: Set(None),
    }
    .insert(db)
    .await?)
}

fn shipped_refusal(id: Uuid) -> Option<ApiError> {
    questionnaires::shipped_templates()
        .iter()
        .any(|t| shipped_id(&t.slug) == id)
        .then(|| ApiError::field("templateId", "shipped templates cannot be changed; clone it into your own template"))
}

/// Replaces the questions of the template's draft, starting a new draft version when the latest
/// one is published. Every problem is reported with the question and field it concerns.
pub async fn update_draft(
    db: &DatabaseConnection,
    caller: &Caller,
    template_id: Uuid,
    content: Value,
) -> ApiResult<VersionView> {
    caller.require(Permission::WriteRegister)?;
    if let Some(refusal) = shipped_refusal(template_id) {
        return Err(refusal);
    }
    let txn = begin_write(db).await?;
    let template = own_template(&txn, caller, template_id).await?;
    let sections = parse_content(&content).map_err(ApiError::Validation)?;
    let problems = content_problems(&template, &sections, true);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let latest = versions_of(&txn, template_id).await?.pop();
    let version = match latest {
        Some(draft) if draft.status == DRAFT => {
            let before = draft.clone();
            let mut active = draft.into_active_model();
            active.content = Set(json!({ "sections": sections }));
            active.question_count = Set(sections.iter().map(|s| s.questions.len() as i32).sum());
            let after = active.update(&txn).await?;
            let changes = json!({"version": after.version, "questions": {"before": before.question_count, "after": after.question_count}});
            audit::record(&txn, caller, "template_version.update", "template_version", Some(after.id), changes).await?;
            after
        }
        latest => {
            let number = latest.map_or(1, |v| v.version + 1);
            let created = insert_version(&txn, caller, template_id, number, &sections).await?;
            let changes = json!({"version": created.version, "questions": created.question_count});
            audit::record(&txn, caller, "template_version.create", "template_version", Some(created.id), changes)
                .await?;
            created
        }
    };
    touch(&txn, template).await?;
    txn.commit().await?;
    Ok(own_view_version(version))
}

/// Publishes the draft after validating it completely; from then on it never changes.
pub async fn publish(db: &DatabaseConnection, caller: &Caller, template_id: Uuid) -> ApiResult<VersionView> {
    caller.require(Permission::WriteRegister)?;
    if let Some(refusal) = shipped_refusal(template_id) {
        return Err(refusal);
    }
    let txn = begin_write(db).await?;
    let template = own_template(&txn, caller, template_id).await?;
    let Some(draft) = versions_of(&txn, template_id).await?.pop().filter(|v| v.status == DRAFT) else {
        return Err(ApiError::field("templateId", "there is no draft to publish; edit the template first"));
    };
    let problems = content_problems(&template, &sections_of(&draft.content), false);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let mut active = draft.into_active_model();
    active.status = Set(PUBLISHED.to_owned());
    active.published_at = Set(Some(now()));
    let published = active.update(&txn).await?;
    let changes = json!({"version": published.version, "status": {"before": DRAFT, "after": PUBLISHED}});
    audit::record(&txn, caller, "template_version.publish", "template_version", Some(published.id), changes).await?;
    touch(&txn, template).await?;
    txn.commit().await?;
    Ok(own_view_version(published))
}

async fn touch<C: ConnectionTrait>(db: &C, template: questionnaire_template::Model) -> ApiResult<()> {
    let mut active = template.into_active_model();
    active.updated_at = Set(now());
    active.update(db).await?;
    Ok(())
}

fn own_view_version(version: template_version::Model) -> VersionView {
    VersionView {
        id: version.id,
        version: version.version,
        published: version.status == PUBLISHED,
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
    let version = template_version::Entity::find_by_id(version_id)
        .filter(template_version::Column::OrganisationId.eq(caller.organisation_id))
        .filter(template_version::Column::Status.eq(PUBLISHED))
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
    let newest = match template_version::Entity::find_by_id(version_id)
        .filter(template_version::Column::OrganisationId.eq(caller.organisation_id))
        .one(db)
        .await?
    {
        Some(version) => template_version::Entity::find()
            .filter(template_version::Column::TemplateId.eq(version.template_id))
            .filter(template_version::Column::Status.eq(PUBLISHED))
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
