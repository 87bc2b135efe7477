//! The security release (one test per finding of the review): what an invitation link, a
//! second tenant or a token could do, and can no longer.
use crate::helpers::assessment::{EXCHANGE, VIEW, sent_assessment, token_in_mail};
use crate::helpers::{TestApp, data, error_code, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};

const RESEND: &str = "mutation($id: UUID!) { resendInvitation(id: $id) { id revokedAt } }";
const REVOKE: &str = "mutation($id: UUID!) { revokeInvitation(id: $id) { revokedAt } }";

async fn session(app: &TestApp, token: &str) -> String {
    let body = app.gql(None, EXCHANGE, json!({"t": token})).await;
    data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned()
}

async fn invitation_of(app: &TestApp, analyst: &str, assessment: &str) -> Value {
    let query = "query($id: UUID!) { assessment(id: $id) { invitations { id revokedAt } } }";
    data(&app.gql(Some(analyst), query, json!({"id": assessment})).await)["assessment"]["invitations"][0]["id"].clone()
}

/// Finding 7: a resend is a new invitation; every earlier link and session stays dead, also
/// after a revocation.
#[tokio::test]
async fn a_resent_invitation_ends_every_earlier_link_and_session() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let email = "resend@supplier.example";
    let (assessment, first_link, _) = sent_assessment(&app, &analyst.token, email).await;
    let first = invitation_of(&app, &analyst.token, &assessment).await;
    let first_session = session(&app, &first_link).await;
    assert!(app.gql(Some(&first_session), VIEW, json!({})).await["data"].is_object());

    // Resent without a revocation: the first link and its session end.
    let resent = data(&app.gql(Some(&analyst.token), RESEND, json!({"id": first})).await)["resendInvitation"].clone();
    assert_ne!(resent["id"], first, "a new invitation");
    assert_eq!(error_code(&app.gql(Some(&first_session), VIEW, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": first_link})).await), "UNAUTHENTICATED");
    let second_link = token_in_mail(&app, email).await;
    let second_session = session(&app, &second_link).await;

    // Revoked, then resent: the revoked session is not revived.
    data(&app.gql(Some(&analyst.token), REVOKE, json!({"id": resent["id"]})).await);
    assert_eq!(error_code(&app.gql(Some(&second_session), VIEW, json!({})).await), "UNAUTHENTICATED");
    let third =
        data(&app.gql(Some(&analyst.token), RESEND, json!({"id": resent["id"]})).await)["resendInvitation"].clone();
    assert_eq!(third["revokedAt"], Value::Null);
    for dead in [&first_session, &second_session] {
        assert_eq!(error_code(&app.gql(Some(dead), VIEW, json!({})).await), "UNAUTHENTICATED", "no session revives");
    }
    assert_eq!(error_code(&app.gql(None, EXCHANGE, json!({"t": second_link})).await), "UNAUTHENTICATED");
    let third_session = session(&app, &token_in_mail(&app, email).await).await;
    assert!(app.gql(Some(&third_session), VIEW, json!({})).await["data"].is_object());
}

/// Finding 10: a file name with control characters, direction overrides or non-ASCII letters is
/// cleaned on upload and downloads with a valid `Content-Disposition` (RFC 6266 `filename*`).
#[tokio::test]
async fn any_document_name_uploads_clean_and_downloads() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (assessment, link, _) = sent_assessment(&app, &analyst.token, "names@supplier.example").await;
    let respondent = session(&app, &link).await;
    let raw = "C:\\fakepath\\Richtlinie\u{1} für\tLieferanten\u{202e}\u{7f}.pdf";
    let (status, created) =
        crate::helpers::assessment::put(&app, Some(&respondent), &assessment, "BAS-01", raw, crate::helpers::SMALL_PDF)
            .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["fileName"], "Richtlinie für Lieferanten.pdf");
    let query = "query($id: UUID!) { assessment(id: $id) { evidence { downloadPath } } }";
    let listed = app.gql(Some(&analyst.token), query, json!({"id": assessment})).await;
    let path = data(&listed)["assessment"]["evidence"][0]["downloadPath"].as_str().unwrap().to_owned();
    let response = app.client.get(format!("{}{path}", app.address)).bearer_auth(&analyst.token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"Richtlinie f_r Lieferanten.pdf\"; filename*=UTF-8''Richtlinie%20f%C3%BCr%20Lieferanten.pdf"
    );
}

/// Finding 9: a line break in a title or name could start an e-mail header (`Bcc:`) in the
/// written message. Names and titles are one line, refused by field otherwise; messages are
/// built by lettre in both modes and written readable by the owner only (live links).
#[tokio::test]
async fn names_and_titles_are_one_line_and_mail_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let t = Some(analyst.token.as_str());
    let injected = "Vendor check\r\nBcc: thief@evil.example";
    let create = "mutation($i: NewQuestionnaireTemplate!) { createQuestionnaireTemplate(input: $i) { id } }";
    let refused = app.gql(t, create, json!({"i": {"title": injected}})).await;
    assert_eq!(error_code(&refused), "VALIDATION", "{refused}");
    assert_eq!(refused["errors"][0]["extensions"]["fieldErrors"][0]["field"], "input.title", "{refused}");
    let supplier = "mutation($i: NewSupplier!) { createSupplier(input: $i) { id } }";
    let refused =
        app.gql(t, supplier, json!({"i": {"legalName": injected, "country": "DE", "category": "SaaS"}})).await;
    assert_eq!(error_code(&refused), "VALIDATION", "{refused}");
    assert!(refused.to_string().contains("one line without control characters"), "{refused}");

    sent_assessment(&app, &analyst.token, "private@supplier.example").await;
    app.wait_for_queued_mail().await;
    let folder = app.data_dir.join("mail");
    for file in std::fs::read_dir(&folder).unwrap().flatten() {
        assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600, "{}", file.path().display());
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(text.contains("MIME-Version: 1.0") && text.contains("Content-Transfer-Encoding: 8bit"), "{text}");
    }
}

/// Finding 3: parallel wrong passwords each count (the counter is raised in SQL), the right
/// password is then refused like an unknown e-mail, and wrong attempts from one address are
/// limited across replicas (the count lives in the database).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_lock_the_account_and_every_replica_counts_them() {
    use sea_orm::EntityTrait;
    let app = spawn_app().await;
    let user = app.account("acme", Role::Analyst).await;
    let guesses = (0..15).map(|i| {
        let app = &app;
        let email = user.email.clone();
        async move { app.login(&email, &format!("wrong-password-{i}")).await }
    });
    for body in futures_util::future::join_all(guesses).await {
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    }
    let row = entity::user::Entity::find_by_id(user.user_id).one(&app.state.db).await.unwrap().unwrap();
    // A guess that arrives once the account is locked is refused uncounted, so how many count
    // depends on timing; every one that was counted must be in the counter, none lost.
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let counted = entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::Action.eq("auth.login_failed"))
        .filter(entity::audit_event::Column::ObjectId.eq(user.user_id))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(row.failed_logins as u64, counted, "every parallel guess that was counted is in the counter");
    let locking = chainward::service::identity::auth::MAX_FAILED_LOGINS;
    assert!(row.failed_logins >= locking, "at least the guesses that locked the account: {}", row.failed_logins);
    assert!(row.locked_until.is_some());
    let locked = app.login(&user.email, crate::helpers::PASSWORD).await;
    let unknown = app.login("nobody@acme.example", "whatever-password").await;
    assert_eq!(
        (error_code(&locked), &locked["errors"][0]["message"]),
        (error_code(&unknown), &unknown["errors"][0]["message"])
    );

    // 17 failed attempts from this address so far; three more reach its allowance of 20, and
    // the next one, on another replica of the same database, is refused there.
    for i in 0..3 {
        assert_eq!(
            error_code(&app.login(&format!("someone-{i}@acme.example"), "guess-guess-guess").await),
            "UNAUTHENTICATED"
        );
    }
    let replica = crate::helpers::spawn_app_with(|config| config.database_url = app.database_url.clone()).await;
    let refused = replica.login("someone-else@acme.example", "guess-guess-guess").await;
    assert_eq!(error_code(&refused), "LIMIT", "{refused}");
    assert!(refused.to_string().contains("from your address"), "{refused}");
}

const SUBSCRIBE: &str = crate::helpers::organisation::SUBSCRIBE;
const DELIVERIES: &str = "query($s: UUID!) { webhookDeliveries(subscriptionId: $s) { attempts lastError } }";

/// The first delivery attempt of a subscription, once made.
async fn first_attempt(app: &TestApp, admin: &str, subscription: &Value) -> Value {
    for _ in 0..200 {
        let log = app.gql(Some(admin), DELIVERIES, json!({"s": subscription})).await;
        let delivery = data(&log)["webhookDeliveries"][0].clone();
        if delivery["attempts"] == 1 {
            return delivery;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no delivery attempt");
}

async fn subscribe(app: &TestApp, admin: &str, url: &str) -> Value {
    let body = app.gql(Some(admin), SUBSCRIBE, json!({"u": url, "e": ["assessment.sent"]})).await;
    data(&body)["createWebhookSubscription"]["subscription"]["id"].clone()
}

/// Finding 4: webhooks reach public addresses only (unless an operator allows a range), also
/// when a host name resolves to a private one; the delivery log names no connection details.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_never_reach_private_addresses() {
    // The production default: no range allowed.
    let app = crate::helpers::spawn_app_with(|c| c.webhook_egress = chainward::egress::Egress::default()).await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    for url in [
        "http://169.254.169.254/latest/meta-data",
        "http://127.0.0.1:8080/hooks",
        "http://[::1]/hooks",
        "http://10.0.0.5/hooks",
        "http://2130706433/hooks",
        "http://[::ffff:192.168.1.1]/hooks",
    ] {
        let refused = app.gql(Some(t), SUBSCRIBE, json!({"u": url, "e": ["assessment.sent"]})).await;
        assert_eq!(error_code(&refused), "VALIDATION", "{url}: {refused}");
        assert!(refused.to_string().contains("refused: private address"), "{url}: {refused}");
    }
    let (url, received) = crate::helpers::organisation::receiver(axum::http::StatusCode::OK).await;
    let subscription = subscribe(&app, t, &url.replace("127.0.0.1", "localhost")).await;
    let supplier = app.supplier(t, "Kontor Payroll AG", json!({})).await;
    crate::helpers::assessment::in_review(&app, t, &supplier).await;
    let delivery = first_attempt(&app, t, &subscription).await;
    assert_eq!(delivery["lastError"], "refused: private address");
    assert!(received.lock().unwrap().is_empty(), "the loopback receiver heard nothing");

    // Allowed but closed: "unreachable", not the operating system's words.
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let t = admin.token.as_str();
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap();
    let subscription = subscribe(&app, t, &format!("http://{closed}/hooks")).await;
    let supplier = app.supplier(t, "Kontor Payroll AG", json!({})).await;
    crate::helpers::assessment::in_review(&app, t, &supplier).await;
    assert_eq!(first_attempt(&app, t, &subscription).await["lastError"], "unreachable");
}

/// Finding 5: three slow receivers of one organisation delay neither another organisation's
/// webhook nor anyone's e-mail.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_slow_receiver_holds_up_only_its_own_organisation() {
    use std::time::{Duration, Instant};
    let app = spawn_app().await;
    let slow = app.account("slowco", Role::Admin).await;
    let (slow_url, slow_received) =
        crate::helpers::organisation::receiver_after(axum::http::StatusCode::OK, Duration::from_secs(8)).await;
    for _ in 0..3 {
        subscribe(&app, &slow.token, &slow_url).await;
    }
    sent_assessment(&app, &slow.token, "patient@supplier.example").await;
    for _ in 0..100 {
        if !slow_received.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!slow_received.lock().unwrap().is_empty(), "the slow deliveries are under way");

    let quick = app.account("acme", Role::Admin).await;
    let (url, received) = crate::helpers::organisation::receiver(axum::http::StatusCode::OK).await;
    subscribe(&app, &quick.token, &url).await;
    let started = Instant::now();
    sent_assessment(&app, &quick.token, "quick@supplier.example").await;
    assert!(crate::helpers::organisation::wait_for(&received, "assessment.sent").await.is_some());
    token_in_mail(&app, "quick@supplier.example").await;
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}", started.elapsed());
}

/// Finding 11 (and the key id of 12): logout and deactivation end access at once (every token
/// names its sign-in, checked on each request); a reactivated user's old sign-ins stay dead;
/// a token signed with our secret under another key id is refused.
#[tokio::test]
async fn logout_and_deactivation_end_access_at_once() {
    const ME: &str = "{ me { user { email } } }";
    const LOGOUT: &str = "mutation($r: String!) { logout(refreshToken: $r) }";
    const REFRESH: &str = "mutation($r: String!) { refresh(refreshToken: $r) { accessToken } }";
    const ACTIVE: &str = "mutation($id: UUID!, $a: Boolean!) { updateUser(id: $id, input: {active: $a}) { active } }";
    let app = spawn_app().await;
    let user = app.account("acme", Role::Analyst).await;
    assert!(data(&app.gql(Some(&user.token), ME, json!({})).await)["me"].is_object());
    data(&app.gql(None, LOGOUT, json!({"r": user.refresh_token})).await);
    assert_eq!(error_code(&app.gql(Some(&user.token), ME, json!({})).await), "UNAUTHENTICATED", "logged out");

    let admin = app.account("acme", Role::Admin).await;
    let colleague = app.account("acme", Role::Analyst).await;
    let colleague_session = app.login(&colleague.email, crate::helpers::PASSWORD).await;
    let refresh = data(&colleague_session)["login"]["refreshToken"].as_str().unwrap().to_owned();
    let id = json!(colleague.user_id);
    data(&app.gql(Some(&admin.token), ACTIVE, json!({"id": id, "a": false})).await);
    assert_eq!(error_code(&app.gql(Some(&colleague.token), ME, json!({})).await), "UNAUTHENTICATED");
    data(&app.gql(Some(&admin.token), ACTIVE, json!({"id": id, "a": true})).await);
    assert_eq!(error_code(&app.gql(Some(&colleague.token), ME, json!({})).await), "UNAUTHENTICATED", "not revived");
    assert_eq!(error_code(&app.gql(None, REFRESH, json!({"r": refresh})).await), "UNAUTHENTICATED", "not revived");
    assert_eq!(error_code(&app.gql(None, REFRESH, json!({"r": colleague.refresh_token})).await), "UNAUTHENTICATED");

    // Our secret, another key id: refused.
    let mut parts: Vec<String> = admin.token.split('.').map(str::to_owned).collect();
    let header = r#"{"alg":"HS256","typ":"JWT","kid":"another-key"}"#;
    parts[0] = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, header);
    let signing = format!("{}.{}", parts[0], parts[1]);
    let key = jsonwebtoken::EncodingKey::from_secret(crate::helpers::TEST_JWT_SECRET);
    parts[2] = jsonwebtoken::crypto::sign(signing.as_bytes(), &key, jsonwebtoken::Algorithm::HS256).unwrap();
    assert_eq!(error_code(&app.gql(Some(&parts.join(".")), ME, json!({})).await), "UNAUTHENTICATED", "unknown key id");
}

/// Finding 1 (and the delegate and profile items of 12): a colleague given some sections sees,
/// exports, imports and downloads those sections only, and a respondent cannot use the
/// organisation's import profiles.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delegate_reaches_its_own_sections_only() {
    const SECTIONS: &str = "{ respondentAssessment { sections { id questions { id } } evidence { id questionId } } }";
    const SAVE: &str = "mutation($a: [AnswerInput!]!) { respondentSaveAnswers(answers: $a) { answeredCount } }";
    const DELEGATE: &str = "mutation($i: DelegateSectionsInput!) { respondentDelegateSections(input: $i) { id } }";
    const EXPORT: &str = "query($id: UUID!) { exportAssessmentWorkbook(assessmentId: $id) { base64 } }";
    const PREVIEW: &str = "mutation($file: Upload!, $i: PreviewImportInput!) { previewImport(file: $file, input: $i) { answers { questionId previous } unmatched { id } } }";
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (assessment, link, answers) = sent_assessment(&app, &analyst.token, "lead@supplier.example").await;
    let lead = session(&app, &link).await;
    let view = data(&app.gql(Some(&lead), SECTIONS, json!({})).await)["respondentAssessment"].clone();
    let (kept, theirs) = (view["sections"][0].clone(), view["sections"][1]["id"].as_str().unwrap().to_owned());
    let secret_question = kept["questions"][0]["id"].as_str().unwrap().to_owned();
    let value = answers.iter().find(|(q, _)| *q == secret_question).unwrap().1.clone();
    let secret = json!([{"questionId": secret_question, "value": value, "comment": "Internal: audit found gaps"}]);
    data(&app.gql(Some(&lead), SAVE, json!({"a": secret})).await);
    let (status, document) = crate::helpers::assessment::put(
        &app,
        Some(&lead),
        &assessment,
        &secret_question,
        "internal-audit.pdf",
        crate::helpers::SMALL_PDF,
    )
    .await;
    assert_eq!(status, 201, "{document}");
    let ask = json!({"name": "Omar Ops", "email": "omar@supplier.example", "sectionIds": [theirs]});
    data(&app.gql(Some(&lead), DELEGATE, json!({"i": ask})).await);
    let omar = session(&app, &token_in_mail(&app, "omar@supplier.example").await).await;

    // The workbook holds his section only: no question, answer or comment of the others.
    let file =
        data(&app.gql(Some(&omar), EXPORT, json!({"id": assessment})).await)["exportAssessmentWorkbook"]["base64"]
            .as_str()
            .unwrap()
            .to_owned();
    let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, file).unwrap();
    let workbook = questionnaires::sheet::read_workbook(&bytes, &questionnaires::sheet::Limits::default()).unwrap();
    let texts: Vec<String> = workbook.sheets.iter().flat_map(|s| s.rows.iter().flatten()).map(|c| c.text()).collect();
    assert!(!texts.iter().any(|t| t == &secret_question || t.contains("audit found gaps")), "{texts:?}");

    // An import shows nothing of the others' answers; their rows are foreign to him.
    let own_question = view["sections"][1]["questions"][0]["id"].as_str().unwrap().to_owned();
    let csv =
        format!("Id;Question;Answer\r\n{secret_question};Is this one his?;No\r\n{own_question};And this one?;N/A\r\n");
    let (_, preview) = app
        .gql_with_file(Some(&omar), PREVIEW, json!({"i": {"assessmentId": assessment}}), "mine.csv", csv.as_bytes())
        .await;
    let preview = &data(&preview)["previewImport"];
    assert_eq!(preview["answers"], json!([{"questionId": own_question, "previous": null}]), "{preview}");
    assert_eq!(preview["unmatched"][0]["id"], secret_question.as_str());

    // The others' documents: not listed, not downloadable by id.
    let his = data(&app.gql(Some(&omar), SECTIONS, json!({})).await)["respondentAssessment"]["evidence"].clone();
    assert_eq!(his, json!([]));
    let url = format!("{}/api/evidence/{}", app.address, document["id"].as_str().unwrap());
    let download = app.client.get(&url).bearer_auth(&omar).send().await.unwrap();
    assert_eq!(download.status(), 404);

    // The organisation's import profiles are not the supplier's to use.
    let layout = json!({"sheets": [{"sheet": "csv", "header_rows": [0], "id": 0, "question": 1, "answer": {"kind": "single", "column": 2}, "comment": null, "evidence": null, "guidance": null, "headers": []}]});
    let save = "mutation($l: JSON!) { saveImportProfile(input: {name: \"Internal\", layout: $l}) { id } }";
    let profile =
        data(&app.gql(Some(&analyst.token), save, json!({"l": layout})).await)["saveImportProfile"]["id"].clone();
    let input = json!({"i": {"assessmentId": assessment, "profileId": profile}});
    let (_, refused) = app.gql_with_file(Some(&lead), PREVIEW, input, "mine.csv", csv.as_bytes()).await;
    assert_eq!(error_code(&refused), "NOT_FOUND", "{refused}");
}

/// Finding 8: delegations could relay mail (a link and 2,000 characters of free text to any
/// address, without limit). Now: a short note without links, a few per hour and in all, and the
/// mail says who asks, of which supplier, for which organisation.
#[tokio::test]
async fn delegation_mail_is_no_relay() {
    const DELEGATE: &str = "mutation($i: DelegateSectionsInput!) { respondentDelegateSections(input: $i) { id } }";
    const SECTIONS: &str = "{ respondentAssessment { sections { id } } }";
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let (_, link, _) = sent_assessment(&app, &analyst.token, "lead@relay.example").await;
    let lead = session(&app, &link).await;
    let section =
        data(&app.gql(Some(&lead), SECTIONS, json!({})).await)["respondentAssessment"]["sections"][0]["id"].clone();
    let ask = |n: usize, message: &str| json!({"i": {"name": format!("Colleague {n}"), "email": format!("colleague{n}@relay.example"), "sectionIds": [section], "message": message}});
    for message in ["Please log in at https://evil.example/login to continue", &"x".repeat(501)] {
        let refused = app.gql(Some(&lead), DELEGATE, ask(0, message)).await;
        assert_eq!(error_code(&refused), "VALIDATION", "{refused}");
        assert_eq!(refused["errors"][0]["extensions"]["fieldErrors"][0]["field"], "input.message");
    }
    for n in 1..=5 {
        data(&app.gql(Some(&lead), DELEGATE, ask(n, "Could you take this part?")).await);
    }
    let sixth = app.gql(Some(&lead), DELEGATE, ask(6, "One more?")).await;
    assert_eq!(error_code(&sixth), "LIMIT", "{sixth}");
    app.wait_for_queued_mail().await;
    let mail = app.mails().await.into_iter().find(|m| m.contains("colleague1@relay.example")).unwrap();
    assert!(mail.contains("of Supplier of lead@relay.example asks you"), "{mail}");
    assert!(mail.contains("that acme sent to Supplier of lead@relay.example"), "{mail}");
}

/// Finding 6: a hundred aliases of an export in one small query cost 18 s of server time with
/// a read token. Exports, the graph export, the portfolio and imports are expensive fields: a
/// request holds a few at most, refused before anything runs.
#[tokio::test]
async fn expensive_fields_are_counted_however_they_are_aliased() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let create = "mutation { createApiToken(input: {name: \"GRC read\", scope: READ}) { token } }";
    let token = data(&app.gql(Some(&admin.token), create, json!({})).await)["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let aliases: String = (0..100).map(|i| format!("e{i}: exportSupplierRegister(format: CSV) {{ size }} ")).collect();
    let started = std::time::Instant::now();
    let refused = app.gql(Some(&token), &format!("{{ {aliases} }}"), json!({})).await;
    assert!(refused["data"].is_null(), "{refused}");
    assert_eq!(error_code(&refused), "LIMIT", "{refused}");
    assert!(refused["errors"][0]["message"].as_str().unwrap().contains("too complex"), "{refused}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "refused before any export ran");
    let mixed = "{ a: portfolio { ratingDistribution { low } } b: portfolio { ratingDistribution { low } } c: exportSupplierRegister(format: CSV) { size } d: exportSupplierRegister(format: XLSX) { size } e: supplyChainGraph(format: JSON) { content } }";
    let refused = app.gql(Some(&token), mixed, json!({})).await;
    assert_eq!(error_code(&refused), "LIMIT", "{refused}");
    let one = app.gql(Some(&token), "{ exportSupplierRegister(format: CSV) { size } }", json!({})).await;
    assert!(data(&one)["exportSupplierRegister"]["size"].as_u64().unwrap() > 0, "one export is fine");
}

/// Finding 2: a subscription ends within seconds when its API token is revoked or its user
/// deactivated (and at expiry: every check re-authenticates); a query sent over the socket is
/// refused cleanly instead of panicking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_end_with_their_credential() {
    use crate::helpers::subscription::{listen, next, send};
    use std::time::Duration;
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let create = "mutation { createApiToken(input: {name: \"Listener\", scope: READ}) { token apiToken { id } } }";
    let created = data(&app.gql(Some(&admin.token), create, json!({})).await)["createApiToken"].clone();
    let mut socket = listen(&app, created["token"].as_str().unwrap(), Value::Null).await;

    send(&mut socket, json!({"id": "q", "type": "subscribe", "payload": {"query": "{ me { apiTokenName } }"}})).await;
    let answer = next(&mut socket, Duration::from_secs(5)).await.expect("an answer, not a dropped socket");
    assert!(answer.to_string().contains("only subscriptions"), "{answer}");
    let done = next(&mut socket, Duration::from_secs(5)).await.expect("the query's operation ends");
    assert_eq!((done["type"].as_str(), done["id"].as_str()), (Some("complete"), Some("q")), "{done}");

    let revoke = "mutation($id: UUID!) { revokeApiToken(id: $id) { active } }";
    data(&app.gql(Some(&admin.token), revoke, json!({"id": created["apiToken"]["id"]})).await);
    let ended = next(&mut socket, Duration::from_secs(8)).await.expect("the subscription completes");
    assert_eq!((ended["type"].as_str(), ended["id"].as_str()), (Some("complete"), Some("1")), "{ended}");

    let analyst = app.account("acme", Role::Analyst).await;
    let mut socket = listen(&app, &analyst.token, Value::Null).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let deactivate = "mutation($id: UUID!) { updateUser(id: $id, input: {active: false}) { active } }";
    data(&app.gql(Some(&admin.token), deactivate, json!({"id": analyst.user_id})).await);
    let ended = next(&mut socket, Duration::from_secs(8)).await.expect("the subscription completes");
    assert_eq!(ended["type"], "complete", "{ended}");
}

/// Finding 12, the rest: /metrics is for operators (a token, or the machine itself);
/// introspection can be turned off; an anonymous upload is refused before its body is read;
/// an assessment's documents have a quota.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_endpoints_anonymous_bodies_and_storage_are_bounded() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = crate::helpers::spawn_app_with(|c| {
        c.metrics_token = Some("metrics-secret-for-tests".into());
        c.introspection = false;
    })
    .await;
    let metrics = format!("{}/metrics", app.address);
    assert_eq!(app.client.get(&metrics).send().await.unwrap().status(), 403);
    let allowed = app.client.get(&metrics).bearer_auth("metrics-secret-for-tests").send().await.unwrap();
    assert_eq!(allowed.status(), 200);
    let user = app.account("acme", Role::Viewer).await;
    let schema = app.gql(Some(&user.token), "{ __schema { queryType { name } } }", json!({})).await;
    assert!(schema["data"]["__schema"].is_null(), "nothing of the schema: {schema}");

    // Headers announcing 9 MiB and no body: answered at once, not after waiting for the body.
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let path = format!("/api/assessments/{}/evidence/BAS-01?fileName=x.pdf", uuid::Uuid::new_v4());
    let head = format!("PUT {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 9437184\r\n\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 64];
    let read = tokio::time::timeout(std::time::Duration::from_secs(3), stream.read(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer[..read.expect("an answer before any body byte").unwrap()]).to_string();
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");

    // 200 MiB of documents per assessment.
    let analyst = app.account("acme", Role::Analyst).await;
    let (assessment, link, _) = sent_assessment(&app, &analyst.token, "quota@supplier.example").await;
    let respondent = session(&app, &link).await;
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(10 * 1024 * 1024, b' ');
    for n in 0..20 {
        let question = if n < 10 { "BAS-01" } else { "BAS-02" };
        let (status, body) =
            crate::helpers::assessment::put(&app, Some(&respondent), &assessment, question, "big.pdf", &big).await;
        assert_eq!(status, 201, "{n}: {body}");
    }
    // One more, of other content: refused, and its bytes never reach the store.
    big[100] = b'x';
    let (status, body) =
        crate::helpers::assessment::put(&app, Some(&respondent), &assessment, "BAS-03", "big.pdf", &big).await;
    assert_eq!((status, body["error"]["code"].as_str()), (413, Some("LIMIT")), "{body}");
    let sha = chainward::auth::secret::sha256_hex(&big);
    if std::env::var("TEST_OBJECT_STORE_URL").is_err() {
        assert!(!app.data_dir.join("evidence").join(&sha[..2]).join(&sha).exists(), "a refused upload is not stored");
    }
}
