//! The committed SDL matches the code, and every type and field is described for the GRC tool
//! authors who read it.
use serde_json::Value;

#[test]
fn committed_schema_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/schema.graphql");
    let committed = std::fs::read_to_string(path).expect("api/schema.graphql exists");
    assert!(
        committed == chainward::graphql::sdl(),
        "api/schema.graphql is stale: run `cargo run -p chainward -- schema > api/schema.graphql`"
    );
}

#[tokio::test]
async fn every_type_field_argument_and_enum_value_has_a_description() {
    let query = "{ __schema { types { name kind description
        fields { name description args { name description } }
        inputFields { name description }
        enumValues { name description } } } }";
    let response = chainward::graphql::build_schema().execute(query).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let json = response.data.into_json().unwrap();
    let mut missing = Vec::new();
    let described = |v: &Value| v["description"].as_str().is_some_and(|d| !d.trim().is_empty());
    for t in json["__schema"]["types"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        if name.starts_with("__") || ["String", "Int", "Float", "Boolean", "ID"].contains(&name) {
            continue;
        }
        // async-graphql generates `*Connection` types without a type description (their fields
        // are described); everything we declare must be described.
        if !described(t) && !name.ends_with("Connection") {
            missing.push(name.to_owned());
        }
        for (list, kind) in [("fields", "field"), ("inputFields", "input field"), ("enumValues", "value")] {
            for f in t[list].as_array().into_iter().flatten() {
                if !described(f) {
                    missing.push(format!("{kind} {name}.{}", f["name"].as_str().unwrap()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{} schema elements lack a description:\n{}", missing.len(), missing.join("\n"));
}
