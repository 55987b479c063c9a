//! Photo consent through the real server: the office keeps the records (audited, no names in the audit),
//! posters see only the coarse status in tag candidates, the policy pack follows it for staff and hides
//! it from families, and nobody else reads or changes consent.

use hometime_api::{PupilConsent, ShowStatus, TagCandidate};
use hometime_domain::{ClassId, PupilId};
use hometime_store::{NewPupil, PhotoConsent};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

async fn put_consent(app: &TestApp, client: &Client, pupil: i64, body: Value) -> Response {
    client
        .put(app.api(&format!("/pupils/{pupil}/consent")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn consent(answer: &str, looked_after: bool, do_not_show: bool) -> Value {
    json!({"photo_consent": answer, "looked_after": looked_after, "do_not_show": do_not_show})
}

async fn candidates(app: &TestApp, client: &Client, class: i64) -> Vec<TagCandidate> {
    let res = client
        .get(app.api(&format!("/classes/{class}/tag-candidates")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

fn status_in(list: &[TagCandidate], pupil: i64) -> ShowStatus {
    list.iter().find(|c| c.pupil_id.0 == pupil).unwrap().status
}

/// The roster entry of `pupil` in a class's policy pack as `client` fetches it.
async fn pack_entry(app: &TestApp, client: &Client, pupil: i64) -> Value {
    let pack: Value = get_json(client, app.api(&format!("/classes/{KESTREL}/policy-pack"))).await;
    let id = hometime_api::roster_id(PupilId(pupil));
    pack["pupils"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id.as_str())
        .unwrap()
        .clone()
}

async fn office_sets_consent_and_posters_see_the_coarse_status(db: String) {
    let app = TestApp::start(&db).await;
    let office = app.signed_in(OFFICE).await;
    let leader = app.signed_in(LEADER).await;
    let teacher = app.signed_in(TEACHER).await;

    // Start from a known record (the demo seed may change), then watch only the changes after it.
    for pupil in [IVY, 2, AUTUMN, MASON] {
        let res = put_consent(&app, &office, pupil, consent("yes", false, false)).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let audited_before = app.state().store.recent_audit(1000).await.unwrap().len();

    let records: Vec<PupilConsent> =
        get_json(&office, app.api(&format!("/consent?class_id={KESTREL}"))).await;
    assert_eq!(records.len(), 25);
    assert!(records.iter().all(|r| r.class_id == ClassId(KESTREL)));
    let ivy = records.iter().find(|r| r.pupil_id.0 == IVY).unwrap();
    assert_eq!(ivy.status, ShowStatus::MayBeShown);

    // The office says Mason's family answered no; the teacher's candidates say "no consent".
    let res = put_consent(&app, &office, MASON, consent("no", false, false)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let mason: PupilConsent = res.json().await.unwrap();
    assert_eq!(mason.pupil_id.0, MASON);
    assert_eq!(mason.status, ShowStatus::NoConsent);
    assert!(!mason.looked_after && !mason.do_not_show);
    let list = candidates(&app, &teacher, KESTREL).await;
    assert_eq!(list.len(), 25);
    assert_eq!(status_in(&list, MASON), ShowStatus::NoConsent);
    assert_eq!(status_in(&list, IVY), ShowStatus::MayBeShown);

    // Looked after (a leader records it): never shown, even with the family's yes; the candidate does
    // not say why.
    let res = put_consent(&app, &leader, AUTUMN, consent("yes", true, false)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let list = candidates(&app, &teacher, KESTREL).await;
    assert_eq!(status_in(&list, AUTUMN), ShowStatus::NeverShown);
    let raw: Value = get_json(
        &teacher,
        app.api(&format!("/classes/{KESTREL}/tag-candidates")),
    )
    .await;
    let autumn = raw
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["pupil_id"] == AUTUMN)
        .unwrap();
    assert_eq!(autumn["status"], "never_shown");
    assert!(autumn.get("looked_after").is_none() && autumn.get("do_not_show").is_none());
    assert!(autumn.get("surname").is_none());

    // A do-not-show order too; "not asked" is its own status.
    put_consent(&app, &office, IVY, consent("yes", false, true)).await;
    put_consent(&app, &office, 2, consent("not_asked", false, false)).await;
    let list = candidates(&app, &teacher, KESTREL).await;
    assert_eq!(status_in(&list, IVY), ShowStatus::NeverShown);
    assert_eq!(status_in(&list, 2), ShowStatus::ConsentNotAsked);

    // The office's list shows the real record.
    let records: Vec<PupilConsent> =
        get_json(&leader, app.api(&format!("/consent?class_id={KESTREL}"))).await;
    let autumn = records.iter().find(|r| r.pupil_id.0 == AUTUMN).unwrap();
    assert!(autumn.looked_after);
    assert_eq!(autumn.photo_consent, hometime_api::PhotoConsentAnswer::Yes);
    assert_eq!(autumn.status, ShowStatus::NeverShown);

    // Every change is audited by whom and about which pupil, with old and new values and no names.
    let audit = app.state().store.recent_audit(1000).await.unwrap();
    assert_eq!(audit.len(), audited_before + 4);
    let changes: Vec<_> = audit[..4].iter().collect();
    assert!(changes.iter().all(|e| e.action == "pupil.consent_changed"));
    let mason_entry = changes
        .iter()
        .find(|e| e.subject == format!("pupil:{MASON}"))
        .unwrap();
    assert_eq!(mason_entry.detail, "photo_consent: yes -> no");
    let office_id = app.me(&office).await.unwrap().user_id.unwrap();
    assert_eq!(mason_entry.actor_user_id, Some(office_id.0));
    let autumn_entry = changes
        .iter()
        .find(|e| e.subject == format!("pupil:{AUTUMN}"))
        .unwrap();
    assert_eq!(autumn_entry.detail, "looked_after: no -> yes");
    for e in &changes {
        for name in [
            "Mason", "Hunter", "Autumn", "Cook", "Ivy", "Fisher", "Ruby", "Lane",
        ] {
            assert!(
                !e.detail.contains(name) && !e.subject.contains(name),
                "{e:?}"
            );
        }
    }
}

async fn the_policy_pack_follows_consent_for_staff_and_hides_it_from_families(db: String) {
    let app = TestApp::start(&db).await;
    let office = app.signed_in(OFFICE).await;
    let teacher = app.signed_in(TEACHER).await;
    let parent = app.signed_in(PARENT).await;
    put_consent(&app, &office, MASON, consent("no", false, false)).await;
    put_consent(&app, &office, AUTUMN, consent("yes", true, false)).await;
    put_consent(&app, &office, IVY, consent("yes", false, false)).await;
    put_consent(&app, &office, 2, consent("yes", false, true)).await;

    assert_eq!(pack_entry(&app, &teacher, IVY).await["photo_consent"], true);
    for pupil in [MASON, AUTUMN, 2] {
        assert_eq!(
            pack_entry(&app, &teacher, pupil).await["photo_consent"],
            false,
            "pupil {pupil}"
        );
    }
    // A family's pack says nothing about anyone's consent or protection.
    for pupil in [IVY, MASON, AUTUMN, 2] {
        assert!(
            pack_entry(&app, &parent, pupil)
                .await
                .get("photo_consent")
                .is_none()
        );
    }
}

async fn only_the_office_and_leaders_keep_consent(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let parent = app.signed_in(PARENT).await;
    let support = app.signed_in(SUPPORT).await;
    let pupil = app.pupil().await;
    let office = app.signed_in(OFFICE).await;
    let res = put_consent(&app, &office, MASON, consent("yes", false, false)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let before = app.state().store.recent_audit(100).await.unwrap().len();

    for (who, client) in [
        ("teacher", &teacher),
        ("parent", &parent),
        ("support", &support),
        ("pupil", &pupil),
    ] {
        let res = put_consent(&app, client, MASON, consent("no", true, true)).await;
        error_of(res, StatusCode::FORBIDDEN).await;
        assert_eq!(
            status_of(client, app.api(&format!("/consent?class_id={KESTREL}"))).await,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    // Nothing changed, nothing audited.
    let mason = app
        .state()
        .store
        .pupil(PupilId(MASON))
        .await
        .unwrap()
        .unwrap();
    assert!(!mason.looked_after && !mason.do_not_show);
    assert_eq!(mason.photo_consent, PhotoConsent::Yes);
    assert_eq!(
        app.state().store.recent_audit(100).await.unwrap().len(),
        before
    );

    // Families and pupils never get tag candidates; a teacher of another class neither.
    for client in [&parent, &pupil, &app.signed_in(OTHER_TEACHER).await] {
        assert_eq!(
            status_of(
                client,
                app.api(&format!("/classes/{KESTREL}/tag-candidates"))
            )
            .await,
            StatusCode::FORBIDDEN
        );
    }
    // Support staff only once assigned to the class; the office and leaders always.
    assert_eq!(
        status_of(
            &support,
            app.api(&format!("/classes/{KESTREL}/tag-candidates"))
        )
        .await,
        StatusCode::FORBIDDEN
    );
    let singh = app.me(&support).await.unwrap().user_id.unwrap();
    app.state()
        .store
        .add_class_teacher(ClassId(KESTREL), singh, None)
        .await
        .unwrap();
    for client in [&support, &office, &app.signed_in(LEADER).await] {
        assert_eq!(candidates(&app, client, KESTREL).await.len(), 25);
    }

    // A pupil or class of another school is as unknown as a missing one; bad input is a 4xx.
    let store = &app.state().store;
    let elsewhere = store.insert_school("Elsewhere", "{}", 0).await.unwrap();
    let class = store.insert_class(elsewhere, "Owl", 3, 0).await.unwrap();
    let stranger = store
        .insert_pupil(&NewPupil {
            class_id: class,
            first_name: "Far",
            surname: "Away",
            preferred_name: "Far",
            avatar_json: "{}",
            photo_consent: PhotoConsent::Yes,
            looked_after: false,
            do_not_show: false,
        })
        .await
        .unwrap();
    let res = put_consent(&app, &office, stranger.0, consent("no", false, false)).await;
    error_of(res, StatusCode::NOT_FOUND).await;
    let res = put_consent(&app, &office, 999_999, consent("no", false, false)).await;
    error_of(res, StatusCode::NOT_FOUND).await;
    for path in [
        format!("/consent?class_id={}", class.0),
        format!("/classes/{}/tag-candidates", class.0),
        "/classes/999999/tag-candidates".to_owned(),
    ] {
        let res = office.get(app.api(&path)).send().await.unwrap();
        error_of(res, StatusCode::NOT_FOUND).await;
    }
    for path in ["/consent", "/consent?class_id=kestrel", "/consent?other=1"] {
        let res = office.get(app.api(path)).send().await.unwrap();
        let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["fields"][0]["field"], "class_id", "{path}");
    }
    let res = put_consent(&app, &office, MASON, json!({"photo_consent": "maybe"})).await;
    error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    let res = put_consent(&app, &office, MASON, consent("no", false, false)).await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn all_staff_may_tag_when_all_staff_post_on_the_school_story(db: String) {
    let app = TestApp::start(&db).await;
    let other = app.signed_in(OTHER_TEACHER).await;
    let url = app.api(&format!("/classes/{KESTREL}/tag-candidates"));
    assert_eq!(status_of(&other, url.clone()).await, StatusCode::FORBIDDEN);
    let store = &app.state().store;
    let school = store
        .class(ClassId(KESTREL))
        .await
        .unwrap()
        .unwrap()
        .school_id;
    let mut settings: Value =
        serde_json::from_str(&store.school(school).await.unwrap().unwrap().settings).unwrap();
    settings["school_story_posters"] = json!("all_staff");
    store
        .set_school_settings(school, &settings.to_string())
        .await
        .unwrap();
    assert_eq!(candidates(&app, &other, KESTREL).await.len(), 25);
    let parent = app.signed_in(PARENT).await;
    assert_eq!(status_of(&parent, url).await, StatusCode::FORBIDDEN);
}

crate::app_tests!(
    office_sets_consent_and_posters_see_the_coarse_status,
    the_policy_pack_follows_consent_for_staff_and_hides_it_from_families,
    only_the_office_and_leaders_keep_consent,
    all_staff_may_tag_when_all_staff_post_on_the_school_story,
);
