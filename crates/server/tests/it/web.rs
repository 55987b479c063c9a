//! Security headers on every kind of response, and how the built app's files are served.

use reqwest::{Response, StatusCode};

use crate::support::*;

fn assert_security_headers(res: &Response, what: &str) {
    let h = res.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    for part in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "{what}: {csp}");
    }
    for (name, want) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
    ] {
        assert_eq!(
            h.get(name).map(|v| v.to_str().unwrap()),
            Some(want),
            "{what}: {name}"
        );
    }
    let permissions = h["permissions-policy"].to_str().unwrap();
    for feature in ["camera=()", "microphone=()", "geolocation=()"] {
        assert!(permissions.contains(feature), "{what}: {permissions}");
    }
    assert!(
        h.get("strict-transport-security").is_none(),
        "{what}: HSTS only over https"
    );
}

async fn every_response_carries_the_security_headers(db: String) {
    let app = TestApp::start(&db).await;
    let client = app.client();
    let cases = [
        ("api", client.get(app.api("/health")).send().await.unwrap()),
        (
            "api error",
            client.get(app.api("/me")).send().await.unwrap(),
        ),
        (
            "api 404",
            client.get(app.api("/nope")).send().await.unwrap(),
        ),
        (
            "api 405",
            client.delete(app.api("/health")).send().await.unwrap(),
        ),
        ("app shell", client.get(app.url("/")).send().await.unwrap()),
        (
            "asset",
            client
                .get(app.url("/hometime-0123456789abcdef.js"))
                .send()
                .await
                .unwrap(),
        ),
        (
            "missing asset",
            client.get(app.url("/missing.js")).send().await.unwrap(),
        ),
        (
            "413",
            client
                .post(app.api("/auth/login"))
                .header("content-type", "application/json")
                .body(vec![b' '; 200 * 1024])
                .send()
                .await
                .unwrap(),
        ),
    ];
    for (what, res) in &cases {
        assert_security_headers(res, what);
        let cache = res
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_owned());
        if what.starts_with("api") || *what == "413" {
            assert_eq!(cache.as_deref(), Some("no-store"), "{what}");
        }
    }
    // The CSP allows exactly the inline script the built index.html has, by hash.
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(INLINE_SCRIPT.as_bytes()));
    let csp = cases[0].1.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
}

async fn the_app_is_served_with_spa_routes_and_real_404s(db: String) {
    let app = TestApp::start(&db).await;
    let client = app.client();
    for route in ["/", "/parent", "/teacher/classes/1", "/join"] {
        let res = client.get(app.url(route)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{route}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{route}");
        assert_eq!(res.text().await.unwrap(), INDEX_HTML, "{route}");
    }
    for missing in ["/missing.js", "/robots.txt", "/parent/app.wasm"] {
        let res = client.get(app.url(missing)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_ne!(
            res.text().await.unwrap(),
            INDEX_HTML,
            "{missing} must not get the app"
        );
    }
    let js = client
        .get(app.url("/hometime-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        js.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        js.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    let sw = client.get(app.url("/sw.js")).send().await.unwrap();
    assert_eq!(sw.headers()["cache-control"], "no-cache");
    let index = client.get(app.url("/index.html")).send().await.unwrap();
    assert_eq!(index.headers()["cache-control"], "no-cache");

    // The precompressed sibling is sent to browsers that accept brotli, with the real type.
    let wasm = client
        .get(app.url("/hometime-0123456789abcdef_bg.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"brotli-bytes");
    let plain = client
        .get(app.url("/hometime-0123456789abcdef_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
}

async fn without_a_built_app_the_api_still_works(db: String) {
    let app = TestApp::start_with(&db, |c| {
        c.dist = std::env::temp_dir().join("hometime-no-such-dist")
    })
    .await;
    let client = app.client();
    let res = client.get(app.url("/")).send().await.unwrap();
    assert_security_headers(&res, "not built");
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.text().await.unwrap().contains("has not been built"));
    assert_eq!(
        status_of(&client, app.url("/app.js")).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(status_of(&client, app.api("/health")).await, StatusCode::OK);
    assert_eq!(
        app.login(&client, TEACHER, PASSWORD).await.status(),
        StatusCode::OK
    );
}

crate::app_tests!(
    every_response_carries_the_security_headers,
    the_app_is_served_with_spa_routes_and_real_404s,
    without_a_built_app_the_api_still_works,
);
