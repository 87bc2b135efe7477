//! Relations load through DataLoaders: a page of 100 suppliers costs as many SQL statements
//! as a page of 10.
use crate::helpers::{data, spawn_app_with};
use chainward::domain::Role;
use serde_json::json;

const PAGE: &str = "query($n: Int!) { suppliers(first: $n) { totalCount edges { node {
    id legalName owner { email } contacts { name email }
    dependsOn { provider { ... on Supplier { legalName } ... on Service { name } } }
    dependents { dependent { ... on Supplier { legalName } ... on Service { name criticality } } }
} } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_suppliers_costs_the_same_statements_whatever_its_size() {
    // The background worker shares the connection (and its statement counter): keep it idle.
    let app = spawn_app_with(|config| config.worker_poll = std::time::Duration::from_secs(3600)).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let service = app.service(t, "Customer portal", 5).await;
    let mut previous: Option<String> = None;
    let mut suppliers = Vec::new();
    for i in 0..100 {
        let contacts = json!([{"name": format!("Contact {i}"), "email": format!("c{i}@supplier{i}.example")},
                              {"name": format!("Backup {i}"), "email": format!("b{i}@supplier{i}.example")}]);
        let id = app
            .supplier(t, &format!("Supplier {i:03}"), json!({"contacts": contacts, "ownerId": analyst.user_id}))
            .await;
        crate::helpers::data(&app.depend(t, &service, &id).await);
        if let Some(previous) = &previous {
            crate::helpers::data(&app.depend(t, &id, previous).await);
        }
        suppliers.push(id.clone());
        previous = Some(id);
    }
    let mut costs = Vec::new();
    for n in [10, 100] {
        let before = app.statements().await;
        let body = app.gql(Some(t), PAGE, json!({"n": n})).await;
        let cost = app.statements().await - before;
        let edges = data(&body)["suppliers"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), n as usize);
        assert_eq!(edges[5]["node"]["contacts"].as_array().unwrap().len(), 2);
        assert_eq!(edges[5]["node"]["dependents"].as_array().unwrap().len(), 2);
        assert_eq!(edges[5]["node"]["owner"]["email"], analyst.email.as_str());
        costs.push(cost);
    }
    assert_eq!(costs[0], costs[1], "statements for 10 vs 100 suppliers: {costs:?}");
    assert!(costs[1] <= 12, "a page should take a handful of statements, took {}", costs[1]);

    // The graph above the page is read once per request, however many suppliers walk it.
    let graph_page = "query($n: Int!) { suppliers(first: $n) { nodes { impactedServices { depth service { name } path { name } } } } }";
    let mut costs = Vec::new();
    for n in [10, 100] {
        let before = app.statements().await;
        let body = app.gql(Some(t), graph_page, json!({"n": n})).await;
        costs.push(app.statements().await - before);
        let first = &data(&body)["suppliers"]["nodes"][0]["impactedServices"][0];
        assert_eq!((first["depth"].as_u64(), first["service"]["name"].as_str()), (Some(1), Some("Customer portal")));
    }
    assert_eq!(costs[0], costs[1], "graph statements for 10 vs 100 suppliers: {costs:?}");

    // A page of the findings board, with owners, comments and documents of the fix.
    let raise = "mutation($s: UUID!, $o: UUID!) { raiseFinding(input: {supplierId: $s, title: \"Audit: logs kept 7 days\", severity: LOW, ownerId: $o}) { id } }";
    let comment =
        "mutation($id: UUID!) { commentOnFinding(findingId: $id, body: \"Retention goes to 90 days\") { id } }";
    for supplier in &suppliers {
        let body = app.gql(Some(t), raise, json!({"s": supplier, "o": analyst.user_id})).await;
        data(&app.gql(Some(t), comment, json!({"id": data(&body)["raiseFinding"]["id"]})).await);
    }
    let board = "query($n: Int!) { findingsBoard(first: $n) { edges { node { supplier { legalName } owner { email } contact { email } comments { body } evidence { fileName } } } } }";
    let mut costs = Vec::new();
    for n in [10, 100] {
        let before = app.statements().await;
        let body = app.gql(Some(t), board, json!({"n": n})).await;
        costs.push(app.statements().await - before);
        let edges = data(&body)["findingsBoard"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), n as usize);
        assert_eq!(edges[3]["node"]["comments"][0]["body"], "Retention goes to 90 days");
        assert_eq!(edges[3]["node"]["owner"]["email"], analyst.email.as_str());
    }
    assert_eq!(costs[0], costs[1], "board statements for 10 vs 100 findings: {costs:?}");

    // What services inherit is read from the portfolio read model, built once after the changes.
    for (i, supplier) in suppliers.iter().enumerate().take(19) {
        let service = app.service(t, &format!("Service {i:02}"), 3).await;
        data(&app.depend(t, &service, supplier).await);
    }
    let exposure = "query($n: Int!) { services(first: $n) { nodes { exposure { suppliers findings { open } worstResidualRisk { path { name } } } } } }";
    data(&app.gql(Some(t), "{ portfolio { asOf } }", json!({})).await);
    let mut costs = Vec::new();
    for n in [2, 20] {
        let before = app.statements().await;
        let body = app.gql(Some(t), exposure, json!({"n": n})).await;
        costs.push(app.statements().await - before);
        let nodes = data(&body)["services"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), n as usize);
        assert!(nodes.iter().all(|s| s["exposure"]["findings"]["open"].as_u64() > Some(0)), "{body}");
    }
    assert_eq!(costs[0], costs[1], "exposure statements for 2 vs 20 services: {costs:?}");
}
