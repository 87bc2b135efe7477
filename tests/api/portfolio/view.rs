//! The dashboard reads a read model: current on a small register, served as it stands while
//! the worker rebuilds it when a build is expensive, and never rebuilt for writes it does not
//! count.
use crate::helpers::{data, spawn_app_with};
use chainward::domain::Role;
use chrono::{DateTime, Utc};
use entity::portfolio_view;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};

const DASHBOARD: &str = "{ portfolio { asOf singlePointsOfFailure { function } }
    supplierConcentration { supplier { legalName } services } }";

fn concentrated(body: &Value) -> Vec<String> {
    let rows = data(body)["supplierConcentration"].as_array().unwrap();
    rows.iter().map(|r| r["supplier"]["legalName"].as_str().unwrap().to_owned()).collect()
}

fn as_of(body: &Value) -> DateTime<Utc> {
    data(body)["portfolio"]["asOf"].as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_dashboard_is_current_on_small_registers_and_rebuilt_by_the_worker_on_large_ones() {
    // The app's own worker runs once at start and then sleeps: the test plays the worker.
    let app = spawn_app_with(|config| config.worker_poll = std::time::Duration::from_secs(3600)).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let payroll = app.service(t, "Payroll", 5).await;
    let first = app.supplier(t, "Kontor Payroll AG", json!({})).await;
    data(&app.depend(t, &payroll, &first).await);

    // A small register: every read sees the last write.
    let body = app.gql(Some(t), DASHBOARD, json!({})).await;
    assert_eq!(concentrated(&body), ["Kontor Payroll AG"]);
    let built = as_of(&body);
    // Reads and failed sign-ins change nothing the dashboard counts: the same build serves.
    app.login(&analyst.email, "not the password").await;
    assert_eq!(as_of(&app.gql(Some(t), DASHBOARD, json!({})).await), built);

    // As if the register were large: the last build took over the inline budget.
    let organisation = portfolio_view::Entity::find().one(&app.state.db).await.unwrap().expect("a view row");
    let mut row = organisation.clone().into_active_model();
    row.build_ms = Set(chainward::service::portfolio::freshness::INLINE_BUILD_MS + 50);
    row.update(&app.state.db).await.unwrap();

    let second = app.supplier(t, "Backup Vault GmbH", json!({})).await;
    data(&app.depend(t, &payroll, &second).await);
    let stale = app.gql(Some(t), DASHBOARD, json!({})).await;
    assert_eq!(concentrated(&stale), ["Kontor Payroll AG"], "served as built while the worker catches up");
    assert_eq!(as_of(&stale), built);

    // The worker waits a few build times between rebuilds of one organisation, then rebuilds.
    let db = &app.state.db;
    assert_eq!(chainward::service::portfolio::freshness::refresh(db, Utc::now()).await.unwrap(), 0);
    let later = Utc::now() + chrono::Duration::seconds(5);
    assert_eq!(chainward::service::portfolio::freshness::refresh(db, later).await.unwrap(), 1);
    let fresh = app.gql(Some(t), DASHBOARD, json!({})).await;
    let mut names = concentrated(&fresh);
    names.sort();
    assert_eq!(names, ["Backup Vault GmbH", "Kontor Payroll AG"]);
    assert!(as_of(&fresh) > built);
    // Nothing changed since: the worker leaves it alone.
    let much_later = later + chrono::Duration::seconds(60);
    assert_eq!(chainward::service::portfolio::freshness::refresh(db, much_later).await.unwrap(), 0);
}

#[tokio::test]
async fn folding_the_change_log_keeps_the_version_even_before_anyone_read_the_dashboard() {
    use chainward::service::kernel::changes;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let app = spawn_app_with(|config| config.worker_poll = std::time::Duration::from_secs(3600)).await;
    let admin = app.account("acme", Role::Admin).await;
    let db = &app.state.db;
    let org = admin.organisation_id;
    // An organisation used only through the API: many changes, no view row yet.
    let rows = (0..1200).map(|_| entity::portfolio_change::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        organisation_id: Set(org),
        created_at: Set(Utc::now()),
    });
    entity::portfolio_change::Entity::insert_many(rows).exec_without_returning(db).await.unwrap();
    let before = changes::version(db, org).await.unwrap();
    assert!(before >= 1200);
    chainward::service::portfolio::freshness::refresh(db, Utc::now()).await.unwrap();
    assert_eq!(changes::version(db, org).await.unwrap(), before, "folded, not lost");
    let left = entity::portfolio_change::Entity::find()
        .filter(entity::portfolio_change::Column::OrganisationId.eq(org))
        .count(db)
        .await
        .unwrap();
    assert_eq!(left, 0);
    // The next change moves it on by one.
    let t = admin.token.as_str();
    app.supplier(t, "Kontor Payroll AG", json!({})).await;
    assert!(changes::version(db, org).await.unwrap() > before);
}
