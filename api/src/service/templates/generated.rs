//! Templates Chainward writes itself and nobody edits: a supplier's own questionnaire as
//! imported (`family:<slug>`: its questions and the controls its crosswalk gave them) and the
//! follow-up that asks what it left open (`follow-up:<assessment id>`). They are published at
//! once; a template already holding the same questions is reused rather than versioned again.
use crate::auth::Caller;
use crate::domain::TemplateVersionStatus;
use crate::error::{ApiError, ApiResult};
use crate::service::kernel::{audit, lookup, now};
use crate::service::templates::template::versions_of;
use entity::{questionnaire_template, template_version};
use questionnaires::Template;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use uuid::Uuid;

/// Prefixes of `based_on` that mark a generated, read-only template.
const GENERATED: [&str; 2] = ["family:", "follow-up:"];

/// Whether a template is generated (read-only).
pub fn is_generated(template: &questionnaire_template::Model) -> bool {
    template.based_on.as_deref().is_some_and(|b| GENERATED.iter().any(|p| b.starts_with(p)))
}

/// The refusal to edit one.
pub fn read_only() -> ApiError {
    ApiError::field(
        "templateId",
        "this template was generated from a supplier's questionnaire and is read-only; clone it to make your own",
    )
}

/// The published version of `template` under `based_on`, in the caller's transaction: the
/// organisation's template of that slug and origin, reusing its latest version when the
/// questions are the same, else a new published version. A slug that one of the organisation's
/// own templates already uses gets a numbered suffix.
pub async fn publish<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    template: &Template,
    based_on: &str,
) -> ApiResult<template_version::Model> {
    let problems = questionnaires::template::validate(template, questionnaires::catalogues());
    if let Some(problem) = problems.first() {
        // Built by us from a file: a problem here is our defect, not the user's input.
        return Err(ApiError::internal(format!("generated template {} is invalid: {problem}", template.slug)));
    }
    let mut owner: Option<questionnaire_template::Model> = None;
    for n in 1..=50 {
        let slug = if n == 1 { template.slug.clone() } else { format!("{}-{n}", template.slug) };
        let found = lookup::scoped::<questionnaire_template::Entity>(caller)
            .filter(questionnaire_template::Column::Slug.eq(&slug))
            .one(db)
            .await?;
        match found {
            Some(existing) if existing.based_on.as_deref() == Some(based_on) => {
                owner = Some(existing);
                break;
            }
            Some(_) => continue,
            None if questionnaires::shipped_template(&slug).is_some() => continue,
            None => {
                let created = questionnaire_template::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    organisation_id: Set(caller.organisation_id),
                    slug: Set(slug),
                    title: Set(template.title.chars().take(200).collect()),
                    description: Set(template.description.clone()),
                    based_on: Set(Some(based_on.to_owned())),
                    created_at: Set(now()),
                    updated_at: Set(now()),
                }
                .insert(db)
                .await?;
                let changes = audit::diff(None, Some(&created));
                audit::record(
                    db,
                    caller,
                    "questionnaire_template.create",
                    "questionnaire_template",
                    Some(created.id),
                    changes,
                )
                .await?;
                owner = Some(created);
                break;
            }
        }
    }
    let owner = owner.ok_or_else(|| ApiError::conflict(None, format!("no free slug for {}", template.slug)))?;
    let content = json!({ "sections": template.sections });
    let latest = versions_of(db, owner.id).await?.pop();
    if let Some(latest) = latest.as_ref().filter(|v| v.content == content) {
        return Ok(latest.clone());
    }
    let count: usize = template.sections.iter().map(|s| s.questions.len()).sum();
    let version = template_version::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(caller.organisation_id),
        template_id: Set(owner.id),
        version: Set(latest.map_or(1, |v| v.version + 1)),
        status: Set(TemplateVersionStatus::Published),
        content: Set(content),
        question_count: Set(count as i32),
        created_at: Set(now()),
        published_at: Set(Some(now())),
    }
    .insert(db)
    .await?;
    let changes = json!({"version": version.version, "questions": count, "generated": based_on});
    audit::record(db, caller, "template_version.publish", "template_version", Some(version.id), changes).await?;
    Ok(version)
}

/// Whether a template version belongs to a family's read-only template. A published version
/// never changes its template, so the answer is kept per process: re-scoring many suppliers
/// asks it once per version, not once per assessment.
pub async fn is_family_version<C: ConnectionTrait>(db: &C, caller: &Caller, version_id: Uuid) -> ApiResult<bool> {
    static KNOWN: OnceLock<Mutex<HashMap<(Uuid, Uuid), bool>>> = OnceLock::new();
    let known = KNOWN.get_or_init(Default::default);
    let key = (caller.organisation_id, version_id);
    if let Some(found) = known.lock().ok().and_then(|k| k.get(&key).copied()) {
        return Ok(found);
    }
    let found = family_version(db, caller, version_id).await?;
    if let Ok(mut known) = known.lock() {
        // Bounded: versions in use are few; one dropped is simply looked up again.
        if known.len() >= 4096 {
            known.clear();
        }
        known.insert(key, found);
    }
    Ok(found)
}

async fn family_version<C: ConnectionTrait>(db: &C, caller: &Caller, version_id: Uuid) -> ApiResult<bool> {
    let Some(version) = lookup::scoped::<entity::template_version::Entity>(caller)
        .filter(entity::template_version::Column::Id.eq(version_id))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let template = entity::questionnaire_template::Entity::find_by_id(version.template_id)
        .filter(entity::questionnaire_template::Column::OrganisationId.eq(caller.organisation_id))
        .one(db)
        .await?;
    Ok(template.and_then(|t| t.based_on).is_some_and(|b| b.starts_with("family:")))
}
