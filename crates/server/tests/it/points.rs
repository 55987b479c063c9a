//! Points, skills and avatars through the real server: who may award and see what, undo, all-or-nothing
//! awards, bad input, the note check, the school's settings, and the retention job on a controlled clock.

use std::time::Duration;

use hometime_api::{Awarded, ClassDisplay, ClassPoints, Me, OwnPoints, PupilPoints, Skill};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

/// Ruby Lane, Kestrel's second pupil: her demo points include a needs-work one (parent alex.lane).
const RUBY: i64 = 2;
const ALEX: &str = "alex.lane@example.com";

async fn award(app: &TestApp, client: &Client, class: i64, body: Value) -> Response {
    client
        .post(app.api(&format!("/classes/{class}/points")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Awards `skill` to Ivy in Kestrel as `client` and reads what was recorded.
async fn award_ivy(app: &TestApp, client: &Client, skill: hometime_domain::SkillId) -> Awarded {
    let body = json!({"pupil_ids": [IVY], "skill_id": skill});
    award(app, client, KESTREL, body)
        .await
        .json()
        .await
        .unwrap()
}

async fn get<T: serde::de::DeserializeOwned>(app: &TestApp, client: &Client, path: &str) -> T {
    let res = client.get(app.api(path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.unwrap()
}

async fn grid(app: &TestApp, client: &Client) -> ClassPoints {
    get(app, client, &format!("/classes/{KESTREL}/points")).await
}

fn skill<'a>(grid: &'a ClassPoints, name: &str) -> &'a Skill {
    grid.skills.iter().find(|s| s.name == name).unwrap()
}

async fn a_teacher_awards_and_only_the_family_and_staff_see_the_note(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let g = grid(&app, &teacher).await;
    assert!(g.can_award);
    assert_eq!(g.pupils.len(), 25);
    let kindness = skill(&g, "Kindness").id;
    let before: PupilPoints = get(&app, &teacher, &format!("/pupils/{IVY}/points")).await;

    let res = award(
        &app,
        &teacher,
        KESTREL,
        json!({"pupil_ids": [IVY], "skill_id": kindness, "note": "Shared her pens at lunch."}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let awarded: Awarded = res.json().await.unwrap();
    assert_eq!(awarded.points.len(), 1);
    assert_eq!(awarded.points[0].awarded_by, "Mr Daly");

    // Ivy's parent sees the point and its note.
    let parent = app.signed_in(PARENT).await;
    let seen: PupilPoints = get(&app, &parent, &format!("/pupils/{IVY}/points")).await;
    assert_eq!(seen.positive, before.positive + 1);
    assert_eq!(
        seen.points[0].note.as_deref(),
        Some("Shared her pens at lunch.")
    );
    // Another family sees neither Ivy's points nor whether she exists; Ruby's parent sees Ruby's, with the
    // needs-work point and its note.
    let alex = app.signed_in(ALEX).await;
    for pupil in [IVY, KINGFISHER_PUPIL, 9999] {
        assert_eq!(
            status_of(&alex, app.api(&format!("/pupils/{pupil}/points"))).await,
            StatusCode::FORBIDDEN,
            "{pupil}"
        );
    }
    let ruby: PupilPoints = get(&app, &alex, &format!("/pupils/{RUBY}/points")).await;
    assert!(ruby.needs_work >= 1);
    assert!(ruby.points.iter().any(|p| p.note.is_some()));

    // Ivy herself sees her total and recent positive points, with no notes at all.
    let pupil = app.pupil().await;
    let own: OwnPoints = get(&app, &pupil, "/pupil/points").await;
    assert_eq!(own.positive, seen.positive);
    assert_eq!(own.recent[0].skill_name, "Kindness");
    let raw: Value = get(&app, &pupil, "/pupil/points").await;
    assert!(!raw.to_string().contains("Shared her pens"), "{raw}");
    assert!(!raw.to_string().contains("note"), "{raw}");

    // The class display never shows needs-work points: Ruby's board total is her positive total.
    let board: ClassDisplay = get(&app, &teacher, &format!("/classes/{KESTREL}/display")).await;
    let on_board = board.pupils.iter().find(|p| p.id.0 == RUBY).unwrap();
    assert_eq!(on_board.positive, ruby.positive);
    assert!(
        !serde_json::to_string(&board)
            .unwrap()
            .contains("needs_work")
    );
    assert_eq!(
        board.class_total,
        board.pupils.iter().map(|p| p.positive).sum::<u32>()
    );
    // Staff who do not teach Kestrel see neither its grid nor its pupils' points.
    let other = app.signed_in(OTHER_TEACHER).await;
    for path in [
        format!("/classes/{KESTREL}/points"),
        format!("/classes/{KESTREL}/display"),
        format!("/pupils/{IVY}/points"),
    ] {
        assert_eq!(
            status_of(&other, app.api(&path)).await,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}

async fn pupils_and_parents_cannot_award_and_pupils_reach_nothing_else(db: String) {
    let app = TestApp::start(&db).await;
    let body = json!({"pupil_ids": [IVY], "skill_id": 1});
    let pupil = app.pupil().await;
    let parent = app.signed_in(PARENT).await;
    for who in [&pupil, &parent] {
        let res = award(&app, who, KESTREL, body.clone()).await;
        assert_eq!(
            error_of(res, StatusCode::FORBIDDEN).await["code"],
            "forbidden"
        );
    }
    // Every messaging endpoint (and everything else but the pupil's own four) refuses the pupil.
    let doc: Value = get(&app, &app.client(), "/openapi.json").await;
    let mut messaging = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let path = path.strip_prefix("/api/v1").unwrap();
        if !["thread", "chat", "message", "event"]
            .iter()
            .any(|w| path.contains(w))
        {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            let url = app.api(&path.replace("{id}", "1"));
            let req = pupil.request(method.to_uppercase().parse().unwrap(), url);
            let res = req.json(&json!({})).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{method} {path}");
            messaging += 1;
        }
    }
    // Whether or not messaging is built yet, the pupil's points stay their own.
    let _ = messaging;
    assert_eq!(
        status_of(&pupil, app.api(&format!("/pupils/{IVY}/points"))).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        status_of(&parent, app.api("/pupil/points")).await,
        StatusCode::FORBIDDEN
    );
}

async fn a_pupil_changes_their_avatar_and_staff_and_family_see_it(db: String) {
    let app = TestApp::start(&db).await;
    let pupil = app.pupil().await;
    let new = json!({"body": 3, "eyes": 2, "mouth": 1, "accessory": 4, "colour": "#00cec9"});
    let res = pupil
        .put(app.api("/pupil/avatar"))
        .json(&new)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    for (bad, field) in [
        (
            json!({"body": 4, "eyes": 0, "mouth": 0, "accessory": 0, "colour": "#00cec9"}),
            "body",
        ),
        (
            json!({"body": 0, "eyes": 0, "mouth": 0, "accessory": 5, "colour": "#00cec9"}),
            "accessory",
        ),
        (
            json!({"body": 0, "eyes": 0, "mouth": 0, "accessory": 0, "colour": "red"}),
            "colour",
        ),
        (
            json!({"body": 0, "eyes": 0, "mouth": 0, "accessory": 0, "colour": "\"/><script>"}),
            "colour",
        ),
        (
            json!({"body": -1, "eyes": 0, "mouth": 0, "accessory": 0, "colour": "#000000"}),
            "body",
        ),
    ] {
        let res = pupil
            .put(app.api("/pupil/avatar"))
            .json(&bad)
            .send()
            .await
            .unwrap();
        let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(err["fields"][0]["field"], field, "{bad}");
    }
    let teacher = app.signed_in(TEACHER).await;
    let g = grid(&app, &teacher).await;
    let ivy = g.pupils.iter().find(|p| p.id.0 == IVY).unwrap();
    assert_eq!(serde_json::to_value(&ivy.avatar).unwrap(), new);
    let parent = app.signed_in(PARENT).await;
    let me: Me = get(&app, &parent, "/me").await;
    assert_eq!(serde_json::to_value(&me.children[0].avatar).unwrap(), new);
    // Adults have no avatar endpoint.
    let res = teacher
        .put(app.api("/pupil/avatar"))
        .json(&new)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn only_the_awarding_teacher_can_undo_and_only_for_ten_seconds(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let leader = app.signed_in(LEADER).await;
    let other = app.signed_in(OTHER_TEACHER).await;
    let kindness = skill(&grid(&app, &teacher).await, "Kindness").id;
    let give = || {
        award(
            &app,
            &teacher,
            KESTREL,
            json!({"pupil_ids": [IVY], "skill_id": kindness}),
        )
    };
    let undo = |client: &Client, id: i64| {
        let req = client.delete(app.api(&format!("/points/{id}")));
        async move { req.send().await.unwrap().status() }
    };

    let first: Awarded = give().await.json().await.unwrap();
    let id = first.points[0].id.0;
    assert_eq!(
        undo(&leader, id).await,
        StatusCode::FORBIDDEN,
        "a leader cannot undo it"
    );
    assert_eq!(
        undo(&other, id).await,
        StatusCode::FORBIDDEN,
        "nor another teacher"
    );
    app.advance(Duration::from_secs(11));
    assert_eq!(undo(&teacher, id).await, StatusCode::FORBIDDEN, "too late");

    let second: Awarded = give().await.json().await.unwrap();
    let id = second.points[0].id.0;
    app.advance(Duration::from_secs(9));
    let before: PupilPoints = get(&app, &teacher, &format!("/pupils/{IVY}/points")).await;
    assert_eq!(undo(&teacher, id).await, StatusCode::NO_CONTENT);
    let after: PupilPoints = get(&app, &teacher, &format!("/pupils/{IVY}/points")).await;
    assert_eq!(after.positive, before.positive - 1);
    assert_eq!(undo(&teacher, id).await, StatusCode::NOT_FOUND);
    let pupil = app.pupil().await;
    assert_eq!(
        undo(&pupil, first.points[0].id.0).await,
        StatusCode::FORBIDDEN
    );
}

async fn whole_class_awards_are_all_or_nothing(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let g = grid(&app, &teacher).await;
    let teamwork = skill(&g, "Teamwork").id;
    let everyone: Vec<i64> = g.pupils.iter().map(|p| p.id.0).collect();
    let total = |g: &ClassPoints| g.pupils.iter().map(|p| p.positive).sum::<u32>();

    // One pupil from another class spoils the whole award: nothing is recorded.
    let mut spoilt = everyone.clone();
    spoilt.push(KINGFISHER_PUPIL);
    let res = award(
        &app,
        &teacher,
        KESTREL,
        json!({"pupil_ids": spoilt, "skill_id": teamwork}),
    )
    .await;
    let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(err["fields"][0]["code"], "not_in_class");
    assert_eq!(total(&grid(&app, &teacher).await), total(&g));

    let res = award(
        &app,
        &teacher,
        KESTREL,
        json!({"pupil_ids": everyone, "skill_id": teamwork}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let awarded: Awarded = res.json().await.unwrap();
    assert_eq!(awarded.points.len(), 25);
    assert_eq!(total(&grid(&app, &teacher).await), total(&g) + 25);
}

async fn bad_awards_get_clear_errors_and_record_nothing(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let leader = app.signed_in(LEADER).await;
    let g = grid(&app, &teacher).await;
    let kindness = skill(&g, "Kindness").id.0;
    // A Kingfisher class skill, which Kestrel cannot use.
    let res = app
        .signed_in(OTHER_TEACHER)
        .await
        .post(app.api(&format!("/classes/{KINGFISHER}/skills")))
        .json(&json!({"name": "Recorder practice", "kind": "positive"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let kingfisher_skill = res.json::<Skill>().await.unwrap().id.0;

    let long = "x".repeat(201);
    type Row<'a> = (&'a str, i64, Value, StatusCode, &'a str, Option<&'a str>);
    let rows: Vec<Row> = vec![
        (
            "unknown pupil",
            KESTREL,
            json!({"pupil_ids": [9999], "skill_id": kindness}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("pupil_ids"),
        ),
        (
            "pupil of another class",
            KESTREL,
            json!({"pupil_ids": [KINGFISHER_PUPIL], "skill_id": kindness}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("pupil_ids"),
        ),
        (
            "no pupils",
            KESTREL,
            json!({"pupil_ids": [], "skill_id": kindness}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("pupil_ids"),
        ),
        (
            "unknown skill",
            KESTREL,
            json!({"pupil_ids": [IVY], "skill_id": 9999}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("skill_id"),
        ),
        (
            "another class's skill",
            KESTREL,
            json!({"pupil_ids": [IVY], "skill_id": kingfisher_skill}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("skill_id"),
        ),
        (
            "note too long",
            KESTREL,
            json!({"pupil_ids": [IVY], "skill_id": kindness, "note": long}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("note"),
        ),
        (
            "class not taught",
            KINGFISHER,
            json!({"pupil_ids": [KINGFISHER_PUPIL], "skill_id": kindness}),
            StatusCode::FORBIDDEN,
            "forbidden",
            None,
        ),
        (
            "unknown class",
            9999,
            json!({"pupil_ids": [IVY], "skill_id": kindness}),
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        ),
        (
            "mistyped pupils",
            KESTREL,
            json!({"pupil_ids": "all", "skill_id": kindness}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            Some("pupil_ids"),
        ),
    ];
    let before = grid(&app, &leader).await;
    for (what, class, body, status, code, field) in rows {
        let res = award(&app, &teacher, class, body).await;
        let err = error_of(res, status).await;
        assert_eq!(err["code"], code, "{what}");
        if let Some(field) = field {
            assert_eq!(err["fields"][0]["field"], field, "{what}: {err}");
        }
    }
    assert_eq!(
        grid(&app, &leader).await.pupils,
        before.pupils,
        "nothing recorded"
    );
}

async fn a_humiliating_note_needs_acknowledging(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let g = grid(&app, &teacher).await;
    let off_task = skill(&g, "Off task").id;
    let body =
        json!({"pupil_ids": [RUBY], "skill_id": off_task, "note": "she is so lazy and useless"});
    let res = award(&app, &teacher, KESTREL, body.clone()).await;
    let err = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(err["code"], "policy_blocked");
    let rules: Vec<&str> = err["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"behaviour-comment-negative"), "{err}");
    let before = grid(&app, &teacher).await;
    assert_eq!(before.pupils, g.pupils, "nothing recorded");

    // Acknowledging every warning lets the teacher keep the note (blocks could never be acknowledged).
    let mut ack = body.clone();
    ack["acknowledged"] = json!(rules);
    let res = award(&app, &teacher, KESTREL, ack).await;
    assert_eq!(res.status(), StatusCode::CREATED);

    // A factual note with a next step goes straight through.
    let fine = json!({"pupil_ids": [RUBY], "skill_id": off_task, "note": "Needed two reminders to stay on task."});
    assert_eq!(
        award(&app, &teacher, KESTREL, fine).await.status(),
        StatusCode::CREATED
    );
    // The pack the browser checks notes with is the class's one pack, naming its pupils by roster id.
    let pack: Value = get(&app, &teacher, &format!("/classes/{KESTREL}/policy-pack")).await;
    assert_eq!(pack["pupils"].as_array().unwrap().len(), 25);
    assert!(
        pack["pupils"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "p1" && p["first_name"] == "Ivy")
    );
}

async fn leaders_set_skills_and_settings(db: String) {
    let app = TestApp::start(&db).await;
    let leader = app.signed_in(LEADER).await;
    let teacher = app.signed_in(TEACHER).await;
    let off_task = skill(&grid(&app, &teacher).await, "Off task").id;

    let settings =
        json!({"show_initials": true, "needs_work_enabled": false, "retention_months": 6});
    let res = teacher
        .put(app.api("/school/points-settings"))
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = leader
        .put(app.api("/school/points-settings"))
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = leader
        .put(app.api("/school/points-settings"))
        .json(&json!({"show_initials": true, "needs_work_enabled": false, "retention_months": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["field"],
        "retention_months"
    );

    // Initials everywhere: in every session's /me, and on the class display.
    let parent = app.signed_in(PARENT).await;
    assert!(get::<Me>(&app, &parent, "/me").await.school.show_initials);
    let board: ClassDisplay = get(&app, &teacher, &format!("/classes/{KESTREL}/display")).await;
    assert!(board.show_initials);
    // Needs-work skills are gone from the grid and cannot be given.
    let g = grid(&app, &teacher).await;
    assert!(
        g.skills
            .iter()
            .all(|s| s.kind == hometime_api::SkillKind::Positive)
    );
    let res = award(
        &app,
        &teacher,
        KESTREL,
        json!({"pupil_ids": [IVY], "skill_id": off_task}),
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await["fields"][0]["code"],
        "disabled"
    );

    // A leader's new school skill reaches every class; a teacher's class skill only theirs.
    let kestrel_skills = format!("/classes/{KESTREL}/skills");
    let kingfisher_skills = format!("/classes/{KINGFISHER}/skills");
    let rows = [
        (&leader, "/school/skills", "Curiosity", StatusCode::CREATED),
        (&teacher, "/school/skills", "Sneaky", StatusCode::FORBIDDEN),
        (&teacher, &kestrel_skills, "Tidy trays", StatusCode::CREATED),
        (
            &teacher,
            &kestrel_skills,
            " ",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (&teacher, &kingfisher_skills, "Mine", StatusCode::FORBIDDEN),
    ];
    for (client, path, name, want) in rows {
        let body = json!({"name": name, "kind": "positive"});
        let res = post(client, app.api(path), body).await;
        if want == StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(
                error_of(res, want).await["fields"][0]["field"],
                "name",
                "{path} {name:?}"
            );
        } else {
            assert_eq!(res.status(), want, "{path} {name:?}");
        }
    }
    let names: Vec<String> = grid(&app, &teacher)
        .await
        .skills
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert!(
        names.contains(&"Curiosity".to_owned()) && names.contains(&"Tidy trays".to_owned()),
        "{names:?}"
    );
    let kingfisher: ClassPoints =
        get(&app, &leader, &format!("/classes/{KINGFISHER}/points")).await;
    assert!(kingfisher.skills.iter().all(|s| s.name != "Tidy trays"));
    let school: Vec<Skill> = get(&app, &teacher, "/school/skills").await;
    assert!(school.iter().any(|s| s.name == "Curiosity"));
}

async fn the_retention_job_deletes_exactly_the_expired_points(db: String) {
    let app = TestApp::start(&db).await;
    let day = Duration::from_secs(86_400);
    let teacher = app.signed_in(TEACHER).await;
    let kindness = skill(&grid(&app, &teacher).await, "Kindness").id;
    let first: Awarded = award_ivy(&app, &teacher, kindness).await;
    let school = hometime_domain::SchoolId(1);
    let (demo_and_first, _) = app.state().store.points_count(school).await.unwrap();

    // Six months on, a second point; then another six months and a day, so only the second is younger
    // than twelve months. Sessions have long expired by then, so the teacher signs in again.
    app.advance(day * 183);
    let teacher = app.signed_in(TEACHER).await;
    let second: Awarded = award_ivy(&app, &teacher, kindness).await;
    assert_eq!(
        hometime_server::retention::sweep_points(app.state())
            .await
            .unwrap(),
        0,
        "nothing is a year old yet"
    );
    app.advance(day * 184);
    let deleted = hometime_server::retention::sweep_points(app.state())
        .await
        .unwrap();
    assert_eq!(
        deleted,
        u64::from(demo_and_first),
        "every demo point and the first award"
    );
    let teacher = app.signed_in(TEACHER).await;
    let left: PupilPoints = get(&app, &teacher, &format!("/pupils/{IVY}/points")).await;
    let ids: Vec<_> = left.points.iter().map(|p| p.id).collect();
    assert_eq!(ids, vec![second.points[0].id]);
    assert_ne!(first.points[0].id, second.points[0].id);
    assert_eq!(
        hometime_server::retention::sweep_points(app.state())
            .await
            .unwrap(),
        0
    );

    // A shorter retention period set by a leader takes effect at the next sweep.
    let leader = app.signed_in(LEADER).await;
    let res = leader
        .put(app.api("/school/points-settings"))
        .json(&json!({"show_initials": false, "needs_work_enabled": true, "retention_months": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        hometime_server::retention::sweep_points(app.state())
            .await
            .unwrap(),
        1
    );
}

crate::app_tests!(
    a_teacher_awards_and_only_the_family_and_staff_see_the_note,
    pupils_and_parents_cannot_award_and_pupils_reach_nothing_else,
    a_pupil_changes_their_avatar_and_staff_and_family_see_it,
    only_the_awarding_teacher_can_undo_and_only_for_ten_seconds,
    whole_class_awards_are_all_or_nothing,
    bad_awards_get_clear_errors_and_record_nothing,
    a_humiliating_note_needs_acknowledging,
    leaders_set_skills_and_settings,
    the_retention_job_deletes_exactly_the_expired_points,
);
