//! Single sign-on against a real OpenID provider on 127.0.0.1 (oidc-provider): staff sign in
//! with the role their groups give, created on first sign-in and updated at each; a wrong
//! domain, no mapped group, a deactivated user, a tampered or expired ID token, a wrong
//! audience or nonce and a replayed code are refused; rotated keys are fetched again; and when
//! single sign-on is required, passwords are left to the break-glass administrators.
use crate::helpers::identity_provider::{CONFIGURE, TestIdp};
use crate::helpers::{PASSWORD, data, error_code, field_errors, spawn_app};
use chainward::domain::Role;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_through_their_provider_with_the_role_their_groups_give() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let mut idp = TestIdp::start().await;
    let body = app.gql(Some(&admin.token), CONFIGURE, json!({"i": idp.input(json!({}))})).await;
    assert_eq!(data(&body)["configureIdentityProvider"]["callbackUrl"], "http://chainward.test/api/sso/callback");
    assert_eq!(data(&body)["configureIdentityProvider"]["clientSecretSet"], true);

    let options = "query($e: String!) { signInOptions(email: $e) { singleSignOn required startUrl } }";
    let body = app.gql(None, options, json!({"e": "alice@acme.example"})).await;
    assert_eq!(data(&body)["signInOptions"]["singleSignOn"], true);
    assert_eq!(data(&body)["signInOptions"]["startUrl"], "/api/sso/start?email=alice%40acme.example");
    let body = app.gql(None, options, json!({"e": "someone@elsewhere.example"})).await;
    assert_eq!(data(&body)["signInOptions"], json!({"singleSignOn": false, "required": false, "startUrl": null}));

    for (email, role) in
        [("alice@acme.example", "ADMIN"), ("bob@acme.example", "ANALYST"), ("vera@acme.example", "VIEWER")]
    {
        let password = format!("{}-pass", email.split('@').next().unwrap());
        let landing = app.sign_in_through(&idp, email, email, &password).await;
        let ticket = landing.ticket.unwrap_or_else(|| panic!("{email}: {:?}", landing.error));
        let body = app.complete_sso(&ticket).await;
        let session = &data(&body)["completeSingleSignOn"];
        assert_eq!(session["user"]["role"], role, "{email}");
        assert_eq!(session["user"]["email"], email);
        let token = session["accessToken"].as_str().unwrap();
        let me = app.gql(Some(token), "{ me { organisation { id } user { email } } }", json!({})).await;
        assert_eq!(data(&me)["me"]["organisation"]["id"], admin.organisation_id.to_string());
        // A ticket is good once.
        assert_eq!(error_code(&app.complete_sso(&ticket).await), "UNAUTHENTICATED");
    }

    // Refused: a domain not the organisation's, no group that gives access.
    let landing = app.sign_in_through(&idp, "alice@acme.example", "eve@elsewhere.example", "eve-pass").await;
    assert!(landing.error.unwrap().contains("not one your organisation signs in with"));
    let landing = app.sign_in_through(&idp, "nobody@acme.example", "nobody@acme.example", "nobody-pass").await;
    assert!(landing.error.unwrap().contains("none of your groups"));

    // Roles follow the groups at each sign-in: analysts become viewers when the mapping says so.
    let remapped = idp.input(json!({"clientSecret": null, "roleMapping": [{"group": "chainward-admins", "role": "ADMIN"}, {"group": "chainward-analysts", "role": "VIEWER"}]}));
    data(&app.gql(Some(&admin.token), CONFIGURE, json!({"i": remapped})).await);
    let landing = app.sign_in_through(&idp, "bob@acme.example", "bob@acme.example", "bob-pass").await;
    let body = app.complete_sso(&landing.ticket.expect("bob signs in")).await;
    assert_eq!(data(&body)["completeSingleSignOn"]["user"]["role"], "VIEWER");

    // Deactivated in Chainward means refused, whatever the provider says.
    let users = app.gql(Some(&admin.token), "{ users { id email } }", json!({})).await;
    let bob =
        data(&users)["users"].as_array().unwrap().iter().find(|u| u["email"] == "bob@acme.example").unwrap()["id"]
            .clone();
    let deactivate = "mutation($id: UUID!) { updateUser(id: $id, input: {active: false}) { active } }";
    data(&app.gql(Some(&admin.token), deactivate, json!({"id": bob})).await);
    let landing = app.sign_in_through(&idp, "bob@acme.example", "bob@acme.example", "bob-pass").await;
    assert!(landing.error.unwrap().contains("deactivated"));

    // The provider rotates its signing key: Chainward reads the new key and signs Alice in.
    let port = idp.port;
    drop(idp);
    idp = TestIdp::start_on(port, "test-key-2").await;
    let landing = app.sign_in_through(&idp, "alice@acme.example", "alice@acme.example", "alice-pass").await;
    assert!(landing.ticket.is_some(), "after the key rotation: {:?}", landing.error);
    let audit = app
        .gql(Some(&admin.token), "{ auditEvents(filter: {action: \"auth.sso_login\"}) { totalCount } }", json!({}))
        .await;
    assert_eq!(data(&audit)["auditEvents"]["totalCount"], 5, "{audit}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_or_replayed_answers_from_the_provider_are_refused() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let idp = TestIdp::start().await;
    data(&app.gql(Some(&admin.token), CONFIGURE, json!({"i": idp.input(json!({}))})).await);
    for who in ["tampered", "audience", "nonce", "expired"] {
        let email = format!("{who}@acme.example");
        let landing = app.sign_in_through(&idp, &email, &email, &format!("{who}-pass")).await;
        assert_eq!(landing.ticket, None, "{who}");
        assert!(
            landing.error.as_deref().unwrap_or_default().contains("could not be verified"),
            "{who}: {:?}",
            landing.error
        );
    }
    // A code and state that worked once are refused the second time.
    let landing = app.sign_in_through(&idp, "alice@acme.example", "alice@acme.example", "alice-pass").await;
    assert!(landing.ticket.is_some());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let again = client.get(&landing.callback).header("cookie", &landing.cookie).send().await.unwrap();
    let location = again.headers()["location"].to_str().unwrap();
    assert!(location.contains("sso_error=") && location.contains("already+used"), "{location}");
    // A sign-in answered in another browser (a link sent to a victim) is refused.
    let started = app.client.get(format!("{}/api/sso/start?email=alice@acme.example", app.address));
    let started = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .execute(started.build().unwrap())
        .await
        .unwrap();
    assert!(started.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly; SameSite=Lax"));
    let elsewhere = app.sign_in_through(&idp, "alice@acme.example", "alice@acme.example", "alice-pass").await;
    let victim = client.get(&elsewhere.callback).send().await.unwrap();
    let location = victim.headers()["location"].to_str().unwrap();
    assert!(location.contains("started+in+another+browser"), "{location}");
    // No user was created for any refused sign-in.
    let users = app.gql(Some(&admin.token), "{ users { email } }", json!({})).await;
    let emails: Vec<&str> =
        data(&users)["users"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(emails.len(), 2, "the administrator and Alice: {emails:?}");
    // An unknown state (a forged callback) is refused too.
    let forged = client.get(format!("{}/api/sso/callback?state=forged&code=x", app.address)).send().await.unwrap();
    assert!(forged.headers()["location"].to_str().unwrap().contains("sso_error="));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_single_sign_on_is_required_passwords_are_for_break_glass_administrators() {
    let app = spawn_app().await;
    let admin = app.account("acme", Role::Admin).await;
    let analyst = app.account("acme", Role::Analyst).await;
    let idp = TestIdp::start().await;
    // Checked before saving: a break-glass administrator is required, and must be one.
    let body = app.gql(Some(&admin.token), CONFIGURE, json!({"i": idp.input(json!({"ssoRequired": true}))})).await;
    assert_eq!(field_errors(&body), vec!["input.breakGlass"]);
    let body = app
        .gql(
            Some(&admin.token),
            CONFIGURE,
            json!({"i": idp.input(json!({"ssoRequired": true, "breakGlass": [analyst.email]}))}),
        )
        .await;
    assert_eq!(field_errors(&body), vec!["input.breakGlass[0]"]);
    for (issuer, said) in [
        ("https://10.1.2.3", "refused"),
        ("ftp://idp.example", "https"),
        (&format!("{}/nowhere", idp.issuer) as &str, "discovery document could not be read"),
    ] {
        let body = app.gql(Some(&admin.token), CONFIGURE, json!({"i": idp.input(json!({"issuerUrl": issuer}))})).await;
        assert!(body["errors"][0]["message"].as_str().unwrap_or_default().contains(said), "{issuer}: {body}");
    }
    let input = idp.input(json!({"ssoRequired": true, "breakGlass": [admin.email.to_uppercase()]}));
    data(&app.gql(Some(&admin.token), CONFIGURE, json!({"i": input})).await);
    let options = app
        .gql(None, "query($e: String!) { signInOptions(email: $e) { required } }", json!({"e": analyst.email}))
        .await;
    assert_eq!(data(&options)["signInOptions"]["required"], true);

    // People at another e-mail domain cannot reach the provider: their password still works.
    let contractor = chainward::service::identity::user::NewUser {
        email: "auditor@elsewhere.example".into(),
        display_name: None,
        role: Role::Viewer,
        password: PASSWORD.into(),
    };
    chainward::service::identity::user::create_with_organisation(&app.state.db, "acme", contractor).await.unwrap();
    assert!(data(&app.login("auditor@elsewhere.example", PASSWORD).await)["login"]["accessToken"].is_string());
    let url = app.gql(Some(&admin.token), "{ singleSignOnCallbackUrl }", json!({})).await;
    assert_eq!(data(&url)["singleSignOnCallbackUrl"], "http://chainward.test/api/sso/callback");
    let refused = app.login(&analyst.email, PASSWORD).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    assert!(refused["errors"][0]["message"].as_str().unwrap().contains("single sign-on"));
    let wrong = app.login(&analyst.email, "not the password").await;
    assert_eq!(error_code(&wrong), "UNAUTHENTICATED", "a wrong password still tells nothing more");
    let break_glass = app.login(&admin.email, PASSWORD).await;
    assert!(data(&break_glass)["login"]["accessToken"].is_string());

    // Viewers and analysts may not see or change the provider; removing it restores passwords.
    let body = app.gql(Some(&analyst.token), "{ identityProvider { issuerUrl } }", json!({})).await;
    assert_eq!(error_code(&body), "FORBIDDEN");
    let body = app.gql(Some(&admin.token), "{ identityProvider { clientId breakGlass ssoRequired } }", json!({})).await;
    assert_eq!(
        data(&body)["identityProvider"],
        json!({"clientId": "chainward", "breakGlass": [admin.email], "ssoRequired": true})
    );
    data(&app.gql(Some(&admin.token), "mutation { removeIdentityProvider }", json!({})).await);
    assert!(data(&app.login(&analyst.email, PASSWORD).await)["login"]["accessToken"].is_string());
}
