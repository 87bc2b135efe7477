//! Erasing a person: afterwards no row of the organisation and no copy of an e-mail holds their
//! e-mail address, name or phone number, the audit trail still says who did what (under the
//! pseudonym), an erased user cannot sign in, and another organisation's rows are its own.
use crate::helpers::assessment::sent_assessment;
use crate::helpers::{PASSWORD, TestApp, data, error_code, spawn_app};
use chainward::domain::Role;
use chainward::service::stewardship::tables::{self, Row, RowSink};
use sea_orm::TransactionTrait;
use serde_json::json;

const ERASE: &str =
    "mutation($c: UUID, $u: UUID) { erasePerson(contactId: $c, userId: $u) { pseudonym rowsChanged mailCopies } }";

struct Collect(Vec<Row>);

impl RowSink for Collect {
    fn row(&mut self, row: &Row) -> chainward::error::ApiResult<()> {
        self.0.push(row.clone());
        Ok(())
    }
}

/// Every row of `organisation` in every table, as lower-case text.
async fn rows_of(app: &TestApp, organisation: uuid::Uuid) -> Vec<(String, String)> {
    let txn = app.state.db.begin().await.unwrap();
    let mut all = Vec::new();
    for table in tables::all() {
        let mut rows = Collect(Vec::new());
        table.dump(&txn, Some(organisation), &mut rows).await.unwrap();
        all.extend(rows.0.iter().map(|r| (table.name.clone(), serde_json::to_string(r).unwrap().to_lowercase())));
    }
    all
}

/// The rows that name one of `values` as a whole (not inside a longer address or word).
fn mentions<'a>(rows: &'a [(String, String)], values: &[&str]) -> Vec<&'a (String, String)> {
    let whole = |row: &str, value: &str| {
        row.match_indices(&value.to_lowercase()).any(|(at, found)| {
            let before = row[..at].chars().next_back();
            let after = row[at + found.len()..].chars().next();
            let continues = |c: char| c.is_alphanumeric() || "._%+-@".contains(c);
            !before.is_some_and(continues) && !after.is_some_and(|c| c.is_alphanumeric() || "_%+-@".contains(c))
        })
    };
    rows.iter().filter(|(_, row)| values.iter().any(|v| whole(row, v))).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_contact_and_user_are_gone_from_every_row_and_mail_but_the_trail_stays() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let input = chainward::service::identity::user::NewUser {
        email: "erin.ulrich@acme.example".into(),
        display_name: Some("Erin Ulrich".into()),
        role: Role::Analyst,
        password: PASSWORD.into(),
    };
    let (_, erin) =
        chainward::service::identity::user::create_with_organisation(&app.state.db, "acme", input).await.unwrap();
    let erin_token = data(&app.login("erin.ulrich@acme.example", PASSWORD).await)["login"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();

    // Erin records a supplier whose contact Ines is sent a questionnaire and answers it.
    let contact = json!({"contacts": [{"name": "Ines Quasthoff", "email": "Ines.Quasthoff@supplier.example", "phone": "+49 30 1234 5678"}]});
    let supplier = app.supplier(&erin_token, "Quasthoff Hosting GmbH", contact).await;
    let (assessment, _, _) = sent_assessment(&app, &erin_token, "ines.quasthoff@supplier.example").await;
    // The helper names that supplier after her address; a company's name is no person's.
    let of = "query($id: UUID!) { assessment(id: $id) { supplier { id } } }";
    let named_after =
        data(&app.gql(Some(&admin.token), of, json!({"id": assessment})).await)["assessment"]["supplier"]["id"].clone();
    let rename = "mutation($id: UUID!, $i: SupplierPatch!) { updateSupplier(id: $id, input: $i) { legalName } }";
    data(
        &app.gql(Some(&admin.token), rename, json!({"id": named_after, "i": {"legalName": "Respondent Hosting AG"}}))
            .await,
    );
    let body = app
        .gql(Some(&admin.token), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": supplier}))
        .await;
    let ines = data(&body)["supplier"]["contacts"][0]["id"].as_str().unwrap().to_owned();
    let note = json!({"id": assessment, "a": [{"questionId": "BAS-01", "value": "yes", "comment": "Confirmed by Ines Quasthoff, +49 30 1234 5678"}]});
    data(&app.gql(Some(&erin_token), crate::helpers::assessment::SAVE, note).await);
    // Someone else whose address contains hers.
    let lookalike =
        json!({"contacts": [{"name": "Valentina Quasthoff-Berg", "email": "valentines.quasthoff@supplier.example"}]});
    let lookalike = app.supplier(&admin.token, "Berg Consulting GmbH", lookalike).await;
    // The same person is a contact of another organisation too: that is its data, not ours.
    let other = app.account("other", Role::Admin).await;
    app.supplier(
        &other.token,
        "Elsewhere AG",
        json!({"contacts": [{"name": "Ines Quasthoff", "email": "ines.quasthoff@supplier.example"}]}),
    )
    .await;
    app.wait_for_queued_mail().await;

    let ines_values = ["ines.quasthoff@supplier.example", "Ines Quasthoff", "+49 30 1234 5678"];
    let erin_values = ["erin.ulrich@acme.example", "Erin Ulrich"];
    let before = rows_of(&app, admin.organisation_id).await;
    assert!(mentions(&before, &ines_values).len() >= 5, "she is named across the organisation's rows");
    assert!(app.mails().await.iter().any(|m| m.to_lowercase().contains("ines.quasthoff@supplier.example")));
    let events_before = trail(&app, &admin.token).await;

    // Only an administrator, only someone of the organisation, never oneself.
    assert_eq!(error_code(&app.gql(Some(&erin_token), ERASE, json!({"c": ines})).await), "FORBIDDEN");
    assert_eq!(error_code(&app.gql(Some(&other.token), ERASE, json!({"c": ines})).await), "NOT_FOUND");
    assert_eq!(error_code(&app.gql(Some(&admin.token), ERASE, json!({"u": admin.user_id})).await), "VALIDATION");
    assert_eq!(error_code(&app.gql(Some(&admin.token), ERASE, json!({})).await), "VALIDATION");

    let erased = app.gql(Some(&admin.token), ERASE, json!({"c": ines})).await;
    let erased = &data(&erased)["erasePerson"];
    assert!(erased["pseudonym"].as_str().unwrap().starts_with("Erased person "));
    assert!(erased["rowsChanged"].as_u64().unwrap() >= 5 && erased["mailCopies"].as_u64().unwrap() >= 1, "{erased}");
    let erased_user = app.gql(Some(&admin.token), ERASE, json!({"u": erin.id})).await;
    let pseudonym = data(&erased_user)["erasePerson"]["pseudonym"].as_str().unwrap().to_owned();

    let after = rows_of(&app, admin.organisation_id).await;
    let left = mentions(&after, &ines_values.iter().chain(&erin_values).copied().collect::<Vec<_>>());
    assert!(left.is_empty(), "nothing of them is left in any row: {left:?}");
    let mails = app.mails().await;
    for value in ines_values.iter().chain(&erin_values) {
        assert!(
            mails.iter().all(|m| !m.to_lowercase().contains(&value.to_lowercase())),
            "no e-mail copy names {value}"
        );
    }
    assert!(
        !mentions(&rows_of(&app, other.organisation_id).await, &ines_values).is_empty(),
        "the other organisation keeps its contact"
    );

    // The trail keeps every event, under the pseudonym, and records the erasures.
    assert_eq!(trail(&app, &admin.token).await, events_before + 2);
    let log = app
        .gql(
            Some(&admin.token),
            "{ auditEvents(filter: {action: \"supplier.create\"}) { edges { node { actorLabel } } } }",
            json!({}),
        )
        .await;
    let labels: Vec<&str> = data(&log)["auditEvents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["actorLabel"].as_str().unwrap())
        .collect();
    assert!(
        labels.iter().any(|l| l.starts_with("erased-") && l.ends_with("@erased.invalid")),
        "{labels:?} ({pseudonym})"
    );
    let body = app.login("erin.ulrich@acme.example", PASSWORD).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "an erased user cannot sign in");
    let body = app.gql(Some(&erin_token), "{ me { user { email } } }", json!({})).await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "and the sessions they had are over");

    // Only whole values went: a longer address that contains hers, and the templates' texts,
    // are as they were.
    let kept = app
        .gql(
            Some(&admin.token),
            "query($id: UUID!) { supplier(id: $id) { contacts { name email } } }",
            json!({"id": lookalike}),
        )
        .await;
    assert_eq!(
        data(&kept)["supplier"]["contacts"][0],
        json!({"name": "Valentina Quasthoff-Berg", "email": "valentines.quasthoff@supplier.example"})
    );
    let sections = app
        .gql(
            Some(&admin.token),
            "query($id: UUID!) { assessment(id: $id) { sections { title } } }",
            json!({"id": assessment}),
        )
        .await;
    assert!(!data(&sections)["assessment"]["sections"].as_array().unwrap().is_empty(), "the questionnaire still reads");
    let body = app.gql(Some(&admin.token), "{ users { email active } }", json!({})).await;
    assert!(
        data(&body)["users"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["active"] == false && u["email"].as_str().unwrap().starts_with("erased-"))
    );
}

/// How many events the audit trail holds.
async fn trail(app: &TestApp, token: &str) -> u64 {
    let log = app.gql(Some(token), "{ auditEvents(first: 0) { totalCount } }", json!({})).await;
    data(&log)["auditEvents"]["totalCount"].as_u64().unwrap()
}
