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

    for (format, start) in [("JSON", "{\"edges\":"), ("GRAPHML", "<?xml"), ("DOT", "digraph supply_chain {")] {
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
