//! Parent invites: joining, single use, expiry, wrong codes, linking a second child, the two-adult limit
//! and a leader's approval of one more, and who may issue them.

use std::time::Duration;

use hometime_domain::Home;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

async fn an_invite_creates_a_linked_parent_once(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let res = app.invite(&teacher, AUTUMN).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: serde_json::Value = res.json().await.unwrap();
    let code = body["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 11, "shown as XXXXX-XXXXX: {code}");
    assert!(body["expires_at"].as_str().unwrap().ends_with('Z'));

    let parent = app.client();
    let res = app
        .join(&parent, &code.to_lowercase(), "pat@example.com")
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert!(session_cookie(&res).is_some(), "joined and signed in");
    let me = app.me(&parent).await.unwrap();
    assert_eq!(me.home, Home::Parent);
    assert_eq!(
        me.children
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["Autumn"]
    );

    // The new account signs in with its password.
    let res = app
        .login(&app.client(), "pat@example.com", "Kestrel2026")
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    let second = app
        .join(&app.client(), &code, "someone.else@example.com")
        .await;
    assert_eq!(
        error_of(second, StatusCode::BAD_REQUEST).await["code"],
        "invite_invalid"
    );
}

async fn invites_expire_after_fourteen_days(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let code = app.invite_code(&teacher, AUTUMN).await;
    app.advance(Duration::from_secs(14 * 24 * 3600 + 60));
    let res = app.join(&app.client(), &code, "late@example.com").await;
    assert_eq!(
        error_of(res, StatusCode::BAD_REQUEST).await["code"],
        "invite_invalid"
    );
}

async fn wrong_and_malformed_codes_are_refused_clearly(db: String) {
    let app = TestApp::start(&db).await;
    let res = app
        .join(&app.client(), "ABCDE-12345", "pat@example.com")
        .await;
    let body = error_of(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(body["code"], "invite_invalid");
    let res = app.join(&app.client(), "nope", "pat@example.com").await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["fields"][0]["field"], "invite_code");
    assert_eq!(body["fields"][0]["code"], "invalid_code");
    // Every bad field is reported at once.
    let res = app
        .client()
        .post(app.api("/auth/join"))
        .json(&json!({"invite_code": "", "display_name": " ", "email": "x", "password": "short"}))
        .send()
        .await
        .unwrap();
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<_> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["invite_code", "display_name", "email", "password"]);
}

async fn an_existing_email_cannot_join_again(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let code = app.invite_code(&teacher, AUTUMN).await;
    let res = app.join(&app.client(), &code, PARENT).await;
    assert_eq!(
        error_of(res, StatusCode::CONFLICT).await["code"],
        "email_taken"
    );
    // The refused attempt did not use up the invite.
    let res = app.join(&app.client(), &code, "fresh@example.com").await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn a_parent_links_another_child(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let parent = app.signed_in(PARENT).await;
    let code = app.invite_code(&teacher, AUTUMN).await;
    app.advance(std::time::Duration::from_secs(1));
    let res = parent
        .post(app.api("/me/children"))
        .json(&json!({"invite_code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let me: hometime_api::Me = res.json().await.unwrap();
    let names: Vec<_> = me.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ivy", "Leo", "Autumn"]);

    let again = parent
        .post(app.api("/me/children"))
        .json(&json!({"invite_code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(again, StatusCode::BAD_REQUEST).await["code"],
        "invite_invalid"
    );
    let another = app.invite_code(&teacher, AUTUMN).await;
    let dup = parent
        .post(app.api("/me/children"))
        .json(&json!({"invite_code": another}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(dup, StatusCode::CONFLICT).await["code"],
        "already_linked"
    );
}

async fn two_adults_per_pupil_unless_a_leader_approves_more(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let leader = app.signed_in(LEADER).await;

    // Ivy already has two linked adults: no invite, and the message says who to contact.
    let body = error_of(app.invite(&teacher, IVY).await, StatusCode::CONFLICT).await;
    assert_eq!(body["code"], "guardian_limit");
    assert!(
        body["message"].as_str().unwrap().contains("school office"),
        "{body}"
    );

    let approve = |client: &reqwest::Client, reason: &str| {
        client
            .post(app.api(&format!("/pupils/{IVY}/adult-approvals")))
            .json(&json!({"reason": reason}))
            .send()
    };
    assert_eq!(
        approve(&teacher, "Step-parent").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let office = app.signed_in(OFFICE).await;
    assert_eq!(
        approve(&office, "Step-parent").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let empty = approve(&leader, "   ").await.unwrap();
    assert_eq!(
        error_of(empty, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["field"],
        "reason"
    );
    assert_eq!(
        approve(&leader, "Step-parent with parental responsibility")
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );

    let code = app.invite_code(&teacher, IVY).await;
    assert_eq!(
        app.join(&app.client(), &code, "third@example.com")
            .await
            .status(),
        StatusCode::CREATED
    );
    let full = error_of(app.invite(&teacher, IVY).await, StatusCode::CONFLICT).await;
    assert_eq!(full["code"], "guardian_limit");

    let detail: hometime_api::ClassDetail =
        get_json(&teacher, app.api(&format!("/classes/{KESTREL}"))).await;
    let ivy = detail.pupils.iter().find(|p| p.id.0 == IVY).unwrap();
    assert_eq!((ivy.linked_adults, ivy.adult_limit), (3, 3));
}

async fn the_limit_is_checked_again_when_an_invite_is_redeemed(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    // Mason has one adult, so one place: two invites may be out, only one can be used.
    let first = app.invite_code(&teacher, MASON).await;
    let second = app.invite_code(&teacher, MASON).await;
    assert_eq!(
        app.join(&app.client(), &first, "one@example.com")
            .await
            .status(),
        StatusCode::CREATED
    );
    let res = app.join(&app.client(), &second, "two@example.com").await;
    let body = error_of(res, StatusCode::CONFLICT).await;
    assert_eq!(body["code"], "guardian_limit");
    let res = app
        .login(&app.client(), "two@example.com", "Kestrel2026")
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "no account was created"
    );
}

async fn only_the_pupils_teacher_the_office_and_leaders_issue_invites(db: String) {
    let app = TestApp::start(&db).await;
    let rows = [
        (TEACHER, StatusCode::CREATED),
        (OTHER_TEACHER, StatusCode::FORBIDDEN),
        (OFFICE, StatusCode::CREATED),
        (LEADER, StatusCode::CREATED),
        (SUPPORT, StatusCode::FORBIDDEN),
        (PARENT, StatusCode::FORBIDDEN),
    ];
    for (email, want) in rows {
        let client = app.signed_in(email).await;
        assert_eq!(app.invite(&client, AUTUMN).await.status(), want, "{email}");
    }
    let teacher = app.signed_in(TEACHER).await;
    assert_eq!(
        app.invite(&teacher, 99_999).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.invite(&app.client(), AUTUMN).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

crate::app_tests!(
    an_invite_creates_a_linked_parent_once,
    invites_expire_after_fourteen_days,
    wrong_and_malformed_codes_are_refused_clearly,
    an_existing_email_cannot_join_again,
    a_parent_links_another_child,
    two_adults_per_pupil_unless_a_leader_approves_more,
    the_limit_is_checked_again_when_an_invite_is_redeemed,
    only_the_pupils_teacher_the_office_and_leaders_issue_invites,
);
