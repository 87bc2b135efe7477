//! The role matrix: every mutation, for every kind of caller (viewer, analyst, administrator,
//! `read` and `read_write` API tokens, nobody), on real objects of the caller's own
//! organisation. The matrix has a row per Mutation field, checked against introspection.
use crate::helpers::identity_provider::{CONFIGURE, TestIdp};
use crate::helpers::{Account, PASSWORD, TestApp, data, error_code, spawn_app};
use chainward::domain::{FindingSource, FindingStatus, Role, Severity};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// What a mutation needs of its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Needs {
    /// An e-mail and password or a refresh token, no bearer token: login, refresh, logout.
    Credentials,
    /// Permission to change the register (admin, analyst, read_write token).
    Register,
    /// Permission to administer (admin only).
    Administer,
    /// A respondent token from an invitation link (respondents only).
    Respondent,
    /// Either permission to change the register or a respondent token (evidence uploads).
    RegisterOrRespondent,
}

/// Whether a caller allowed `may` passes a row that `needs` this.
fn allowed(needs: Needs, may: &[Needs]) -> bool {
    needs == Needs::Credentials
        || may.contains(&needs)
        || (needs == Needs::RegisterOrRespondent && may.contains(&Needs::Register))
}

struct Row {
    field: &'static str,
    needs: Needs,
    query: &'static str,
    vars: Value,
    /// On success, the value at this JSON pointer into `data`.
    expect: (&'static str, Value),
}

fn row(field: &'static str, needs: Needs, query: &'static str, vars: Value, at: &'static str, value: Value) -> Row {
    Row { field, needs, query, vars, expect: (at, value) }
}

/// Objects of the organisation, created by its administrator for one pass over the matrix.
struct Fixture {
    tag: String,
    supplier: String,
    second: String,
    contact: String,
    /// A contact of `second`, for erasing.
    erasable: String,
    service: String,
    dependency: String,
    user: String,
    token: String,
    template: String,
    lite_version: String,
    assessment: String,
    reviewed: String,
    /// An assessment sent to a respondent, answered but for ACC-01.
    answering: String,
    invitation: String,
    invitation_token: String,
    /// A draft of the same supplier, with the contact to send it to.
    to_send: String,
    respondent_contact: String,
    webhook: String,
    /// Sections the fixture's respondent delegated to a colleague.
    delegation: String,
    /// A spreadsheet previewed into `answering`, and a saved import profile.
    import_batch: String,
    import_profile: String,
    /// A register spreadsheet previewed.
    register_import: String,
    /// A supplier's own questionnaire committed as an assessment, and the shipped
    /// supplier-lite template to follow it up with.
    foreign_assessment: String,
    lite_template: String,
    /// The organisation's identity provider, running while the matrix runs.
    idp: TestIdp,
    /// A finished single sign-on of the administrator, waiting to be redeemed.
    sso_ticket: String,
    /// A finding opened by a completed assessment.
    finding: String,
    /// A finding on the respondent's assessment, which it remediates through its link.
    remediating: String,
}

/// A finding on an assessment, written straight to the database: the access rules of
/// remediation do not depend on how the finding came about, and completing the respondent's
/// assessment would close it to the other respondent rows.
pub async fn finding_on(app: &TestApp, token: &str, assessment: &str) -> String {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let body = app
        .gql(Some(token), "query($id: UUID!) { assessment(id: $id) { supplier { id } } }", json!({"id": assessment}))
        .await;
    let supplier: uuid::Uuid = data(&body)["assessment"]["supplier"]["id"].as_str().unwrap().parse().unwrap();
    let organisation = entity::supplier::Entity::find_by_id(supplier).one(&app.state.db).await.unwrap().unwrap();
    let now = chrono::Utc::now();
    let created = entity::finding::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        organisation_id: Set(organisation.organisation_id),
        supplier_id: Set(supplier),
        assessment_id: Set(Some(assessment.parse().unwrap())),
        question_id: Set(Some("ACC-02".into())),
        title: Set("Access reviews are not documented".into()),
        severity: Set(Severity::Medium),
        status: Set(FindingStatus::Open),
        due_date: Set(now.date_naive() + chrono::Days::new(60)),
        knock_out: Set(false),
        iso_refs: Set(json!(["5.18"])),
        nis2_refs: Set(json!([])),
        created_at: Set(now),
        updated_at: Set(now),
        overdue_notified_at: Set(None),
        owner_id: Set(None),
        remediation_plan: Set(None),
        resolved_at: Set(None),
        verified_at: Set(None),
        risk_reason: Set(None),
        risk_accepted_until: Set(None),
        source: Set(FindingSource::Manual),
        contact_id: Set(None),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    created.id.to_string()
}

async fn fixture(app: &TestApp, admin: &Account) -> Fixture {
    let tag = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let contacts = json!({"contacts": [{"name": "Ada Contact", "email": "ada@nordlicht.example"}]});
    let supplier = app.supplier(&admin.token, &format!("Nordlicht Cloud {tag}"), contacts).await;
    let erasable =
        json!({"contacts": [{"name": "Bea Erasable", "email": "bea@kontor.example", "phone": "+49 40 555 0100"}]});
    let second = app.supplier(&admin.token, &format!("Kontor Payroll {tag}"), erasable).await;
    let service = app.service(&admin.token, &format!("Customer portal {tag}"), 3).await;
    let dependency =
        data(&app.depend(&admin.token, &service, &supplier).await)["addDependency"]["id"].as_str().unwrap().to_owned();
    let body = app
        .gql(Some(&admin.token), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": supplier}))
        .await;
    let contact = data(&body)["supplier"]["contacts"][0]["id"].as_str().unwrap().to_owned();
    let body = app
        .gql(Some(&admin.token), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": second}))
        .await;
    let erasable = data(&body)["supplier"]["contacts"][0]["id"].as_str().unwrap().to_owned();
    let user = app.account("acme", Role::Viewer).await.user_id.to_string();
    let body = app
        .gql(
            Some(&admin.token),
            "mutation { createApiToken(input: {name: \"Nightly export\", scope: READ}) { apiToken { id } } }",
            json!({}),
        )
        .await;
    let token = data(&body)["createApiToken"]["apiToken"]["id"].as_str().unwrap().to_owned();
    let body = app
        .gql(
            Some(&admin.token),
            "mutation($t: String!) { createQuestionnaireTemplate(input: {title: $t}) { id } }",
            json!({"t": format!("Fixture {tag}")}),
        )
        .await;
    let template = data(&body)["createQuestionnaireTemplate"]["id"].as_str().unwrap().to_owned();
    let (lite_version, _) = crate::helpers::assessment::lite_version(app, &admin.token).await;
    let body = app
        .gql(
            Some(&admin.token),
            crate::helpers::assessment::CREATE,
            json!({"i": {"supplierId": second, "templateVersionId": lite_version}}),
        )
        .await;
    let assessment = data(&body)["createAssessment"]["id"].as_str().unwrap().to_owned();
    let reviewed = crate::helpers::assessment::in_review(app, &admin.token, &second).await;
    // The respondent's supplier does not carry the tag, so searches by tag find the two above.
    let (answering, invitation_token, answers) =
        crate::helpers::assessment::sent_assessment(app, &admin.token, "respondent@supplier.example").await;
    let rest: Vec<(String, String)> = answers.into_iter().filter(|(q, _)| q != "ACC-01").collect();
    let body = app
        .gql(
            Some(&admin.token),
            crate::helpers::assessment::SAVE,
            json!({"id": answering, "a": crate::helpers::assessment::as_input(&rest)}),
        )
        .await;
    data(&body);
    let body = app
        .gql(
            Some(&admin.token),
            "query($id: UUID!) { assessment(id: $id) { invitations { id } supplier { id contacts { id } } } }",
            json!({"id": answering}),
        )
        .await;
    let invitation = data(&body)["assessment"]["invitations"][0]["id"].as_str().unwrap().to_owned();
    let respondent_supplier = data(&body)["assessment"]["supplier"]["id"].as_str().unwrap().to_owned();
    let respondent_contact = data(&body)["assessment"]["supplier"]["contacts"][0]["id"].as_str().unwrap().to_owned();
    let body = app
        .gql(
            None,
            "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }",
            json!({"t": invitation_token}),
        )
        .await;
    let respondent = data(&body)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let body = app
        .gql(
            Some(&respondent),
            "mutation { respondentDelegateSections(input: {name: \"Fixture Colleague\", email: \"colleague@supplier.example\", sectionIds: [\"ACC\"]}) { id } }",
            json!({}),
        )
        .await;
    let delegation = data(&body)["respondentDelegateSections"]["id"].as_str().unwrap().to_owned();
    let (failed, _) = crate::helpers::assessment::completed_with_a_finding(
        app,
        &admin.token,
        &format!("f-{}@supplier.example", uuid::Uuid::new_v4().simple()),
    )
    .await;
    let body = app
        .gql(Some(&admin.token), "query($id: UUID!) { findings(supplierId: $id) { id } }", json!({"id": failed}))
        .await;
    let finding = data(&body)["findings"][0]["id"].as_str().unwrap().to_owned();
    let remediating = finding_on(app, &admin.token, &answering).await;
    let body = app.gql(Some(&admin.token), PREVIEW, json!({"id": answering})).await;
    let import_batch = data(&body)["previewImport"]["id"].as_str().unwrap().to_owned();
    let body = app.gql(Some(&admin.token), SAVE_PROFILE, json!({"n": format!("Profile {tag}")})).await;
    let import_profile = data(&body)["saveImportProfile"]["id"].as_str().unwrap().to_owned();
    let body = app.gql(Some(&admin.token), PREVIEW_REGISTER, json!({})).await;
    let register_import = data(&body)["previewRegisterImport"]["id"].as_str().unwrap().to_owned();
    let (_, body) = app
        .gql_with_file(Some(&admin.token), PREVIEW_FOREIGN, json!({"s": respondent_supplier}), "caiq.csv", CAIQ_CSV)
        .await;
    let foreign_batch = data(&body)["previewSupplierQuestionnaire"]["id"].clone();
    let body = app
        .gql(
            Some(&admin.token),
            "mutation($id: UUID!) { commitImport(batchId: $id) { assessmentId } }",
            json!({"id": foreign_batch}),
        )
        .await;
    let foreign_assessment = data(&body)["commitImport"]["assessmentId"].as_str().unwrap().to_owned();
    let body = app.gql(Some(&admin.token), "{ questionnaireTemplates { id slug } }", json!({})).await;
    let templates = data(&body)["questionnaireTemplates"].as_array().unwrap().clone();
    let lite_template =
        templates.iter().find(|t| t["slug"] == "supplier-lite").unwrap()["id"].as_str().unwrap().to_owned();
    let idp = TestIdp::start().await;
    let sso_ticket = sso_ticket_for(app, admin).await;
    let body = app
        .gql(
            Some(&admin.token),
            crate::helpers::assessment::CREATE,
            json!({"i": {"supplierId": respondent_supplier, "templateVersionId": lite_version}}),
        )
        .await;
    let to_send = data(&body)["createAssessment"]["id"].as_str().unwrap().to_owned();
    let body = app
        .gql(
            Some(&admin.token),
            "mutation { createWebhookSubscription(input: {url: \"https://grc.acme.example/hooks\", eventTypes: [\"score.changed\"]}) { subscription { id } } }",
            json!({}),
        )
        .await;
    let webhook = data(&body)["createWebhookSubscription"]["subscription"]["id"].as_str().unwrap().to_owned();
    Fixture {
        tag,
        supplier,
        second,
        contact,
        erasable,
        service,
        dependency,
        user,
        token,
        template,
        lite_version,
        assessment,
        reviewed,
        answering,
        invitation,
        invitation_token,
        to_send,
        respondent_contact,
        webhook,
        delegation,
        import_batch,
        import_profile,
        register_import,
        foreign_assessment,
        lite_template,
        idp,
        sso_ticket,
        finding,
        remediating,
    }
}

const PREVIEW: &str =
    "mutation($id: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id}) { id status } }";
/// A finished single sign-on of `account`, as the callback leaves it: a ticket stored hashed.
async fn sso_ticket_for(app: &TestApp, account: &Account) -> String {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let ticket = format!("ticket-{}", uuid::Uuid::new_v4().simple());
    entity::sso_ticket::ActiveModel {
        ticket_hash: Set(chainward::auth::secret::token_hash(&ticket)),
        organisation_id: Set(account.organisation_id),
        user_id: Set(account.user_id),
        expires_at: Set(chrono::Utc::now() + chrono::Duration::minutes(5)),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    ticket
}

const PREVIEW_REGISTER: &str = "mutation($file: Upload!) { previewRegisterImport(file: $file) { id status } }";
/// A supplier's CAIQ v4 of a dozen answers (our texts).
const CAIQ_CSV: &[u8] = b"Consensus Assessment Initiative Questionnaire v4.0.2\nQuestion ID,Question,CSP CAIQ Answer\nA&A-01.1,Is the audit policy kept?,Yes\nAIS-01.1,Is secure development defined?,Yes\nBCR-08.1,Are backups taken?,Yes\nCEK-03.1,Is data encrypted?,No\nDSP-07.1,Is data protected by design?,Yes\nGRC-05.1,Is there a security programme?,Yes\nHRS-11.1,Is staff trained?,Yes\nIAM-02.1,Are passwords strong?,Yes\nIAM-14.1,Is authentication strong?,Yes\nLOG-01.1,Are logs kept?,Yes\nSEF-01.1,Are incidents handled?,Yes\nUEM-01.1,Are endpoints managed?,Yes\n";
const PREVIEW_FOREIGN: &str =
    "mutation($s: UUID!, $file: Upload!) { previewSupplierQuestionnaire(supplierId: $s, file: $file) { id status } }";
const SAVE_PROFILE: &str = "mutation($n: String!) { saveImportProfile(input: {name: $n, layout: {sheets: [{sheet: \"csv\", header_rows: [0], id: 0, question: 1, answer: {kind: \"single\", column: 2}, comment: null, evidence: null, guidance: null, headers: []}]}}) { id name } }";

/// Every mutation, in an order in which all of them can succeed one after the other.
#[rustfmt::skip]
fn rows(fx: &Fixture, me: Option<(&str, &str)>) -> Vec<Row> {
    use Needs::*;
    let (email, refresh) = me.map_or((String::new(), String::new()), |(e, r)| (e.to_owned(), r.to_owned()));
    let id = |id: &str| json!({ "id": id });
    let new_email = format!("new-{}@acme.example", fx.tag);
    vec![
        row("login", Credentials, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }",
            json!({"e": email, "p": PASSWORD}), "/login/user/email", json!(email)),
        row("refresh", Credentials, "mutation($r: String!) { refresh(refreshToken: $r) { tokenType } }", json!({"r": refresh}), "/refresh/tokenType", json!("Bearer")),
        row("logout", Credentials, "mutation($r: String!) { logout(refreshToken: $r) }", json!({"r": refresh}), "/logout", json!(true)),
        row("createUser", Administer, "mutation($e: String!, $p: String!) { createUser(input: {email: $e, role: VIEWER, password: $p}) { email } }",
            json!({"e": new_email, "p": PASSWORD}), "/createUser/email", json!(new_email)),
        row("updateUser", Administer, "mutation($id: UUID!) { updateUser(id: $id, input: {displayName: \"Renamed Person\"}) { displayName } }",
            id(&fx.user), "/updateUser/displayName", json!("Renamed Person")),
        row("createApiToken", Administer, "mutation { createApiToken(input: {name: \"CI export\", scope: READ_WRITE}) { apiToken { name scope } } }",
            json!({}), "/createApiToken/apiToken", json!({"name": "CI export", "scope": "READ_WRITE"})),
        row("revokeApiToken", Administer, "mutation($id: UUID!) { revokeApiToken(id: $id) { active } }", id(&fx.token), "/revokeApiToken/active", json!(false)),
        row("createSupplier", Register, "mutation($n: String!) { createSupplier(input: {legalName: $n, country: \"AT\", category: \"Payroll\"}) { legalName country status } }",
            json!({"n": format!("Brandneu {}", fx.tag)}), "/createSupplier", json!({"legalName": format!("Brandneu {}", fx.tag), "country": "AT", "status": "PROSPECT"})),
        row("updateSupplier", Register, "mutation($id: UUID!) { updateSupplier(id: $id, input: {legalName: \"Renamed GmbH\"}) { legalName } }",
            id(&fx.supplier), "/updateSupplier/legalName", json!("Renamed GmbH")),
        row("changeSupplierStatus", Register, "mutation($id: UUID!) { changeSupplierStatus(id: $id, status: ONBOARDING, reason: \"contract signed\") { status } }",
            id(&fx.supplier), "/changeSupplierStatus/status", json!("ONBOARDING")),
        row("addSupplierContact", Register, "mutation($id: UUID!) { addSupplierContact(supplierId: $id, input: {name: \"Bo Berg\", email: \"bo@kontor.example\"}) { supplierId email } }",
            id(&fx.second), "/addSupplierContact", json!({"supplierId": fx.second, "email": "bo@kontor.example"})),
        row("updateSupplierContact", Register, "mutation($id: UUID!) { updateSupplierContact(id: $id, input: {role: \"Security officer\"}) { name role } }",
            id(&fx.contact), "/updateSupplierContact", json!({"name": "Ada Contact", "role": "Security officer"})),
        row("erasePerson", Administer, "mutation($id: UUID!) { erasePerson(contactId: $id) { mailCopies } }",
            id(&fx.erasable), "/erasePerson/mailCopies", json!(0)),
        row("removeSupplierContact", Register, "mutation($id: UUID!) { removeSupplierContact(id: $id) }", id(&fx.contact), "/removeSupplierContact", json!(fx.contact)),
        row("createService", Register, "mutation($n: String!) { createService(input: {name: $n, criticality: 2}) { name criticality } }",
            json!({"n": format!("Payroll run {}", fx.tag)}), "/createService", json!({"name": format!("Payroll run {}", fx.tag), "criticality": 2})),
        row("updateService", Register, "mutation($id: UUID!) { updateService(id: $id, input: {criticality: 5}) { criticality } }", id(&fx.service), "/updateService/criticality", json!(5)),
        row("addDependency", Register, "mutation($d: UUID!, $p: UUID!) { addDependency(input: {dependentId: $d, providerId: $p}) { dependentKind provider { ... on Supplier { id } } } }",
            json!({"d": fx.service, "p": fx.second}), "/addDependency", json!({"dependentKind": "SERVICE", "provider": {"id": fx.second}})),
        row("updateDependency", Register, "mutation($id: UUID!) { updateDependency(id: $id, input: {function: \"hosting\", alternative: true}) { function alternative } }",
            id(&fx.dependency), "/updateDependency", json!({"function": "hosting", "alternative": true})),
        row("removeDependency", Register, "mutation($id: UUID!) { removeDependency(id: $id) }", id(&fx.dependency), "/removeDependency", json!(fx.dependency)),
        row("deleteService", Register, "mutation($id: UUID!) { deleteService(id: $id) }", id(&fx.service), "/deleteService", json!(fx.service)),
        row("createQuestionnaireTemplate", Register, "mutation($t: String!) { createQuestionnaireTemplate(input: {title: $t}) { slug shipped } }",
            json!({"t": format!("Roles {}", fx.tag)}), "/createQuestionnaireTemplate", json!({"slug": format!("roles-{}", fx.tag), "shipped": false})),
        row("updateTemplateDraft", Register, "mutation($id: UUID!, $c: JSON!) { updateTemplateDraft(templateId: $id, content: $c) { questionCount published } }",
            json!({"id": fx.template, "c": {"sections": [{"id": "ACC", "title": "Access", "questions": [{"id": "ACC-01", "text": "MFA for admins?",
                "answer": "yes_no_na", "importance": "critical", "compliant": ["yes"], "iso": ["8.5"]}]}]}}),
            "/updateTemplateDraft", json!({"questionCount": 1, "published": false})),
        row("publishTemplateDraft", Register, "mutation($id: UUID!) { publishTemplateDraft(templateId: $id) { version published } }",
            id(&fx.template), "/publishTemplateDraft", json!({"version": 1, "published": true})),
        row("createAssessment", Register, "mutation($s: UUID!, $v: UUID!) { createAssessment(input: {supplierId: $s, templateVersionId: $v}) { status templateSlug } }",
            json!({"s": fx.second, "v": fx.lite_version}), "/createAssessment", json!({"status": "DRAFT", "templateSlug": "supplier-lite"})),
        row("changeAssessmentStatus", Register, "mutation($id: UUID!) { changeAssessmentStatus(id: $id, status: SENT) { status } }",
            id(&fx.assessment), "/changeAssessmentStatus/status", json!("SENT")),
        row("saveAssessmentAnswers", Register, "mutation($id: UUID!) { saveAssessmentAnswers(id: $id, answers: [{questionId: \"ACC-01\", value: \"yes\"}]) { status } }",
            id(&fx.assessment), "/saveAssessmentAnswers/status", json!("IN_PROGRESS")),
        row("reviewAssessmentAnswer", Register, "mutation($id: UUID!) { reviewAssessmentAnswer(id: $id, questionId: \"ACC-01\", verdict: ACCEPTED) { verdict } }",
            id(&fx.reviewed), "/reviewAssessmentAnswer/verdict", json!("ACCEPTED")),
        row("createWebhookSubscription", Administer, "mutation { createWebhookSubscription(input: {url: \"https://grc.acme.example/new\", eventTypes: [\"finding.created\"]}) { subscription { url eventTypes } } }",
            json!({}), "/createWebhookSubscription/subscription", json!({"url": "https://grc.acme.example/new", "eventTypes": ["finding.created"]})),
        row("deleteWebhookSubscription", Administer, "mutation($id: UUID!) { deleteWebhookSubscription(id: $id) }", id(&fx.webhook),
            "/deleteWebhookSubscription", json!(fx.webhook)),
        row("launchCampaign", Register, "mutation($v: UUID!, $n: String!, $s: String!) { launchCampaign(input: {name: $n, templateVersionId: $v, filter: {search: $s}}) { progress { total } } }",
            json!({"v": fx.lite_version, "n": format!("Campaign {}", fx.tag), "s": format!("Kontor Payroll {}", fx.tag)}), "/launchCampaign/progress/total", json!(1)),
        row("exportOrganisation", Administer, "mutation { exportOrganisation { contentType } }",
            json!({}), "/exportOrganisation/contentType", json!("application/zip")),
        row("updateRetention", Administer, "mutation { updateRetention(input: {mailCopiesDays: 90}) { mailCopiesDays } }",
            json!({}), "/updateRetention/mailCopiesDays", json!(90)),
        row("updateOrganisationSettings", Administer, "mutation { updateOrganisationSettings(input: {reassessmentMonths: {critical: 6, high: 12}, reassessmentResponseDays: 21, reassessmentAutoSend: true, reminderDaysBefore: 5}) { reminderDaysBefore reassessmentMonths { critical high medium } } }",
            json!({}), "/updateOrganisationSettings", json!({"reminderDaysBefore": 5, "reassessmentMonths": {"critical": 6, "high": 12, "medium": null}})),
        row("sendAssessment", Register, "mutation($id: UUID!, $c: UUID!) { sendAssessment(id: $id, input: {respondentContactIds: [$c]}) { status } }",
            json!({"id": fx.to_send, "c": fx.respondent_contact}), "/sendAssessment/status", json!("SENT")),
        row("exchangeInvitation", Credentials, "mutation($t: String!) { exchangeInvitation(token: $t) { assessmentId } }",
            json!({"t": fx.invitation_token}), "/exchangeInvitation/assessmentId", json!(fx.answering)),
        row("respondentSaveAnswers", Respondent, "mutation { respondentSaveAnswers(answers: [{questionId: \"ACC-01\", value: \"yes\"}]) { answeredCount } }",
            json!({}), "/respondentSaveAnswers/answeredCount", json!(crate::helpers::assessment::LITE_SCORED)),
        row("respondentDelegateSections", Respondent, "mutation { respondentDelegateSections(input: {name: \"Omar Ops\", email: \"omar@supplier.example\", sectionIds: [\"ACC\"]}) { email sections } }",
            json!({}), "/respondentDelegateSections", json!({"email": "omar@supplier.example", "sections": ["ACC"]})),
        row("respondentWithdrawDelegation", Respondent, "mutation($id: UUID!) { respondentWithdrawDelegation(id: $id) { email } }",
            id(&fx.delegation), "/respondentWithdrawDelegation/email", json!("colleague@supplier.example")),
        row("uploadEvidence", RegisterOrRespondent, "mutation($id: UUID!, $file: Upload!) { uploadEvidence(assessmentId: $id, questionId: \"ACC-01\", file: $file) { fileName contentType } }",
            id(&fx.answering), "/uploadEvidence", json!({"fileName": "policy.pdf", "contentType": "application/pdf"})),
        row("previewImport", RegisterOrRespondent, PREVIEW, id(&fx.answering), "/previewImport/status", json!("PREVIEWED")),
        row("commitImport", RegisterOrRespondent, "mutation($id: UUID!) { commitImport(batchId: $id) { status } }",
            id(&fx.import_batch), "/commitImport/status", json!("COMMITTED")),
        row("configureIdentityProvider", Administer, CONFIGURE, json!({"i": fx.idp.input(json!({}))}),
            "/configureIdentityProvider/clientSecretSet", json!(true)),
        row("removeIdentityProvider", Administer, "mutation { removeIdentityProvider }", json!({}), "/removeIdentityProvider", json!(true)),
        row("completeSingleSignOn", Credentials, "mutation($t: String!) { completeSingleSignOn(ticket: $t) { tokenType } }",
            json!({"t": fx.sso_ticket}), "/completeSingleSignOn/tokenType", json!("Bearer")),
        row("previewRegisterImport", Register, PREVIEW_REGISTER, json!({}), "/previewRegisterImport/status", json!("PREVIEWED")),
        row("commitRegisterImport", Register, "mutation($id: UUID!) { commitRegisterImport(batchId: $id) { status } }",
            id(&fx.register_import), "/commitRegisterImport/status", json!("COMMITTED")),
        row("previewSupplierQuestionnaire", Register, PREVIEW_FOREIGN, json!({"s": fx.supplier}),
            "/previewSupplierQuestionnaire/status", json!("PREVIEWED")),
        row("createGapAssessment", Register, "mutation($i: NewGapAssessment!) { createGapAssessment(input: $i) { assessment { status } } }",
            json!({"i": {"assessmentId": fx.foreign_assessment, "templateId": fx.lite_template}}), "/createGapAssessment/assessment/status", json!("DRAFT")),
        row("createTemplateFromSpreadsheet", Register, "mutation($file: Upload!, $t: String!) { createTemplateFromSpreadsheet(file: $file, title: $t) { title shipped } }",
            json!({"t": format!("From a sheet {}", fx.tag)}), "/createTemplateFromSpreadsheet", json!({"title": format!("From a sheet {}", fx.tag), "shipped": false})),
        row("saveImportProfile", Register, SAVE_PROFILE, json!({"n": format!("Another profile {}", fx.tag)}), "/saveImportProfile/name", json!(format!("Another profile {}", fx.tag))),
        row("deleteImportProfile", Register, "mutation($id: UUID!) { deleteImportProfile(id: $id) }", id(&fx.import_profile),
            "/deleteImportProfile", json!(fx.import_profile)),
        row("raiseFinding", Register, "mutation($s: UUID!) { raiseFinding(input: {supplierId: $s, title: \"Audit: no log retention policy\", severity: MEDIUM}) { source } }",
            json!({"s": fx.second}), "/raiseFinding/source", json!("MANUAL")),
        row("updateFinding", Register, "mutation($id: UUID!) { updateFinding(id: $id, input: {remediationPlan: \"Patch by Q3\"}) { remediationPlan } }",
            id(&fx.finding), "/updateFinding/remediationPlan", json!("Patch by Q3")),
        row("changeFindingStatus", Register, "mutation($id: UUID!) { changeFindingStatus(id: $id, status: IN_PROGRESS) { status } }",
            id(&fx.finding), "/changeFindingStatus/status", json!("IN_PROGRESS")),
        row("acceptFindingRisk", Administer, "mutation($id: UUID!, $u: NaiveDate!) { acceptFindingRisk(id: $id, reason: \"Compensated by network isolation\", until: $u) { status } }",
            json!({"id": fx.finding, "u": (chrono::Utc::now().date_naive() + chrono::Days::new(90)).to_string()}), "/acceptFindingRisk/status", json!("RISK_ACCEPTED")),
        row("respondentUpdateFinding", Respondent, "mutation($id: UUID!) { respondentUpdateFinding(id: $id, status: IN_PROGRESS) { status } }",
            id(&fx.remediating), "/respondentUpdateFinding/status", json!("IN_PROGRESS")),
        row("commentOnFinding", RegisterOrRespondent, "mutation($id: UUID!) { commentOnFinding(findingId: $id, body: \"Fixed in the March release\") { body } }",
            id(&fx.remediating), "/commentOnFinding/body", json!("Fixed in the March release")),
        row("uploadFindingEvidence", RegisterOrRespondent, "mutation($id: UUID!, $file: Upload!) { uploadFindingEvidence(findingId: $id, file: $file) { fileName } }",
            id(&fx.remediating), "/uploadFindingEvidence/fileName", json!("policy.pdf")),
        row("respondentSubmit", Respondent, "mutation { respondentSubmit { status } }", json!({}), "/respondentSubmit/status", json!("SUBMITTED")),
        row("revokeInvitation", Register, "mutation($id: UUID!) { revokeInvitation(id: $id) { email } }",
            id(&fx.invitation), "/revokeInvitation/email", json!("respondent@supplier.example")),
        row("resendInvitation", Register, "mutation($id: UUID!) { resendInvitation(id: $id) { email } }",
            id(&fx.invitation), "/resendInvitation/email", json!("respondent@supplier.example")),
        row("deleteSupplier", Register, "mutation($id: UUID!) { deleteSupplier(id: $id) }", id(&fx.supplier), "/deleteSupplier", json!(fx.supplier)),
    ]
}

/// One kind of caller: its bearer token (if any), its account (if a person), what it may do,
/// and the error code for everything else.
struct Who<'a> {
    token: Option<&'a str>,
    account: Option<&'a Account>,
    may: &'a [Needs],
    denied: &'static str,
}

async fn audit_total(app: &TestApp, admin: &Account) -> u64 {
    let body = app.gql(Some(&admin.token), "{ auditEvents(first: 0) { totalCount } }", json!({})).await;
    data(&body)["auditEvents"]["totalCount"].as_u64().expect("totalCount")
}

/// Runs the whole matrix as `who` on a fresh fixture, then checks the fixture with the admin.
async fn run_matrix(app: &TestApp, admin: &Account, who: Who<'_>) {
    let fx = fixture(app, admin).await;
    let mut problems = Vec::new();
    // refresh and logout act on a sign-in of their own: logging out ends that sign-in's access
    // tokens, and the matrix goes on with the caller's.
    let other = match who.account {
        Some(account) => {
            let body = app.login(&account.email, crate::helpers::PASSWORD).await;
            Some((account.email.clone(), data(&body)["login"]["refreshToken"].as_str().unwrap().to_owned()))
        }
        None => None,
    };
    for row in rows(&fx, other.as_ref().map(|(e, r)| (e.as_str(), r.as_str()))) {
        if row.needs == Needs::Credentials && who.account.is_none() {
            continue; // tokens and anonymous callers have no password or refresh token
        }
        let events_before = audit_total(app, admin).await;
        let body = app.gql(who.token, row.query, row.vars.clone()).await;
        if allowed(row.needs, who.may) {
            let got = body["data"].pointer(row.expect.0);
            if body.get("errors").is_some() || got != Some(&row.expect.1) {
                problems
                    .push(format!("{} should succeed with {} at {}: {body}", row.field, row.expect.1, row.expect.0));
            }
            // Every mutation leaves a trace in the audit log.
            if audit_total(app, admin).await <= events_before {
                problems.push(format!("{} succeeded without writing an audit event", row.field));
            }
        } else {
            let code = body["errors"][0]["extensions"]["code"].as_str().unwrap_or("(no error)");
            if code != who.denied || !body["data"].is_null() {
                problems.push(format!("{} should be {} without data: {body}", row.field, who.denied));
            }
        }
    }
    assert!(problems.is_empty(), "role matrix broken:\n{}", problems.join("\n"));

    // The register changed exactly when the caller may change it.
    let query = "query($s: UUID!, $v: UUID!) {
        supplier(id: $s) { legalName status contacts { name } dependents { id } } service(id: $v) { criticality } }";
    let body = app.gql(Some(&admin.token), query, json!({"s": fx.supplier, "v": fx.service})).await;
    let created = if who.may.contains(&Needs::Register) {
        assert_eq!(error_code(&body), "NOT_FOUND", "the supplier was deleted: {body}");
        let body = app
            .gql(Some(&admin.token), "query($id: UUID!) { service(id: $id) { id } }", json!({"id": fx.service}))
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND", "the service was deleted: {body}");
        1
    } else {
        let seen = data(&body);
        assert_eq!(seen["supplier"]["legalName"], format!("Nordlicht Cloud {}", fx.tag));
        assert_eq!(seen["supplier"]["status"], "PROSPECT");
        assert_eq!(seen["supplier"]["contacts"], json!([{"name": "Ada Contact"}]));
        assert_eq!(seen["supplier"]["dependents"], json!([{"id": fx.dependency}]));
        assert_eq!(seen["service"]["criticality"], 3);
        0
    };
    let query = "query($s: String!) { suppliers(filter: {search: $s}) { totalCount } }";
    let body = app.gql(Some(&admin.token), query, json!({"s": format!("Brandneu {}", fx.tag)})).await;
    assert_eq!(data(&body)["suppliers"]["totalCount"], created, "createSupplier wrote {created} suppliers");
    check_admin_rows(app, admin, &fx, who.may).await;
}

/// The fixture's user and API token changed exactly when the caller may administer.
async fn check_admin_rows(app: &TestApp, admin: &Account, fx: &Fixture, may: &[Needs]) {
    let body =
        app.gql(Some(&admin.token), "{ users { id email displayName } apiTokens { id name active } }", json!({})).await;
    let seen = data(&body);
    let administered = may.contains(&Needs::Administer);
    let user = seen["users"].as_array().unwrap().iter().find(|u| u["id"] == fx.user.as_str()).expect("fixture user");
    assert_eq!(user["displayName"], if administered { json!("Renamed Person") } else { Value::Null });
    let token =
        seen["apiTokens"].as_array().unwrap().iter().find(|t| t["id"] == fx.token.as_str()).expect("fixture token");
    assert_eq!(token["active"], !administered);
    let new_user = format!("new-{}@acme.example", fx.tag);
    assert_eq!(seen["users"].as_array().unwrap().iter().any(|u| u["email"] == new_user.as_str()), administered);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mutation_has_a_row_in_the_role_matrix() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let body = app.gql(Some(&admin.token), "{ __schema { mutationType { fields { name } } } }", json!({})).await;
    let fields: BTreeSet<String> = data(&body)["__schema"]["mutationType"]["fields"]
        .as_array()
        .expect("mutation fields")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_owned())
        .collect();
    let fx = fixture(&app, &admin).await;
    let covered: BTreeSet<String> =
        rows(&fx, Some((&admin.email, &admin.refresh_token))).iter().map(|r| r.field.to_owned()).collect();
    let missing: Vec<&String> = fields.difference(&covered).collect();
    assert!(missing.is_empty(), "mutations missing from the role matrix (add a row to `rows`): {missing:?}");
    assert_eq!(covered, fields);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewers_read_everything_and_change_nothing() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let viewer = app.account("acme", Role::Viewer).await;
    let who = Who { token: Some(&viewer.token), account: Some(&viewer), may: &[], denied: "FORBIDDEN" };
    run_matrix(&app, &admin, who).await;

    let fx = fixture(&app, &admin).await;
    let query = "query($s: String!) { me { canWriteRegister canAdminister user { role } }
        suppliers(filter: {search: $s}, orderBy: {field: LEGAL_NAME}) { totalCount nodes { legalName contacts { email } } }
        services(filter: {search: $s}) { nodes { name criticality dependsOn { provider { ... on Supplier { id } } } } }
        users { email role }
        auditEvents(filter: {action: \"supplier.create\"}, first: 1) { nodes { actorLabel objectType } } }";
    let body = app.gql(Some(&viewer.token), query, json!({"s": fx.tag})).await;
    let seen = data(&body);
    assert_eq!(seen["me"], json!({"canWriteRegister": false, "canAdminister": false, "user": {"role": "VIEWER"}}));
    assert_eq!(seen["suppliers"]["totalCount"], 2);
    assert_eq!(
        seen["suppliers"]["nodes"],
        json!([
            {"legalName": format!("Kontor Payroll {}", fx.tag), "contacts": [{"email": "bea@kontor.example"}]},
            {"legalName": format!("Nordlicht Cloud {}", fx.tag), "contacts": [{"email": "ada@nordlicht.example"}]},
        ])
    );
    assert_eq!(
        seen["services"]["nodes"],
        json!([
            {"name": format!("Customer portal {}", fx.tag), "criticality": 3, "dependsOn": [{"provider": {"id": fx.supplier}}]},
        ])
    );
    let users = seen["users"].as_array().unwrap();
    assert!(users.contains(&json!({"email": viewer.email, "role": "VIEWER"})), "{users:?}");
    assert!(users.contains(&json!({"email": admin.email, "role": "ADMIN"})), "{users:?}");
    assert_eq!(seen["auditEvents"]["nodes"], json!([{"actorLabel": admin.email, "objectType": "supplier"}]));
    assert_eq!(error_code(&app.gql(Some(&viewer.token), "{ apiTokens { id } }", json!({})).await), "FORBIDDEN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analysts_maintain_the_register_but_not_users_or_tokens() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let who =
        Who { token: Some(&analyst.token), account: Some(&analyst), may: &[Needs::Register], denied: "FORBIDDEN" };
    run_matrix(&app, &admin, who).await;
    assert_eq!(error_code(&app.gql(Some(&analyst.token), "{ apiTokens { id } }", json!({})).await), "FORBIDDEN");
    let body =
        app.gql(Some(&analyst.token), "{ me { canWriteRegister canAdminister } users { email } }", json!({})).await;
    assert_eq!(data(&body)["me"], json!({"canWriteRegister": true, "canAdminister": false}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_may_do_everything() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let who = Who {
        token: Some(&admin.token),
        account: Some(&admin),
        may: &[Needs::Register, Needs::Administer],
        denied: "FORBIDDEN",
    };
    run_matrix(&app, &admin, who).await;
    let body = app.gql(Some(&admin.token), "{ apiTokens { name scope } }", json!({})).await;
    let tokens = data(&body)["apiTokens"].as_array().unwrap().clone();
    assert!(tokens.contains(&json!({"name": "CI export", "scope": "READ_WRITE"})), "{tokens:?}");
}

async fn create_token(app: &TestApp, admin: &Account, name: &str, scope: &str) -> (String, Value) {
    let query = "mutation($n: String!, $s: ApiTokenScope!) { createApiToken(input: {name: $n, scope: $s}) { token apiToken { id name prefix scope active } } }";
    let body = app.gql(Some(&admin.token), query, json!({"n": name, "s": scope})).await;
    let created = &data(&body)["createApiToken"];
    let token = created["token"].as_str().expect("clear token").to_owned();
    let prefix = created["apiToken"]["prefix"].as_str().expect("prefix");
    assert!(token.starts_with(prefix) && prefix.len() < token.len(), "prefix {prefix} of {token}");
    assert_eq!(created["apiToken"]["scope"], scope);
    assert_eq!(created["apiToken"]["active"], true);
    (token, created["apiToken"].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_act_within_their_scope_until_revoked() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let (read, read_row) = create_token(&app, &admin, "Dashboard", "READ").await;
    let (write, write_row) = create_token(&app, &admin, "GRC sync", "READ_WRITE").await;

    // The read token reads, and can change nothing.
    let me = "{ me { apiTokenName user { id } canWriteRegister canAdminister organisation { id } } suppliers { totalCount } }";
    let body = app.gql(Some(&read), me, json!({})).await;
    assert_eq!(
        data(&body)["me"],
        json!({"apiTokenName": "Dashboard", "user": null, "canWriteRegister": false,
        "canAdminister": false, "organisation": {"id": admin.organisation_id}})
    );
    assert_eq!(data(&body)["suppliers"]["totalCount"], 0);
    run_matrix(&app, &admin, Who { token: Some(&read), account: None, may: &[], denied: "FORBIDDEN" }).await;

    // The read_write token maintains the register like an analyst, but never users or tokens.
    run_matrix(&app, &admin, Who { token: Some(&write), account: None, may: &[Needs::Register], denied: "FORBIDDEN" })
        .await;
    let body = app.gql(Some(&write), me, json!({})).await;
    assert_eq!(data(&body)["me"]["canWriteRegister"], true);
    assert_eq!(data(&body)["me"]["canAdminister"], false);
    assert_eq!(error_code(&app.gql(Some(&write), "{ apiTokens { id } }", json!({})).await), "FORBIDDEN");

    // The list shows the prefix, never the clear token.
    let body = app.gql(Some(&admin.token), "{ apiTokens { id name prefix scope } }", json!({})).await;
    let listed = data(&body)["apiTokens"].as_array().unwrap().clone();
    for (clear, created) in [(&read, &read_row), (&write, &write_row)] {
        let entry = listed.iter().find(|t| t["id"] == created["id"]).expect("token listed");
        assert_eq!(
            entry,
            &json!({"id": created["id"], "name": created["name"], "prefix": created["prefix"], "scope": created["scope"]})
        );
        let prefix = entry["prefix"].as_str().unwrap();
        assert!(clear.starts_with(prefix) && prefix.len() < clear.len(), "prefix {prefix} is not a strict prefix");
        assert!(!body.to_string().contains(clear.as_str()), "the clear token leaked into the list: {body}");
    }

    // Revoked, the read_write token is no longer accepted at all; the read token still is.
    let body = app
        .gql(
            Some(&admin.token),
            "mutation($id: UUID!) { revokeApiToken(id: $id) { active revokedAt } }",
            json!({"id": write_row["id"]}),
        )
        .await;
    assert_eq!(data(&body)["revokeApiToken"]["active"], false);
    assert!(data(&body)["revokeApiToken"]["revokedAt"].is_string());
    assert_eq!(error_code(&app.gql(Some(&write), me, json!({})).await), "UNAUTHENTICATED");
    assert_eq!(error_code(&app.gql(Some(&write), "{ suppliers { totalCount } }", json!({})).await), "UNAUTHENTICATED");
    let body = app.gql(Some(&read), "{ me { apiTokenName } }", json!({})).await;
    assert_eq!(data(&body)["me"]["apiTokenName"], "Dashboard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_callers_must_authenticate() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    for query in ["{ suppliers { totalCount } }", "{ me { organisation { id } } }", "{ users { id } }"] {
        let body = app.gql(None, query, json!({})).await;
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{query}");
        assert!(body["data"].is_null(), "{body}");
    }
    run_matrix(&app, &admin, Who { token: None, account: None, may: &[], denied: "UNAUTHENTICATED" }).await;
}

/// Every query a respondent token might try, with whether it may: only its own assessment
/// and the public control catalogues.
#[rustfmt::skip]
fn reads(fx: &Fixture) -> Vec<(&'static str, &'static str, Value, bool)> {
    let id = |id: &str| json!({ "id": id });
    vec![
        ("me", "{ me { organisation { id } } }", json!({}), false),
        ("users", "{ users { id } }", json!({}), false),
        ("apiTokens", "{ apiTokens { id } }", json!({}), false),
        ("auditEvents", "{ auditEvents { totalCount } }", json!({}), false),
        ("suppliers", "{ suppliers { totalCount } }", json!({}), false),
        ("supplier", "query($id: UUID!) { supplier(id: $id) { id } }", id(&fx.supplier), false),
        ("services", "{ services { totalCount } }", json!({}), false),
        ("service", "query($id: UUID!) { service(id: $id) { id } }", id(&fx.service), false),
        ("dependency", "query($id: UUID!) { dependency(id: $id) { id } }", id(&fx.dependency), false),
        ("questionnaireTemplates", "{ questionnaireTemplates { id } }", json!({}), false),
        ("questionnaireTemplate", "query($id: UUID!) { questionnaireTemplate(id: $id) { id } }", id(&fx.template), false),
        ("assessments", "{ assessments { id } }", json!({}), false),
        ("assessment", "query($id: UUID!) { assessment(id: $id) { id } }", id(&fx.answering), false),
        ("scoreSnapshots", "query($id: UUID!) { scoreSnapshots(supplierId: $id) { id } }", id(&fx.second), false),
        ("findings", "query($id: UUID!) { findings(supplierId: $id) { id } }", id(&fx.second), false),
        ("finding", "query($id: UUID!) { finding(id: $id) { id } }", id(&fx.remediating), false),
        ("frameworks", "{ frameworks { id } }", json!({}), true),
        ("controls", "{ controls(framework: \"nis2\") { id } }", json!({}), true),
        ("controlMapping", "{ controlMapping(nis2: \"21(2)(d)\") { isoId } }", json!({}), true),
        ("controlMappingSource", "{ controlMappingSource }", json!({}), true),
        ("webhookSubscriptions", "{ webhookSubscriptions { id } }", json!({}), false),
        ("campaigns", "{ campaigns { id } }", json!({}), false),
        ("organisationSettings", "{ organisationSettings { reminderDaysBefore } }", json!({}), false),
        ("exportTemplateWorkbook", "query($id: UUID!) { exportTemplateWorkbook(templateVersionId: $id) { size } }", id(&fx.lite_version), false),
        ("exportAssessmentWorkbook", "query($id: UUID!) { exportAssessmentWorkbook(assessmentId: $id) { size } }", id(&fx.answering), true),
        ("exportSupplierRegister", "{ exportSupplierRegister(format: CSV) { size } }", json!({}), false),
        ("supplierReport", "query($id: UUID!) { supplierReport(id: $id, format: PDF) { size } }", id(&fx.second), false),
        ("portfolioReport", "{ portfolioReport(format: PDF) { size } }", json!({}), false),
        ("auditPack", "{ auditPack(from: \"2026-01-01\", until: \"2026-12-31\") { size } }", json!({}), false),
        ("importBatches", "query($id: UUID!) { importBatches(assessmentId: $id) { id } }", id(&fx.answering), false),
        ("importBatch", "query($id: UUID!) { importBatch(id: $id) { id } }", id(&fx.import_batch), true),
        ("registerImport", "query($id: UUID!) { registerImport(id: $id) { id } }", id(&fx.register_import), false),
        ("identityProvider", "{ identityProvider { issuerUrl } }", json!({}), false),
        ("singleSignOnCallbackUrl", "{ singleSignOnCallbackUrl }", json!({}), false),
        ("signInOptions", "{ signInOptions(email: \"someone@acme.example\") { singleSignOn } }", json!({}), true),
        ("importProfiles", "{ importProfiles { id } }", json!({}), false),
        ("supplierConcentration", "{ supplierConcentration { services } }", json!({}), false),
        ("supplyChainGraph", "{ supplyChainGraph(format: DOT) { contentType } }", json!({}), false),
        ("supplyChainNeighbourhood", "{ supplyChainNeighbourhood { complete } }", json!({}), false),
        ("findingsBoard", "{ findingsBoard { totalCount } }", json!({}), false),
        ("campaign", "query($id: UUID!) { campaign(id: $id) { id } }", id(&fx.template), false),
        ("webhookDeliveries", "query($id: UUID!) { webhookDeliveries(subscriptionId: $id) { id } }", id(&fx.webhook), false),
        ("respondentAssessment", "{ respondentAssessment { id } }", json!({}), true),
        ("respondentFindings", "{ respondentFindings { id } }", json!({}), true),
        ("portfolio", "{ portfolio { heatMap { suppliers } } }", json!({}), false),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn respondents_reach_nothing_but_their_own_assessment() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let fx = fixture(&app, &admin).await;
    let session = app
        .gql(
            None,
            "mutation($t: String!) { exchangeInvitation(token: $t) { accessToken } }",
            json!({"t": fx.invitation_token}),
        )
        .await;
    let respondent = data(&session)["exchangeInvitation"]["accessToken"].as_str().unwrap().to_owned();
    let mut problems = Vec::new();
    for row in rows(&fx, None).into_iter().filter(|r| r.needs != Needs::Credentials) {
        let body = app.gql(Some(&respondent), row.query, row.vars.clone()).await;
        if matches!(row.needs, Needs::Respondent | Needs::RegisterOrRespondent) {
            if body.get("errors").is_some() || body["data"].pointer(row.expect.0) != Some(&row.expect.1) {
                problems.push(format!("{} should succeed for the respondent: {body}", row.field));
            }
        } else if body["errors"][0]["extensions"]["code"] != "FORBIDDEN" || !body["data"].is_null() {
            problems.push(format!("{} should be FORBIDDEN for a respondent: {body}", row.field));
        }
    }
    let fields = app.gql(Some(&admin.token), "{ __schema { queryType { fields { name } } } }", json!({})).await;
    let all: BTreeSet<String> = data(&fields)["__schema"]["queryType"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    let covered: BTreeSet<String> = reads(&fx).iter().map(|r| r.0.to_owned()).collect();
    assert_eq!(all, covered, "every query needs a row in `reads`");
    for (field, query, vars, allowed) in reads(&fx) {
        let body = app.gql(Some(&respondent), query, vars).await;
        let ok =
            if allowed { body.get("errors").is_none() } else { body["errors"][0]["extensions"]["code"] == "FORBIDDEN" };
        if !ok {
            problems
                .push(format!("{field}: respondent {} expected: {body}", if allowed { "access" } else { "FORBIDDEN" }));
        }
    }
    assert!(problems.is_empty(), "respondent isolation broken:\n{}", problems.join("\n"));
}
