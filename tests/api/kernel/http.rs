//! The HTTP surface: health, readiness, metrics, GraphQL over HTTP conventions and limits.
use crate::helpers::{data, error_code, spawn_app, spawn_app_with};
use chainward::domain::Role;
use serde_json::{Value, json};

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = spawn_app().await;
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    // An error, so that the error counter has something to show.
    app.gql(None, "{ suppliers { totalCount } }", json!({})).await;
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap();
    assert!(metrics.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = metrics.text().await.unwrap();
    assert!(
        text.contains("chainward_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("chainward_http_request_duration_seconds_bucket{route=\"/graphql\",le=\"+Inf\"}"));
    assert!(text.contains("chainward_graphql_errors_total{code=\"UNAUTHENTICATED\"} 1"), "{text}");
    assert!(text.contains("chainward_db_statements_total "));
}

#[tokio::test]
async fn graphiql_for_browsers_and_queries_over_get() {
    // A built portal holds GraphiQL as a page of its own; browsers asking /graphql go there,
    // and nothing in it comes from another host.
    let portal = std::env::temp_dir().join(format!("chainward-portal-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&portal).unwrap();
    std::fs::write(portal.join("index.html"), "<!doctype html><title>Chainward</title>").unwrap();
    std::fs::write(
        portal.join("graphiql.html"),
        "<!doctype html><title>Chainward GraphQL</title><script type=module src=/assets/graphiql.js></script>",
    )
    .unwrap();
    let dir = portal.clone();
    let app = spawn_app_with(move |config| config.portal_dir = dir).await;
    let page = app.client.get(format!("{}/graphql", app.address)).header("Accept", "text/html").send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.url().path(), "/graphiql.html", "browsers are sent to the portal's GraphiQL");
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), "{csp}");
    assert!(page.text().await.unwrap().contains("Chainward GraphQL"));
    std::fs::remove_dir_all(&portal).ok();

    // Without a built portal the page says how to get it, and loads nothing from elsewhere.
    let app = spawn_app().await;
    let page = app.client.get(format!("{}/graphql", app.address)).header("Accept", "text/html").send().await.unwrap();
    assert_eq!(page.status(), 200);
    let text = page.text().await.unwrap();
    assert!(text.contains("npm run build --prefix frontend"), "{text}");
    assert!(!text.contains("http://") && !text.contains("https://") && !text.contains("<script"), "{text}");

    let user = app.account("acme", Role::Viewer).await;
    let get = app
        .client
        .get(
            reqwest::Url::parse_with_params(
                &format!("{}/graphql", app.address),
                [("query", "{ me { user { email } } }")],
            )
            .unwrap(),
        )
        .bearer_auth(&user.token)
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 200);
    assert_eq!(get.headers()["content-type"], "application/json", "no Accept: plain JSON");
    let body: Value = get.json().await.unwrap();
    assert_eq!(data(&body)["me"]["user"]["email"], user.email.as_str());

    let mutation = app
        .client
        .get(
            reqwest::Url::parse_with_params(
                &format!("{}/graphql", app.address),
                [("query", "mutation { logout(refreshToken: \"x\") }")],
            )
            .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(mutation.status(), 405, "mutations are not allowed over GET");
}

#[tokio::test]
async fn request_errors_follow_the_graphql_over_http_status_codes() {
    let app = spawn_app().await;
    let url = format!("{}/graphql", app.address);
    let modern = "application/graphql-response+json";
    let syntax =
        app.client.post(&url).header("Accept", modern).json(&json!({"query": "{ suppliers { "})).send().await.unwrap();
    assert_eq!(syntax.status(), 400);
    assert_eq!(syntax.headers()["content-type"], modern);
    let body: Value = syntax.json().await.unwrap();
    assert!(body.get("data").is_none(), "a request that never executed has no data entry: {body}");
    for accept in [None, Some("*/*")] {
        let mut request = app.client.post(&url).json(&json!({"query": "{ suppliers { "}));
        if let Some(accept) = accept {
            request = request.header("Accept", accept);
        }
        let answer = request.send().await.unwrap();
        let content_type = answer.headers()["content-type"].to_str().unwrap().to_owned();
        assert_eq!((answer.status().as_u16(), content_type.as_str()), (200, "application/json"), "{accept:?}");
    }
    let text = app.client.post(&url).header("Content-Type", "text/plain").body(r#"{"query": "{ __typename }"}"#);
    assert_eq!(text.send().await.unwrap().status(), 415, "a POST must say it is JSON");
    let legacy = app
        .client
        .post(&url)
        .header("Accept", "application/json")
        .json(&json!({"query": "{ nonsense }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(legacy.status(), 200);
    assert_eq!(legacy.headers()["content-type"], "application/json");

    let not_json =
        app.client.post(&url).header("Content-Type", "application/json").body("{not json").send().await.unwrap();
    assert_eq!(not_json.status(), 400);
    let body: Value = not_json.json().await.unwrap();
    assert_eq!(error_code(&body), "BAD_REQUEST");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("serde") && !message.contains("line"), "no parser internals: {message}");
}

#[tokio::test]
async fn oversized_bodies_deep_queries_and_huge_pages_are_refused() {
    let app = spawn_app().await;
    let user = app.account("acme", Role::Viewer).await;
    let url = format!("{}/graphql", app.address);
    let huge = "x".repeat(300 * 1024);
    let big = app
        .client
        .post(&url)
        .json(&json!({"query": format!("{{ me {{ __typename }} }} # {huge}")}))
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 413);

    // Each level of "who depends on this supplier" adds three levels of nesting.
    let mut deep = "id".to_owned();
    for _ in 0..6 {
        deep = format!("dependents {{ dependent {{ ... on Supplier {{ {deep} }} }} }}");
    }
    let deep = format!("{{ suppliers {{ edges {{ node {{ {deep} }} }} }} }}");
    let body = app.gql(Some(&user.token), &deep, json!({})).await;
    assert!(body["errors"][0]["message"].as_str().unwrap().to_lowercase().contains("nested"), "{body}");

    let page = app.gql(Some(&user.token), "{ suppliers(first: 201) { totalCount } }", json!({})).await;
    assert_eq!(error_code(&page), "LIMIT");
    let negative = app.gql(Some(&user.token), "{ suppliers(first: -1) { totalCount } }", json!({})).await;
    assert_eq!(error_code(&negative), "VALIDATION");
    let cursor = app.gql(Some(&user.token), "{ suppliers(after: \"bogus\") { totalCount } }", json!({})).await;
    assert_eq!(error_code(&cursor), "VALIDATION");
    assert_eq!(cursor["errors"][0]["extensions"]["fieldErrors"][0]["field"], "after");
}

#[tokio::test]
async fn unknown_paths_answer_404() {
    let app = spawn_app().await;
    let response = app.client.get(format!("{}/no/such/page", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let home = app.client.get(format!("{}/", app.address)).send().await.unwrap();
    assert_eq!(home.status(), 200, "without a built portal, / says how to build it");
    assert!(home.text().await.unwrap().contains("npm run build --prefix frontend"));
}

#[tokio::test]
async fn the_built_portal_is_served_with_client_side_routing() {
    let portal = std::env::temp_dir().join(format!("chainward-portal-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(portal.join("assets")).unwrap();
    std::fs::write(portal.join("index.html"), "<!doctype html><div id=root></div>").unwrap();
    std::fs::write(portal.join("assets/app-1a2b.js"), "console.log('portal')").unwrap();
    let dir = portal.clone();
    let app = crate::helpers::spawn_app_with(move |config| config.portal_dir = dir).await;
    let get = |path: &str| app.client.get(format!("{}{path}", app.address)).send();

    for page in ["/", "/suppliers/6f1c2f4e-0000-4000-8000-000000000000", "/respond"] {
        let response = get(page).await.unwrap();
        assert_eq!(response.status(), 200, "{page}");
        assert_eq!(response.headers()["cache-control"], "no-cache");
        assert_eq!(response.headers()["x-frame-options"], "DENY");
        assert!(response.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
        assert!(response.text().await.unwrap().contains("id=root"), "{page} gets index.html");
    }
    let asset = get("/assets/app-1a2b.js").await.unwrap();
    assert_eq!(asset.status(), 200);
    assert!(asset.headers()["content-type"].to_str().unwrap().contains("javascript"));
    assert!(asset.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    for api in ["/api/nothing", "/graphqlx"] {
        let response = get(api).await.unwrap();
        assert_eq!(response.status(), 404, "{api} stays an API 404");
        assert!(response.headers()["content-type"].to_str().unwrap().contains("json"));
    }
    let post = app.client.post(format!("{}/suppliers", app.address)).send().await.unwrap();
    assert_eq!(post.status(), 404, "only GET and HEAD reach the portal");
    std::fs::remove_dir_all(portal).ok();
}

#[tokio::test]
async fn requests_that_run_too_long_are_answered_408() {
    let app = crate::helpers::spawn_app_with(|config| config.request_timeout = std::time::Duration::ZERO).await;
    // The sign-in waits for the database, so it cannot finish within a zero timeout.
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({"query": "mutation { login(email: \"a@b.example\", password: \"whatever-it-is\") { accessToken } }"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 408);
}

#[tokio::test]
async fn answers_are_gzipped_for_clients_that_accept_it() {
    let app = spawn_app().await;
    let analyst = app.account("acme", Role::Analyst).await;
    let query = json!({"query": "{ controls(framework: \"iso27001-2022\") { id title description } }"});
    let ask = |encoding: Option<&str>| {
        let mut request = app.client.post(format!("{}/graphql", app.address)).bearer_auth(&analyst.token).json(&query);
        if let Some(encoding) = encoding {
            request = request.header("Accept-Encoding", encoding);
        }
        request.send()
    };
    let plain = ask(None).await.unwrap();
    assert_eq!(plain.headers().get("content-encoding"), None, "no compression unless asked");
    let plain = plain.bytes().await.unwrap();
    let zipped = ask(Some("gzip")).await.unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    let zipped = zipped.bytes().await.unwrap();
    assert!(zipped.len() * 3 < plain.len(), "{} bytes gzipped of {}", zipped.len(), plain.len());
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&zipped[..]), &mut unzipped).unwrap();
    assert_eq!(unzipped, plain, "the same answer");
}
