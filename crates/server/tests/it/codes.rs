//! Class codes (open, expire, close, pick) and the staff views of classes and the school.

use std::time::Duration;

use hometime_api::{ClassDetail, ClassSummary, PupilChoices, SchoolOverview, SchoolSettings};
use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

async fn a_class_code_lets_pupils_pick_themselves_until_it_expires(db: String) {
    let app = TestApp::start(&db).await;
    let code = app.open_kestrel_code(10).await;
    assert_eq!(code.len(), 7, "shown as XXX-XXX: {code}");
    let tablet = app.client();
    let res = post(
        &tablet,
        app.api("/pupil-auth/class"),
        json!({"code": code.to_lowercase()}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let choices: PupilChoices = res.json().await.unwrap();
    assert_eq!(choices.class_name, "Kestrel");
    assert_eq!(choices.pupils.len(), 25);
    assert!(
        choices.pupils.iter().any(|p| p.name == "Frankie"),
        "preferred names"
    );
    let raw: serde_json::Value = post(&tablet, app.api("/pupil-auth/class"), json!({"code": code}))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        raw["pupils"][0].get("surname").is_none(),
        "first names and avatars only"
    );

    let res = post(
        &tablet,
        app.api("/pupil-auth/pick"),
        json!({"code": code, "pupil_id": IVY}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.me(&tablet).await.unwrap().pupil.unwrap().name, "Ivy");

    // A pupil of another class cannot be picked with this class's code.
    let res = post(
        &app.client(),
        app.api("/pupil-auth/pick"),
        json!({"code": code, "pupil_id": KINGFISHER_PUPIL}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::BAD_REQUEST).await["code"],
        "class_code_invalid"
    );

    app.advance(Duration::from_secs(10 * 60 + 1));
    let res = post(
        &app.client(),
        app.api("/pupil-auth/class"),
        json!({"code": code}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::BAD_REQUEST).await["code"],
        "class_code_invalid"
    );
    let res = post(
        &app.client(),
        app.api("/pupil-auth/pick"),
        json!({"code": code, "pupil_id": IVY}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::BAD_REQUEST).await["code"],
        "class_code_invalid"
    );
}

async fn closing_or_reopening_a_code_stops_the_old_one(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let first = app.open_kestrel_code(30).await;
    let second = app.open_kestrel_code(30).await;
    let tablet = app.client();
    let check = |code: String| post(&tablet, app.api("/pupil-auth/class"), json!({"code": code}));
    assert_eq!(check(first).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(check(second.clone()).await.status(), StatusCode::OK);
    let res = teacher
        .delete(app.api(&format!("/classes/{KESTREL}/pupil-code")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(check(second).await.status(), StatusCode::BAD_REQUEST);
}

async fn only_the_classs_teacher_and_leaders_open_codes(db: String) {
    let app = TestApp::start(&db).await;
    let rows = [
        (TEACHER, StatusCode::OK),
        (LEADER, StatusCode::OK),
        (OTHER_TEACHER, StatusCode::FORBIDDEN),
        (OFFICE, StatusCode::FORBIDDEN),
        (PARENT, StatusCode::FORBIDDEN),
    ];
    for (email, want) in rows {
        let client = app.signed_in(email).await;
        let res = post(
            &client,
            app.api(&format!("/classes/{KESTREL}/pupil-code")),
            json!({"minutes": 5}),
        )
        .await;
        assert_eq!(res.status(), want, "{email}");
        let res = client
            .delete(app.api(&format!("/classes/{KESTREL}/pupil-code")))
            .send()
            .await
            .unwrap();
        let want = if want == StatusCode::OK {
            StatusCode::NO_CONTENT
        } else {
            want
        };
        assert_eq!(res.status(), want, "{email} closing");
    }
    let teacher = app.signed_in(TEACHER).await;
    for minutes in [0, 61] {
        let res = post(
            &teacher,
            app.api(&format!("/classes/{KESTREL}/pupil-code")),
            json!({"minutes": minutes}),
        )
        .await;
        let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["fields"][0]["field"], "minutes", "{minutes}");
    }
    let res = post(
        &teacher,
        app.api("/classes/99999/pupil-code"),
        json!({"minutes": 5}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = post(
        &teacher,
        app.api("/classes/abc/pupil-code"),
        json!({"minutes": 5}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::NOT_FOUND).await["code"],
        "not_found"
    );
}

async fn staff_see_the_classes_they_work_with(db: String) {
    let app = TestApp::start(&db).await;
    let list = |email: &'static str| {
        let app = &app;
        async move {
            let client = app.signed_in(email).await;
            let res = client.get(app.api("/classes")).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{email}");
            res.json::<Vec<ClassSummary>>()
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(list(TEACHER).await, ["Kestrel"]);
    assert_eq!(list(LEADER).await, ["Robin", "Kestrel", "Kingfisher"]);
    assert_eq!(list(OFFICE).await.len(), 3);
    assert!(list(SUPPORT).await.is_empty());
    let parent = app.signed_in(PARENT).await;
    assert_eq!(
        status_of(&parent, app.api("/classes")).await,
        StatusCode::FORBIDDEN
    );

    let detail_rows = [
        (TEACHER, KESTREL, StatusCode::OK),
        (TEACHER, KINGFISHER, StatusCode::FORBIDDEN),
        (OFFICE, KINGFISHER, StatusCode::OK),
        (LEADER, KESTREL, StatusCode::OK),
        (PARENT, KESTREL, StatusCode::FORBIDDEN),
        (TEACHER, 99_999, StatusCode::NOT_FOUND),
    ];
    for (email, class, want) in detail_rows {
        let client = app.signed_in(email).await;
        let res = client
            .get(app.api(&format!("/classes/{class}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), want, "{email} class {class}");
    }
    let teacher = app.signed_in(TEACHER).await;
    let detail: ClassDetail = get_json(&teacher, app.api(&format!("/classes/{KESTREL}"))).await;
    assert_eq!(detail.class.teacher_name.as_deref(), Some("Mr Daly"));
    assert_eq!(detail.pupils.len(), 25);
    let autumn = detail.pupils.iter().find(|p| p.id.0 == AUTUMN).unwrap();
    assert_eq!(
        (autumn.first_name.as_str(), autumn.surname.as_str()),
        ("Autumn", "Cook")
    );
    assert_eq!((autumn.linked_adults, autumn.adult_limit), (0, 2));
    assert!(autumn.parents.is_empty());
    // Staff see who each pupil's linked adults are, so they can start a private thread with one.
    let ruby = detail
        .pupils
        .iter()
        .find(|p| p.first_name == "Ruby")
        .unwrap();
    assert_eq!(ruby.parents.len() as u32, ruby.linked_adults);
    assert!(ruby.parents.iter().any(|p| p.name == "Alex Lane"));
}

async fn school_settings_for_staff_and_the_overview_for_leaders(db: String) {
    let app = TestApp::start(&db).await;
    for email in [TEACHER, OFFICE, SUPPORT, LEADER] {
        let client = app.signed_in(email).await;
        let s: SchoolSettings = get_json(&client, app.api("/school")).await;
        assert_eq!(s.office_phone, "01632 960777", "{email}");
        assert_eq!(s.working_days.len(), 5);
        assert_eq!(
            (s.working_start.as_str(), s.working_end.as_str()),
            ("08:00", "17:00")
        );
    }
    let parent = app.signed_in(PARENT).await;
    assert_eq!(
        status_of(&parent, app.api("/school")).await,
        StatusCode::FORBIDDEN
    );
    for email in [TEACHER, OFFICE] {
        let client = app.signed_in(email).await;
        let res = client
            .get(app.api("/school/overview"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email}");
    }
    let leader = app.signed_in(LEADER).await;
    let o: SchoolOverview = get_json(&leader, app.api("/school/overview")).await;
    assert_eq!((o.pupil_count, o.staff_count, o.classes.len()), (75, 7, 3));
    assert!(o.linked_parent_count > 100, "{}", o.linked_parent_count);
    assert_eq!(
        o.settings.dsl,
        "Ms Okoro (Deputy Head, Designated Safeguarding Lead)"
    );
}

crate::app_tests!(
    a_class_code_lets_pupils_pick_themselves_until_it_expires,
    closing_or_reopening_a_code_stops_the_old_one,
    only_the_classs_teacher_and_leaders_open_codes,
    staff_see_the_classes_they_work_with,
    school_settings_for_staff_and_the_overview_for_leaders,
);
