//! Editing an organisation's own templates: created from scratch or cloned, questions
//! replaced in the draft (a new draft version once the latest is published), and published.
//! A published version never changes; shipped templates are never edited.
use crate::auth::{Caller, Permission};
use crate::db::begin_write;
use crate::domain::TemplateVersionStatus;
use crate::error::{ApiError, ApiResult, OnConstraint, Problems};
use crate::service::kernel::{audit, lookup, now, unique, validate};
use crate::service::templates::content::{content_problems, parse_content, slug_from};
use crate::service::templates::generated;
use crate::service::templates::template::{
    TemplateView, VersionView, get, own_template, own_view, own_view_version, sections_of, shipped_id, versions_of,
};
use entity::{questionnaire_template, template_version};
use questionnaires::template::Section;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, IntoActiveModel,
    PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};
use uuid::Uuid;

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
    let taken = lookup::scoped::<questionnaire_template::Entity>(caller)
        .filter(questionnaire_template::Column::Slug.eq(&slug))
        .count(&txn)
        .await?;
    let slug_taken = ApiError::conflict(Some("input.slug"), format!("a template with slug \"{slug}\" already exists"));
    if taken > 0 || questionnaires::shipped_template(&slug).is_some() {
        return Err(slug_taken);
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
    .await
    .on_constraint(&unique::TEMPLATE_SLUG, || slug_taken)?;
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
        status: Set(TemplateVersionStatus::Draft),
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
    if generated::is_generated(&template) {
        return Err(generated::read_only());
    }
    let sections = parse_content(&content).map_err(ApiError::Validation)?;
    let problems = content_problems(&template, &sections, true);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let latest = versions_of(&txn, template_id).await?.pop();
    let version = match latest {
        Some(draft) if draft.status == TemplateVersionStatus::Draft => {
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
    if generated::is_generated(&template) {
        return Err(generated::read_only());
    }
    let Some(draft) = versions_of(&txn, template_id).await?.pop().filter(|v| v.status == TemplateVersionStatus::Draft)
    else {
        return Err(ApiError::field("templateId", "there is no draft to publish; edit the template first"));
    };
    let problems = content_problems(&template, &sections_of(&draft.content), false);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let mut active = draft.into_active_model();
    active.status = Set(TemplateVersionStatus::Published);
    active.published_at = Set(Some(now()));
    let published = active.update(&txn).await?;
    let changes = json!({"version": published.version, "status": {"before": TemplateVersionStatus::Draft, "after": TemplateVersionStatus::Published}});
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
