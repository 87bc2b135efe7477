//! The whole graph for GRC tools, streamed from `GET /api/exports/graph` a page at a time: the
//! same graph as `supplyChainGraph` in each format, across page boundaries, the caller's
//! organisation only.
use crate::helpers::{data, spawn_app};
use chainward::domain::Role;
use chainward::service::supply_chain::graph_export::{GraphFormat, GraphPages};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn node_and_edge_sets(json: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let set = |key: &str| json[key].as_array().unwrap().iter().map(|v| v.to_string()).collect();
    (set("nodes"), set("edges"))
}

#[tokio::test]
async fn the_whole_graph_streams_in_every_format_as_the_api_answers_it() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let mut suppliers = Vec::new();
    for n in 0..7 {
        suppliers.push(app.supplier(t, &format!("Supplier \"{n}\" & <Partners>"), json!({})).await);
    }
    let portal = app.service(t, "Customer portal", 5).await;
    let payroll = app.service(t, "Payroll", 3).await;
    for (dependent, provider) in [(&portal, 0), (&portal, 1), (&payroll, 2)] {
        data(&app.depend(t, dependent, &suppliers[provider]).await);
    }
    for (dependent, provider) in [(0, 3), (1, 3), (3, 4), (4, 5), (2, 6)] {
        data(&app.depend(t, &suppliers[dependent], &suppliers[provider]).await);
    }
    let other = app.account("other", Role::Admin).await;
    app.supplier(&other.token, "Not ours Ltd", json!({})).await;

    let url = |format: &str| format!("{}/api/exports/graph?format={format}", app.address);
    let streamed = app.client.get(url("json")).bearer_auth(t).send().await.unwrap();
    assert_eq!(streamed.status(), 200);
    assert_eq!(streamed.headers()["content-type"], "application/json");
    let streamed: Value = streamed.json().await.unwrap();
    let body = app.gql(Some(t), "{ supplyChainGraph(format: JSON) { content } }", json!({})).await;
    let answered: Value = serde_json::from_str(data(&body)["supplyChainGraph"]["content"].as_str().unwrap()).unwrap();
    assert_eq!(node_and_edge_sets(&streamed), node_and_edge_sets(&answered));
    assert_eq!((streamed["nodes"].as_array().unwrap().len(), streamed["edges"].as_array().unwrap().len()), (9, 8));
    assert!(!streamed.to_string().contains("Not ours"), "the caller's organisation only");

    // Two rows at a time: the same text, nothing lost or repeated at a boundary.
    let caller = chainward::auth::Caller::system(admin.organisation_id, "test");
    for format in [GraphFormat::Json, GraphFormat::Graphml, GraphFormat::Dot] {
        let whole = GraphPages::open(caller.clone(), format).unwrap().collect(&app.state.db).await.unwrap();
        let paged =
            GraphPages::open(caller.clone(), format).unwrap().with_page(2).collect(&app.state.db).await.unwrap();
        assert_eq!(whole, paged, "{format:?}");
    }
    let graphml = app.client.get(url("graphml")).bearer_auth(t).send().await.unwrap().text().await.unwrap();
    assert_eq!((graphml.matches("<node ").count(), graphml.matches("<edge ").count()), (9, 8));
    assert!(graphml.contains("Supplier &quot;0&quot; &amp; &lt;Partners&gt;") && graphml.ends_with("</graphml>\n"));
    let dot = app.client.get(url("dot")).bearer_auth(t).send().await.unwrap().text().await.unwrap();
    assert_eq!(dot.matches(" -> ").count(), 8);
    assert!(dot.contains("label=\"Supplier \\\"0\\\" & <Partners>\"") && dot.ends_with("}\n"), "{dot}");

    let unknown = app.client.get(url("pdf")).bearer_auth(t).send().await.unwrap();
    assert_eq!(unknown.status(), 422);
    let refused: Value = unknown.json().await.unwrap();
    assert_eq!(refused["error"]["fieldErrors"][0]["field"], "format");
    assert_eq!(app.client.get(url("json")).send().await.unwrap().status(), 401);
}
