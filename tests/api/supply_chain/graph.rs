//! The supply-chain graph over GraphQL: impact through fourth parties, the suppliers beneath a
//! service, and concentration, on a small graph with a cycle and a loose end.
use crate::helpers::{data, spawn_app};
use chainward::domain::Role;
use serde_json::json;

#[tokio::test]
async fn impact_supply_chain_and_concentration_follow_the_graph() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let portal = app.service(t, "Customer portal", 5).await;
    let intranet = app.service(t, "Intranet", 2).await;
    let reseller = app.supplier(t, "Reseller Oy", json!({})).await;
    let cloud = app.supplier(t, "Cloud GmbH", json!({})).await;
    let datacenter = app.supplier(t, "Datacenter SA", json!({})).await;
    app.supplier(t, "Mail Ltd", json!({})).await;
    for (dependent, provider) in
        [(&portal, &reseller), (&reseller, &cloud), (&cloud, &datacenter), (&intranet, &cloud), (&cloud, &reseller)]
    {
        data(&app.depend(t, dependent, provider).await);
    }

    let impact =
        "query($id: UUID!) { supplier(id: $id) { impactedServices { depth service { name } path { name kind } } } }";
    let body = app.gql(Some(t), impact, json!({"id": datacenter})).await;
    let impacted = &data(&body)["supplier"]["impactedServices"];
    assert_eq!(impacted[0]["service"]["name"], "Intranet");
    assert_eq!(impacted[0]["depth"], 2);
    let path: Vec<&str> = impacted[1]["path"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        path,
        ["Customer portal", "Reseller Oy", "Cloud GmbH", "Datacenter SA"],
        "the cycle does not lengthen it"
    );
    assert_eq!(impacted[1]["path"][0]["kind"], "SERVICE");

    let chain = "query($id: UUID!, $d: Int!) { service(id: $id) { supplyChain(maxDepth: $d) { depth supplier { legalName } openFindings rating } } }";
    let body = app.gql(Some(t), chain, json!({"id": portal, "d": 2})).await;
    assert_eq!(
        data(&body)["service"]["supplyChain"],
        json!([
            {"depth": 1, "supplier": {"legalName": "Reseller Oy"}, "openFindings": 0, "rating": null},
            {"depth": 2, "supplier": {"legalName": "Cloud GmbH"}, "openFindings": 0, "rating": null},
        ])
    );

    let body = app
        .gql(Some(t), "{ supplierConcentration { supplier { legalName } services weightedCriticality } }", json!({}))
        .await;
    let ranked: Vec<(String, u64, u64)> = data(&body)["supplierConcentration"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["supplier"]["legalName"].as_str().unwrap().to_owned(),
                c["services"].as_u64().unwrap(),
                c["weightedCriticality"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ranked.len(), 3, "Mail Ltd serves nobody: {ranked:?}");

    for (format, start) in [("JSON", "{\"nodes\":"), ("GRAPHML", "<?xml"), ("DOT", "digraph supply_chain {")] {
        let query = format!("{{ supplyChainGraph(format: {format}) {{ content }} }}");
        let body = app.gql(Some(t), &query, json!({})).await;
        let content = data(&body)["supplyChainGraph"]["content"].as_str().unwrap().to_owned();
        assert!(content.starts_with(start), "{format}: {content}");
        assert!(content.contains("Datacenter SA") && content.contains(&cloud), "{format}: {content}");
    }
    let body = app.gql(Some(t), "{ supplyChainGraph(format: JSON) { content } }", json!({})).await;
    let exported: serde_json::Value =
        serde_json::from_str(data(&body)["supplyChainGraph"]["content"].as_str().unwrap()).unwrap();
    assert_eq!(exported["nodes"].as_array().unwrap().len(), 6);
    assert_eq!(exported["edges"].as_array().unwrap().len(), 5);
    assert!(ranked.iter().all(|(_, services, weight)| *services == 2 && *weight == 7), "{ranked:?}");
}

#[tokio::test]
async fn the_findings_board_filters_by_service_through_the_graph() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let (supplier, _) = crate::helpers::assessment::completed_with_a_finding(&app, t, "pia@supplier.example").await;
    let reseller = app.supplier(t, "Reseller Oy", json!({})).await;
    let portal = app.service(t, "Customer portal", 5).await;
    let intranet = app.service(t, "Intranet", 2).await;
    data(&app.depend(t, &portal, &reseller).await);
    data(&app.depend(t, &reseller, &supplier).await);

    let board = "query($f: FindingFilter) { findingsBoard(filter: $f, first: 10) { totalCount edges { node { questionId severity status } } } }";
    let count = |body: &serde_json::Value| data(body)["findingsBoard"]["totalCount"].as_u64().unwrap();
    let all = app.gql(Some(t), board, json!({})).await;
    assert_eq!(count(&all), 1);
    let severity = data(&all)["findingsBoard"]["edges"][0]["node"]["severity"].clone();
    for (filter, expected) in [
        (json!({"serviceId": portal}), 1),
        (json!({"serviceId": intranet}), 0),
        (json!({"supplierId": reseller}), 0),
        (json!({"supplierId": supplier, "severity": [severity]}), 1),
        (json!({"status": ["OPEN"], "overdue": false}), 1),
        (json!({"overdue": true}), 0),
        (json!({"status": ["VERIFIED", "RISK_ACCEPTED"]}), 0),
        (json!({"dueFrom": "2000-01-01", "dueUntil": "2099-12-31"}), 1),
        (json!({"dueUntil": "2000-01-01"}), 0),
    ] {
        let body = app.gql(Some(t), board, json!({"f": filter})).await;
        assert_eq!(count(&body), expected, "{filter}: {body}");
    }
    let wrong = app.gql(Some(t), board, json!({"f": {"status": ["done"]}})).await;
    // Statuses are a GraphQL enum: an unknown one is refused before anything runs, by name.
    assert_eq!(crate::helpers::error_code(&wrong), "BAD_REQUEST", "{wrong}");
    let message = wrong["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("FindingStatus") && message.contains("done"), "{message}");
    let backwards = app.gql(Some(t), board, json!({"f": {"dueFrom": "2027-02-01", "dueUntil": "2027-01-01"}})).await;
    assert_eq!(crate::helpers::field_errors(&backwards), ["filter.dueUntil"]);
}

#[tokio::test]
async fn a_finding_is_remediated_verified_and_accepted_risk_expires() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (supplier, _) =
        crate::helpers::assessment::completed_with_a_finding(&app, &analyst.token, "pia@supplier.example").await;
    let body = app
        .gql(Some(&analyst.token), "query($id: UUID!) { findings(supplierId: $id) { id } }", json!({"id": supplier}))
        .await;
    let id = data(&body)["findings"][0]["id"].clone();
    let a = Some(analyst.token.as_str());

    let update = "mutation($id: UUID!, $o: UUID!) { updateFinding(id: $id, input: {ownerId: $o, remediationPlan: \"Off-site backups by March\"}) { owner { email } remediationPlan } }";
    let body = app.gql(a, update, json!({"id": id, "o": analyst.user_id})).await;
    assert_eq!(
        data(&body)["updateFinding"],
        json!({"owner": {"email": analyst.email}, "remediationPlan": "Off-site backups by March"})
    );
    let board = "query($o: UUID!) { findingsBoard(filter: {ownerId: $o}) { totalCount } }";
    let mine = app.gql(a, board, json!({"o": analyst.user_id})).await;
    assert_eq!(data(&mine)["findingsBoard"]["totalCount"], 1);
    let theirs = app.gql(a, board, json!({"o": admin.user_id})).await;
    assert_eq!(data(&theirs)["findingsBoard"]["totalCount"], 0);
    let stranger = app.gql(a, update, json!({"id": id, "o": uuid::Uuid::new_v4()})).await;
    assert_eq!(stranger["errors"][0]["extensions"]["fieldErrors"][0]["field"], "input.ownerId");

    let status = "mutation($id: UUID!, $s: FindingStatus!) { changeFindingStatus(id: $id, status: $s) { status resolvedAt verifiedAt allowedNextStatuses } }";
    for step in ["IN_PROGRESS", "RESOLVED", "VERIFIED"] {
        let body = app.gql(a, status, json!({"id": id, "s": step})).await;
        assert_eq!(data(&body)["changeFindingStatus"]["status"], step);
    }
    let verified = app.gql(a, status, json!({"id": id, "s": "RESOLVED"})).await;
    assert!(
        verified["errors"][0]["message"].as_str().unwrap().contains("from verified to resolved; allowed: open"),
        "{verified}"
    );
    let reopened = app.gql(a, status, json!({"id": id, "s": "OPEN"})).await;
    assert_eq!(
        data(&reopened)["changeFindingStatus"],
        json!({"status": "OPEN", "resolvedAt": null, "verifiedAt": null, "allowedNextStatuses": ["IN_PROGRESS", "RESOLVED"]})
    );

    let accept = "mutation($id: UUID!, $u: NaiveDate!) { acceptFindingRisk(id: $id, reason: \"Isolated network segment\", until: $u) { status riskReason riskAcceptedUntil } }";
    assert_eq!(
        crate::helpers::error_code(&app.gql(a, accept, json!({"id": id, "u": "2099-01-01"})).await),
        "FORBIDDEN",
        "admins only"
    );
    let past = app.gql(Some(&admin.token), accept, json!({"id": id, "u": "2020-01-01"})).await;
    assert_eq!(past["errors"][0]["extensions"]["fieldErrors"][0]["field"], "until");
    let until = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    let body = app.gql(Some(&admin.token), accept, json!({"id": id, "u": until})).await;
    assert_eq!(data(&body)["acceptFindingRisk"]["status"], "RISK_ACCEPTED");

    // The day after the acceptance ends, the worker reopens the finding.
    let after = chrono::Utc::now().date_naive() + chrono::Days::new(31);
    assert_eq!(crate::helpers::worker::run_jobs_on(&app, after).await.reopened_findings, 1);
    let body = app.gql(a, "query($id: UUID!) { findings(supplierId: $id) { status } }", json!({"id": supplier})).await;
    assert_eq!(data(&body)["findings"][0]["status"], "OPEN");
    let log = app
        .gql(Some(&admin.token), "{ auditEvents(filter: {action: \"finding.reopened\"}) { totalCount } }", json!({}))
        .await;
    assert_eq!(data(&log)["auditEvents"]["totalCount"], 1);
}
