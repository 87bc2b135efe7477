//! Remediation across the supply chain, the way a procurement team and a supplier live it: a
//! failed answer opens a finding; the supplier resolves it through its invitation link with a
//! document; the analyst verifies it; the supplier's residual risk falls, and the service two
//! levels up inherits one finding fewer.
use crate::helpers::assessment::completed_with_a_finding;
use crate::helpers::{TestApp, data, error_code, field_errors, spawn_app};
use chainward::domain::{NodeKind, Role};
use serde_json::{Value, json};

const SCORES: &str =
    "query($s: UUID!) { scoreSnapshots(supplierId: $s) { reason securityScore inherentRisk residualRisk rating } }";
const EXPOSURE: &str = "query($id: UUID!) { service(id: $id) { exposure { suppliers findings { open overdue accepted } worstResidualRisk { residualRisk path { name } } } } }";
const EXCHANGE: &str = "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }";
const RESPONDENT_FINDINGS: &str = "{ respondentFindings { id title status allowedNextStatuses comments { author authorKind body } evidence { fileName } } }";
const RESPOND: &str =
    "mutation($id: UUID!, $s: FindingStatus!) { respondentUpdateFinding(id: $id, status: $s) { status } }";
const UPLOAD: &str = "mutation($id: UUID!, $file: Upload!) { uploadFindingEvidence(findingId: $id, file: $file) { fileName contentType } }";
const COMMENT: &str =
    "mutation($id: UUID!, $b: String!) { commentOnFinding(findingId: $id, body: $b) { authorKind body } }";

/// A supplier's score history, newest first.
async fn scores(app: &TestApp, token: &str, supplier: &str) -> Vec<Value> {
    data(&app.gql(Some(token), SCORES, json!({"s": supplier})).await)["scoreSnapshots"].as_array().unwrap().clone()
}

/// The respondent's session from the invitation e-mail (the newest mail with a link).
async fn respondent_session(app: &TestApp, email: &str) -> String {
    let mails = app.mails().await;
    let invitation =
        mails.iter().rev().find(|m| m.contains(email) && m.contains("#token=")).expect("an invitation e-mail");
    let start = invitation.find("#token=").unwrap() + "#token=".len();
    let token = invitation[start..].split_whitespace().next().unwrap();
    let body = app.gql(None, EXCHANGE, json!({"t": token})).await;
    data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_fix_verified_by_the_analyst_lowers_risk_up_the_supply_chain() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let admin = app.account("acme", Role::Admin).await;
    let t = analyst.token.as_str();
    // The backup provider fails the knock-out question on off-site backups.
    let (vault, _) = completed_with_a_finding(&app, t, "pia@vault.example").await;
    let completed = scores(&app, t, &vault).await;
    assert_eq!(completed.len(), 1);
    let (url, received) = crate::helpers::organisation::receiver(axum::http::StatusCode::OK).await;
    let events = json!({"u": url, "e": ["score.changed", "finding.status_changed"]});
    data(&app.gql(Some(&admin.token), crate::helpers::organisation::SUBSCRIBE, events).await);

    // Online banking (vital) -> Core Hosting -> the backup provider, two levels down.
    let banking = app.service(t, "Online banking", 5).await;
    let hosting = app.supplier(t, "Core Hosting AG", json!({})).await;
    data(&app.depend(t, &banking, &hosting).await);
    data(&app.depend(t, &hosting, &vault).await);
    let placed = scores(&app, t, &vault).await;
    assert_eq!(placed.len(), 2, "joining the graph re-scores the supplier: {placed:?}");
    assert_eq!(placed[0]["reason"], "dependencies changed");
    assert!(placed[0]["inherentRisk"].as_f64() > completed[0]["inherentRisk"].as_f64(), "a vital service reaches it");

    let body = app.gql(Some(t), EXPOSURE, json!({"id": banking})).await;
    let exposure = &data(&body)["service"]["exposure"];
    assert_eq!(exposure["suppliers"], 2);
    assert_eq!(exposure["findings"], json!({"open": 1, "overdue": 0, "accepted": 0}));
    assert_eq!(
        exposure["worstResidualRisk"]["path"],
        json!([{"name": "Online banking"}, {"name": "Core Hosting AG"}, {"name": "Supplier of pia@vault.example"}])
    );

    // The completion e-mail told the supplier what to fix; its link still works.
    let mails = app.mails().await;
    let completion = mails.iter().rev().find(|m| m.contains("Subject: Review complete")).expect("completion mail");
    assert!(
        completion.contains("point(s) to remediate") && completion.contains("Open your questionnaire"),
        "{completion}"
    );
    let r = respondent_session(&app, "pia@vault.example").await;
    let body = app.gql(Some(&r), RESPONDENT_FINDINGS, json!({})).await;
    let finding = data(&body)["respondentFindings"][0].clone();
    let id = finding["id"].as_str().unwrap().to_owned();
    assert_eq!(finding["allowedNextStatuses"], json!(["IN_PROGRESS", "RESOLVED"]));

    // The supplier works on it; it cannot claim a fix without proof, nor verify it.
    assert_eq!(
        data(&app.gql(Some(&r), RESPOND, json!({"id": id, "s": "IN_PROGRESS"})).await)["respondentUpdateFinding"]["status"],
        "IN_PROGRESS"
    );
    let unproven = app.gql(Some(&r), RESPOND, json!({"id": id, "s": "RESOLVED"})).await;
    assert_eq!(field_errors(&unproven), ["status"]);
    assert!(unproven["errors"][0]["message"].as_str().unwrap().contains("attach a document proving the fix"));
    let verify = app.gql(Some(&r), RESPOND, json!({"id": id, "s": "VERIFIED"})).await;
    assert!(verify["errors"][0]["message"].as_str().unwrap().contains("allowed: resolved"), "{verify}");
    let accept = "mutation($id: UUID!) { acceptFindingRisk(id: $id, reason: \"x\", until: \"2099-01-01\") { status } }";
    assert_eq!(error_code(&app.gql(Some(&r), accept, json!({"id": id})).await), "FORBIDDEN");
    let uploaded = app.gql(Some(&r), UPLOAD, json!({"id": id})).await;
    assert_eq!(data(&uploaded)["uploadFindingEvidence"]["contentType"], "application/pdf");
    let said = app.gql(Some(&r), COMMENT, json!({"id": id, "b": "Backups now replicate to a second region."})).await;
    assert_eq!(data(&said)["commentOnFinding"]["authorKind"], "RESPONDENT");
    let resolved = app.gql(Some(&r), RESPOND, json!({"id": id, "s": "RESOLVED"})).await;
    assert_eq!(data(&resolved)["respondentUpdateFinding"]["status"], "RESOLVED");

    // The analyst sees the proof and the note, and verifies the fix.
    let body = app
        .gql(
            Some(t),
            "query($s: UUID!) { findings(supplierId: $s) { id status comments { body } evidence { fileName } } }",
            json!({"s": vault}),
        )
        .await;
    let seen = &data(&body)["findings"][0];
    assert_eq!(seen["status"], "RESOLVED");
    assert_eq!(seen["comments"][0]["body"], "Backups now replicate to a second region.");
    assert_eq!(seen["evidence"][0]["fileName"], "policy.pdf");
    let verify = "mutation($id: UUID!) { changeFindingStatus(id: $id, status: VERIFIED) { status } }";
    assert_eq!(data(&app.gql(Some(t), verify, json!({"id": id})).await)["changeFindingStatus"]["status"], "VERIFIED");

    let verified = scores(&app, t, &vault).await;
    assert_eq!(verified[0]["reason"], "finding verified");
    assert!(verified[0]["residualRisk"].as_f64() < placed[0]["residualRisk"].as_f64(), "{verified:?}");
    assert!(verified[0]["securityScore"].as_f64() > placed[0]["securityScore"].as_f64());
    assert_ne!(verified[0]["rating"], "CRITICAL", "the knock-out no longer caps the rating");
    // The register filters by the newest rating, and knows who was never rated.
    let register = "query($f: SupplierFilter) { suppliers(filter: $f) { nodes { legalName rating } } }";
    let rated = app.gql(Some(t), register, json!({"f": {"unrated": false}})).await;
    let rating = verified[0]["rating"].as_str().unwrap().to_uppercase();
    assert_eq!(
        data(&rated)["suppliers"]["nodes"],
        json!([{"legalName": "Supplier of pia@vault.example", "rating": rating}])
    );
    let same = app.gql(Some(t), register, json!({"f": {"rating": [rating]}})).await;
    assert_eq!(data(&same)["suppliers"]["nodes"].as_array().unwrap().len(), 1);
    let unrated = app.gql(Some(t), register, json!({"f": {"unrated": true}})).await;
    assert_eq!(data(&unrated)["suppliers"]["nodes"], json!([{"legalName": "Core Hosting AG", "rating": null}]));
    let both = app.gql(Some(t), register, json!({"f": {"rating": [rating], "unrated": true}})).await;
    assert_eq!(data(&both)["suppliers"]["nodes"].as_array().unwrap().len(), 2);
    // The heat map's cell holding the supplier opens exactly it.
    let level = |risk: &Value| risk.as_f64().unwrap().round().clamp(1.0, 5.0) as u8;
    let (inherent, residual) = (level(&verified[0]["inherentRisk"]), level(&verified[0]["residualRisk"]));
    let cell = app.gql(Some(t), register, json!({"f": {"heat": {"inherent": inherent, "residual": residual}}})).await;
    assert_eq!(data(&cell)["suppliers"]["nodes"].as_array().unwrap().len(), 1, "{cell}");
    let other =
        app.gql(Some(t), register, json!({"f": {"heat": {"inherent": inherent, "residual": residual % 5 + 1}}})).await;
    assert_eq!(data(&other)["suppliers"]["nodes"], json!([]));
    let body = app.gql(Some(t), EXPOSURE, json!({"id": banking})).await;
    assert_eq!(data(&body)["service"]["exposure"]["findings"]["open"], 0, "one finding fewer, two levels up");

    // The portfolio tells the same story.
    let portfolio = "{ portfolio { ratingDistribution { unrated } remediationBurnDown(weeks: 2) { opened closed } scoreTrends { supplier { legalName } points { reason } change } heatMap { suppliers } } }";
    let body = app.gql(Some(&admin.token), portfolio, json!({})).await;
    let portfolio = &data(&body)["portfolio"];
    assert_eq!(portfolio["ratingDistribution"]["unrated"], 1, "Core Hosting was never assessed");
    assert_eq!(portfolio["remediationBurnDown"][1], json!({"opened": 1, "closed": 1}));
    let reasons: Vec<&str> = portfolio["scoreTrends"][0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["assessment completed", "dependencies changed", "finding verified"]);
    assert!(portfolio["scoreTrends"][0]["change"].as_f64().unwrap() > 0.0);
    assert_eq!(portfolio["heatMap"][0]["suppliers"], 1);

    // The GRC tool heard every step.
    let heard = |event: &str, key: &str, value: &str| {
        received.lock().unwrap().iter().any(|(headers, body)| {
            let body: Value = serde_json::from_str(body).unwrap();
            headers["chainward-event"] == event && body["data"][key] == value
        })
    };
    for _ in 0..100 {
        if heard("score.changed", "reason", "finding verified") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(heard("score.changed", "reason", "dependencies changed"));
    assert!(heard("score.changed", "reason", "finding verified"));
    assert!(heard("finding.status_changed", "by", "respondent:pia@vault.example"));
    assert!(heard("finding.status_changed", "to", "verified"));

    // Reopening the verified finding takes the credit back.
    let reopen = "mutation($id: UUID!) { changeFindingStatus(id: $id, status: OPEN) { status } }";
    data(&app.gql(Some(t), reopen, json!({"id": id})).await);
    let reopened = scores(&app, t, &vault).await;
    assert_eq!(reopened[0]["reason"], "verified finding reopened");
    assert_eq!(reopened[0]["residualRisk"], placed[0]["residualRisk"]);
}

#[tokio::test]
async fn a_respondent_reaches_only_the_findings_of_its_own_assessment() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (mine, _) = completed_with_a_finding(&app, t, "pia@one.example").await;
    let (other, _) = completed_with_a_finding(&app, t, "ola@two.example").await;
    let body = app.gql(Some(t), "query($s: UUID!) { findings(supplierId: $s) { id } }", json!({"s": other})).await;
    let theirs = data(&body)["findings"][0]["id"].clone();
    let r = respondent_session(&app, "pia@one.example").await;
    assert_eq!(
        data(&app.gql(Some(&r), RESPONDENT_FINDINGS, json!({})).await)["respondentFindings"].as_array().unwrap().len(),
        1
    );
    for (query, variables) in [
        (RESPOND, json!({"id": theirs, "s": "IN_PROGRESS"})),
        (COMMENT, json!({"id": theirs, "b": "hello"})),
        (UPLOAD, json!({"id": theirs})),
    ] {
        assert_eq!(error_code(&app.gql(Some(&r), query, variables).await), "NOT_FOUND", "{query}");
    }
    // Analysts cannot use the respondent's view, and never see respondent-only fields missing.
    assert_eq!(error_code(&app.gql(Some(t), RESPONDENT_FINDINGS, json!({})).await), "FORBIDDEN");
    let body = app
        .gql(Some(t), "query($s: UUID!) { findings(supplierId: $s) { source contact { email } } }", json!({"s": mine}))
        .await;
    assert_eq!(data(&body)["findings"][0], json!({"source": "ASSESSMENT", "contact": {"email": "pia@one.example"}}));
}

#[tokio::test]
async fn single_points_of_failure_and_criticality_changes_follow_the_graph() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (vault, _) = completed_with_a_finding(&app, t, "pia@vault.example").await;
    let payments = app.service(t, "Payments", 2).await;
    let psp = app.supplier(t, "Pay Processor BV", json!({})).await;
    let add = "mutation($d: UUID!, $p: UUID!, $f: String, $a: Boolean) { addDependency(input: {dependentId: $d, providerId: $p, function: $f, alternative: $a}) { id function alternative } }";
    let edge = app.gql(Some(t), add, json!({"d": payments, "p": psp, "f": " Card Processing "})).await;
    assert_eq!(data(&edge)["addDependency"]["function"], "card processing");
    data(&app.gql(Some(t), add, json!({"d": payments, "p": vault, "f": "backup"})).await);
    let unnamed = app.gql(Some(t), add, json!({"d": psp, "p": vault, "a": true})).await;
    assert_eq!(field_errors(&unnamed), ["input.alternative"]);

    let spof = "{ portfolio { singlePointsOfFailure { service { name } function supplier { legalName } } } }";
    let none = app.gql(Some(t), spof, json!({})).await;
    assert_eq!(data(&none)["portfolio"]["singlePointsOfFailure"], json!([]), "criticality 2 is not critical");

    // Raising the service's criticality re-scores the supplier beneath it and makes both
    // single-provider functions single points of failure.
    let before = scores(&app, t, &vault).await;
    let raise = "mutation($id: UUID!) { updateService(id: $id, input: {criticality: 5}) { criticality } }";
    data(&app.gql(Some(t), raise, json!({"id": payments})).await);
    let after = scores(&app, t, &vault).await;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[0]["reason"], "service criticality changed");
    assert!(after[0]["inherentRisk"].as_f64() > before[0]["inherentRisk"].as_f64());
    let body = app.gql(Some(t), spof, json!({})).await;
    let functions: Vec<&str> = data(&body)["portfolio"]["singlePointsOfFailure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["function"].as_str().unwrap())
        .collect();
    assert_eq!(functions, ["backup", "card processing"]);

    // A marked alternative for card processing takes that one off the list.
    let backup_psp = app.supplier(t, "Second Acquirer SA", json!({})).await;
    let edge = app.gql(Some(t), add, json!({"d": payments, "p": backup_psp, "f": "card processing"})).await;
    let id = data(&edge)["addDependency"]["id"].clone();
    let mark = "mutation($id: UUID!) { updateDependency(id: $id, input: {alternative: true}) { alternative } }";
    assert_eq!(data(&app.gql(Some(t), mark, json!({"id": id})).await)["updateDependency"]["alternative"], true);
    let body = app.gql(Some(t), spof, json!({})).await;
    assert_eq!(
        data(&body)["portfolio"]["singlePointsOfFailure"],
        json!([{"service": {"name": "Payments"}, "function": "backup", "supplier": {"legalName": "Supplier of pia@vault.example"}}])
    );
}

#[tokio::test]
async fn the_worker_rescores_suppliers_marked_by_a_large_change() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = analyst.token.as_str();
    let (vault, _) = completed_with_a_finding(&app, t, "pia@vault.example").await;
    let service = app.service(t, "Trading", 5).await;
    // Recorded behind the application's back, as a bulk load would: nothing re-scored yet.
    entity::dependency::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        organisation_id: Set(analyst.organisation_id),
        dependent_kind: Set(NodeKind::Service),
        dependent_id: Set(service.parse().unwrap()),
        provider_kind: Set(NodeKind::Supplier),
        provider_id: Set(vault.parse().unwrap()),
        description: Set(None),
        created_at: Set(chrono::Utc::now()),
        function: Set(None),
        alternative: Set(false),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let row = entity::supplier::Entity::find_by_id(vault.parse::<uuid::Uuid>().unwrap()).one(&app.state.db).await;
    let mut marked: entity::supplier::ActiveModel = row.unwrap().unwrap().into();
    // Marked the day before the run, so that the run (at 08:00 today) takes it whatever the
    // time of day the test runs.
    marked.rescore_requested_at = Set(Some(chrono::Utc::now() - chrono::Duration::days(1)));
    marked.update(&app.state.db).await.unwrap();

    let today = chrono::Utc::now().date_naive();
    // The server's own worker may run the schedule first: whichever run takes the mark, the
    // supplier is re-scored once and the mark is gone.
    let rescored = crate::helpers::worker::run_jobs_on(&app, today).await.rescored_suppliers;
    assert!(rescored <= 1, "{rescored}");
    let row = entity::supplier::Entity::find_by_id(vault.parse::<uuid::Uuid>().unwrap()).one(&app.state.db).await;
    assert_eq!(row.unwrap().unwrap().rescore_requested_at, None, "the mark is cleared");
    assert_eq!(crate::helpers::worker::run_jobs_on(&app, today).await.rescored_suppliers, 0, "and not taken again");
    let history = scores(&app, t, &vault).await;
    assert_eq!(history[0]["reason"], "dependencies changed");
    assert!(history[0]["inherentRisk"].as_f64() > history[1]["inherentRisk"].as_f64());
}

#[tokio::test]
async fn findings_fall_due_by_the_organisations_sla_whether_found_or_raised_by_hand() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let settings = "mutation($sla: FindingSlaDaysInput!) { updateOrganisationSettings(input: {reassessmentMonths: {}, reassessmentResponseDays: 30, reassessmentAutoSend: false, reminderDaysBefore: 7, findingSlaDays: $sla}) { findingSlaDays { critical high } } }";
    let bad = app.gql(Some(t), settings, json!({"sla": {"critical": 0, "high": 20, "medium": 60, "low": 999}})).await;
    assert_eq!(field_errors(&bad), ["input.findingSlaDays.critical", "input.findingSlaDays.low"]);
    let good = app.gql(Some(t), settings, json!({"sla": {"critical": 7, "high": 20, "medium": 60, "low": 120}})).await;
    assert_eq!(data(&good)["updateOrganisationSettings"]["findingSlaDays"], json!({"critical": 7, "high": 20}));
    let today = chrono::Utc::now().date_naive();

    let (supplier, _) = completed_with_a_finding(&app, t, "pia@supplier.example").await;
    let body = app
        .gql(Some(t), "query($s: UUID!) { findings(supplierId: $s) { severity dueDate } }", json!({"s": supplier}))
        .await;
    let found = &data(&body)["findings"][0];
    let sla = match found["severity"].as_str().unwrap() {
        "CRITICAL" => 7,
        "HIGH" => 20,
        "MEDIUM" => 60,
        _ => 120,
    };
    assert_eq!(found["dueDate"], json!((today + chrono::Days::new(sla)).to_string()));

    let raise =
        "mutation($i: NewFinding!) { raiseFinding(input: $i) { source severity dueDate isoControls nis2 status } }";
    let wrong = app
        .gql(Some(t), raise, json!({"i": {"supplierId": supplier, "title": " ", "severity": "HIGH", "isoControls": ["9.99"], "nis2": ["Art. 99"]}}))
        .await;
    assert_eq!(field_errors(&wrong), ["input.title", "input.isoControls[0]", "input.nis2[0]"]);
    let input = json!({"supplierId": supplier, "title": "Penetration test: TLS 1.0 still offered", "severity": "HIGH",
        "isoControls": ["A.8.24"], "nis2": ["21(2)(h)"]});
    let raised = app.gql(Some(t), raise, json!({"i": input})).await;
    assert_eq!(
        data(&raised)["raiseFinding"],
        json!({"source": "MANUAL", "severity": "HIGH", "dueDate": (today + chrono::Days::new(20)).to_string(),
            "isoControls": ["8.24"], "nis2": ["21(2)(h)"], "status": "OPEN"})
    );
    let log = app.gql(Some(t), "{ auditEvents(filter: {action: \"finding.create\"}) { totalCount } }", json!({})).await;
    assert_eq!(data(&log)["auditEvents"]["totalCount"], 1);

    // Tuning the risk weights and rating bands re-scores the suppliers under the new rules.
    let tune = "mutation($w: InherentRiskWeightsInput!, $b: RatingBandsInput!) { updateOrganisationSettings(input: {reassessmentMonths: {}, reassessmentResponseDays: 30, reassessmentAutoSend: false, reminderDaysBefore: 7, inherentRiskWeights: $w, ratingBands: $b}) { ratingBands { low } } }";
    let weights = json!({"dataSensitivity": 0.0, "accessLevel": 0.0, "serviceCriticality": 0.0, "substitutability": 0.0, "nis2Relevance": 0.0});
    let wrong = app.gql(Some(t), tune, json!({"w": weights, "b": {"low": 2.0, "medium": 1.0, "high": 3.0}})).await;
    assert_eq!(field_errors(&wrong), ["input.inherentRiskWeights", "input.ratingBands"]);
    let exposed = "mutation($id: UUID!) { updateSupplier(id: $id, input: {tier: {dataSensitivity: PERSONAL}}) { id } }";
    data(&app.gql(Some(t), exposed, json!({"id": supplier})).await);
    let before = scores(&app, t, &supplier).await;
    assert_eq!(before[0]["reason"], "tier profile changed");
    let weights = json!({"dataSensitivity": 1.0, "accessLevel": 0.0, "serviceCriticality": 0.0, "substitutability": 0.0, "nis2Relevance": 0.0});
    data(&app.gql(Some(t), tune, json!({"w": weights, "b": {"low": 0.5, "medium": 1.0, "high": 1.5}})).await);
    let after = scores(&app, t, &supplier).await;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[0]["reason"], "scoring settings changed");
    assert_ne!(after[0]["inherentRisk"], before[0]["inherentRisk"], "only the data handled counts now");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_organisation_shows_remediation_at_every_stage() {
    let app = spawn_app().await;
    let options = chainward::seed::SeedOptions { suppliers: 49 };
    let demo = chainward::seed::seed_demo(&app.state.db, &options).await.expect("demo seeded");
    let login = app.login(&demo.email, &demo.password).await;
    let t = data(&login)["login"]["accessToken"].as_str().unwrap().to_owned();
    let query = "{ portfolio { heatMap { suppliers } ratingDistribution { low medium high critical unrated }
        campaignsInFlight { name progress { sent } } scoreTrends { points { reason } }
        singlePointsOfFailure { service { name } function } remediationBurnDown(weeks: 1) { opened closed } }
        findingsBoard(first: 100) { totalCount edges { node { status } } }
        overdue: findingsBoard(filter: {overdue: true}) { totalCount } }";
    let body = app.gql(Some(&t), query, json!({})).await;
    let portfolio = &data(&body)["portfolio"];
    let rated: u64 = portfolio["heatMap"].as_array().unwrap().iter().map(|c| c["suppliers"].as_u64().unwrap()).sum();
    assert_eq!(rated, 10, "ten suppliers assessed: {portfolio}");
    let ratings = &portfolio["ratingDistribution"];
    assert!(ratings["low"].as_u64() > Some(0) && ratings["critical"].as_u64() > Some(0), "{ratings}");
    assert_eq!(portfolio["campaignsInFlight"][0]["name"], "Logistics software baseline 2027");
    assert!(portfolio["scoreTrends"][0]["points"].as_array().unwrap().len() >= 2, "a verified fix moved a score");
    let functions: Vec<&str> = portfolio["singlePointsOfFailure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["function"].as_str().unwrap())
        .collect();
    assert!(
        functions.contains(&"payments") && !functions.contains(&"hosting"),
        "hosting has a fallback: {functions:?}"
    );
    assert_eq!(portfolio["remediationBurnDown"][0]["closed"], 1);
    let statuses: std::collections::BTreeSet<&str> = data(&body)["findingsBoard"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["IN_PROGRESS", "OPEN", "RISK_ACCEPTED", "VERIFIED"].into());
    assert_eq!(data(&body)["overdue"]["totalCount"], 1);
}
