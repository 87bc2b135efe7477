//! The portfolio report for the board: one page in plain words first, then the heat map, the
//! rating distribution, the biggest movers, the remediation burn-down, overdue findings by
//! owner, single points of failure and concentration, NIS 2 coverage per Art. 21(2) point and
//! campaign progress. The figures are the portfolio read model's (the dashboard's), so a
//! report of 10,000 suppliers reads a few rows and the findings that are overdue.
use super::engine;
use crate::auth::{Caller, Permission};
use crate::domain::UNRESOLVED_FINDINGS;
use crate::error::{ApiError, ApiResult};
use crate::service::assessment::campaign;
use crate::service::identity::user;
use crate::service::kernel::{lookup, now};
use crate::service::portfolio::{self, freshness};
use chrono::NaiveDate;
use entity::{assessment, finding, supplier};
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, QuerySelect};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

const TEMPLATE: &str = include_str!("templates/portfolio.typ");
/// Rows of each ranked table.
const TOP: usize = 10;

/// Names of suppliers and services by id.
async fn names(db: &DatabaseConnection, caller: &Caller, ids: Vec<Uuid>) -> ApiResult<HashMap<Uuid, String>> {
    let mut names: HashMap<Uuid, String> = lookup::scoped::<supplier::Entity>(caller)
        .filter(supplier::Column::Id.is_in(ids.clone()))
        .select_only()
        .columns([supplier::Column::Id, supplier::Column::LegalName])
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    names.extend(
        lookup::scoped::<entity::business_service::Entity>(caller)
            .filter(entity::business_service::Column::Id.is_in(ids))
            .select_only()
            .columns([entity::business_service::Column::Id, entity::business_service::Column::Name])
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?,
    );
    Ok(names)
}

/// Overdue findings by owner (e-mail, or "no owner"), most first.
async fn overdue_by_owner(
    db: &DatabaseConnection,
    caller: &Caller,
    today: NaiveDate,
) -> ApiResult<Vec<(String, usize)>> {
    let owners: Vec<Option<Uuid>> = lookup::scoped::<finding::Entity>(caller)
        .filter(finding::Column::Status.is_in(UNRESOLVED_FINDINGS))
        .filter(finding::Column::DueDate.lt(today))
        .select_only()
        .column(finding::Column::OwnerId)
        .into_tuple::<Option<Uuid>>()
        .all(db)
        .await?;
    let mut counts: BTreeMap<Option<Uuid>, usize> = BTreeMap::new();
    for owner in owners {
        *counts.entry(owner).or_default() += 1;
    }
    let users: HashMap<Uuid, String> = user::list(db, caller).await?.into_iter().map(|u| (u.id, u.email)).collect();
    let mut rows: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(owner, n)| (owner.and_then(|id| users.get(&id).cloned()).unwrap_or_else(|| "no owner".into()), n))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(rows)
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") }
}

/// Everything the portfolio report shows, as the template reads it.
pub async fn data(db: &DatabaseConnection, caller: &Caller, today: NaiveDate) -> ApiResult<Value> {
    caller.require(Permission::Read)?;
    let view = freshness::read(db, caller).await?;
    let organisation = user::organisation(db, caller).await?;
    let movers: Vec<Uuid> = view.movers.iter().take(TOP).copied().collect();
    let history = portfolio::score_history(db, caller, &movers).await?;
    let points: Vec<&crate::service::supply_chain::exposure::SinglePoint> =
        view.single_points.iter().take(15).collect();
    let mut wanted: Vec<Uuid> = movers.clone();
    wanted.extend(points.iter().flat_map(|p| [p.service, p.supplier]));
    wanted.extend(view.concentration.iter().take(TOP).map(|c| c.supplier));
    let names = names(db, caller, wanted).await?;
    let name = |id: &Uuid| names.get(id).cloned().unwrap_or_else(|| "(removed)".into());
    let overdue = overdue_by_owner(db, caller, today).await?;
    let campaigns = campaign::by_ids(db, caller, &view.campaigns_in_flight).await?;
    let in_campaigns = lookup::scoped::<assessment::Entity>(caller)
        .filter(assessment::Column::CampaignId.is_in(campaigns.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let trend: Vec<Value> = movers
        .iter()
        .filter_map(|id| {
            let scores = history.get(id)?;
            let (first, last) = (scores.first()?, scores.last()?);
            // Unmoved suppliers fill the ranking's tail when few moved: they are no movers.
            if (last.security_score - first.security_score).abs() < 0.05 {
                return None;
            }
            Some(json!({"supplier": name(id), "from": format!("{:.1}", first.security_score),
                "to": format!("{:.1}", last.security_score), "change": last.security_score - first.security_score,
                "change_text": format!("{:+.1}", last.security_score - first.security_score)}))
        })
        .collect();
    let r = &view.rating_distribution;
    let rated = r.low + r.medium + r.high + r.critical;
    let overdue_total: usize = overdue.iter().map(|(_, n)| n).sum();
    let weakest =
        view.nis2_coverage.iter().filter_map(|p| p.average_score.map(|s| (s, p))).min_by(|a, b| a.0.total_cmp(&b.0));
    let burn = &view.burn_down[view.burn_down.len().saturating_sub(12)..];
    let mut summary = vec![format!(
        "{} in the register, {} rated: {} critical, {} high, {} medium, {} low; {} never assessed.",
        plural(view.reach.suppliers, "supplier"),
        rated,
        r.critical,
        r.high,
        r.medium,
        r.low,
        r.unrated
    )];
    summary.push(match overdue.first() {
        Some((owner, n)) => format!(
            "{overdue_total} {} overdue; the most ({n}) with {owner}.",
            if overdue_total == 1 { "finding is" } else { "findings are" }
        ),
        None => "No finding is overdue.".into(),
    });
    if let (Some(first), Some(last)) = (burn.first(), burn.last()) {
        summary.push(format!(
            "Open findings went from {} to {} over the last {} weeks.",
            first.open_at_end,
            last.open_at_end,
            burn.len()
        ));
    }
    if let Some((score, point)) = weakest {
        summary.push(format!(
            "The weakest NIS 2 point is {} ({}): {score:.0} on average over {}.",
            point.point,
            point.title,
            plural(point.suppliers_assessed, "supplier")
        ));
    }
    summary.push(format!(
        "{} a critical service relies on one supplier with no alternative.",
        if view.single_points.is_empty() {
            "Nowhere does".to_owned()
        } else {
            format!("In {},", plural(view.single_points.len(), "place"))
        }
    ));
    if let Some(top) = trend.first() {
        summary.push(format!(
            "The biggest mover is {} ({} points).",
            top["supplier"].as_str().unwrap_or(""),
            top["change_text"].as_str().unwrap_or("")
        ));
    }
    Ok(json!({
        "organisation": organisation.name,
        "generated": today.to_string(),
        "as_of": view.built_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        "summary": summary,
        "ratings": {"critical": r.critical, "high": r.high, "medium": r.medium, "low": r.low, "unrated": r.unrated},
        "heat": view.heat_map.iter().map(|c| json!({"inherent": c.inherent, "residual": c.residual,
            "suppliers": c.suppliers, "rating": c.worst_rating.to_string()})).collect::<Vec<_>>(),
        "movers": trend,
        "burn_down": burn.iter().map(|w| json!({"week": w.week_start.to_string(), "opened": w.opened,
            "closed": w.closed, "open": w.open_at_end})).collect::<Vec<_>>(),
        "overdue": overdue.iter().take(TOP).map(|(owner, n)| json!({"owner": owner, "findings": n})).collect::<Vec<_>>(),
        "single_points": points.iter().map(|p| json!({"service": name(&p.service), "function": p.function,
            "supplier": name(&p.supplier)})).collect::<Vec<_>>(),
        "concentration": view.concentration.iter().take(TOP).map(|c| json!({"supplier": name(&c.supplier),
            "services": c.services, "nis2_critical": c.nis2_critical_services})).collect::<Vec<_>>(),
        "nis2": view.nis2_coverage.iter().map(|p| json!({"point": p.point, "title": p.title,
            "score": p.average_score, "assessed": p.suppliers_assessed, "below_half": p.suppliers_below_half}))
            .collect::<Vec<_>>(),
        "campaigns": campaigns.iter().map(|c| {
            let mine: Vec<entity::assessment::Model> =
                in_campaigns.iter().filter(|a| a.campaign_id == Some(c.id)).cloned().collect();
            let progress = campaign::progress(&mine, today);
            let done = progress.completed + progress.submitted;
            json!({"name": c.name, "total": progress.total, "completed": progress.completed,
                "answered": done, "overdue": progress.overdue,
                "share": if progress.total == 0 { 0.0 } else { 100.0 * done as f64 / progress.total as f64 }})
        }).collect::<Vec<_>>(),
    }))
}

/// The portfolio report as a PDF, and a file name for it.
pub async fn pdf(db: &DatabaseConnection, caller: &Caller) -> ApiResult<(String, Vec<u8>)> {
    let today = now().date_naive();
    let data = data(db, caller, today).await?;
    let organisation = data["organisation"].as_str().unwrap_or("portfolio").to_owned();
    let bytes = tokio::task::spawn_blocking(move || engine::render("portfolio", TEMPLATE, &data, today))
        .await
        .map_err(ApiError::internal)??;
    Ok((format!("{}-portfolio-report-{today}.pdf", super::file_stem(&organisation)), bytes))
}
