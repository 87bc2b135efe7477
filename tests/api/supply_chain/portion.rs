//! The portion of the graph the portal draws: around a node both ways, or from the services
//! down, whole when it fits and cut at a depth (or to the most important nodes) when not,
//! never another tenant's.
use crate::helpers::{data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};

const PORTION: &str = "query($f: UUID, $n: Int) { supplyChainNeighbourhood(focus: $f, maxNodes: $n) {
    nodes { id kind name rating } edges { dependent provider } complete depth leftOut
    supplierCount unlinked isolated } }";

fn names(body: &Value) -> Vec<String> {
    let mut names: Vec<String> = data(body)["supplyChainNeighbourhood"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn the_portal_draws_a_bounded_portion_around_a_node_or_from_the_services() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let portal = app.service(t, "Customer portal", 5).await;
    let reseller = app.supplier(t, "Reseller Oy", json!({})).await;
    let cloud = app.supplier(t, "Cloud GmbH", json!({})).await;
    let datacenter = app.supplier(t, "Datacenter SA", json!({})).await;
    let power = app.supplier(t, "Power AG", json!({})).await;
    app.supplier(t, "Mail Ltd", json!({})).await;
    let stray = app.supplier(t, "Stray BV", json!({})).await;
    let loose = app.supplier(t, "Loose Srl", json!({})).await;
    for (dependent, provider) in
        [(&portal, &reseller), (&reseller, &cloud), (&cloud, &datacenter), (&datacenter, &power), (&cloud, &reseller)]
    {
        data(&app.depend(t, dependent, provider).await);
    }
    data(&app.depend(t, &stray, &loose).await);

    // Around the cloud: what depends on it (through the cycle) and what it depends on.
    let body = app.gql(Some(t), PORTION, json!({"f": cloud})).await;
    assert_eq!(names(&body), ["Cloud GmbH", "Customer portal", "Datacenter SA", "Power AG", "Reseller Oy"]);
    let portion = &data(&body)["supplyChainNeighbourhood"];
    assert_eq!((portion["complete"].as_bool(), portion["edges"].as_array().unwrap().len()), (Some(true), 5));
    // Register-wide figures: seven suppliers, three no service reaches, one with no dependency.
    assert_eq!((portion["supplierCount"].as_u64(), portion["unlinked"].as_u64()), (Some(7), Some(3)));
    assert_eq!(portion["isolated"], 1);

    // Within three nodes: one step each way, and it says so.
    let body = app.gql(Some(t), PORTION, json!({"f": datacenter, "n": 3})).await;
    assert_eq!(names(&body), ["Cloud GmbH", "Datacenter SA", "Power AG"]);
    let portion = &data(&body)["supplyChainNeighbourhood"];
    assert_eq!((portion["complete"].as_bool(), portion["depth"].as_u64()), (Some(false), Some(1)));
    // Even one step too many: the focus stays, the rest is cut and counted.
    let body = app.gql(Some(t), PORTION, json!({"f": datacenter, "n": 2})).await;
    assert_eq!(names(&body).len(), 2);
    assert!(names(&body).contains(&"Datacenter SA".to_owned()));
    assert_eq!(data(&body)["supplyChainNeighbourhood"]["leftOut"], 1);

    // The overview: from the services down.
    let body = app.gql(Some(t), PORTION, json!({})).await;
    assert_eq!(names(&body), ["Cloud GmbH", "Customer portal", "Datacenter SA", "Power AG", "Reseller Oy"]);

    // Unknown or another tenant's node: not found, nothing drawn.
    let outsider = app.account("globex", Role::Analyst).await;
    let body = app.gql(Some(&outsider.token), PORTION, json!({"f": cloud})).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let body = app.gql(Some(t), PORTION, json!({"f": uuid::Uuid::new_v4()})).await;
    assert_eq!(error_code(&body), "NOT_FOUND");
    let body = app.gql(Some(&outsider.token), PORTION, json!({})).await;
    assert!(names(&body).is_empty());
}
