//! The supplier register: suppliers, contacts, services and dependencies, as an analyst uses it.
use crate::helpers::{data, error_code, field_errors, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};

const SUPPLIER_FIELDS: &str = "id legalName country category website status allowedNextStatuses
    identifiers { lei vatNumber duns nationalRegistryNumber }
    tierProfile { dataSensitivity accessLevel substitutability nis2Relevant ictServices }
    contractStart contractEnd contractClauses { securityRequirements incidentNotification rightToAudit termination }
    owner { email } contacts { name email phone role }";

#[tokio::test]
async fn an_analyst_registers_a_supplier_with_its_full_profile() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let input = json!({
        "legalName": "  Nordlicht Cloud GmbH ", "lei": "5493001kjtiigc8y1r12", "vatNumber": "de 123 456 789",
        "duns": "15-048-3782", "nationalRegistryNumber": "HRB 123456 B", "country": "de",
        "website": "https://nordlicht.example", "category": "Cloud hosting", "status": "ACTIVE",
        "ownerId": analyst.user_id,
        "tier": {"dataSensitivity": "PERSONAL", "accessLevel": "PRIVILEGED", "substitutability": "HARD",
                 "nis2Relevant": true, "ictServices": ["IaaS", "Managed Kubernetes", "IaaS"]},
        "contractStart": "2025-01-01", "contractEnd": "2027-12-31",
        "contractClauses": {"securityRequirements": "PRESENT", "incidentNotification": "ABSENT"},
        "contacts": [{"name": "Ida Berg", "email": "Ida.Berg@Nordlicht.example", "phone": "+49 30 1234567", "role": "CISO"}]
    });
    let body = app
        .gql(
            Some(&analyst.token),
            &format!("mutation($i: NewSupplier!) {{ createSupplier(input: $i) {{ {SUPPLIER_FIELDS} }} }}"),
            json!({"i": input}),
        )
        .await;
    let s = &data(&body)["createSupplier"];
    assert_eq!(s["legalName"], "Nordlicht Cloud GmbH");
    assert_eq!(s["country"], "DE");
    assert_eq!(s["status"], "ACTIVE");
    assert_eq!(s["allowedNextStatuses"], json!(["OFFBOARDING"]));
    assert_eq!(
        s["identifiers"],
        json!({"lei": "5493001KJTIIGC8Y1R12", "vatNumber": "DE123456789", "duns": "150483782", "nationalRegistryNumber": "HRB 123456 B"})
    );
    assert_eq!(s["tierProfile"]["ictServices"], json!(["IaaS", "Managed Kubernetes"]));
    assert_eq!(s["tierProfile"]["accessLevel"], "PRIVILEGED");
    assert_eq!(
        s["contractClauses"],
        json!({"securityRequirements": "PRESENT", "incidentNotification": "ABSENT", "rightToAudit": "UNKNOWN", "termination": "UNKNOWN"})
    );
    assert_eq!(s["owner"]["email"], analyst.email.as_str());
    assert_eq!(s["contacts"][0]["email"], "ida.berg@nordlicht.example");

    let audit = app
        .gql(Some(&analyst.token), "query($id: UUID!) { auditEvents(filter: {objectId: $id}) { edges { node { action actorLabel changes } } } }", json!({"id": s["id"]}))
        .await;
    let event = &data(&audit)["auditEvents"]["edges"][0]["node"];
    assert_eq!(event["action"], "supplier.create");
    assert_eq!(event["actorLabel"], analyst.email.as_str());
    assert_eq!(event["changes"]["legal_name"]["after"], "Nordlicht Cloud GmbH");
}

#[tokio::test]
async fn invalid_input_names_every_faulty_field_and_writes_nothing() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let input = json!({
        "legalName": " ", "lei": "529900T8BM49AURSDO56", "country": "XX", "category": "SaaS", "website": "nordlicht",
        "contractStart": "2026-01-01", "contractEnd": "2025-01-01", "ownerId": uuid::Uuid::new_v4(),
        "contacts": [{"name": "Ok", "email": "ok@example.com"}, {"name": "Bad", "email": "not-an-email"}]
    });
    let body = app
        .gql(
            Some(&analyst.token),
            "mutation($i: NewSupplier!) { createSupplier(input: $i) { id } }",
            json!({"i": input}),
        )
        .await;
    assert_eq!(error_code(&body), "VALIDATION");
    let mut fields = field_errors(&body);
    fields.sort();
    assert_eq!(
        fields,
        [
            "input.contacts[1].email",
            "input.contractEnd",
            "input.country",
            "input.legalName",
            "input.lei",
            "input.ownerId",
            "input.website"
        ]
    );
    let count = app.gql(Some(&analyst.token), "{ suppliers { totalCount } }", json!({})).await;
    assert_eq!(data(&count)["suppliers"]["totalCount"], 0);
}

#[tokio::test]
async fn updates_are_partial_and_null_clears_optional_fields() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let id = app
        .supplier(
            &analyst.token,
            "Acme Payroll SA",
            json!({"website": "https://payroll.example", "lei": "5493001KJTIIGC8Y1R12"}),
        )
        .await;
    let update = "mutation($id: UUID!, $i: SupplierPatch!) { updateSupplier(id: $id, input: $i) { legalName website category identifiers { lei } tierProfile { nis2Relevant dataSensitivity } } }";
    let body = app
        .gql(Some(&analyst.token), update, json!({"id": id, "i": {"website": null, "tier": {"nis2Relevant": true}}}))
        .await;
    let s = &data(&body)["updateSupplier"];
    assert_eq!(s["website"], Value::Null);
    assert_eq!(s["legalName"], "Acme Payroll SA");
    assert_eq!(s["identifiers"]["lei"], "5493001KJTIIGC8Y1R12");
    assert_eq!(s["tierProfile"], json!({"nis2Relevant": true, "dataSensitivity": "NONE"}));
    let bad = app.gql(Some(&analyst.token), update, json!({"id": id, "i": {"country": "Germany"}})).await;
    assert_eq!(field_errors(&bad), ["input.country"]);
    let audit = app
        .gql(Some(&analyst.token), "query($id: UUID!) { auditEvents(filter: {objectId: $id, action: \"supplier.update\"}) { edges { node { changes } } } }", json!({"id": id}))
        .await;
    let changes = &data(&audit)["auditEvents"]["edges"][0]["node"]["changes"];
    assert_eq!(changes["website"], json!({"before": "https://payroll.example", "after": null}));
    assert!(changes.get("legal_name").is_none(), "unchanged fields are not logged: {changes}");
}

#[tokio::test]
async fn the_supplier_life_cycle_allows_only_legal_transitions() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let id = app.supplier(&analyst.token, "Fleet Parts BV", json!({})).await;
    let change = "mutation($id: UUID!, $s: SupplierStatus!) { changeSupplierStatus(id: $id, status: $s, reason: \"contract signed\") { status } }";
    for status in ["ONBOARDING", "ACTIVE", "OFFBOARDING", "TERMINATED"] {
        let body = app.gql(Some(&analyst.token), change, json!({"id": id, "s": status})).await;
        assert_eq!(data(&body)["changeSupplierStatus"]["status"], status);
    }
    let illegal = app.gql(Some(&analyst.token), change, json!({"id": id, "s": "ACTIVE"})).await;
    assert_eq!(error_code(&illegal), "VALIDATION");
    assert!(illegal["errors"][0]["message"].as_str().unwrap().contains("from terminated to active"));
    let log = app
        .gql(Some(&analyst.token), "query($id: UUID!) { auditEvents(filter: {objectId: $id, action: \"supplier.status_change\"}) { totalCount edges { node { changes } } } }", json!({"id": id}))
        .await;
    assert_eq!(data(&log)["auditEvents"]["totalCount"], 4);
    assert_eq!(data(&log)["auditEvents"]["edges"][0]["node"]["changes"]["reason"], "contract signed");
}

#[tokio::test]
async fn the_register_pages_filters_and_sorts() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    for i in 0..25 {
        let (country, status) = if i % 5 == 0 { ("FR", "ACTIVE") } else { ("DE", "PROSPECT") };
        let sensitivity = if i % 2 == 0 { "PERSONAL" } else { "NONE" };
        app.supplier(&analyst.token, &format!("Supplier {i:02} Ltd"), json!({"country": country, "status": status, "category": if i < 3 { "Payroll" } else { "SaaS" }, "tier": {"dataSensitivity": sensitivity}})).await;
    }
    let page = "query($after: String) { suppliers(first: 10, after: $after, orderBy: {field: LEGAL_NAME, direction: DESC}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { legalName } } } }";
    let mut names = Vec::new();
    let mut after = Value::Null;
    loop {
        let body = app.gql(Some(&analyst.token), page, json!({"after": after})).await;
        let conn = &data(&body)["suppliers"];
        assert_eq!(conn["totalCount"], 25);
        names.extend(
            conn["edges"].as_array().unwrap().iter().map(|e| e["node"]["legalName"].as_str().unwrap().to_owned()),
        );
        if conn["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
    let mut expected: Vec<String> = (0..25).map(|i| format!("Supplier {i:02} Ltd")).collect();
    expected.reverse();
    assert_eq!(names, expected, "three pages, no overlap, no gap, descending");

    let filter = "query($f: SupplierFilter) { suppliers(filter: $f) { totalCount } }";
    let count = |f: Value| {
        let app = &app;
        let token = analyst.token.clone();
        async move { data(&app.gql(Some(&token), filter, json!({"f": f})).await)["suppliers"]["totalCount"].clone() }
    };
    assert_eq!(count(json!({"country": ["fr"]})).await, 5);
    assert_eq!(count(json!({"status": ["ACTIVE"]})).await, 5);
    assert_eq!(count(json!({"status": ["ACTIVE", "PROSPECT"]})).await, 25);
    assert_eq!(count(json!({"category": "payroll"})).await, 3);
    assert_eq!(count(json!({"dataSensitivity": ["PERSONAL"]})).await, 13);
    assert_eq!(count(json!({"search": "LIER 1"})).await, 10);
    assert_eq!(count(json!({"search": "%"})).await, 0, "wildcards are literal");
    assert_eq!(count(json!({"country": ["DE"], "dataSensitivity": ["PERSONAL"]})).await, 10);
}

#[tokio::test]
async fn contacts_are_added_changed_and_removed() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let id = app.supplier(&analyst.token, "Helix Telecom AB", json!({})).await;
    let add = app
        .gql(Some(&analyst.token), "mutation($s: UUID!) { addSupplierContact(supplierId: $s, input: {name: \"Sven\", email: \"sven@helix.example\", role: \"Account manager\"}) { id } }", json!({"s": id}))
        .await;
    let contact = data(&add)["addSupplierContact"]["id"].clone();
    let update = app
        .gql(Some(&analyst.token), "mutation($c: UUID!) { updateSupplierContact(id: $c, input: {phone: \"+46 8 123 456\", role: null}) { name phone role } }", json!({"c": contact}))
        .await;
    assert_eq!(data(&update)["updateSupplierContact"], json!({"name": "Sven", "phone": "+46 8 123 456", "role": null}));
    let bad = app
        .gql(
            Some(&analyst.token),
            "mutation($c: UUID!) { updateSupplierContact(id: $c, input: {email: \"sven\"}) { id } }",
            json!({"c": contact}),
        )
        .await;
    assert_eq!(field_errors(&bad), ["input.email"]);
    let remove = app
        .gql(Some(&analyst.token), "mutation($c: UUID!) { removeSupplierContact(id: $c) }", json!({"c": contact}))
        .await;
    assert_eq!(data(&remove)["removeSupplierContact"], contact);
    let s = app
        .gql(Some(&analyst.token), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": id}))
        .await;
    assert_eq!(data(&s)["supplier"]["contacts"], json!([]));
}

#[tokio::test]
async fn services_have_unique_names_and_bounded_criticality() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let id = app.service(&analyst.token, "Customer portal", 5).await;
    let dup = app
        .gql(
            Some(&analyst.token),
            "mutation { createService(input: {name: \"customer PORTAL\", criticality: 3}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&dup), "CONFLICT");
    assert_eq!(dup["errors"][0]["extensions"]["field"], "input.name");
    let bad = app
        .gql(
            Some(&analyst.token),
            "mutation { createService(input: {name: \"Payroll\", criticality: 9}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(field_errors(&bad), ["input.criticality"]);
    let update = app
        .gql(Some(&analyst.token), "mutation($id: UUID!) { updateService(id: $id, input: {nis2Critical: true, description: \"B2C web shop\"}) { name nis2Critical description criticality } }", json!({"id": id}))
        .await;
    assert_eq!(
        data(&update)["updateService"],
        json!({"name": "Customer portal", "nis2Critical": true, "description": "B2C web shop", "criticality": 5})
    );
    let list = app
        .gql(
            Some(&analyst.token),
            "{ services(filter: {nis2Critical: true, minCriticality: 4}) { totalCount edges { node { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&list)["services"]["totalCount"], 1);
}

#[tokio::test]
async fn dependencies_link_services_suppliers_and_fourth_parties_including_cycles() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let portal = app.service(t, "Customer portal", 5).await;
    let web = app.service(t, "Website", 2).await;
    let saas = app.supplier(t, "ShopSaaS Oy", json!({"country": "FI"})).await;
    let cloud = app.supplier(t, "Big Cloud Inc", json!({"country": "US"})).await;
    let cdn = app.supplier(t, "EdgeCDN SARL", json!({"country": "FR"})).await;

    let first = app.depend(t, &portal, &saas).await;
    assert_eq!(data(&first)["addDependency"]["dependentKind"], "SERVICE");
    assert_eq!(data(&first)["addDependency"]["providerKind"], "SUPPLIER");
    data(&app.depend(t, &saas, &cloud).await);
    data(&app.depend(t, &cloud, &cdn).await);
    data(&app.depend(t, &cdn, &saas).await); // a cycle is legal data
    data(&app.depend(t, &web, &portal).await);

    assert_eq!(error_code(&app.depend(t, &portal, &saas).await), "CONFLICT");
    assert_eq!(error_code(&app.depend(t, &saas, &saas).await), "VALIDATION");
    let backwards = app.depend(t, &saas, &portal).await;
    assert_eq!(error_code(&backwards), "VALIDATION");
    assert!(backwards["errors"][0]["message"].as_str().unwrap().contains("cannot depend on one of your own services"));

    let view = app
        .gql(Some(t), "query($id: UUID!) { supplier(id: $id) { dependsOn { provider { ... on Supplier { legalName } } } dependents { dependent { __typename ... on Service { name } ... on Supplier { legalName } } } } }", json!({"id": saas}))
        .await;
    let s = &data(&view)["supplier"];
    assert_eq!(s["dependsOn"], json!([{"provider": {"legalName": "Big Cloud Inc"}}]));
    assert_eq!(
        s["dependents"],
        json!([{"dependent": {"__typename": "Service", "name": "Customer portal"}}, {"dependent": {"__typename": "Supplier", "legalName": "EdgeCDN SARL"}}])
    );

    // Deleting a supplier removes the edges that touch it, and nothing else.
    let delete = app.gql(Some(t), "mutation($id: UUID!) { deleteSupplier(id: $id) }", json!({"id": cloud})).await;
    assert_eq!(data(&delete)["deleteSupplier"], cloud);
    let after = app
        .gql(
            Some(t),
            "query($id: UUID!) { supplier(id: $id) { dependsOn { id } dependents { id } } }",
            json!({"id": saas}),
        )
        .await;
    assert_eq!(data(&after)["supplier"]["dependsOn"], json!([]));
    assert_eq!(data(&after)["supplier"]["dependents"].as_array().unwrap().len(), 2);
    let gone = app.gql(Some(t), "query($id: UUID!) { supplier(id: $id) { id } }", json!({"id": cloud})).await;
    assert_eq!(error_code(&gone), "NOT_FOUND");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twins_created_at_the_same_moment_leave_one_record_and_a_field_error() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let supplier = app.supplier(&analyst.token, "Kontor Treasury GmbH", json!({})).await;
    let create = "mutation($n: String!) { createService(input: {name: $n, criticality: 3}) { id } }";
    let names = ["Treasury", "TREASURY", "treasury", "Treasury", "TreaSury", "treasurY"];
    let services =
        futures_util::future::join_all(names.iter().map(|n| app.gql(Some(&analyst.token), create, json!({"n": n}))))
            .await;
    let created: Vec<&Value> = services.iter().filter(|b| b.get("errors").is_none()).collect();
    assert_eq!(created.len(), 1, "{services:?}");
    let service = data(created[0])["createService"]["id"].as_str().unwrap().to_owned();
    for refused in services.iter().filter(|b| b.get("errors").is_some()) {
        // The same answer whether the check or the database's unique key caught the twin.
        assert_eq!(error_code(refused), "CONFLICT", "{refused}");
        assert_eq!(refused["errors"][0]["extensions"]["field"], "input.name", "{refused}");
    }
    let edges = futures_util::future::join_all((0..4).map(|_| app.depend(&analyst.token, &service, &supplier))).await;
    assert_eq!(edges.iter().filter(|b| b.get("errors").is_none()).count(), 1, "{edges:?}");
    for refused in edges.iter().filter(|b| b.get("errors").is_some()) {
        assert_eq!(refused["errors"][0]["extensions"]["field"], "input.providerId", "{refused}");
    }
    let query = "query($s: UUID!) { services { totalCount } supplier(id: $s) { dependents { id } } }";
    let register = app.gql(Some(&analyst.token), query, json!({"s": supplier})).await;
    assert_eq!(data(&register)["services"]["totalCount"], 1);
    assert_eq!(data(&register)["supplier"]["dependents"].as_array().map(Vec::len), Some(1), "{register}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_is_searched_by_identifier_and_sorted_by_risk_with_unscored_last() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let ids = json!({"lei": "5493001KJTIIGC8Y1R12", "vatNumber": "DE123456789", "duns": "150483782", "nationalRegistryNumber": "HRB 123456 B"});
    let identified = app.supplier(t, "Nordlicht Cloud GmbH", ids).await;
    let (scored, _) = crate::helpers::assessment::completed_with_a_finding(&app, t, "pia@supplier.example").await;
    app.supplier(t, "Aalto Printing Oy", json!({})).await;
    let query = "query($s: String, $o: SupplierOrder) { suppliers(first: 10, filter: {search: $s}, orderBy: $o) { nodes { id legalName } } }";
    let found = |body: Value| -> Vec<String> {
        data(&body)["suppliers"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // A VAT number as printed on an invoice, part of an LEI, a DUNS, a registry number.
    for search in ["DE 123.456.789", "kjtiigc8y1", "150-483-782", "hrb 123456"] {
        let body = app.gql(Some(t), query, json!({"s": search})).await;
        assert_eq!(found(body), std::slice::from_ref(&identified), "{search}");
    }
    for direction in ["ASC", "DESC"] {
        let order = json!({"field": "RESIDUAL_RISK", "direction": direction});
        let body = app.gql(Some(t), query, json!({"s": null, "o": order})).await;
        let ids = found(body);
        assert_eq!(
            (ids.len(), ids[0].as_str()),
            (3, scored.as_str()),
            "{direction}: the scored supplier first, unscored last"
        );
    }
}
