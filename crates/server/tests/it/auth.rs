//! Sign-in for every role, `/me`, sign-out, session rotation and session expiry.

use std::time::Duration;

use hometime_domain::{Home, StaffRole};
use reqwest::StatusCode;

use crate::support::*;

const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

async fn each_role_signs_in_and_lands_on_their_home(db: String) {
    let app = TestApp::start(&db).await;
    // (account, home, staff role, children, classes)
    type Row<'a> = (
        &'a str,
        Home,
        Option<StaffRole>,
        &'a [&'a str],
        &'a [&'a str],
    );
    let rows: [Row; 6] = [
        (
            TEACHER,
            Home::Teacher,
            Some(StaffRole::Teacher),
            &[],
            &["Kestrel"],
        ),
        (
            LEADER,
            Home::Leader,
            Some(StaffRole::Leader),
            &[],
            &["Robin", "Kestrel", "Kingfisher"],
        ),
        (
            OFFICE,
            Home::Teacher,
            Some(StaffRole::Office),
            &[],
            &["Robin", "Kestrel", "Kingfisher"],
        ),
        (SUPPORT, Home::Teacher, Some(StaffRole::Support), &[], &[]),
        (PARENT, Home::Parent, None, &["Ivy", "Leo"], &[]),
        ("alex.lane@example.com", Home::Parent, None, &["Ruby"], &[]),
    ];
    for (email, home, role, children, classes) in rows {
        let client = app.signed_in(email).await;
        let me = app.me(&client).await.unwrap();
        assert_eq!(me.home, home, "{email}");
        assert_eq!(me.staff_role, role, "{email}");
        assert_eq!(me.school.name, "Brookfield Community Primary (fictional)");
        let names: Vec<_> = me.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, children, "{email}");
        let class_names: Vec<_> = me.classes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(class_names, classes, "{email}");
        assert!(me.pupil.is_none());
    }
    let sam = app.me(&app.signed_in(PARENT).await).await.unwrap();
    assert_eq!(sam.children[0].teacher_name.as_deref(), Some("Mr Daly"));
    assert_eq!(sam.children[1].class_name, "Robin");

    let pupil = app.pupil().await;
    let me = app.me(&pupil).await.unwrap();
    assert_eq!(me.home, Home::Pupil);
    let own = me.pupil.unwrap();
    assert_eq!(
        (own.name.as_str(), own.class_name.as_str()),
        ("Ivy", "Kestrel")
    );
    assert!(me.user_id.is_none() && me.children.is_empty());
}

async fn a_wrong_password_and_an_unknown_account_look_the_same(db: String) {
    let app = TestApp::start(&db).await;
    let client = app.client();
    let wrong = error_of(
        app.login(&client, TEACHER, "Wrong2026").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown = error_of(
        app.login(&client, "nobody@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(wrong["code"], "invalid_credentials");
    assert_eq!(wrong, unknown);
    assert_eq!(app.me(&client).await, Err(StatusCode::UNAUTHORIZED));
    // E-mail case and spaces do not matter.
    let res = app
        .login(&client, "  DALY@brookfield.example.sch.uk ", PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn me_without_a_session_is_unauthenticated(db: String) {
    let app = TestApp::start(&db).await;
    let res = app.client().get(app.api("/me")).send().await.unwrap();
    let body = error_of(res, StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["code"], "unauthenticated");
    let forged = app
        .client()
        .get(app.api("/me"))
        .header("cookie", "hometime_session=made-up-token")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

async fn the_session_cookie_is_http_only_and_same_site(db: String) {
    let app = TestApp::start(&db).await;
    let res = app.login(&app.client(), PARENT, PASSWORD).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    assert!(session_cookie(&res).unwrap().len() >= 43, "256-bit token");
}

async fn sign_out_ends_the_session(db: String) {
    let app = TestApp::start(&db).await;
    let client = app.client();
    let token = session_cookie(&app.login(&client, PARENT, PASSWORD).await).unwrap();
    let res = client.post(app.api("/auth/logout")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(app.me(&client).await, Err(StatusCode::UNAUTHORIZED));
    // The old token is dead on the server too, not just forgotten by the browser.
    let replay = app
        .client()
        .get(app.api("/me"))
        .header("cookie", format!("hometime_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    let again = client.post(app.api("/auth/logout")).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
}

async fn signing_in_again_rotates_the_session(db: String) {
    let app = TestApp::start(&db).await;
    let client = app.client();
    let first = session_cookie(&app.login(&client, PARENT, PASSWORD).await).unwrap();
    let second = session_cookie(&app.login(&client, TEACHER, PASSWORD).await).unwrap();
    assert_ne!(first, second);
    assert_eq!(app.me(&client).await.unwrap().home, Home::Teacher);
    let old = app
        .client()
        .get(app.api("/me"))
        .header("cookie", format!("hometime_session={first}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        old.status(),
        StatusCode::UNAUTHORIZED,
        "the browser's old session was ended"
    );
    // Another device's session is untouched by this browser's sign-in.
    let other = app.signed_in(PARENT).await;
    app.login(&client, PARENT, PASSWORD).await;
    assert!(app.me(&other).await.is_ok());
}

async fn sessions_expire_when_idle(db: String) {
    let app = TestApp::start(&db).await;
    let parent = app.signed_in(PARENT).await;
    let staff = app.signed_in(TEACHER).await;
    app.advance(11 * HOUR);
    assert!(
        app.me(&staff).await.is_ok(),
        "11 hours idle is fine for staff"
    );
    app.advance(12 * HOUR + Duration::from_secs(60));
    assert_eq!(
        app.me(&staff).await,
        Err(StatusCode::UNAUTHORIZED),
        "12 hours idle ends a staff session"
    );
    assert!(
        app.me(&parent).await.is_ok(),
        "a day idle is fine for a parent"
    );
    app.advance(7 * DAY + Duration::from_secs(60));
    assert_eq!(
        app.me(&parent).await,
        Err(StatusCode::UNAUTHORIZED),
        "a week idle ends it"
    );
}

async fn sessions_expire_absolutely_even_when_used(db: String) {
    let app = TestApp::start(&db).await;
    let parent = app.signed_in(PARENT).await;
    for _ in 0..4 {
        app.advance(6 * DAY);
        assert!(app.me(&parent).await.is_ok(), "kept alive by use");
    }
    app.advance(6 * DAY);
    assert_eq!(
        app.me(&parent).await,
        Err(StatusCode::UNAUTHORIZED),
        "30 days after sign-in"
    );

    let pupil = app.pupil().await;
    for _ in 0..7 {
        app.advance(HOUR);
        assert!(app.me(&pupil).await.is_ok());
    }
    app.advance(HOUR);
    assert_eq!(
        app.me(&pupil).await,
        Err(StatusCode::UNAUTHORIZED),
        "a pupil session lasts a school day"
    );
}

crate::app_tests!(
    each_role_signs_in_and_lands_on_their_home,
    a_wrong_password_and_an_unknown_account_look_the_same,
    me_without_a_session_is_unauthenticated,
    the_session_cookie_is_http_only_and_same_site,
    sign_out_ends_the_session,
    signing_in_again_rotates_the_session,
    sessions_expire_when_idle,
    sessions_expire_absolutely_even_when_used,
);
