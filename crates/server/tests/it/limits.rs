//! Brute-force protection: failed attempts on every password and code form are limited per account, per
//! client address and globally, with a clear 429 and `Retry-After`; successes never count.

use std::net::Ipv4Addr;
use std::time::Duration;

use hometime_server::config::RateLimits;
use reqwest::{Client, Response, StatusCode};
use serde_json::json;

use crate::support::*;

fn limits(per_account: u32, per_address: u32, global: u32) -> RateLimits {
    RateLimits {
        window: Duration::from_secs(900),
        per_account,
        per_address,
        global,
    }
}

/// Checks a 429 is well formed and returns its `retry_after_secs`.
async fn assert_limited(res: Response) -> u64 {
    let header: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = error_of(res, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(body["code"], "rate_limited");
    assert!(body["message"].as_str().unwrap().contains("wait"), "{body}");
    let secs = body["retry_after_secs"].as_u64().unwrap();
    assert_eq!(secs, header);
    assert!((1..=900).contains(&secs), "{secs}");
    secs
}

async fn login_is_limited_per_account(db: String) {
    let app = TestApp::start_with(&db, |c| c.limits = limits(3, 100, 1000)).await;
    let client = app.client();
    for _ in 0..3 {
        let res = app.login(&client, TEACHER, "Wrong2026").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused now: the account is under attack.
    let secs = assert_limited(app.login(&client, TEACHER, PASSWORD).await).await;
    // Other accounts are unaffected.
    assert_eq!(
        app.login(&client, LEADER, PASSWORD).await.status(),
        StatusCode::OK
    );
    app.advance(Duration::from_secs(secs));
    assert_eq!(
        app.login(&client, TEACHER, PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn login_is_limited_per_address(db: String) {
    let app = TestApp::start_with(&db, |c| c.limits = limits(100, 4, 1000)).await;
    let attacker = app.client();
    for n in 0..4 {
        let res = app
            .login(&attacker, &format!("guess{n}@example.com"), "Wrong2026")
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_limited(app.login(&attacker, LEADER, PASSWORD).await).await;
    // Someone on another address signs in normally.
    let elsewhere = TestApp::client_from(Ipv4Addr::new(127, 0, 0, 2));
    assert_eq!(
        app.login(&elsewhere, LEADER, PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn login_is_limited_globally(db: String) {
    let app = TestApp::start_with(&db, |c| c.limits = limits(100, 100, 4)).await;
    for n in 0..4u8 {
        let client = TestApp::client_from(Ipv4Addr::new(127, 0, 0, 2 + n));
        let res = app
            .login(&client, &format!("guess{n}@example.com"), "Wrong2026")
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let fresh = TestApp::client_from(Ipv4Addr::new(127, 0, 0, 9));
    assert_limited(app.login(&fresh, TEACHER, PASSWORD).await).await;
}

async fn successful_sign_ins_are_never_counted(db: String) {
    let app = TestApp::start_with(&db, |c| c.limits = limits(2, 2, 2)).await;
    for _ in 0..6 {
        assert_eq!(
            app.login(&app.client(), TEACHER, PASSWORD).await.status(),
            StatusCode::OK
        );
    }
}

/// One failing attempt on a form; `n` varies the guess.
async fn fail_once(app: &TestApp, form: &str, client: &Client, n: u32) -> Response {
    let body = match form {
        "join" => json!({
            "invite_code": format!("ZZZZZ{n:05}"),
            "display_name": "Pat",
            "email": format!("pat{n}@example.com"),
            "password": "Kestrel2026",
        }),
        "link" => json!({"invite_code": format!("ZZZZZ{n:05}")}),
        "class" => json!({"code": format!("ZZZ{n:03}")}),
        "pick" => json!({"code": format!("ZZZ{n:03}"), "pupil_id": IVY}),
        _ => unreachable!(),
    };
    let path = match form {
        "join" => "/auth/join",
        "link" => "/me/children",
        "class" => "/pupil-auth/class",
        _ => "/pupil-auth/pick",
    };
    client.post(app.api(path)).json(&body).send().await.unwrap()
}

async fn every_code_form_is_limited(db: String) {
    let app = TestApp::start_with(&db, |c| c.limits = limits(3, 3, 1000)).await;
    for form in ["join", "link", "class", "pick"] {
        // Each form counts on its own, so a fresh signed-in client per form is enough.
        let client = if form == "link" {
            app.signed_in(PARENT).await
        } else {
            app.client()
        };
        for n in 0..3 {
            let res = fail_once(&app, form, &client, n).await;
            assert!(
                res.status().is_client_error() && res.status() != StatusCode::TOO_MANY_REQUESTS,
                "{form} {n}: {}",
                res.status()
            );
        }
        assert_limited(fail_once(&app, form, &client, 99).await).await;
    }
    // A teacher's open code still works from another address while the attacker's is blocked.
    let code = app.open_kestrel_code(10).await;
    let tablet = TestApp::client_from(Ipv4Addr::new(127, 0, 0, 3));
    let res = tablet
        .post(app.api("/pupil-auth/class"))
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

async fn invite_guesses_are_limited_per_account(db: String) {
    let app = TestApp::start_with(&db, |c| c.limits = limits(2, 100, 1000)).await;
    let parent = app.signed_in(PARENT).await;
    for n in 0..2 {
        assert_eq!(
            fail_once(&app, "link", &parent, n).await.status(),
            StatusCode::BAD_REQUEST
        );
    }
    assert_limited(fail_once(&app, "link", &parent, 5).await).await;
    // The same guesses against another pupil's pick or another e-mail's join are separate accounts.
    let other = app.signed_in("alex.lane@example.com").await;
    assert_eq!(
        fail_once(&app, "link", &other, 7).await.status(),
        StatusCode::BAD_REQUEST
    );
}

crate::app_tests!(
    login_is_limited_per_account,
    login_is_limited_per_address,
    login_is_limited_globally,
    successful_sign_ins_are_never_counted,
    every_code_form_is_limited,
    invite_guesses_are_limited_per_account,
);
