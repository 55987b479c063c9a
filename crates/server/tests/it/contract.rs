//! Properties of every endpoint, driven from the OpenAPI document so new endpoints are covered without
//! editing these tests: the document lists exactly the API's routes; a pupil gets 403 from everything but
//! `/me` and sign-out; and no endpoint answers malformed, incomplete, mistyped, oversized or mislabelled
//! bodies with anything but the right 4xx.

use std::collections::BTreeSet;

use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

/// Every (method, path) of the API contract.
const CONTRACT: &[(&str, &str)] = &[
    ("POST", "/auth/login"),
    ("POST", "/auth/logout"),
    ("POST", "/auth/join"),
    ("GET", "/me"),
    ("POST", "/me/children"),
    ("POST", "/pupil-auth/class"),
    ("POST", "/pupil-auth/pick"),
    ("GET", "/classes"),
    ("GET", "/classes/{id}"),
    ("POST", "/classes/{id}/pupil-code"),
    ("DELETE", "/classes/{id}/pupil-code"),
    ("POST", "/pupils/{id}/invites"),
    ("POST", "/pupils/{id}/adult-approvals"),
    ("GET", "/school"),
    ("GET", "/school/overview"),
    ("PUT", "/school/settings"),
    ("GET", "/me/quiet-hours"),
    ("PUT", "/me/quiet-hours"),
    ("GET", "/classes/{id}/points"),
    ("POST", "/classes/{id}/points"),
    ("DELETE", "/points/{id}"),
    ("GET", "/pupils/{id}/points"),
    ("GET", "/pupil/points"),
    ("PUT", "/pupil/avatar"),
    ("GET", "/classes/{id}/display"),
    ("GET", "/school/skills"),
    ("POST", "/school/skills"),
    ("POST", "/classes/{id}/skills"),
    ("GET", "/school/points-settings"),
    ("PUT", "/school/points-settings"),
    ("GET", "/threads"),
    ("POST", "/threads"),
    ("GET", "/threads/{id}/messages"),
    ("POST", "/threads/{id}/messages"),
    ("POST", "/threads/{id}/read"),
    ("GET", "/threads/{id}/reply-expectation"),
    ("GET", "/quick-replies"),
    ("GET", "/unread"),
    ("GET", "/classes/{id}/chat"),
    ("POST", "/classes/{id}/chat"),
    ("POST", "/chat-messages/{id}/remove"),
    ("POST", "/chat-messages/{id}/report"),
    ("GET", "/reports"),
    ("GET", "/classes/{id}/policy-pack"),
    ("GET", "/school/policy-pack"),
    ("POST", "/classes/{id}/cover"),
    ("GET", "/events"),
    ("GET", "/consent"),
    ("PUT", "/pupils/{id}/consent"),
    ("GET", "/classes/{id}/tag-candidates"),
    ("POST", "/threads/{id}/photos"),
    ("POST", "/classes/{id}/chat/photos"),
    ("GET", "/stories"),
    ("POST", "/stories"),
    ("DELETE", "/stories/{id}"),
    ("PUT", "/stories/{id}/like"),
    ("DELETE", "/stories/{id}/like"),
    ("POST", "/stories/{id}/comments"),
    ("DELETE", "/stories/{id}/comments/{comment_id}"),
    ("GET", "/photos/{id}"),
    ("GET", "/photos/{id}/thumb"),
    ("GET", "/me/export.json"),
    ("GET", "/me/export.html"),
    ("GET", "/health"),
    ("GET", "/openapi.json"),
];

/// Endpoints anyone may call without a session: sign-in forms and public documents.
const PUBLIC: &[(&str, &str)] = &[
    ("POST", "/auth/login"),
    ("POST", "/auth/join"),
    ("POST", "/pupil-auth/class"),
    ("POST", "/pupil-auth/pick"),
    ("GET", "/health"),
    ("GET", "/openapi.json"),
];

/// The only endpoints a pupil session may use.
const PUPIL_MAY: &[(&str, &str)] = &[
    ("GET", "/me"),
    ("POST", "/auth/logout"),
    ("GET", "/pupil/points"),
    ("PUT", "/pupil/avatar"),
];

/// A valid body for each endpoint that takes one. A new endpoint with a body fails the tests below until
/// it has a row here.
fn sample_body(path: &str) -> Option<Value> {
    Some(match path {
        "/auth/login" => json!({"email": "nobody@example.com", "password": "Brookfield2026"}),
        "/auth/join" => {
            json!({"invite_code": "ABCDE-12345", "display_name": "Pat", "email": "pat@example.com", "password": "Kestrel2026"})
        }
        "/me/children" => json!({"invite_code": "ABCDE-12345"}),
        "/pupil-auth/class" => json!({"code": "ABC-123"}),
        "/pupil-auth/pick" => json!({"code": "ABC-123", "pupil_id": 1}),
        "/classes/{id}/pupil-code" => json!({"minutes": 10}),
        "/pupils/{id}/adult-approvals" => json!({"reason": "Step-parent"}),
        "/classes/{id}/points" => json!({"pupil_ids": [1], "skill_id": 1}),
        "/pupil/avatar" => {
            json!({"body": 1, "eyes": 2, "mouth": 3, "accessory": 4, "colour": "#00b894"})
        }
        "/school/skills" | "/classes/{id}/skills" => {
            json!({"name": "Tidy trays", "kind": "positive"})
        }
        "/school/points-settings" => {
            json!({"show_initials": false, "needs_work_enabled": true, "retention_months": 12})
        }
        "/school/settings" => json!({
            "timezone": "Europe/London", "office_phone": "01632 960777",
            "office_email": "office@brookfield.example.sch.uk",
            "office_contact_name": "Mrs Carver (office manager)", "nursing_team_phone": "01632 960778",
            "dsl": "Ms Okoro (Deputy Head, Designated Safeguarding Lead)",
            "safeguarding_system": "MyConcern", "working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
            "working_start": "08:00", "working_end": "17:00",
            "response_expectation": "within 48 hours, working days only", "holidays": [],
            "class_chat_enabled": true, "support_staff_messaging": "none", "parent_read_receipts": false,
            "names_in_shared_spaces": "none", "medication_route": "nursing_team"
        }),
        "/me/quiet-hours" => json!({"quiet_hours": {"start": "15:30", "end": "08:30"}}),
        "/threads" => json!({"pupil_id": 1}),
        // Photos come as multipart (tested in `thread_photos`); the JSON message alone is read and refused.
        "/threads/{id}/photos" | "/classes/{id}/chat/photos" => json!({"body": "Sports day"}),
        // Ivy's record as the demo has it, so the route check changes nothing.
        "/pupils/{id}/consent" => {
            json!({"photo_consent": "yes", "looked_after": false, "do_not_show": false})
        }
        "/threads/{id}/messages" | "/classes/{id}/chat" => json!({"body": "Thank you for today"}),
        // A text-only post may be JSON; photos come as multipart (tested in `stories`).
        "/stories" => json!({"body": "Thank you to everyone who came to sports day"}),
        "/stories/{id}/comments" => json!({"body": "What a lovely day, thank you"}),
        "/chat-messages/{id}/remove" | "/chat-messages/{id}/report" => {
            json!({"reason": "Off topic"})
        }
        "/classes/{id}/cover" => {
            json!({"user_id": 2, "starts_at": "2030-01-07T08:00:00Z", "ends_at": "2030-01-07T17:00:00Z"})
        }
        _ => return None,
    })
}

/// Every operation in the served OpenAPI document: (method, path under /api/v1, takes a body).
async fn operations(app: &TestApp) -> Vec<(Method, String, bool)> {
    let doc: Value = get_json(&app.client(), app.api("/openapi.json")).await;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "OpenAPI 3.1"
    );
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(m) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            let path = path
                .strip_prefix("/api/v1")
                .expect("every path is under /api/v1")
                .to_owned();
            out.push((m, path, op.get("requestBody").is_some()));
        }
    }
    out
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "1")
}

async fn openapi_describes_exactly_the_served_routes(db: String) {
    let app = TestApp::start(&db).await;
    let ops = operations(&app).await;
    let documented: BTreeSet<(String, String)> = ops
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.clone()))
        .collect();
    let contract: BTreeSet<(String, String)> = CONTRACT
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(documented, contract);
    // And each documented route is really served: never the 404/405 of an unknown route.
    let leader = app.signed_in(LEADER).await;
    for (method, path, has_body) in &ops {
        let mut req = leader.request(method.clone(), app.api(&concrete(path)));
        if *has_body {
            req = req.json(&sample_body(path).unwrap());
        }
        let res = req.send().await.unwrap();
        assert_ne!(
            res.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        if res.status() == StatusCode::NOT_FOUND {
            let body: Value = res.json().await.unwrap();
            assert_ne!(
                body["message"], "There is nothing here.",
                "{method} {path} is not routed"
            );
        }
    }
}

async fn a_pupil_gets_403_from_every_non_pupil_endpoint(db: String) {
    let app = TestApp::start(&db).await;
    let pupil = app.pupil().await;
    let mut checked = 0;
    for (method, path, has_body) in operations(&app).await {
        let key = (method.as_str(), path.as_str());
        if PUBLIC.contains(&key) || PUPIL_MAY.contains(&key) {
            continue;
        }
        let mut req = pupil.request(method.clone(), app.api(&concrete(&path)));
        if has_body {
            req = req.json(
                &sample_body(&path).unwrap_or_else(|| panic!("add a sample body for {path}")),
            );
        }
        let res = req.send().await.unwrap();
        let body = error_of(res, StatusCode::FORBIDDEN).await;
        assert_eq!(body["code"], "forbidden", "{method} {path}");
        checked += 1;
    }
    assert!(checked >= 9, "{checked}");
    // The pupil's session still works for what pupils may do.
    assert!(app.me(&pupil).await.is_ok());
    assert_eq!(
        pupil
            .post(app.api("/auth/logout"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
}

/// Replaces one field's value with a value of another JSON type.
fn mistyped(body: &Value, field: &str) -> Value {
    let mut b = body.clone();
    b[field] = match &body[field] {
        Value::String(_) => json!(12345),
        _ => json!("not-a-number"),
    };
    b
}

async fn send_raw(
    client: &Client,
    url: String,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    client
        .post(url)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn bad_bodies_get_a_clear_4xx_never_a_500(db: String) {
    let app = TestApp::start(&db).await;
    let mut checked = 0;
    for (method, path, has_body) in operations(&app).await {
        if method != Method::POST {
            continue;
        }
        // A leader passes authentication everywhere, so each request reaches the body checks. A fresh
        // session per endpoint, since one of them is sign-out.
        let leader = app.signed_in(LEADER).await;
        let url = app.api(&concrete(&path));
        if !has_body {
            // Endpoints without a body ignore one, whatever it is.
            let res = send_raw(&leader, url, "application/json", b"{not json".to_vec()).await;
            assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
            continue;
        }
        let sample = sample_body(&path).unwrap_or_else(|| panic!("add a sample body for {path}"));
        let cases: Vec<(&str, &str, Vec<u8>, StatusCode, &str)> = vec![
            (
                "malformed",
                "application/json",
                b"{\"a\": ".to_vec(),
                StatusCode::BAD_REQUEST,
                "invalid_json",
            ),
            (
                "not json",
                "application/json",
                b"hello".to_vec(),
                StatusCode::BAD_REQUEST,
                "invalid_json",
            ),
            (
                "empty",
                "application/json",
                Vec::new(),
                StatusCode::BAD_REQUEST,
                "invalid_json",
            ),
            (
                "empty object",
                "application/json",
                b"{}".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
            ),
            (
                "array",
                "application/json",
                b"[]".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
            ),
            (
                "null",
                "application/json",
                b"null".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
            ),
            (
                "form",
                "application/x-www-form-urlencoded",
                b"a=1".to_vec(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            ),
            (
                "no type",
                "",
                sample.to_string().into_bytes(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            ),
            (
                "oversized",
                "application/json",
                json!({"padding": "x".repeat(100 * 1024)})
                    .to_string()
                    .into_bytes(),
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
            ),
        ];
        for (what, content_type, body, status, code) in cases {
            let mut req = leader.post(url.clone()).body(body);
            if !content_type.is_empty() {
                req = req.header("content-type", content_type);
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), status, "{path} {what}");
            let err: Value = res.json().await.unwrap();
            assert_eq!(err["code"], code, "{path} {what}");
            if status == StatusCode::UNPROCESSABLE_ENTITY {
                assert!(
                    !err["fields"].as_array().unwrap().is_empty(),
                    "{path} {what}: {err}"
                );
            }
            checked += 1;
        }
        for field in sample.as_object().unwrap().keys() {
            let mut missing = sample.clone();
            missing.as_object_mut().unwrap().remove(field);
            let res = post(&leader, url.clone(), missing).await;
            let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(
                err["fields"][0]["field"],
                field.as_str(),
                "{path} without {field}"
            );
            assert_eq!(err["fields"][0]["code"], "required");

            let res = post(&leader, url.clone(), mistyped(&sample, field)).await;
            let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(
                err["fields"][0]["field"],
                field.as_str(),
                "{path} with a mistyped {field}"
            );
            checked += 2;
        }
    }
    assert!(checked > 60, "{checked}");
}

async fn unknown_api_paths_and_methods_answer_json(db: String) {
    let app = TestApp::start(&db).await;
    let client = app.client();
    for path in [
        "/api/v1/nope",
        "/api/v2/me",
        "/api",
        "/api/v1/classes/1/nope",
    ] {
        let res = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            error_of(res, StatusCode::NOT_FOUND).await["code"],
            "not_found",
            "{path}"
        );
    }
    let res = client.put(app.api("/me")).send().await.unwrap();
    assert_eq!(
        error_of(res, StatusCode::METHOD_NOT_ALLOWED).await["code"],
        "method_not_allowed"
    );
    let res = client.get(app.api("/auth/login")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}

crate::app_tests!(
    openapi_describes_exactly_the_served_routes,
    a_pupil_gets_403_from_every_non_pupil_endpoint,
    bad_bodies_get_a_clear_4xx_never_a_500,
    unknown_api_paths_and_methods_answer_json,
);
