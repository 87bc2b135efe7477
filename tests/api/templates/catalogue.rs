//! The control catalogues: ISO/IEC 27001:2022 and NIS 2 with ENISA's mapping, read-only and the
//! same for every organisation.
use crate::helpers::{data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};

const FRAMEWORKS: &str =
    "{ frameworks { id title controls { id framework kind title description theme nis2Points isoControls } } }";

fn find<'a>(controls: &'a Value, id: &str) -> &'a Value {
    controls.as_array().expect("controls").iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no control {id}"))
}

fn count(controls: &Value, key: &str, value: &str) -> usize {
    controls.as_array().expect("controls").iter().filter(|c| c[key] == value).count()
}

#[tokio::test]
async fn a_viewer_reads_both_frameworks() {
    let app = spawn_app().await;
    let viewer = app.account("org-a", Role::Viewer).await;
    let body = app.gql(Some(&viewer.token), FRAMEWORKS, json!({})).await;
    let frameworks = &data(&body)["frameworks"];
    let ids: Vec<(&str, &str)> = frameworks
        .as_array()
        .expect("frameworks")
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f["title"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, [("iso27001-2022", "ISO/IEC 27001:2022"), ("nis2", "NIS 2 Art. 21 and IR 2024/2690 section 5")]);

    let iso = &frameworks[0]["controls"];
    assert_eq!(count(iso, "kind", "ANNEX_A_CONTROL"), 93);
    assert_eq!(count(iso, "kind", "CLAUSE"), 31);
    let themes = ["ORGANIZATIONAL", "PEOPLE", "PHYSICAL", "TECHNOLOGICAL"].map(|t| count(iso, "theme", t));
    assert_eq!(themes, [37, 8, 14, 34]);
    let supply = find(iso, "5.19");
    assert_eq!(supply["kind"], "ANNEX_A_CONTROL");
    assert_eq!(supply["framework"], "iso27001-2022");
    assert_eq!(supply["theme"], "ORGANIZATIONAL");
    assert_eq!(supply["description"], Value::Null);
    assert_eq!(supply["isoControls"], json!([]));
    assert!(supply["nis2Points"].as_array().unwrap().contains(&json!("21(2)(d)")), "{supply}");
    let audit = find(iso, "9.2");
    assert_eq!((&audit["kind"], &audit["theme"]), (&json!("CLAUSE"), &Value::Null));

    let nis2 = &frameworks[1]["controls"];
    assert_eq!(count(nis2, "kind", "NIS2_POINT"), 10);
    let contracts = find(nis2, "IR 5.1.4(d)");
    assert_eq!(contracts["kind"], "NIS2_REQUIREMENT");
    assert_eq!(contracts["nis2Points"], json!(["21(2)(d)"]));
    assert!(contracts["description"].as_str().is_some_and(|d| !d.is_empty()), "{contracts}");
}

#[tokio::test]
async fn nis2_points_list_the_annex_a_controls_enisa_maps_to_them() {
    let app = spawn_app().await;
    let viewer = app.account("org-a", Role::Viewer).await;
    let query = "{ controls(framework: \"nis2\") { id kind theme nis2Points isoControls } }";
    let body = app.gql(Some(&viewer.token), query, json!({})).await;
    let controls = &data(&body)["controls"];
    for letter in 'a'..='j' {
        let id = format!("21(2)({letter})");
        let point = find(controls, &id);
        assert_eq!(point["kind"], "NIS2_POINT", "{point}");
        assert_eq!(point["nis2Points"], json!([id]), "a point rolls up to itself");
        assert_eq!(point["theme"], Value::Null);
        let mapped = point["isoControls"].as_array().expect("isoControls");
        // ENISA maps point (f) to management-system clauses only.
        assert_eq!(mapped.is_empty(), letter == 'f', "{point}");
    }
    assert_eq!(find(controls, "21(2)(j)")["isoControls"], json!(["8.5"]));
    assert_eq!(find(controls, "21(3)")["kind"], "NIS2_REQUIREMENT");

    let query = "{ controls(framework: \"iso27001-2022\", theme: PEOPLE) { id theme } }";
    let body = app.gql(Some(&viewer.token), query, json!({})).await;
    let people = data(&body)["controls"].as_array().expect("controls").clone();
    assert_eq!(people.len(), 8);
    assert!(people.iter().all(|c| c["theme"] == "PEOPLE" && c["id"].as_str().unwrap().starts_with("6.")));
}

#[tokio::test]
async fn the_mapping_filters_by_requirement_and_iso_id_and_names_its_source() {
    let app = spawn_app().await;
    let viewer = app.account("org-a", Role::Viewer).await;
    let query = "query($n: String, $i: String) {
        controlMapping(nis2: $n, iso: $i) { nis2 requirement isoKind isoId relationship } controlMappingSource }";
    let body = app.gql(Some(&viewer.token), query, json!({"n": "IR 5.1.4(d)"})).await;
    let rows = data(&body)["controlMapping"].as_array().expect("rows").clone();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["nis2"] == "21(2)(d)" && r["requirement"] == "IR 5.1.4(d)"), "{rows:?}");
    assert!(rows.contains(&json!({"nis2": "21(2)(d)", "requirement": "IR 5.1.4(d)", "isoKind": "CONTROL",
        "isoId": "5.19", "relationship": "intersect"})));
    assert_eq!(
        data(&body)["controlMappingSource"],
        "ENISA, NIS2 Technical Implementation Guidance v1.0 (June 2025), CC BY 4.0"
    );

    let body = app.gql(Some(&viewer.token), query, json!({"n": "21(2)(f)"})).await;
    let rows = data(&body)["controlMapping"].as_array().expect("rows").clone();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["isoKind"] == "CLAUSE"), "{rows:?}");

    let body = app.gql(Some(&viewer.token), query, json!({"i": "8.5", "n": "21(2)(j)"})).await;
    let rows = data(&body)["controlMapping"].as_array().expect("rows").clone();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["isoId"] == "8.5" && r["nis2"] == "21(2)(j)"), "{rows:?}");
}

#[tokio::test]
async fn unknown_frameworks_and_anonymous_callers_are_refused() {
    let app = spawn_app().await;
    let viewer = app.account("org-a", Role::Viewer).await;
    let body = app.gql(Some(&viewer.token), "{ controls(framework: \"sox\") { id } }", json!({})).await;
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["fieldErrors"][0]["field"], "framework");
    assert!(body["data"].is_null(), "{body}");

    for query in [
        FRAMEWORKS,
        "{ controls(framework: \"nis2\") { id } }",
        "{ controlMapping { nis2 } }",
        "{ controlMappingSource }",
    ] {
        let body = app.gql(None, query, json!({})).await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{query}: {body}");
        assert!(body["data"].is_null(), "{query}: {body}");
    }
}
