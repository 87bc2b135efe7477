//! Tenant isolation. Organisation A keeps a small register; organisation B's administrator tries
//! every root field of the API on A's objects and must neither see nor change any of them.
//! The table has one row per Query and Mutation field (checked against introspection), so a new
//! field cannot ship without saying how it keeps tenants apart.
use crate::helpers::identity_provider::{CONFIGURE, TestIdp};
use crate::helpers::{Account, TestApp, data, spawn_app};
use chainward::domain::Role;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// What B's administrator must get.
enum Expect {
    /// A's object does not exist for B: NOT_FOUND, and no data.
    NotFound,
    /// The input names A's objects: VALIDATION on these fields (NOT_FOUND accepted), nothing written.
    Rejected(&'static [&'static str]),
    /// B's own rows only: none of A's ids or e-mails, and a totalCount that counts only B's rows.
    OnlyOwn,
    /// B creates its own object. A's probe must not see it: NOT_FOUND when the probe takes
    /// `$id` (the new id), otherwise a list without the id.
    CreatedHiddenFromA { id_at: &'static str, probe: &'static str },
    /// `me` names B's organisation and B's user.
    OwnOrganisation,
    /// A's identity provider stays as A configured it, and nothing of it reaches B.
    OwnProvider,
    /// Content that belongs to no organisation (the control catalogues): B gets non-empty data
    /// without errors, none of A's ids or e-mails, and exactly the answer A gets.
    SameForEveryone,
    /// Acts on credentials, not on an organisation's objects.
    Exempt(&'static str),
    /// Only another kind of caller (a respondent) may do this: FORBIDDEN, no data.
    Forbidden,
    /// Per-organisation settings: B reads or changes its own, and A's stay as A set them.
    OwnSettings,
    /// A file (base64) of B's own data: it holds this text of B's and nothing of A's.
    OwnFile { holds: &'static str },
    /// Text (`content`) of B's own data: it holds this text of B's and nothing of A's.
    OwnText { holds: &'static str },
    /// A zip (base64) of B's own data: its files, unzipped, hold B's supplier and nothing of A's.
    OwnArchive,
    /// A PDF (base64) of B's own data: its text (pdftotext) holds this and nothing of A's.
    OwnPdf { holds: &'static str },
    /// Figures over B's organisation only: nothing of A's, and at this pointer into `data`
    /// the figures B's own rows give (A's rated suppliers would change them).
    OwnFigures { at: &'static str, expected: fn() -> Value },
}

const SETTINGS: &str = "{ organisationSettings { reassessmentMonths { critical } retention { mailCopiesDays } } }";
const UPDATE_SETTINGS: &str = "mutation($critical: Int) { updateOrganisationSettings(input: {reassessmentMonths: {critical: $critical}, reassessmentResponseDays: 30, reassessmentAutoSend: false, reminderDaysBefore: 3}) { reminderDaysBefore } }";
const A_CRITICAL_MONTHS: i32 = 6;
const SAVE_PROFILE: &str =
    "mutation($n: String!) { saveImportProfile(input: {name: $n, layout: {sheets: []}}) { id } }";

struct Case {
    field: &'static str,
    query: &'static str,
    vars: Value,
    expect: Expect,
}

const PREVIEW_REGISTER: &str = "mutation($file: Upload!) { previewRegisterImport(file: $file) { id } }";
const PREVIEW_FOREIGN: &str =
    "mutation($s: UUID!, $file: Upload!) { previewSupplierQuestionnaire(supplierId: $s, file: $file) { id } }";
fn case(field: &'static str, query: &'static str, vars: Value, expect: Expect) -> Case {
    Case { field, query, vars, expect }
}

/// Organisation A's register, and every id and e-mail that must never reach B.
struct OrgA {
    admin: Account,
    analyst: Account,
    supplier: String,
    second: String,
    contact: String,
    service: String,
    dependency: String,
    token_id: String,
    token: String,
    template: String,
    lite_version: String,
    assessment: String,
    invitation: String,
    webhook: String,
    campaign: String,
    import_batch: String,
    register_import: String,
    /// A's identity provider, running while the cases run.
    idp: TestIdp,
    import_profile: String,
    finding: String,
    markers: Vec<String>,
}

async fn org_a(app: &TestApp) -> OrgA {
    let admin = app.account("org-a", Role::Admin).await;
    let analyst = app.account("org-a", Role::Analyst).await;
    let contacts = json!({"contacts": [{"name": "Ada Contact", "email": "ada@nordlicht.example"}]});
    let supplier = app.supplier(&analyst.token, "Nordlicht Cloud GmbH", contacts).await;
    let second = app.supplier(&analyst.token, "Kontor Payroll AG", json!({})).await;
    let service = app.service(&analyst.token, "Customer portal", 5).await;
    let edge = app.depend(&analyst.token, &service, &supplier).await;
    let dependency = data(&edge)["addDependency"]["id"].as_str().expect("dependency id").to_owned();
    let body = app
        .gql(Some(&admin.token), "query($id: UUID!) { supplier(id: $id) { contacts { id } } }", json!({"id": supplier}))
        .await;
    let contact = data(&body)["supplier"]["contacts"][0]["id"].as_str().expect("contact id").to_owned();
    let body = app
        .gql(
            Some(&admin.token),
            "mutation { createApiToken(input: {name: \"GRC sync\", scope: READ}) { token apiToken { id } } }",
            json!({}),
        )
        .await;
    let created = &data(&body)["createApiToken"];
    let token_id = created["apiToken"]["id"].as_str().expect("token id").to_owned();
    let token = created["token"].as_str().expect("clear token").to_owned();
    let body = app
        .gql(
            Some(&analyst.token),
            "mutation { createQuestionnaireTemplate(input: {title: \"Cloud providers\"}) { id } }",
            json!({}),
        )
        .await;
    let template = data(&body)["createQuestionnaireTemplate"]["id"].as_str().expect("template id").to_owned();
    let (lite_version, _) = crate::helpers::assessment::lite_version(app, &analyst.token).await;
    let assessment = crate::helpers::assessment::in_review(app, &analyst.token, &supplier).await;
    let (sent, _, _) =
        crate::helpers::assessment::sent_assessment(app, &analyst.token, "ines@org-a-supplier.example").await;
    let body = app
        .gql(
            Some(&analyst.token),
            "query($id: UUID!) { assessment(id: $id) { invitations { id } } }",
            json!({"id": sent}),
        )
        .await;
    let invitation = data(&body)["assessment"]["invitations"][0]["id"].as_str().expect("invitation id").to_owned();
    let body = app
        .gql(
            Some(&admin.token),
            "mutation { createWebhookSubscription(input: {url: \"https://grc.org-a.example/hooks\", eventTypes: [\"score.changed\"]}) { secret subscription { id } } }",
            json!({}),
        )
        .await;
    let webhook =
        data(&body)["createWebhookSubscription"]["subscription"]["id"].as_str().expect("webhook id").to_owned();
    let webhook_secret = data(&body)["createWebhookSubscription"]["secret"].as_str().expect("secret").to_owned();
    let body = app
        .gql(
            Some(&analyst.token),
            "mutation($v: UUID!) { launchCampaign(input: {name: \"A's campaign\", templateVersionId: $v, filter: {search: \"Kontor\"}}) { id } }",
            json!({"v": lite_version}),
        )
        .await;
    let campaign = data(&body)["launchCampaign"]["id"].as_str().expect("campaign id").to_owned();
    let preview =
        "mutation($id: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id}) { id } }";
    let body = app.gql(Some(&analyst.token), preview, json!({"id": sent})).await;
    let import_batch = data(&body)["previewImport"]["id"].as_str().expect("import batch").to_owned();
    let body = app.gql(Some(&analyst.token), SAVE_PROFILE, json!({"n": "A's layout"})).await;
    let import_profile = data(&body)["saveImportProfile"]["id"].as_str().expect("import profile").to_owned();
    let body = app.gql(Some(&analyst.token), PREVIEW_REGISTER, json!({})).await;
    let register_import = data(&body)["previewRegisterImport"]["id"].as_str().expect("register import").to_owned();
    let idp = TestIdp::start().await;
    let input = idp.input(json!({"allowedDomains": ["org-a.example"], "breakGlass": [admin.email]}));
    data(&app.gql(Some(&admin.token), CONFIGURE, json!({"i": input})).await);
    let (failed, _) =
        crate::helpers::assessment::completed_with_a_finding(app, &analyst.token, "pia@org-a-failing.example").await;
    let body = app
        .gql(Some(&analyst.token), "query($id: UUID!) { findings(supplierId: $id) { id } }", json!({"id": failed}))
        .await;
    let finding = data(&body)["findings"][0]["id"].as_str().expect("a finding").to_owned();
    let body = app.gql(Some(&admin.token), UPDATE_SETTINGS, json!({"critical": A_CRITICAL_MONTHS})).await;
    assert!(body["errors"].is_null(), "A's settings: {body}");
    let mut markers = vec![
        supplier.clone(),
        second.clone(),
        contact.clone(),
        service.clone(),
        dependency.clone(),
        template.clone(),
        assessment.clone(),
        invitation.clone(),
        sent.clone(),
        webhook.clone(),
        webhook_secret,
        campaign.clone(),
        import_batch.clone(),
        import_profile.clone(),
        register_import.clone(),
        idp.issuer.clone(),
        finding.clone(),
        "grc.org-a.example".into(),
    ];
    markers.extend([token_id.clone(), token.clone(), "ada@nordlicht.example".into(), "@org-a.example".into()]);
    markers.extend([admin.user_id.to_string(), analyst.user_id.to_string(), admin.organisation_id.to_string()]);
    OrgA {
        admin,
        analyst,
        supplier,
        second,
        contact,
        service,
        dependency,
        token_id,
        token,
        template,
        lite_version,
        assessment,
        invitation,
        webhook,
        campaign,
        import_batch,
        import_profile,
        register_import,
        finding,
        markers,
        idp,
    }
}

const BY_ID: &str = "query($id: UUID!) {";

/// One row per root field (a field may have more); run in this order with B's token.
#[rustfmt::skip]
fn cases(a: &OrgA, b_supplier: &str, b_service: &str) -> Vec<Case> {
    use Expect::*;
    let id = |id: &str| json!({ "id": id });
    let own_supplier = json!({"legalName": "Nordlicht Cloud GmbH", "country": "DE", "category": "SaaS"});
    let foreign_owner = json!({"legalName": "Owned Elsewhere Ltd", "country": "IE", "category": "SaaS", "ownerId": a.admin.user_id});
    let create_supplier = "mutation($i: NewSupplier!) { createSupplier(input: $i) { id } }";
    let add_dependency = "mutation($d: UUID!, $p: UUID!) { addDependency(input: {dependentId: $d, providerId: $p}) { id } }";
    let delete_supplier = "mutation($id: UUID!) { deleteSupplier(id: $id) }";
    vec![
        case("me", "{ me { organisation { id name } user { email } } }", json!({}), OwnOrganisation),
        case("login", "", json!({}), Exempt("signs in with one's own e-mail and password")),
        case("refresh", "", json!({}), Exempt("exchanges one's own refresh token")),
        case("logout", "", json!({}), Exempt("ends one's own sign-in")),
        // B registers objects of its own, under the names A uses; A must not see them.
        case("createSupplier", create_supplier, json!({"i": own_supplier}),
            CreatedHiddenFromA { id_at: "/createSupplier/id", probe: "query($id: UUID!) { supplier(id: $id) { id } }" }),
        case("createSupplier", create_supplier, json!({"i": foreign_owner}), Rejected(&["input.ownerId"])),
        case("createService", "mutation { createService(input: {name: \"Customer portal\", criticality: 2}) { id } }", json!({}),
            CreatedHiddenFromA { id_at: "/createService/id", probe: "query($id: UUID!) { service(id: $id) { id } }" }),
        case("createUser", "mutation { createUser(input: {email: \"bea@org-b.example\", role: VIEWER, password: \"b-org-password-123\"}) { id } }",
            json!({}), CreatedHiddenFromA { id_at: "/createUser/id", probe: "{ users { id email } }" }),
        case("createApiToken", "mutation { createApiToken(input: {name: \"GRC sync\", scope: READ_WRITE}) { apiToken { id } } }", json!({}),
            CreatedHiddenFromA { id_at: "/createApiToken/apiToken/id", probe: "{ apiTokens { id name } }" }),
        case("createAssessment", "mutation($s: UUID!, $v: UUID!) { createAssessment(input: {supplierId: $s, templateVersionId: $v}) { id } }",
            json!({"s": b_supplier, "v": a.lite_version}),
            CreatedHiddenFromA { id_at: "/createAssessment/id", probe: "query($id: UUID!) { assessment(id: $id) { id } }" }),
        case("createAssessment", "mutation($s: UUID!, $v: UUID!) { createAssessment(input: {supplierId: $s, templateVersionId: $v}) { id } }",
            json!({"s": a.supplier, "v": a.lite_version}), Rejected(&["input.supplierId"])),
        // A's objects by id.
        case("supplier", "query($id: UUID!) { supplier(id: $id) { id legalName } }", id(&a.supplier), NotFound),
        case("service", "query($id: UUID!) { service(id: $id) { id name } }", id(&a.service), NotFound),
        case("dependency", "query($id: UUID!) { dependency(id: $id) { id } }", id(&a.dependency), NotFound),
        // Lists: B's rows only (B has some by now).
        case("suppliers", "{ suppliers(first: 200) { totalCount pageInfo { hasNextPage } nodes { id owner { email } contacts { id email } dependents { id } } } }", json!({}), OnlyOwn),
        case("services", "{ services(first: 200) { totalCount pageInfo { hasNextPage } nodes { id name dependsOn { id } } } }", json!({}), OnlyOwn),
        case("users", "{ users { id email } }", json!({}), OnlyOwn),
        case("apiTokens", "{ apiTokens { id name prefix createdBy { email } } }", json!({}), OnlyOwn),
        case("auditEvents", "{ auditEvents(first: 200) { totalCount pageInfo { hasNextPage } nodes { id actorId actorLabel objectId changes } } }", json!({}), OnlyOwn),
        // Public content, the same for every organisation.
        case("frameworks", "{ frameworks { id title controls { id kind nis2Points isoControls } } }", json!({}), SameForEveryone),
        case("controls", "{ controls(framework: \"nis2\") { id isoControls } }", json!({}), SameForEveryone),
        case("controlMapping", "{ controlMapping(nis2: \"21(2)(d)\") { requirement isoKind isoId } }", json!({}), SameForEveryone),
        case("controlMappingSource", "{ controlMappingSource }", json!({}), SameForEveryone),
        // Changes to A's objects, or B's objects pointing at A's.
        case("updateSupplier", "mutation($id: UUID!) { updateSupplier(id: $id, input: {legalName: \"Hijacked\"}) { id } }", id(&a.supplier), NotFound),
        case("updateSupplier", "mutation($id: UUID!, $o: UUID!) { updateSupplier(id: $id, input: {ownerId: $o}) { id } }",
            json!({"id": b_supplier, "o": a.analyst.user_id}), Rejected(&["input.ownerId"])),
        case("changeSupplierStatus", "mutation($id: UUID!) { changeSupplierStatus(id: $id, status: ONBOARDING) { id } }", id(&a.supplier), NotFound),
        case("addSupplierContact", "mutation($id: UUID!) { addSupplierContact(supplierId: $id, input: {name: \"Mallory\", email: \"m@org-b.example\"}) { id } }",
            id(&a.supplier), NotFound),
        case("updateSupplierContact", "mutation($id: UUID!) { updateSupplierContact(id: $id, input: {name: \"Hijacked\"}) { id } }", id(&a.contact), NotFound),
        case("removeSupplierContact", "mutation($id: UUID!) { removeSupplierContact(id: $id) }", id(&a.contact), NotFound),
        case("erasePerson", "mutation($id: UUID!) { erasePerson(contactId: $id) { pseudonym } }", id(&a.contact), NotFound),
        case("updateService", "mutation($id: UUID!) { updateService(id: $id, input: {name: \"Hijacked\"}) { id } }", id(&a.service), NotFound),
        case("addDependency", add_dependency, json!({"d": a.service, "p": a.second}), Rejected(&["input.dependentId", "input.providerId"])),
        case("addDependency", add_dependency, json!({"d": b_service, "p": a.supplier}), Rejected(&["input.providerId"])),
        case("updateDependency", "mutation($id: UUID!) { updateDependency(id: $id, input: {function: \"hijacked\"}) { id } }", id(&a.dependency), NotFound),
        case("removeDependency", "mutation($id: UUID!) { removeDependency(id: $id) }", id(&a.dependency), NotFound),
        case("updateUser", "mutation($id: UUID!) { updateUser(id: $id, input: {role: VIEWER, active: false}) { id } }",
            id(&a.analyst.user_id.to_string()), NotFound),
        case("revokeApiToken", "mutation($id: UUID!) { revokeApiToken(id: $id) { id } }", id(&a.token_id), NotFound),
        case("deleteService", "mutation($id: UUID!) { deleteService(id: $id) }", id(&a.service), NotFound),
        // Assessments: A's assessment, answers, scores and findings are invisible and untouchable.
        case("assessment", "query($id: UUID!) { assessment(id: $id) { id } }", id(&a.assessment), NotFound),
        case("assessments", "{ assessments { id supplier { id } answers { questionId } } }", json!({}), OnlyOwn),
        case("scoreSnapshots", "query($id: UUID!) { scoreSnapshots(supplierId: $id) { id } }", id(&a.supplier), NotFound),
        case("findings", "query($id: UUID!) { findings(supplierId: $id) { id } }", id(&a.supplier), NotFound),
        case("finding", "query($id: UUID!) { finding(id: $id) { id basis { question { id } } } }", id(&a.finding), NotFound),
        case("saveAssessmentAnswers", "mutation($id: UUID!) { saveAssessmentAnswers(id: $id, answers: [{questionId: \"ACC-01\", value: \"no\"}]) { id } }",
            id(&a.assessment), NotFound),
        case("reviewAssessmentAnswer", "mutation($id: UUID!) { reviewAssessmentAnswer(id: $id, questionId: \"ACC-01\", verdict: NEEDS_CHANGE, note: \"x\") { verdict } }",
            id(&a.assessment), NotFound),
        case("launchCampaign", "mutation($v: UUID!) { launchCampaign(input: {name: \"B's campaign\", templateVersionId: $v, filter: {}}) { id } }",
            json!({"v": a.lite_version}), CreatedHiddenFromA { id_at: "/launchCampaign/id", probe: "query($id: UUID!) { campaign(id: $id) { id } }" }),
        case("campaigns", "{ campaigns { id name assessments { id supplier { id } } } }", json!({}), OnlyOwn),
        case("campaign", "query($id: UUID!) { campaign(id: $id) { id } }", id(&a.campaign), NotFound),
        case("organisationSettings", SETTINGS, json!({}), OwnSettings),
        case("raiseFinding", "mutation($s: UUID!) { raiseFinding(input: {supplierId: $s, title: \"B's finding\", severity: LOW}) { id } }", json!({"s": a.supplier}), NotFound),
        case("updateFinding", "mutation($id: UUID!) { updateFinding(id: $id, input: {remediationPlan: \"B's plan\"}) { id } }", id(&a.finding), NotFound),
        case("changeFindingStatus", "mutation($id: UUID!) { changeFindingStatus(id: $id, status: IN_PROGRESS) { id } }", id(&a.finding), NotFound),
        case("acceptFindingRisk", "mutation($id: UUID!, $u: NaiveDate!) { acceptFindingRisk(id: $id, reason: \"B says so\", until: $u) { id } }",
            json!({"id": a.finding, "u": (chrono::Utc::now().date_naive() + chrono::Days::new(90)).to_string()}), NotFound),
        case("findingsBoard", "query($id: UUID!) { findingsBoard(filter: {supplierId: $id}) { totalCount } }", id(&a.supplier), NotFound),
        case("supplierConcentration", "{ supplierConcentration { supplier { id legalName } services } }", json!({}), OnlyOwn),
        case("portfolio", "{ portfolio { scoreTrends { supplier { id legalName } points { id } } heatMap { suppliers } ratingDistribution { low medium high critical } singlePointsOfFailure { supplier { id } } campaignsInFlight { id } } }", json!({}),
            OwnFigures { at: "/portfolio", expected: || json!({"scoreTrends": [], "heatMap": [], "ratingDistribution": {"low": 0, "medium": 0, "high": 0, "critical": 0}, "singlePointsOfFailure": [], "campaignsInFlight": []}) }),
        case("commentOnFinding", "mutation($id: UUID!) { commentOnFinding(findingId: $id, body: \"B was here\") { id } }", id(&a.finding), NotFound),
        case("uploadFindingEvidence", "mutation($id: UUID!, $file: Upload!) { uploadFindingEvidence(findingId: $id, file: $file) { id } }", id(&a.finding), NotFound),
        case("respondentFindings", "{ respondentFindings { id } }", json!({}), Forbidden),
        case("respondentUpdateFinding", "mutation($id: UUID!) { respondentUpdateFinding(id: $id, status: RESOLVED) { id } }", id(&a.finding), Forbidden),
        case("supplyChainGraph", "{ supplyChainGraph(format: JSON) { content } }", json!({}), OwnText { holds: "Bergwerk Logistik GmbH" }),
        case("supplyChainNeighbourhood", "query($f: UUID) { supplyChainNeighbourhood(focus: $f) { nodes { id } } }", json!({"f": a.supplier}), NotFound),
        // Spreadsheets: A's assessments, imports and profiles are out of reach; B's register holds B only.
        case("exportTemplateWorkbook", "query($id: UUID!) { exportTemplateWorkbook(templateVersionId: $id) { size } }", id(&a.template), NotFound),
        case("exportAssessmentWorkbook", "query($id: UUID!) { exportAssessmentWorkbook(assessmentId: $id) { size } }", id(&a.assessment), NotFound),
        case("exportSupplierRegister", "{ exportSupplierRegister(format: CSV) { base64 } }", json!({}), OwnFile { holds: "Bergwerk Logistik GmbH" }),
        case("supplierReport", "query($id: UUID!) { supplierReport(id: $id, format: PDF) { size } }", id(&a.supplier), NotFound),
        case("portfolioReport", "{ portfolioReport(format: PDF) { base64 } }", json!({}), OwnPdf { holds: "Supplier portfolio" }),
        case("auditPack", "{ auditPack(from: \"2022-01-01\", until: \"2026-12-31\") { base64 } }", json!({}), Expect::OwnArchive),
        case("previewImport", "mutation($id: UUID!, $file: Upload!) { previewImport(file: $file, input: {assessmentId: $id}) { id } }", id(&a.assessment), NotFound),
        case("importBatches", "query($id: UUID!) { importBatches(assessmentId: $id) { id } }", id(&a.assessment), NotFound),
        case("importBatch", "query($id: UUID!) { importBatch(id: $id) { id } }", id(&a.import_batch), NotFound),
        case("commitImport", "mutation($id: UUID!) { commitImport(batchId: $id) { id } }", id(&a.import_batch), NotFound),
        case("saveImportProfile", SAVE_PROFILE, json!({"n": "B's layout"}),
            CreatedHiddenFromA { id_at: "/saveImportProfile/id", probe: "{ importProfiles { id } }" }),
        case("previewRegisterImport", PREVIEW_REGISTER, json!({}),
            CreatedHiddenFromA { id_at: "/previewRegisterImport/id", probe: "query($id: UUID!) { registerImport(id: $id) { id } }" }),
        case("registerImport", "query($id: UUID!) { registerImport(id: $id) { id counts { new } } }", id(&a.register_import), NotFound),
        case("previewSupplierQuestionnaire", PREVIEW_FOREIGN, json!({"s": a.supplier}), Rejected(&["supplierId"])),
        case("previewSupplierQuestionnaire", PREVIEW_FOREIGN, json!({"s": b_supplier}),
            CreatedHiddenFromA { id_at: "/previewSupplierQuestionnaire/id", probe: "query($id: UUID!) { importBatch(id: $id) { id } }" }),
        case("createGapAssessment", "mutation($a: UUID!, $t: UUID!) { createGapAssessment(input: {assessmentId: $a, templateId: $t}) { assessment { id } } }",
            json!({"a": a.assessment, "t": a.template}), NotFound),
        case("commitRegisterImport", "mutation($id: UUID!) { commitRegisterImport(batchId: $id) { id } }", id(&a.register_import), NotFound),
        case("signInOptions", "", json!({}), Exempt("asked before anyone signs in: how an e-mail domain signs in is public")),
        case("completeSingleSignOn", "", json!({}), Exempt("the one-time ticket is the credential")),
        case("identityProvider", "{ identityProvider { issuerUrl allowedDomains } }", json!({}), OwnProvider),
        case("singleSignOnCallbackUrl", "{ singleSignOnCallbackUrl }", json!({}), SameForEveryone),
        case("configureIdentityProvider", CONFIGURE, json!({"i": a.idp.input(json!({"allowedDomains": ["org-a.example"]}))}),
            Rejected(&["input.allowedDomains"])),
        case("removeIdentityProvider", "mutation { removeIdentityProvider }", json!({}), OwnProvider),
        case("importProfiles", "{ importProfiles { id name } }", json!({}), OnlyOwn),
        case("deleteImportProfile", "mutation($id: UUID!) { deleteImportProfile(id: $id) }", id(&a.import_profile), NotFound),
        case("createTemplateFromSpreadsheet", "mutation($file: Upload!) { createTemplateFromSpreadsheet(file: $file, title: \"B's sheet\") { id } }", json!({}),
            CreatedHiddenFromA { id_at: "/createTemplateFromSpreadsheet/id", probe: "query($id: UUID!) { questionnaireTemplate(id: $id) { id } }" }),
        case("updateOrganisationSettings", UPDATE_SETTINGS, json!({"critical": 12}), OwnSettings),
        case("exportOrganisation", "mutation { exportOrganisation { base64 } }", json!({}), Expect::OwnArchive),
        case("updateRetention", "mutation { updateRetention(input: {mailCopiesDays: 45}) { mailCopiesDays } }", json!({}), OwnSettings),
        case("createWebhookSubscription", "mutation { createWebhookSubscription(input: {url: \"https://grc.org-b.example/hooks\", eventTypes: [\"finding.created\"]}) { subscription { id } } }",
            json!({}), CreatedHiddenFromA { id_at: "/createWebhookSubscription/subscription/id", probe: "{ webhookSubscriptions { id url } }" }),
        case("webhookSubscriptions", "{ webhookSubscriptions { id url } }", json!({}), OnlyOwn),
        case("webhookDeliveries", "query($id: UUID!) { webhookDeliveries(subscriptionId: $id) { id } }", id(&a.webhook), NotFound),
        case("deleteWebhookSubscription", "mutation($id: UUID!) { deleteWebhookSubscription(id: $id) }", id(&a.webhook), NotFound),
        case("sendAssessment", "mutation($id: UUID!) { sendAssessment(id: $id, input: {respondentContactIds: []}) { id } }", id(&a.assessment), NotFound),
        case("resendInvitation", "mutation($id: UUID!) { resendInvitation(id: $id) { id } }", id(&a.invitation), NotFound),
        case("revokeInvitation", "mutation($id: UUID!) { revokeInvitation(id: $id) { id } }", id(&a.invitation), NotFound),
        case("exchangeInvitation", "", json!({}), Exempt("the link's token is the credential: whoever holds it answers for the supplier")),
        case("respondentAssessment", "{ respondentAssessment { id } }", json!({}), Forbidden),
        case("respondentSaveAnswers", "mutation { respondentSaveAnswers(answers: []) { id } }", json!({}), Forbidden),
        case("respondentSubmit", "mutation { respondentSubmit { id } }", json!({}), Forbidden),
        case("uploadEvidence", "mutation($id: UUID!, $file: Upload!) { uploadEvidence(assessmentId: $id, questionId: \"ACC-01\", file: $file) { id } }", id(&a.assessment), NotFound),
        case("respondentDelegateSections", "mutation { respondentDelegateSections(input: {name: \"X\", email: \"x@org-b.example\", sectionIds: [\"ACC\"]}) { id } }", json!({}), Forbidden),
        case("respondentWithdrawDelegation", "mutation($id: UUID!) { respondentWithdrawDelegation(id: $id) { id } }", id(&a.invitation), Forbidden),
        case("changeAssessmentStatus", "mutation($id: UUID!) { changeAssessmentStatus(id: $id, status: CANCELLED) { id } }", id(&a.assessment), NotFound),
        // Questionnaire templates: A's own template is invisible and untouchable for B.
        case("questionnaireTemplate", "query($id: UUID!) { questionnaireTemplate(id: $id) { id } }", id(&a.template), NotFound),
        case("questionnaireTemplates", "{ questionnaireTemplates { id slug } }", json!({}), OnlyOwn),
        case("createQuestionnaireTemplate", "mutation { createQuestionnaireTemplate(input: {title: \"Cloud providers\"}) { id } }", json!({}),
            CreatedHiddenFromA { id_at: "/createQuestionnaireTemplate/id", probe: "query($id: UUID!) { questionnaireTemplate(id: $id) { id } }" }),
        case("createQuestionnaireTemplate", "mutation($id: UUID!) { createQuestionnaireTemplate(input: {title: \"Stolen\", cloneOf: $id}) { id } }",
            id(&a.template), Rejected(&["input.cloneOf"])),
        case("updateTemplateDraft", "mutation($id: UUID!) { updateTemplateDraft(templateId: $id, content: {sections: []}) { id } }", id(&a.template), NotFound),
        case("publishTemplateDraft", "mutation($id: UUID!) { publishTemplateDraft(templateId: $id) { id } }", id(&a.template), NotFound),
        case("deleteSupplier", delete_supplier, id(&a.second), NotFound),
        case("deleteSupplier", delete_supplier, id(&a.supplier), NotFound),
    ]
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or("(no error)")
}

/// Runs one case with B's token and returns what went wrong (empty when it behaved).
async fn run(app: &TestApp, a: &OrgA, b: &Account, case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ensure = |ok: bool, what: String| {
        if !ok {
            problems.push(format!("{}: {what}", case.field))
        }
    };
    if let Expect::Exempt(_) = case.expect {
        return problems;
    }
    let body = app.gql(Some(&b.token), case.query, case.vars.clone()).await;
    let no_data = body["data"].is_null() || body["data"][case.field].is_null();
    match &case.expect {
        Expect::NotFound => {
            ensure(code(&body) == "NOT_FOUND" && no_data, format!("expected NOT_FOUND without data, got {body}"));
        }
        Expect::Rejected(fields) => {
            let named: BTreeSet<&str> = body["errors"][0]["extensions"]["fieldErrors"]
                .as_array()
                .map(|errors| errors.iter().filter_map(|e| e["field"].as_str()).collect())
                .unwrap_or_default();
            let validation = code(&body) == "VALIDATION" && fields.iter().all(|f| named.contains(f));
            let message = body["errors"][0]["message"].as_str().unwrap_or_default();
            ensure(validation || code(&body) == "NOT_FOUND", format!("expected VALIDATION on {fields:?}, got {body}"));
            ensure(!validation || message.contains("of your organisation"), format!("unexpected message {message}"));
            ensure(no_data, format!("a rejected write returned data: {body}"));
        }
        Expect::OnlyOwn => {
            let text = data(&body).to_string();
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B sees A's {marker}: {text}"));
            }
            let value = &body["data"][case.field];
            let rows = match value.get("nodes") {
                Some(nodes) => {
                    let n = nodes.as_array().map_or(0, Vec::len);
                    ensure(
                        value["totalCount"] == json!(n),
                        format!("totalCount counts other rows than the {n} shown: {value}"),
                    );
                    ensure(
                        value["pageInfo"]["hasNextPage"] == json!(false),
                        format!("more pages than B's rows: {value}"),
                    );
                    nodes
                }
                None => value,
            };
            ensure(rows.as_array().is_some_and(|r| !r.is_empty()), format!("B's own rows are missing: {value}"));
        }
        Expect::CreatedHiddenFromA { id_at, probe } => {
            let Some(id) = body["data"].pointer(id_at).and_then(Value::as_str) else {
                ensure(false, format!("B could not create its own object: {body}"));
                return problems;
            };
            if probe.starts_with(BY_ID) {
                let seen = app.gql(Some(&a.admin.token), probe, json!({ "id": id })).await;
                ensure(code(&seen) == "NOT_FOUND", format!("A sees B's new object {id}: {seen}"));
            } else {
                let seen = app.gql(Some(&a.admin.token), probe, json!({})).await;
                ensure(!data(&seen).to_string().contains(id), format!("A's list shows B's new object {id}: {seen}"));
            }
        }
        Expect::Forbidden => {
            ensure(code(&body) == "FORBIDDEN" && no_data, format!("expected FORBIDDEN without data, got {body}"));
        }
        Expect::OwnOrganisation => {
            let me = &data(&body)["me"];
            ensure(
                me["organisation"]["id"] == json!(b.organisation_id),
                format!("me names another organisation: {me}"),
            );
            ensure(
                me["organisation"]["name"] == "org-b" && me["user"]["email"] == json!(b.email),
                format!("me is not B: {me}"),
            );
        }
        Expect::SameForEveryone => {
            let text = data(&body).to_string();
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B sees A's {marker}: {text}"));
            }
            let value = &body["data"][case.field];
            let empty = match value {
                Value::Null => true,
                Value::Array(items) => items.is_empty(),
                Value::String(text) => text.is_empty(),
                _ => false,
            };
            ensure(!empty, format!("expected non-empty data, got {body}"));
            let seen_by_a = app.gql(Some(&a.admin.token), case.query, case.vars.clone()).await;
            ensure(seen_by_a == body, format!("A and B get different answers: A {seen_by_a}, B {body}"));
        }
        Expect::OwnProvider => {
            ensure(body["errors"].is_null(), format!("B could not use its own provider settings: {body}"));
            let text = body["data"].to_string();
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B sees A's {marker}: {text}"));
            }
            let of_a = app.gql(Some(&a.admin.token), "{ identityProvider { issuerUrl } }", json!({})).await;
            let kept = data(&of_a)["identityProvider"]["issuerUrl"] == json!(a.idp.issuer);
            ensure(kept, format!("A's identity provider changed: {of_a}"));
        }
        Expect::OwnSettings => {
            ensure(body["errors"].is_null() && !no_data, format!("B could not use its own settings: {body}"));
            let of_a = app.gql(Some(&a.admin.token), SETTINGS, json!({})).await;
            let critical = &data(&of_a)["organisationSettings"]["reassessmentMonths"]["critical"];
            ensure(critical == &json!(A_CRITICAL_MONTHS), format!("A's settings changed: {of_a}"));
            let kept = &data(&of_a)["organisationSettings"]["retention"]["mailCopiesDays"];
            ensure(kept == &json!(180), format!("A's retention changed: {of_a}"));
            let of_b = app.gql(Some(&b.token), SETTINGS, json!({})).await;
            let critical = &data(&of_b)["organisationSettings"]["reassessmentMonths"]["critical"];
            ensure(critical != &json!(A_CRITICAL_MONTHS), format!("B sees A's settings: {of_b}"));
        }
        Expect::OwnArchive => {
            use base64::Engine;
            use std::io::Read;
            let encoded = body["data"][case.field]["base64"].as_str().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap_or_default();
            let mut text = String::new();
            if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
                for i in 0..zip.len() {
                    let mut entry = Vec::new();
                    let _ = zip.by_index(i).map(|mut e| e.read_to_end(&mut entry));
                    text.push_str(&String::from_utf8_lossy(&entry));
                }
            }
            ensure(text.contains("Bergwerk Logistik GmbH"), format!("B's archive lacks its supplier: {body}"));
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B's archive holds A's {marker}"));
            }
        }
        Expect::OwnPdf { holds } => {
            use base64::Engine;
            let encoded = body["data"][case.field]["base64"].as_str().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap_or_default();
            let path = crate::reports::scratch("tenancy").join("b.pdf");
            std::fs::write(&path, &bytes).unwrap();
            let text = crate::reports::text_of(&path);
            ensure(text.contains(holds), format!("B's report lacks {holds}: {text}"));
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B's report holds A's {marker}"));
            }
            // B names a supplier Nordlicht too; A's Kontor Payroll AG is A's alone.
            ensure(!text.contains("Kontor Payroll AG"), format!("B's report names A's supplier: {text}"));
        }
        Expect::OwnFile { holds } => {
            use base64::Engine;
            let encoded = body["data"][case.field]["base64"].as_str().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            ensure(text.contains(holds), format!("B's file lacks {holds}: {body}"));
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B's file holds A's {marker}"));
            }
            ensure(
                // B names a supplier Nordlicht too; A's Kontor Payroll AG is A's alone.
                !text.contains("Kontor Payroll AG"),
                format!("B's file names A's supplier: {text}"),
            );
        }
        Expect::OwnText { holds } => {
            let text = body["data"][case.field]["content"].as_str().unwrap_or_default();
            ensure(text.contains(holds), format!("B's text lacks {holds}: {body}"));
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B's text holds A's {marker}"));
            }
        }
        Expect::OwnFigures { at, expected } => {
            let text = data(&body).to_string();
            for marker in a.markers.iter().filter(|m| text.contains(m.as_str())) {
                ensure(false, format!("B sees A's {marker}: {text}"));
            }
            let found = body["data"].pointer(at);
            ensure(found == Some(&expected()), format!("B's figures at {at} count other rows: {body}"));
        }
        Expect::Exempt(_) => unreachable!(),
    }
    problems
}

async fn root_fields(app: &TestApp, token: &str) -> BTreeSet<String> {
    let query = "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }";
    let body = app.gql(Some(token), query, json!({})).await;
    let schema = &data(&body)["__schema"];
    let names = |root: &str| schema[root]["fields"].as_array().expect("fields").clone();
    names("queryType")
        .into_iter()
        .chain(names("mutationType"))
        .map(|f| f["name"].as_str().expect("name").to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisation_can_neither_see_nor_change_a_register() {
    let app = spawn_app().await;
    let a = org_a(&app).await;
    let b = app.account("org-b", Role::Admin).await;
    let b_supplier = app.supplier(&b.token, "Bergwerk Logistik GmbH", json!({})).await;
    let b_service = app.service(&b.token, "Back office", 2).await;
    // B's own graph: its back office depends on its supplier.
    let b_edge = app.gql(Some(&b.token), "mutation($d: UUID!, $p: UUID!) { addDependency(input: {dependentId: $d, providerId: $p, description: \"B's own\"}) { id } }", json!({"d": b_service, "p": b_supplier})).await;
    assert!(b_edge["errors"].is_null(), "{b_edge}");
    let table = cases(&a, &b_supplier, &b_service);

    // Every root field of the schema has a row, and every row names a real field.
    let fields = root_fields(&app, &b.token).await;
    let covered: BTreeSet<String> = table.iter().map(|c| c.field.to_owned()).collect();
    let missing: Vec<&String> = fields.difference(&covered).collect();
    let unknown: Vec<&String> = covered.difference(&fields).collect();
    assert!(missing.is_empty(), "root fields without a tenancy case (add one to `cases`): {missing:?}");
    assert!(unknown.is_empty(), "tenancy cases for fields the schema does not have: {unknown:?}");
    let exempt: Vec<&str> = table
        .iter()
        .filter_map(
            |c| if let Expect::Exempt(why) = c.expect { Some(c.field).filter(|_| !why.is_empty()) } else { None },
        )
        .collect();
    assert_eq!(
        exempt,
        ["login", "refresh", "logout", "signInOptions", "completeSingleSignOn", "exchangeInvitation"],
        "only sign-in endpoints are exempt, each with a reason"
    );

    let mut problems = Vec::new();
    for case in &table {
        problems.extend(run(&app, &a, &b, case).await);
    }
    assert!(problems.is_empty(), "tenant isolation broken:\n{}", problems.join("\n"));

    // A's register is exactly as A left it.
    let query = "query($s: UUID!, $t: UUID!, $v: UUID!, $d: UUID!) {
        supplier(id: $s) { legalName status contacts { id name email } dependents { id } }
        second: supplier(id: $t) { legalName status }
        service(id: $v) { name criticality dependsOn { id provider { ... on Supplier { id } } } }
        dependency(id: $d) { id }
        users { id role active }
        apiTokens { id name active revokedAt } }";
    let vars = json!({"s": a.supplier, "t": a.second, "v": a.service, "d": a.dependency});
    let body = app.gql(Some(&a.admin.token), query, vars).await;
    let seen = data(&body);
    assert_eq!(seen["supplier"]["legalName"], "Nordlicht Cloud GmbH");
    assert_eq!(seen["supplier"]["status"], "PROSPECT");
    assert_eq!(
        seen["supplier"]["contacts"],
        json!([{"id": a.contact, "name": "Ada Contact", "email": "ada@nordlicht.example"}])
    );
    assert_eq!(seen["supplier"]["dependents"], json!([{"id": a.dependency}]), "B must not add or remove A's edges");
    assert_eq!(seen["second"], json!({"legalName": "Kontor Payroll AG", "status": "PROSPECT"}));
    assert_eq!(seen["service"]["name"], "Customer portal");
    assert_eq!(seen["service"]["criticality"], 5);
    assert_eq!(seen["service"]["dependsOn"], json!([{"id": a.dependency, "provider": {"id": a.supplier}}]));
    assert_eq!(seen["dependency"]["id"], a.dependency.as_str());
    let users = seen["users"].as_array().expect("users");
    assert_eq!(users.len(), 2, "B's createUser must not add a user to A: {users:?}");
    assert!(users.contains(&json!({"id": a.admin.user_id, "role": "ADMIN", "active": true})), "{users:?}");
    assert!(users.contains(&json!({"id": a.analyst.user_id, "role": "ANALYST", "active": true})), "{users:?}");
    assert_eq!(seen["apiTokens"], json!([{"id": a.token_id, "name": "GRC sync", "active": true, "revokedAt": null}]));

    // A's API token still works, and still speaks for A.
    let body = app.gql(Some(&a.token), "{ me { organisation { id name } apiTokenName } }", json!({})).await;
    assert_eq!(
        data(&body)["me"],
        json!({"organisation": {"id": a.admin.organisation_id, "name": "org-a"}, "apiTokenName": "GRC sync"})
    );

    // B's service, which B tried to tie to A's supplier, has only B's own edge.
    let query = "query($id: UUID!) { service(id: $id) { dependsOn { provider { ... on Supplier { id } } } } }";
    let body = app.gql(Some(&b.token), query, json!({"id": b_service})).await;
    assert_eq!(data(&body)["service"]["dependsOn"], json!([{"provider": {"id": b_supplier}}]));
}
