//! School settings and staff quiet hours through the real server: who may change them, every refused
//! field named with nothing saved, the audit trail, and the changes taking effect at once in the policy
//! pack, class chat, read receipts and reply expectations.

use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

/// What a leader's form sends for the demo school, unchanged.
async fn current(app: &TestApp, client: &Client) -> Value {
    let res = client.get(app.api("/school")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let mut s: Value = res.json().await.unwrap();
    s.as_object_mut().unwrap().remove("name");
    s
}

async fn put(app: &TestApp, client: &Client, path: &str, body: &Value) -> reqwest::Response {
    client.put(app.api(path)).json(body).send().await.unwrap()
}

/// The settings with `changes` written over them, saved by the leader; the new settings.
async fn change(app: &TestApp, leader: &Client, changes: Value) -> Value {
    let mut body = current(app, leader).await;
    for (k, v) in changes.as_object().unwrap() {
        body[k] = v.clone();
    }
    let res = put(app, leader, "/school/settings", &body).await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    res.json().await.unwrap()
}

async fn expectation(app: &TestApp, client: &Client, thread: i64) -> Value {
    let res = client
        .get(app.api(&format!("/threads/{thread}/reply-expectation")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// When the parent is shown their first message was seen, if at all.
async fn seen_at(app: &TestApp, client: &Client, thread: i64) -> Option<Value> {
    let v: Value = get_json(client, app.api(&format!("/threads/{thread}/messages"))).await;
    v["messages"][0].get("seen_at").cloned()
}

async fn a_leader_changes_settings_and_nobody_else_can(db: String) {
    let app = TestApp::start(&db).await;
    let leader = app.signed_in(LEADER).await;
    let before = current(&app, &leader).await;
    assert_eq!(before["class_chat_enabled"], true);
    assert_eq!(before["support_staff_messaging"], "none");
    assert_eq!(before["parent_read_receipts"], false);
    assert_eq!(before["medication_route"], "nursing_team");
    assert_eq!(before["names_in_shared_spaces"], "none");
    assert_eq!(before["holidays"], json!([]));

    let mut wanted = before.clone();
    wanted["office_phone"] = json!("01632 960999");
    wanted["support_staff_messaging"] = json!("post_only");
    wanted["holidays"] =
        json!([{"start": "2030-10-28", "end": "2030-11-01", "name": "October half term"}]);
    // Everyone else is refused and nothing changes.
    let pupil = app.pupil().await;
    for who in [TEACHER, OFFICE, SUPPORT, PARENT] {
        let client = app.signed_in(who).await;
        let res = put(&app, &client, "/school/settings", &wanted).await;
        assert_eq!(
            error_of(res, StatusCode::FORBIDDEN).await["code"],
            "forbidden",
            "{who}"
        );
    }
    let res = put(&app, &pupil, "/school/settings", &wanted).await;
    error_of(res, StatusCode::FORBIDDEN).await;
    let res = put(&app, &app.client(), "/school/settings", &wanted).await;
    error_of(res, StatusCode::UNAUTHORIZED).await;
    assert_eq!(current(&app, &leader).await, before);

    let res = put(&app, &leader, "/school/settings", &wanted).await;
    assert_eq!(res.status(), StatusCode::OK);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["office_phone"], "01632 960999");
    assert_eq!(saved["name"], "Brookfield Community Primary (fictional)");
    assert_eq!(current(&app, &leader).await, wanted);
    // Staff read the new settings.
    let teacher = app.signed_in(TEACHER).await;
    assert_eq!(
        current(&app, &teacher).await["support_staff_messaging"],
        "post_only"
    );

    // The audit names the keys that changed, never their values.
    let audit = app.state().store.recent_audit(20).await.unwrap();
    let entry = audit
        .iter()
        .find(|e| e.action == "school_settings_changed")
        .expect("audited");
    let detail: Value = serde_json::from_str(&entry.detail).unwrap();
    let mut keys: Vec<&str> = detail["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["holidays", "office_phone", "support_staff_messaging"]
    );
    assert!(!entry.detail.contains("960999"));
}

async fn every_invalid_field_is_named_and_nothing_changes(db: String) {
    let app = TestApp::start(&db).await;
    let leader = app.signed_in(LEADER).await;
    let before = current(&app, &leader).await;
    let holiday = json!([{"start": "2030-10-28", "end": "2030-11-01", "name": "Half term"}]);
    // (key, bad value, field named, code)
    let cases = [
        (
            "office_phone",
            json!("ring the bell"),
            "office_phone",
            "invalid_phone",
        ),
        ("office_phone", json!(""), "office_phone", "required"),
        (
            "office_email",
            json!("office@@school"),
            "office_email",
            "invalid_email",
        ),
        (
            "office_contact_name",
            json!("x".repeat(121)),
            "office_contact_name",
            "too_long",
        ),
        (
            "nursing_team_phone",
            json!("999"),
            "nursing_team_phone",
            "invalid_phone",
        ),
        ("dsl", json!("  "), "dsl", "required"),
        (
            "safeguarding_system",
            json!("y".repeat(500)),
            "safeguarding_system",
            "too_long",
        ),
        (
            "timezone",
            json!("Mars/Olympus_Mons"),
            "timezone",
            "invalid_timezone",
        ),
        ("working_days", json!([]), "working_days", "required"),
        (
            "working_days",
            json!(["Mon", "Someday"]),
            "working_days",
            "invalid_day",
        ),
        (
            "working_start",
            json!("8 o'clock"),
            "working_start",
            "invalid_time",
        ),
        (
            "working_end",
            json!("07:30"),
            "working_end",
            "end_before_start",
        ),
        (
            "response_expectation",
            json!(""),
            "response_expectation",
            "required",
        ),
        (
            "holidays",
            json!([{"start": "2030-11-01", "end": "2030-10-28", "name": "Backwards"}]),
            "holidays[0].end",
            "end_before_start",
        ),
        (
            "holidays",
            json!([{"start": "28/10/2030", "end": "2030-11-01", "name": "Half term"}]),
            "holidays[0].start",
            "invalid_date",
        ),
        (
            "holidays",
            json!([{"start": "2030-10-28", "end": "2030-11-01", "name": ""}]),
            "holidays[0].name",
            "required",
        ),
        (
            "support_staff_messaging",
            json!("everyone"),
            "support_staff_messaging",
            "invalid_type",
        ),
        (
            "medication_route",
            json!("nurse"),
            "medication_route",
            "invalid_type",
        ),
        (
            "names_in_shared_spaces",
            json!(3),
            "names_in_shared_spaces",
            "invalid_type",
        ),
        (
            "class_chat_enabled",
            json!("yes"),
            "class_chat_enabled",
            "invalid_type",
        ),
    ];
    for (key, bad, field, code) in cases {
        let mut body = before.clone();
        body["holidays"] = holiday.clone();
        body[key] = bad;
        let res = put(&app, &leader, "/school/settings", &body).await;
        let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(err["code"], "validation", "{field}");
        assert_eq!(err["fields"][0]["field"], field, "{err}");
        assert_eq!(err["fields"][0]["code"], code, "{field}: {err}");
        assert_eq!(
            current(&app, &leader).await,
            before,
            "{field}: nothing saved"
        );
    }
    // Several at once are all named.
    let mut body = before.clone();
    body["office_phone"] = json!("nope");
    body["timezone"] = json!("Nowhere");
    let res = put(&app, &leader, "/school/settings", &body).await;
    let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(err["fields"].as_array().unwrap().len(), 2);
    // A missing key is named too.
    let mut body = before.clone();
    body.as_object_mut().unwrap().remove("dsl");
    let res = put(&app, &leader, "/school/settings", &body).await;
    let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(err["fields"][0]["field"], "dsl");
    assert_eq!(current(&app, &leader).await, before);
}

async fn changes_reach_the_policy_pack_chat_and_read_receipts_at_once(db: String) {
    let app = TestApp::start(&db).await;
    let leader = app.signed_in(LEADER).await;
    let sam = app.signed_in(PARENT).await;
    let pack_url = app.api(&format!("/classes/{KESTREL}/policy-pack"));
    change(&app, &leader, json!({"office_phone": "01632 960123"})).await;
    let pack: Value = get_json(&sam, pack_url.clone()).await;
    assert_eq!(pack["school"]["office_phone"], "01632 960123");
    let allow = pack["school"]["allowlisted_contacts"].as_array().unwrap();
    assert!(allow.contains(&json!("01632 960123")));
    assert!(!allow.contains(&json!("01632 960777")));
    assert!(
        pack["school"]["staff"].as_array().unwrap().len() > 4,
        "staff kept"
    );
    hometime_policy::Pack::from_json(&pack.to_string()).expect("the engine reads the new pack");
    // The guidance families see names the new number.
    let res = sam
        .post(app.api("/threads"))
        .json(&json!({"pupil_id": IVY}))
        .send()
        .await
        .unwrap();
    let thread = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let exp: Value = get_json(
        &sam,
        app.api(&format!("/threads/{thread}/reply-expectation")),
    )
    .await;
    assert_eq!(exp["office_phone"], "01632 960123");

    // Class chat switched off: reading and posting are refused with words saying why; on again: back.
    let chat = app.api(&format!("/classes/{KESTREL}/chat"));
    change(&app, &leader, json!({"class_chat_enabled": false})).await;
    let res = sam.get(chat.clone()).send().await.unwrap();
    let err = error_of(res, StatusCode::FORBIDDEN).await;
    assert!(
        err["message"].as_str().unwrap().contains("switched off"),
        "{err}"
    );
    let res = sam
        .post(chat.clone())
        .json(&json!({"body": "Has anyone seen a blue water bottle"}))
        .send()
        .await
        .unwrap();
    error_of(res, StatusCode::FORBIDDEN).await;
    change(&app, &leader, json!({"class_chat_enabled": true})).await;
    assert_eq!(status_of(&sam, chat).await, StatusCode::OK);

    // Read receipts: a message the teacher read in working hours shows as seen only once switched on.
    advance_to(&app, 2, 10, 0);
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    let leader = app.signed_in(LEADER).await;
    let res = sam
        .post(app.api(&format!("/threads/{thread}/messages")))
        .json(&json!({"body": "Thank you for the reading book this week"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    app.advance(Duration::from_secs(600));
    let res = app.mark_read(&teacher, thread).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(seen_at(&app, &sam, thread).await, None, "off by default");
    change(&app, &leader, json!({"parent_read_receipts": true})).await;
    assert!(
        seen_at(&app, &sam, thread).await.is_some(),
        "shown once the school switches it on"
    );
    change(&app, &leader, json!({"parent_read_receipts": false})).await;
    assert_eq!(
        seen_at(&app, &sam, thread).await,
        None,
        "and hidden again when switched off"
    );
}

async fn staff_set_their_own_quiet_hours_and_families_see_them(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let res = sam
        .post(app.api("/threads"))
        .json(&json!({"pupil_id": IVY}))
        .send()
        .await
        .unwrap();
    let thread = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    // Wednesday 16:00: inside the school's hours.
    advance_to(&app, 2, 16, 0);
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    assert_eq!(expectation(&app, &sam, thread).await["out_of_hours"], false);

    let got: Value = get_json(&teacher, app.api("/me/quiet-hours")).await;
    assert_eq!(
        got,
        json!({"quiet_hours": null, "working_start": "08:00", "working_end": "17:00"})
    );
    // Refused windows, each named.
    let cases = [
        (
            json!({"start": "3:30pm", "end": "08:30"}),
            "quiet_hours.start",
            "invalid_time",
        ),
        (
            json!({"start": "15:30", "end": "15:30"}),
            "quiet_hours.end",
            "same_time",
        ),
        (
            json!({"start": "18:00", "end": "07:00"}),
            "quiet_hours",
            "outside_working_hours",
        ),
        (
            json!({"start": "07:00", "end": "19:00"}),
            "quiet_hours",
            "covers_working_day",
        ),
        (json!({"start": "15:30"}), "quiet_hours.end", "required"),
    ];
    for (q, field, code) in cases {
        let res = put(
            &app,
            &teacher,
            "/me/quiet-hours",
            &json!({"quiet_hours": q}),
        )
        .await;
        let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(
            (
                err["fields"][0]["field"].clone(),
                err["fields"][0]["code"].clone()
            ),
            (json!(field), json!(code)),
            "{q}"
        );
    }
    let res = put(&app, &teacher, "/me/quiet-hours", &json!({})).await;
    let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        err["fields"][0]["field"], "quiet_hours",
        "a forgotten key does not clear"
    );
    // Parents and pupils have no quiet hours to set.
    for client in [&sam, &app.pupil().await] {
        let res = client.get(app.api("/me/quiet-hours")).send().await.unwrap();
        error_of(res, StatusCode::FORBIDDEN).await;
        let body = json!({"quiet_hours": {"start": "15:30", "end": "08:30"}});
        let res = put(&app, client, "/me/quiet-hours", &body).await;
        error_of(res, StatusCode::FORBIDDEN).await;
    }

    // Quiet from 15:30 to 08:30: at 16:00 the family is told Mr Daly is back at 8:30 tomorrow.
    let body = json!({"quiet_hours": {"start": "15:30", "end": "08:30"}});
    let res = put(&app, &teacher, "/me/quiet-hours", &body).await;
    assert_eq!(res.status(), StatusCode::OK);
    let got: Value = res.json().await.unwrap();
    assert_eq!(
        got["quiet_hours"],
        json!({"start": "15:30", "end": "08:30"})
    );
    let exp = expectation(&app, &sam, thread).await;
    assert_eq!(exp["out_of_hours"], true);
    assert_eq!(exp["back_at"]["label"], "Thursday at 8:30");
    assert_eq!(exp["reply_by"]["label"], "Monday 15:30");
    // The teacher's own policy pack carries the window.
    let pack: Value = get_json(
        &teacher,
        app.api(&format!("/classes/{KESTREL}/policy-pack")),
    )
    .await;
    assert_eq!(pack["school"]["quiet_hours"]["start"], "15:30");

    // Cleared: back inside hours.
    let res = put(
        &app,
        &teacher,
        "/me/quiet-hours",
        &json!({"quiet_hours": null}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.json::<Value>().await.unwrap()["quiet_hours"],
        Value::Null
    );
    assert_eq!(expectation(&app, &sam, thread).await["out_of_hours"], false);
}

crate::app_tests!(
    a_leader_changes_settings_and_nobody_else_can,
    every_invalid_field_is_named_and_nothing_changes,
    changes_reach_the_policy_pack_chat_and_read_receipts_at_once,
    staff_set_their_own_quiet_hours_and_families_see_them,
);
