//! Messaging through the real server: the recipient rules (allowed and refused pairs, cover windows),
//! other families' threads, the policy re-check, class-chat moderation and reports, read receipts and
//! scheduled delivery across working hours with the controlled clock, the export, and live events.

use std::time::Duration;

use chrono::{Datelike, Timelike};
use chrono_tz::Europe::London;
use futures_util::StreamExt;
use hometime_server::Clock;
use hometime_store::Store;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

const ALEX: &str = "alex.lane@example.com";
const RUBY: i64 = 2;
/// Sam Fisher's child in Robin class.
const LEO: i64 = 51;

fn clock_ms(app: &TestApp) -> i64 {
    app.clock.now_ms()
}

async fn user_id(app: &TestApp, client: &Client) -> i64 {
    app.me(client).await.unwrap().user_id.unwrap().0
}

/// Changes school settings keys directly in the database (no settings endpoint is part of this work).
async fn set_settings(db: &str, changes: Value) {
    let store = Store::connect(db).await.unwrap();
    let school = store
        .school(hometime_domain::SchoolId(1))
        .await
        .unwrap()
        .unwrap();
    let mut settings: Value = serde_json::from_str(&school.settings).unwrap();
    for (k, v) in changes.as_object().unwrap() {
        settings[k] = v.clone();
    }
    store
        .set_school_settings(school.id, &settings.to_string())
        .await
        .unwrap();
    store.close().await;
}

/// Moves the clock to `hh:mm` London time later the same day (or the next day when already past).
fn advance_to_time(app: &TestApp, hh: u32, mm: u32) {
    let now = chrono::DateTime::from_timestamp_millis(clock_ms(app))
        .unwrap()
        .with_timezone(&London);
    let mut mins = i64::from(hh * 60 + mm) - i64::from(now.hour() * 60 + now.minute());
    if mins <= 0 {
        mins += 24 * 60;
    }
    app.advance(Duration::from_secs(
        u64::try_from(mins * 60).unwrap() - u64::from(now.second()),
    ));
}

async fn start_thread(app: &TestApp, parent: &Client, pupil: i64) -> i64 {
    let res = post(parent, app.api("/threads"), json!({"pupil_id": pupil})).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn send(app: &TestApp, client: &Client, thread: i64, body: Value) -> reqwest::Response {
    post(
        client,
        app.api(&format!("/threads/{thread}/messages")),
        body,
    )
    .await
}

async fn messages(app: &TestApp, client: &Client, thread: i64) -> Vec<Value> {
    let res = client
        .get(app.api(&format!("/threads/{thread}/messages")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["messages"]
        .as_array()
        .unwrap()
        .clone()
}

async fn recipient_rules_allow_only_the_right_pairs(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let sam_id = user_id(&app, &sam).await;
    let alex = app.signed_in(ALEX).await;
    let alex_id = user_id(&app, &alex).await;
    let teacher = app.signed_in(TEACHER).await;
    let other_teacher = app.signed_in(OTHER_TEACHER).await;
    let leader = app.signed_in(LEADER).await;
    let office = app.signed_in(OFFICE).await;
    let support = app.signed_in(SUPPORT).await;
    // (who, body, expected status, expected code)
    let cases: Vec<(&str, &Client, Value, StatusCode, &str)> = vec![
        (
            "parent, own child",
            &sam,
            json!({"pupil_id": IVY}),
            StatusCode::OK,
            "",
        ),
        (
            "parent, own child in another class",
            &sam,
            json!({"pupil_id": LEO}),
            StatusCode::OK,
            "",
        ),
        (
            "parent, another child",
            &sam,
            json!({"pupil_id": RUBY}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "parent, another class",
            &sam,
            json!({"pupil_id": KINGFISHER_PUPIL}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "parent, unknown pupil",
            &sam,
            json!({"pupil_id": 99999}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "teacher, parent of a pupil in the class",
            &teacher,
            json!({"pupil_id": IVY, "parent_id": sam_id}),
            StatusCode::OK,
            "",
        ),
        (
            "teacher, no parent named",
            &teacher,
            json!({"pupil_id": IVY}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            "teacher, adult not linked to the pupil",
            &teacher,
            json!({"pupil_id": IVY, "parent_id": alex_id}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "teacher, pupil of another class",
            &teacher,
            json!({"pupil_id": KINGFISHER_PUPIL, "parent_id": sam_id}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "other teacher, not their class",
            &other_teacher,
            json!({"pupil_id": IVY, "parent_id": sam_id}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "leader, not a class teacher",
            &leader,
            json!({"pupil_id": IVY, "parent_id": sam_id}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "office",
            &office,
            json!({"pupil_id": IVY, "parent_id": sam_id}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
        (
            "support staff",
            &support,
            json!({"pupil_id": IVY, "parent_id": sam_id}),
            StatusCode::FORBIDDEN,
            "recipient_not_allowed",
        ),
    ];
    for (what, client, body, status, code) in cases {
        let res = post(client, app.api("/threads"), body).await;
        assert_eq!(res.status(), status, "{what}");
        if !code.is_empty() {
            let err: Value = res.json().await.unwrap();
            assert_eq!(err["code"], code, "{what}");
            if code == "recipient_not_allowed" {
                let msg = err["message"].as_str().unwrap();
                assert!(
                    msg.contains("01632 960777") && msg.contains("office@brookfield"),
                    "{what}: {msg}"
                );
            }
        }
    }
    // Parent and teacher reach the same thread.
    let a = start_thread(&app, &sam, IVY).await;
    let b = post(
        &teacher,
        app.api("/threads"),
        json!({"pupil_id": IVY, "parent_id": sam_id}),
    )
    .await
    .json::<Value>()
    .await
    .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(a, b);

    // Cover: a window a leader assigns lets the cover teacher in while it lasts, and not before or after.
    let achebe = user_id(&app, &other_teacher).await;
    let now = chrono::DateTime::from_timestamp_millis(clock_ms(&app)).unwrap();
    let at = |h: i64| (now + chrono::Duration::hours(h)).to_rfc3339();
    let res = post(
        &leader,
        app.api(&format!("/classes/{KESTREL}/cover")),
        json!({"user_id": achebe, "starts_at": at(1), "ends_at": at(3)}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let try_cover = || {
        post(
            &other_teacher,
            app.api("/threads"),
            json!({"pupil_id": IVY, "parent_id": sam_id}),
        )
    };
    assert_eq!(
        try_cover().await.status(),
        StatusCode::FORBIDDEN,
        "before the window"
    );
    app.advance(Duration::from_secs(2 * 3600));
    assert_eq!(
        try_cover().await.status(),
        StatusCode::OK,
        "inside the window"
    );
    assert_eq!(messages(&app, &other_teacher, a).await.len(), 0);
    app.advance(Duration::from_secs(2 * 3600));
    assert_eq!(
        try_cover().await.status(),
        StatusCode::FORBIDDEN,
        "after the window"
    );
    let res = other_teacher
        .get(app.api(&format!("/threads/{a}/messages")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "the thread closes again after cover"
    );
    // Only leaders assign cover, and the window must make sense.
    let res = post(
        &teacher,
        app.api(&format!("/classes/{KESTREL}/cover")),
        json!({"user_id": achebe, "starts_at": at(1), "ends_at": at(3)}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post(
        &leader,
        app.api(&format!("/classes/{KESTREL}/cover")),
        json!({"user_id": achebe, "starts_at": at(3), "ends_at": at(1)}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["field"],
        "ends_at"
    );

    // Support staff may message only when the school says so, and only for classes they are assigned to.
    let singh = user_id(&app, &support).await;
    let far = |h: i64| {
        (chrono::DateTime::from_timestamp_millis(clock_ms(&app)).unwrap()
            + chrono::Duration::hours(h))
        .to_rfc3339()
    };
    let res = post(
        &leader,
        app.api(&format!("/classes/{KESTREL}/cover")),
        json!({"user_id": singh, "starts_at": far(-1), "ends_at": far(100)}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let try_support = || {
        post(
            &support,
            app.api("/threads"),
            json!({"pupil_id": IVY, "parent_id": sam_id}),
        )
    };
    assert_eq!(
        try_support().await.status(),
        StatusCode::FORBIDDEN,
        "setting none"
    );
    set_settings(&db, json!({"support_staff_messaging": "post_only"})).await;
    assert_eq!(
        try_support().await.status(),
        StatusCode::FORBIDDEN,
        "setting post_only"
    );
    let res = post(
        &support,
        app.api(&format!("/classes/{KESTREL}/chat")),
        json!({"body": "PE is on Thursday this week."}),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "post_only may post in class chat"
    );
    set_settings(&db, json!({"support_staff_messaging": "message"})).await;
    assert_eq!(
        try_support().await.status(),
        StatusCode::OK,
        "setting message"
    );
}

async fn threads_of_other_families_are_not_found(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let alex = app.signed_in(ALEX).await;
    let other_teacher = app.signed_in(OTHER_TEACHER).await;
    let thread = start_thread(&app, &sam, IVY).await;
    let res = send(
        &app,
        &sam,
        thread,
        json!({"body": "Thank you for the lovely week, see you tomorrow"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    for (who, client) in [
        ("another parent", &alex),
        ("another teacher", &other_teacher),
    ] {
        for path in ["messages", "reply-expectation"] {
            let res = client
                .get(app.api(&format!("/threads/{thread}/{path}")))
                .send()
                .await
                .unwrap();
            assert_eq!(
                error_of(res, StatusCode::NOT_FOUND).await["code"],
                "not_found",
                "{who} {path}"
            );
        }
        let res = send(&app, client, thread, json!({"body": "hello"})).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{who} sends");
        let res = app.mark_read(client, thread).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{who} marks read");
        let list: Vec<Value> = get_json(client, app.api("/threads")).await;
        assert!(
            list.iter().all(|t| t["id"] != thread),
            "{who} does not list it"
        );
    }
    let res = sam
        .get(app.api("/threads/999999/messages"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app
        .client()
        .get(app.api(&format!("/threads/{thread}/messages")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(res, StatusCode::UNAUTHORIZED).await["code"],
        "unauthenticated"
    );
    let res = app.client().get(app.api("/events")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn bad_messages_are_refused_and_nothing_is_stored(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let thread = start_thread(&app, &sam, IVY).await;
    let cases = [
        ("", "required"),
        ("   \n ", "required"),
        (&*"a".repeat(4001), "too_long"),
    ];
    for (body, code) in cases {
        let res = send(&app, &sam, thread, json!({"body": body})).await;
        let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(err["fields"][0]["field"], "body");
        assert_eq!(err["fields"][0]["code"], code);
        let res = post(
            &sam,
            app.api(&format!("/classes/{KESTREL}/chat")),
            json!({"body": body}),
        )
        .await;
        assert_eq!(
            error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["code"],
            code
        );
    }
    let res = send(&app, &sam, thread, json!({"body": "a".repeat(4000)})).await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "exactly the limit is fine"
    );
    assert_eq!(messages(&app, &sam, thread).await.len(), 1);
    let res = send(
        &app,
        &sam,
        thread,
        json!({"body": "Thanks", "schedule_for_next_working_morning": true}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["field"],
        "schedule_for_next_working_morning"
    );
}

async fn the_server_rechecks_every_message_against_the_policy(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let thread = start_thread(&app, &sam, IVY).await;
    let chat = app.api(&format!("/classes/{KESTREL}/chat"));
    // (where, body, acknowledged, expected status, rule that must be among the findings)
    let cases: Vec<(&str, &str, Value, StatusCode, &str)> = vec![
        (
            "chat",
            "Niamh Byrne was crying at pickup today",
            json!([]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "child-name-shared",
        ),
        (
            "chat",
            "Niamh Byrne was crying at pickup today",
            json!(["child-name-shared"]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "child-name-shared",
        ),
        (
            "chat",
            "Did Ruby leave her coat behind?",
            json!([]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "child-name-shared",
        ),
        (
            "chat",
            "Did Ruby leave her coat behind?",
            json!(["child-name-shared"]),
            StatusCode::CREATED,
            "",
        ),
        (
            "thread",
            "I will find you after school and you will regret it",
            json!(["threat-or-intimidation"]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "threat-or-intimidation",
        ),
        (
            "thread",
            "Ivy is off sick today with a temperature",
            json!([]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "sickness-to-office",
        ),
        (
            "thread",
            "Thank you for the lovely week, see you tomorrow",
            json!([]),
            StatusCode::CREATED,
            "",
        ),
        (
            "chat",
            "Does anyone know when the cake sale is?",
            json!([]),
            StatusCode::CREATED,
            "",
        ),
    ];
    let mut stored_chat = 0;
    let mut stored_thread = 0;
    for (place, body, acked, status, rule) in cases {
        let url = if place == "chat" {
            chat.clone()
        } else {
            app.api(&format!("/threads/{thread}/messages"))
        };
        let res = post(&sam, url, json!({"body": body, "acknowledged": acked})).await;
        assert_eq!(res.status(), status, "{body} {acked}");
        if status == StatusCode::CREATED {
            if place == "chat" {
                stored_chat += 1
            } else {
                stored_thread += 1
            }
            continue;
        }
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["code"], "policy_blocked", "{body}");
        let findings = err["findings"].as_array().unwrap();
        assert!(
            findings
                .iter()
                .any(|f| f["rule"] == rule && f["guidance"].is_string()),
            "{body}: {err}"
        );
    }
    let listed: Value = get_json(&sam, chat.clone()).await;
    assert_eq!(listed["messages"].as_array().unwrap().len(), stored_chat);
    assert_eq!(messages(&app, &sam, thread).await.len(), stored_thread);
    // The acknowledged warning is audited by rule id only, never the text.
    let store = Store::connect(&db).await.unwrap();
    let audit = store.recent_audit(50).await.unwrap();
    let acked: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "policy.warning_acknowledged")
        .collect();
    assert_eq!(acked.len(), 1, "{audit:?}");
    assert_eq!(acked[0].detail, "child-name-shared");
    assert!(
        audit
            .iter()
            .all(|a| !a.detail.contains("Ruby") && !a.subject.contains("Ruby"))
    );
    store.close().await;
}

async fn class_chat_removal_reports_and_the_switch(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let alex = app.signed_in(ALEX).await;
    let teacher = app.signed_in(TEACHER).await;
    let leader = app.signed_in(LEADER).await;
    let other_teacher = app.signed_in(OTHER_TEACHER).await;
    let chat = app.api(&format!("/classes/{KESTREL}/chat"));
    let res = post(
        &sam,
        chat.clone(),
        json!({"body": "Does anyone have a spare glue stick for the project"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    // Who may read the chat.
    for (who, client, status) in [
        ("class parent", &alex, 200),
        ("teacher", &teacher, 200),
        ("leader", &leader, 200),
        ("other teacher", &other_teacher, 403),
    ] {
        let res = client.get(chat.clone()).send().await.unwrap();
        assert_eq!(res.status().as_u16(), status, "{who}");
    }
    let res = sam
        .get(app.api(&format!("/classes/{KINGFISHER}/chat")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "a parent of another class"
    );
    // Reports: any member; leaders see them.
    let res = post(
        &alex,
        app.api(&format!("/chat-messages/{id}/report")),
        json!({"reason": "Feels off topic"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = post(
        &alex,
        app.api(&format!("/chat-messages/{id}/report")),
        json!({"reason": ""}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["field"],
        "reason"
    );
    let reports: Vec<Value> = get_json(&leader, app.api("/reports")).await;
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["message_id"], id);
    assert_eq!(reports[0]["reason"], "Feels off topic");
    assert_eq!(
        status_of(&teacher, app.api("/reports")).await,
        StatusCode::FORBIDDEN
    );
    // Removal: not by parents; by the class teacher, leaving a marker with no text.
    let res = post(
        &alex,
        app.api(&format!("/chat-messages/{id}/remove")),
        json!({"reason": "no"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post(
        &other_teacher,
        app.api(&format!("/chat-messages/{id}/remove")),
        json!({"reason": "no"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post(
        &teacher,
        app.api(&format!("/chat-messages/{id}/remove")),
        json!({"reason": "Please use the office for supplies"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let seen: Value = get_json(&alex, chat.clone()).await;
    let m = &seen["messages"][0];
    assert_eq!(m["id"], id);
    assert!(m.get("body").is_none(), "{m}");
    assert_eq!(m["removed"]["by_name"], "Mr Daly");
    let store = Store::connect(&db).await.unwrap();
    let audit = store.recent_audit(50).await.unwrap();
    let removal = audit
        .iter()
        .find(|a| a.action == "chat.message_removed")
        .unwrap();
    assert_eq!(removal.subject, format!("message:{id}"));
    assert!(
        audit
            .iter()
            .all(|a| !a.detail.contains("glue") && !a.detail.contains("supplies"))
    );
    store.close().await;
    let reports: Vec<Value> = get_json(&leader, app.api("/reports")).await;
    assert_eq!(reports[0]["message_removed"], true);
    // The school can switch class chat off.
    set_settings(&db, json!({"class_chat_enabled": false})).await;
    assert_eq!(status_of(&sam, chat.clone()).await, StatusCode::FORBIDDEN);
    let res = post(&sam, chat, json!({"body": "hello"})).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn read_receipts_respect_the_setting_and_working_hours(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let thread = start_thread(&app, &sam, IVY).await;
    // Saturday 10:00: the parent writes; the teacher opens it at 11:00, outside working hours.
    advance_to(&app, 5, 10, 0);
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    let res = send(
        &app,
        &sam,
        thread,
        json!({"body": "Thank you for the lovely week, see you tomorrow"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let listed: Vec<Value> = get_json(&teacher, app.api("/threads")).await;
    assert_eq!(listed[0]["unread"], 1);
    app.advance(Duration::from_secs(3600));
    let res = app.mark_read(&teacher, thread).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let listed: Vec<Value> = get_json(&teacher, app.api("/threads")).await;
    assert_eq!(listed[0]["unread"], 0);
    let seen = |ms: Vec<Value>| ms[0].get("seen_at").cloned();
    assert_eq!(
        seen(messages(&app, &sam, thread).await),
        None,
        "receipts are off by default"
    );
    set_settings(&db, json!({"parent_read_receipts": true})).await;
    assert_eq!(
        seen(messages(&app, &sam, thread).await),
        None,
        "read out of hours: not shown yet"
    );
    // Monday 07:59: still not; Monday 08:00 onwards: shown as seen at 08:00.
    advance_to(&app, 0, 7, 59);
    let sam = app.signed_in(PARENT).await;
    assert_eq!(seen(messages(&app, &sam, thread).await), None);
    app.advance(Duration::from_secs(60));
    let shown = seen(messages(&app, &sam, thread).await).expect("seen from working hours");
    let at = chrono::DateTime::parse_from_rfc3339(shown.as_str().unwrap())
        .unwrap()
        .with_timezone(&London);
    assert_eq!(
        (at.weekday().num_days_from_monday(), at.hour(), at.minute()),
        (0, 8, 0)
    );
    // Staff see the parent's read at its real time.
    advance_to_time(&app, 20, 0);
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    let res = send(
        &app,
        &teacher,
        thread,
        json!({"body": "Thanks for letting me know, see you tomorrow."}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app.mark_read(&sam, thread).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let ms = messages(&app, &teacher, thread).await;
    let mine = ms.iter().find(|m| m["mine"] == true).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(mine["seen_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&London);
    assert_eq!(at.hour(), 20, "the parent's read is shown as it happened");
}

async fn scheduled_staff_messages_wait_for_the_morning(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let thread = start_thread(&app, &sam, IVY).await;
    // Friday 19:30: out of hours; the teacher schedules the reply for the next working morning.
    advance_to(&app, 4, 19, 30);
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    let events = subscribe(&app, &sam).await;
    let res = send(&app, &teacher, thread, json!({"body": "Thanks for your message, I will look into it.", "schedule_for_next_working_morning": true})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let m: Value = res.json().await.unwrap();
    let deliver = chrono::DateTime::parse_from_rfc3339(m["deliver_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&London);
    assert_eq!(
        (deliver.weekday().num_days_from_monday(), deliver.hour()),
        (0, 8),
        "Monday 08:00"
    );
    assert!(
        messages(&app, &sam, thread).await.is_empty(),
        "parents don't see it yet"
    );
    assert_eq!(
        messages(&app, &teacher, thread).await.len(),
        1,
        "the teacher does"
    );
    let listed: Vec<Value> = get_json(&sam, app.api("/threads")).await;
    assert_eq!(listed[0]["unread"], 0);
    // The reply expectation the parent sees out of hours.
    let exp: Value = get_json(
        &sam,
        app.api(&format!("/threads/{thread}/reply-expectation")),
    )
    .await;
    assert_eq!(exp["out_of_hours"], true);
    assert_eq!(exp["back_at"]["label"], "Monday at 8:00");
    assert_eq!(exp["reply_by"]["label"], "Wednesday 17:00");
    assert_eq!(exp["teacher_name"], "Mr Daly");
    assert_eq!(exp["office_phone"], "01632 960777");
    // Monday 08:00: the sweeper delivers it and tells the parent live.
    advance_to(&app, 0, 8, 0);
    let got = next_event(events, "thread_message").await;
    assert_eq!(got["thread_id"], thread);
    assert_eq!(messages(&app, &sam, thread).await.len(), 1);
    let exp: Value = get_json(
        &sam,
        app.api(&format!("/threads/{thread}/reply-expectation")),
    )
    .await;
    assert_eq!(exp["out_of_hours"], false);
    assert!(exp.get("back_at").is_none());
}

async fn the_export_holds_the_parents_own_messages(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let alex = app.signed_in(ALEX).await;
    let thread = start_thread(&app, &sam, IVY).await;
    let text = "Thanks <b>all</b> & see you at the fair";
    assert_eq!(
        send(&app, &sam, thread, json!({"body": text}))
            .await
            .status(),
        StatusCode::CREATED
    );
    let chat = app.api(&format!("/classes/{KESTREL}/chat"));
    assert_eq!(
        post(
            &sam,
            chat.clone(),
            json!({"body": "Does anyone know when the cake sale is?"})
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        post(
            &alex,
            chat,
            json!({"body": "Is the fair on Saturday this year"})
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let res = sam.get(app.api("/me/export.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let e: Value = res.json().await.unwrap();
    assert_eq!(e["display_name"], "Sam Fisher");
    assert_eq!(e["threads"][0]["messages"][0]["body"], text);
    let chat_bodies: Vec<&str> = e["class_chat_messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        chat_bodies,
        ["Does anyone know when the cake sale is?"],
        "only their own chat messages"
    );
    let res = sam.get(app.api("/me/export.html")).send().await.unwrap();
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Thanks &lt;b&gt;all&lt;/b&gt; &amp; see you at the fair"),
        "{html}"
    );
    assert!(!html.contains("<b>all</b>"));
    let alex_export: Value = get_json(&alex, app.api("/me/export.json")).await;
    assert!(
        alex_export["threads"].as_array().unwrap().is_empty(),
        "another family's thread is not in it"
    );
}

async fn quick_replies_and_policy_pack(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let sam = app.signed_in(PARENT).await;
    let replies: Vec<Value> = get_json(&teacher, app.api("/quick-replies")).await;
    let absence = replies.iter().find(|r| r["id"] == "absence").unwrap();
    assert!(absence["body"].as_str().unwrap().contains("01632 960777"));
    assert!(replies.iter().any(|r| r["id"] == "meeting"));
    assert_eq!(
        status_of(&sam, app.api("/quick-replies")).await,
        StatusCode::FORBIDDEN
    );
    // The pack for the browser: the class's names, no consent flags, members only.
    let pack: Value = get_json(&sam, app.api(&format!("/classes/{KESTREL}/policy-pack"))).await;
    let pupils = pack["pupils"].as_array().unwrap();
    assert_eq!(pupils.len(), 25);
    assert!(pupils.iter().all(|p| p.get("photo_consent").is_none()));
    assert_eq!(pack["school"]["office_phone"], "01632 960777");
    hometime_policy::Pack::from_json(&pack.to_string()).expect("the engine reads it");
    let res = sam
        .get(app.api(&format!("/classes/{KINGFISHER}/policy-pack")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let other = app.signed_in(OTHER_TEACHER).await;
    assert_eq!(
        status_of(&other, app.api(&format!("/classes/{KESTREL}/policy-pack"))).await,
        StatusCode::FORBIDDEN
    );
}

/// A live-event subscription: the raw SSE byte stream.
type Events = std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<String>> + Send>>;

async fn subscribe_url(client: &Client, url: String) -> Events {
    let res = client.get(url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    Box::pin(
        res.bytes_stream()
            .map(|c| c.map(|b| String::from_utf8_lossy(&b).into_owned())),
    )
}

async fn subscribe(app: &TestApp, client: &Client) -> Events {
    let events = subscribe_url(client, app.api("/events")).await;
    // The tailer may start after the subscription; give it a moment to be listening.
    tokio::time::sleep(Duration::from_millis(300)).await;
    events
}

/// Reads the stream until an event named `kind` arrives (within 8 seconds) and returns its data.
async fn next_event(mut events: Events, kind: &str) -> Value {
    let mut buf = String::new();
    let found = tokio::time::timeout(Duration::from_secs(8), async {
        while let Some(chunk) = events.next().await {
            buf.push_str(&chunk.unwrap());
            while let Some(end) = buf.find("\n\n") {
                let block: String = buf.drain(..end + 2).collect();
                if block.lines().any(|l| l == format!("event: {kind}")) {
                    let data = block
                        .lines()
                        .find_map(|l| l.strip_prefix("data: "))
                        .unwrap();
                    return serde_json::from_str::<Value>(data).unwrap();
                }
                assert!(
                    !block.contains("\"body\""),
                    "events never carry bodies: {block}"
                );
            }
        }
        panic!("the event stream ended");
    })
    .await;
    found.unwrap_or_else(|_| panic!("no {kind} event within 8 seconds"))
}

async fn live_events_reach_only_those_allowed(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let alex = app.signed_in(ALEX).await;
    let teacher = app.signed_in(TEACHER).await;
    let thread = start_thread(&app, &sam, IVY).await;
    let teacher_events = subscribe(&app, &teacher).await;
    let alex_events = subscribe(&app, &alex).await;
    assert_eq!(
        send(
            &app,
            &sam,
            thread,
            json!({"body": "Thank you for the lovely week, see you tomorrow"})
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let e = next_event(teacher_events, "thread_message").await;
    assert_eq!(e["thread_id"], thread);
    assert_eq!(e["kind"], "thread_message");
    // Alex is in the class chat but not in Sam's thread: the first thing Alex hears is the chat post.
    assert_eq!(
        post(
            &teacher,
            app.api(&format!("/classes/{KESTREL}/chat")),
            json!({"body": "PE is on Thursday this week."})
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let mut alex_events = alex_events;
    let mut buf = String::new();
    let first = tokio::time::timeout(Duration::from_secs(8), async {
        loop {
            let chunk = alex_events.next().await.unwrap().unwrap();
            buf.push_str(&chunk);
            if let Some(line) = buf.lines().find(|l| l.starts_with("event: ")) {
                return line.to_owned();
            }
        }
    })
    .await
    .unwrap();
    assert_eq!(first, "event: chat_message");
    // Pupils may not subscribe.
    let pupil = app.pupil().await;
    assert_eq!(
        status_of(&pupil, app.api("/events")).await,
        StatusCode::FORBIDDEN
    );
}

crate::app_tests!(
    recipient_rules_allow_only_the_right_pairs,
    threads_of_other_families_are_not_found,
    bad_messages_are_refused_and_nothing_is_stored,
    the_server_rechecks_every_message_against_the_policy,
    class_chat_removal_reports_and_the_switch,
    read_receipts_respect_the_setting_and_working_hours,
    scheduled_staff_messages_wait_for_the_morning,
    the_export_holds_the_parents_own_messages,
    quick_replies_and_policy_pack,
    live_events_reach_only_those_allowed,
);

/// Two real server processes on one PostgreSQL database: a teacher subscribed on one sees a parent's
/// message sent through the other within seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_events_cross_two_server_processes_on_postgres() {
    let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "two-process live-event test SKIPPED: TEST_POSTGRES_URL not set"
        );
        return;
    };
    two_processes(&admin_url).await;
}

async fn two_processes(admin_url: &str) {
    use sqlx::{Connection, Executor, PgConnection};
    let name = unique("hometime_two");
    let mut admin = PgConnection::connect(admin_url).await.unwrap();
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let db = replace_database(admin_url, &name);
    // The first process seeds; the second starts once the seed is there.
    let (a, a_url) = spawn_server(&db);
    wait_healthy(&a_url).await;
    let (b, b_url) = spawn_server(&db);
    wait_healthy(&b_url).await;
    let outcome = tokio::spawn(async move {
        let login = |base: String, email: &'static str| async move {
            let c = Client::builder().cookie_store(true).build().unwrap();
            let res = c
                .post(format!("{base}/api/v1/auth/login"))
                .json(&json!({"email": email, "password": PASSWORD}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            c
        };
        let teacher = login(a_url.clone(), TEACHER).await;
        let parent = login(b_url.clone(), PARENT).await;
        let events = subscribe_url(&teacher, format!("{a_url}/api/v1/events")).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let thread = post(
            &parent,
            format!("{b_url}/api/v1/threads"),
            json!({"pupil_id": IVY}),
        )
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
            .as_i64()
            .unwrap();
        let res = post(
            &parent,
            format!("{b_url}/api/v1/threads/{thread}/messages"),
            json!({"body": "Thank you for the lovely week, see you tomorrow"}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        let e = next_event(events, "thread_message").await;
        assert_eq!(e["thread_id"], thread);
    })
    .await;
    for mut child in [a, b] {
        let _ = child.kill();
        let _ = child.wait();
    }
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .unwrap();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn_server(db: &str) -> (std::process::Child, String) {
    let port = free_port();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_hometime-server"))
        .env("HOMETIME_ADDR", format!("127.0.0.1:{port}"))
        .env("DATABASE_URL", db)
        .env(
            "HOMETIME_DIST",
            std::env::temp_dir().join("hometime-no-dist"),
        )
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start hometime-server");
    (child, format!("http://127.0.0.1:{port}"))
}

async fn wait_healthy(base: &str) {
    let client = Client::new();
    for _ in 0..300 {
        if let Ok(res) = client.get(format!("{base}/api/v1/health")).send().await
            && res.status() == StatusCode::OK
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{base} did not become healthy");
}
