//! Repeated supplier reads are answered from memory for the cost of signing in and one count,
//! and every write that changes what they show is seen by the very next read.
use crate::helpers::{data, spawn_app_with};
use chainward::domain::Role;
use serde_json::{Value, json};

const PAGE: &str = "{ suppliers(first: 10) { totalCount nodes { legalName owner { displayName lastLoginAt }
    contacts { name } dependents { dependent { ... on Service { name } ... on Supplier { legalName } } } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_register_read_is_answered_from_memory_until_a_write_changes_it() {
    // The worker shares the statement counter: keep it idle.
    let app = spawn_app_with(|config| config.worker_poll = std::time::Duration::from_secs(3600)).await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let supplier = app.supplier(t, "Kontor Payroll AG", json!({"ownerId": admin.user_id})).await;
    let service = app.service(t, "Payroll", 4).await;
    data(&app.depend(t, &service, &supplier).await);

    let read = |token: String| {
        let app = &app;
        async move {
            let before = app.statements().await;
            let body: Value = app.gql(Some(&token), PAGE, json!({})).await;
            (data(&body)["suppliers"]["nodes"][0].clone(), app.statements().await - before)
        }
    };
    let (first, cost) = read(admin.token.clone()).await;
    assert!(cost > 4, "the first read runs the query ({cost} statements)");
    let (again, cost) = read(admin.token.clone()).await;
    assert_eq!(again, first);
    assert!(cost <= 3, "signing in and one count: {cost} statements");

    // Each kind of write the page shows is seen by the next read.
    let writes: [(&str, Value); 4] = [
        (
            "mutation($id: UUID!) { updateSupplier(id: $id, input: {legalName: \"Kontor Payroll SE\"}) { id } }",
            json!({"id": supplier}),
        ),
        (
            "mutation($id: UUID!) { addSupplierContact(supplierId: $id, input: {name: \"Ida Kontor\", email: \"ida@kontor.example\"}) { id } }",
            json!({"id": supplier}),
        ),
        (
            "mutation($id: UUID!) { updateUser(id: $id, input: {displayName: \"Ada Admin\"}) { id } }",
            json!({"id": admin.user_id}),
        ),
        (
            "mutation($id: UUID!) { updateService(id: $id, input: {name: \"Payroll and HR\"}) { id } }",
            json!({"id": service}),
        ),
    ];
    for (mutation, variables) in writes {
        data(&app.gql(Some(t), mutation, variables).await);
        let (seen, cost) = read(admin.token.clone()).await;
        assert!(cost > 3, "after {mutation} the page is read anew");
        assert_ne!(seen, first);
    }
    let (seen, _) = read(admin.token.clone()).await;
    assert_eq!(seen["legalName"], "Kontor Payroll SE");
    assert_eq!(seen["contacts"][0]["name"], "Ida Kontor");
    assert_eq!(seen["owner"]["displayName"], "Ada Admin");
    assert_eq!(seen["dependents"][0]["dependent"]["name"], "Payroll and HR");

    // A sign-in moves lastLoginAt: the next read shows it.
    let before = seen["owner"]["lastLoginAt"].clone();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    data(&app.login(&admin.email, crate::helpers::PASSWORD).await);
    let (seen, _) = read(admin.token.clone()).await;
    assert_ne!(seen["owner"]["lastLoginAt"], before);

    // Answers belong to who asked: another user of the organisation runs the query itself,
    // another organisation sees only its own register.
    let viewer = app.account("acme", Role::Viewer).await;
    let (theirs, cost) = read(viewer.token.clone()).await;
    assert_eq!(theirs["legalName"], "Kontor Payroll SE");
    assert!(cost > 3);
    let outsider = app.account("globex", Role::Admin).await;
    let body = app.gql(Some(&outsider.token), PAGE, json!({})).await;
    assert_eq!(data(&body)["suppliers"]["totalCount"], 0);
}

#[test]
fn only_supplier_reads_that_never_touch_the_read_model_are_kept() {
    let kept = |query: &str| chainward::http::response_cache::cacheable_query(query, None);
    assert!(kept("{ suppliers(first: 5) { nodes { legalName } } }"));
    assert!(kept("query { supplier(id: \"00000000-0000-0000-0000-000000000000\") { legalName } }"));
    assert!(!kept("{ services { nodes { name } } }"), "services carry exposure");
    assert!(!kept("mutation { logout }"));
    assert!(!kept(
        "{ suppliers { nodes { dependents { dependent { ... on Service { exposure { suppliers } } } } } } }"
    ));
    let spread = "{ suppliers { nodes { ...Deps } } } fragment Deps on Supplier { dependents { dependent { ... on Service { exposure { suppliers } } } } }";
    assert!(!kept(spread), "through a named fragment too");
    assert!(!kept("{ ...Root } fragment Root on Query { suppliers { totalCount } }"));
    assert!(!kept("{ suppliers { totalCount } portfolio { asOf } }"));
    assert!(!kept("not graphql"));
}
