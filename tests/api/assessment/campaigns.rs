//! Campaigns: one questionnaire to every supplier a filter selects, with progress.
use crate::helpers::{data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::json;

const LAUNCH: &str = "mutation($i: LaunchCampaign!) { launchCampaign(input: $i) { id name templateTitle
    progress { total draft sent inProgress submitted completed overdue queued } assessments { status supplier { legalName } } } }";

#[tokio::test]
async fn a_campaign_reaches_every_selected_supplier_and_shows_its_progress() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let personal = json!({"status": "ACTIVE", "tier": {"dataSensitivity": "PERSONAL"}, "contacts": [{"name": "Ana", "email": "ana@one.example"}, {"name": "Ben", "email": "ben@one.example"}]});
    app.supplier(t, "Alpha Payroll GmbH", personal).await;
    app.supplier(t, "Beta Mail SA", json!({"status": "ACTIVE", "tier": {"dataSensitivity": "PERSONAL"}})).await;
    app.supplier(
        t,
        "Gamma Print AB",
        json!({"status": "ACTIVE", "contacts": [{"name": "Cy", "email": "cy@three.example"}]}),
    )
    .await;
    app.supplier(t, "Delta Prospect Oy", json!({"status": "PROSPECT", "tier": {"dataSensitivity": "PERSONAL"}})).await;
    let (version, _) = crate::helpers::assessment::lite_version(&app, t).await;

    let input = json!({"name": "Personal data 2027", "templateVersionId": version, "dueDate": "2099-06-30",
        "filter": {"status": ["ACTIVE"], "dataSensitivity": ["PERSONAL"]}});
    let body = app.gql(Some(t), LAUNCH, json!({"i": input})).await;
    let campaign = data(&body)["launchCampaign"].clone();
    assert_eq!(
        campaign["progress"],
        json!({"total": 2, "draft": 1, "sent": 1, "inProgress": 0, "submitted": 0, "completed": 0, "overdue": 0, "queued": 0})
    );
    let statuses: Vec<(String, String)> = campaign["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["supplier"]["legalName"].as_str().unwrap().to_owned(), a["status"].as_str().unwrap().to_owned()))
        .collect();
    assert!(statuses.contains(&("Alpha Payroll GmbH".into(), "SENT".into())), "{statuses:?}");
    assert!(statuses.contains(&("Beta Mail SA".into(), "DRAFT".into())), "no contact to invite: {statuses:?}");
    let mails = app.mails().await;
    assert_eq!(mails.len(), 2, "one e-mail per contact of Alpha");
    assert!(mails.iter().any(|m| m.contains("ana@one.example")) && mails.iter().any(|m| m.contains("ben@one.example")));

    let listed = app.gql(Some(t), "{ campaigns { name progress { total } } }", json!({})).await;
    assert_eq!(data(&listed)["campaigns"], json!([{"name": "Personal data 2027", "progress": {"total": 2}}]));

    let nobody = json!({"name": "Nobody", "templateVersionId": version, "filter": {"country": ["JP"]}});
    let refused = app.gql(Some(t), LAUNCH, json!({"i": nobody})).await;
    assert_eq!(error_code(&refused), "VALIDATION");
    assert_eq!(refused["errors"][0]["extensions"]["fieldErrors"][0]["field"], "input.filter");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_larger_than_a_batch_is_sent_by_the_workers_once_each() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    const SUPPLIERS: usize = 160;
    for n in 0..SUPPLIERS {
        let contact = json!({"category": "Fleet", "contacts": [{"name": "Fleet contact", "email": format!("fleet{n}@supplier.example")}]});
        app.supplier(t, &format!("Fleet supplier {n:03}"), contact).await;
    }
    let (version, _) = crate::helpers::assessment::lite_version(&app, t).await;
    let input = json!({"name": "Fleet 2027", "templateVersionId": version, "filter": {"category": "Fleet"}});
    let body = app
        .gql(
            Some(t),
            "mutation($i: LaunchCampaign!) { launchCampaign(input: $i) { id progress { total queued } } }",
            json!({"i": input}),
        )
        .await;
    let launched = data(&body)["launchCampaign"].clone();
    let (total, queued) =
        (launched["progress"]["total"].as_u64().unwrap(), launched["progress"]["queued"].as_u64().unwrap());
    assert_eq!(total + queued, SUPPLIERS as u64, "every selected supplier is sent or queued: {launched}");
    assert!(total >= 50 && queued > 0, "the first batch at launch, the rest queued: {launched}");

    // Two more workers besides the application's own, as on three replicas.
    let extra = |db: sea_orm::DatabaseConnection| async move {
        while chainward::service::assessment::campaign_send::send_pending(&db).await.unwrap() > 0 {}
    };
    tokio::join!(extra(app.state.db.clone()), extra(app.state.db.clone()));
    let query = "query($id: UUID!) { campaign(id: $id) { progress { total queued sent } assessments { supplier { legalName } } } }";
    let mut seen = serde_json::Value::Null;
    for _ in 0..100 {
        seen = data(&app.gql(Some(t), query, json!({"id": launched["id"]})).await)["campaign"].clone();
        if seen["progress"]["queued"] == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(seen["progress"]["queued"], 0, "{}", seen["progress"]);
    assert_eq!(seen["progress"]["total"], SUPPLIERS, "one assessment per supplier, none twice");
    assert_eq!(seen["progress"]["sent"], SUPPLIERS);
    let mut names: Vec<&str> =
        seen["assessments"].as_array().unwrap().iter().map(|a| a["supplier"]["legalName"].as_str().unwrap()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), SUPPLIERS);
    let invitations = app.mails().await.iter().filter(|m| m.contains("Subject: Security questionnaire from")).count();
    assert_eq!(invitations, SUPPLIERS, "one invitation per contact");
}
