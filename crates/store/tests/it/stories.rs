//! Stories in the store: a story with photos, tags and an audience is stored whole or not at all; what each
//! scope sees (feeds and single stories agree); taking a story down deletes its photos' bytes; likes are
//! idempotent; removed comments stay as markers.

use hometime_domain::{ClassId, PupilId, SchoolId, StoryId, UserId};
use hometime_store::{NewPhoto, NewStoryRow, StoryFilter, StoryScope, seed};

use crate::harness::TestDb;

const T0: i64 = 1_790_000_000_000;
const KESTREL: ClassId = ClassId(1);
const KINGFISHER: ClassId = ClassId(2);
const IVY: PupilId = PupilId(1);
const RUBY: PupilId = PupilId(2);
const DALY: UserId = UserId(1);
const HOLLIS: UserId = UserId(4);
const SAM: UserId = UserId(8);

fn photo<'a>(display: &'a [u8], tagged: &'a [PupilId]) -> NewPhoto<'a> {
    NewPhoto {
        display,
        width: 1200,
        height: 900,
        thumb: b"thumb-bytes",
        thumb_width: 480,
        thumb_height: 360,
        no_pupils: tagged.is_empty(),
        tagged,
    }
}

fn story<'a>(
    school: SchoolId,
    class: Option<ClassId>,
    body: &'a str,
    private_to: &'a [PupilId],
    photos: &'a [NewPhoto<'a>],
    at: i64,
) -> NewStoryRow<'a> {
    NewStoryRow {
        school,
        class,
        author: if class.is_some() { DALY } else { HOLLIS },
        body,
        private_to,
        photos,
        acknowledged: &[],
        now: at,
    }
}

fn family(school: SchoolId, classes: &[ClassId], pupils: &[PupilId]) -> StoryScope {
    StoryScope {
        school_story_family: true,
        family_classes: classes.to_vec(),
        family_pupils: pupils.to_vec(),
        ..StoryScope::new(school)
    }
}

/// The ids of the stories a case made (the demo seed's own come first, so they are left out).
async fn ids(db: &TestDb, scope: &StoryScope, filter: StoryFilter) -> Vec<StoryId> {
    let seeded = i64::try_from(seed::DEMO_STORIES.len()).unwrap();
    db.store
        .stories(scope, &filter, 50)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .filter(|id| id.0 > seeded)
        .collect()
}

async fn the_demo_school_has_stories_and_pupils_of_every_consent_kind(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    // Ivy's family sees the School Story and Kestrel's stories, newest first.
    let stories = s
        .stories(
            &family(school, &[KESTREL], &[IVY]),
            &StoryFilter::default(),
            10,
        )
        .await
        .unwrap();
    let kinds: Vec<(Option<ClassId>, &str)> = stories
        .iter()
        .map(|r| (r.class(), r.author_name.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (Some(KESTREL), "Mr Daly"),
            (Some(KESTREL), "Mr Daly"),
            (None, "Mrs Hollis")
        ]
    );
    assert!(stories.iter().all(|r| !r.private && r.created_at < T0));
    // Kestrel has a pupil of every kind the consent rules tell apart.
    use hometime_store::PhotoConsent::*;
    let pupils = s.pupils_in_class(KESTREL).await.unwrap();
    let by_name = |name: &str| pupils.iter().find(|p| p.preferred_name == name).unwrap();
    let facts = |name: &str| {
        let p = by_name(name);
        (p.photo_consent, p.looked_after, p.do_not_show)
    };
    assert_eq!(facts("Ivy"), (Yes, false, false));
    assert_eq!(facts("Jade"), (No, false, false));
    assert_eq!(facts("Yusuf"), (NotAsked, false, false));
    assert_eq!(facts("Emeka"), (Yes, true, false));
    assert_eq!(facts("Yousef"), (No, false, true));
}

async fn a_story_is_stored_whole_with_photos_tags_and_audience(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    let before = s.story_and_photo_counts().await.unwrap();
    let photos = [photo(b"display-1", &[IVY]), photo(b"display-2", &[])];
    let id = s
        .insert_story(&NewStoryRow {
            acknowledged: &["tone"],
            ..story(school, Some(KESTREL), "Our trip", &[IVY], &photos, T0)
        })
        .await
        .unwrap();
    let row = s.story(id).await.unwrap().unwrap();
    assert_eq!(
        (
            row.class(),
            row.class_name.as_deref(),
            row.private,
            row.body.as_str()
        ),
        (Some(KESTREL), Some("Kestrel"), true, "Our trip")
    );
    assert_eq!(row.author_name, "Mr Daly");
    assert_eq!(s.story_audience(id).await.unwrap(), vec![IVY]);
    let stored = s.photos_of_stories(&[id]).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(
        (stored[0].position, stored[0].width, stored[0].thumb_height),
        (0, 1200, 360)
    );
    assert!(stored[1].no_pupils && stored[0].available);
    assert_eq!(
        s.photo_bytes(stored[0].id, false).await.unwrap().as_deref(),
        Some(&b"display-1"[..])
    );
    assert_eq!(
        s.photo_bytes(stored[1].id, true).await.unwrap().as_deref(),
        Some(&b"thumb-bytes"[..])
    );
    let tags = s.tags_of_stories(&[id]).await.unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(
        (tags[0].pupil_id, tags[0].preferred_name.as_str()),
        (IVY, "Ivy")
    );
    assert_eq!(
        s.story_and_photo_counts().await.unwrap(),
        (before.0 + 1, before.1 + 2)
    );
    let audit = s.recent_audit(5).await.unwrap();
    let ack = audit
        .iter()
        .find(|a| a.action == "policy.warning_acknowledged")
        .unwrap();
    assert_eq!(
        (ack.subject.as_str(), ack.detail.as_str()),
        (format!("story:{id}").as_str(), "tone")
    );

    // A tag naming a pupil who does not exist fails the whole story: no story, photo or tag is left.
    let counts = s.story_and_photo_counts().await.unwrap();
    let bad = [photo(b"ok", &[]), photo(b"bad", &[PupilId(99_999)])];
    let err = s
        .insert_story(&story(school, Some(KESTREL), "Nope", &[], &bad, T0))
        .await;
    assert!(err.is_err());
    assert_eq!(s.story_and_photo_counts().await.unwrap(), counts);
}

async fn each_scope_sees_only_its_stories(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    let add = |class, body: &'static str, private_to: &'static [PupilId], at| async move {
        s.insert_story(&story(school, class, body, private_to, &[], at))
            .await
            .unwrap()
    };
    let whole = add(None, "Whole school", &[], T0).await;
    let kestrel = add(Some(KESTREL), "Kestrel", &[], T0 + 1).await;
    let kingfisher = add(Some(KINGFISHER), "Kingfisher", &[], T0 + 2).await;
    let private_ivy = add(Some(KESTREL), "Just Ivy's family", &[IVY], T0 + 3).await;
    let private_school = add(None, "Just Ruby's family", &[RUBY], T0 + 4).await;

    let all = StoryFilter::default();
    // Ivy's parent: the shared School Story, Kestrel's shared story, and the private one for Ivy.
    let ivy_family = family(school, &[KESTREL], &[IVY]);
    assert_eq!(
        ids(&db, &ivy_family, all).await,
        vec![private_ivy, kestrel, whole]
    );
    // A Kingfisher parent sees neither Kestrel's story nor the private ones.
    let kf_family = family(school, &[KINGFISHER], &[PupilId(30)]);
    assert_eq!(ids(&db, &kf_family, all).await, vec![kingfisher, whole]);
    // And cannot open one by id, so "in the feed" and "may open" agree.
    assert!(
        s.visible_story(&kf_family, kestrel)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        s.visible_story(&ivy_family, kestrel)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        s.visible_story(&ivy_family, private_school)
            .await
            .unwrap()
            .is_none()
    );
    // Kestrel's teacher: the School Story (private ones too) and Kestrel's, not Kingfisher's.
    let daly = StoryScope {
        school_story_staff: true,
        staff_classes: vec![KESTREL],
        ..StoryScope::new(school)
    };
    assert_eq!(
        ids(&db, &daly, all).await,
        vec![private_school, private_ivy, kestrel, whole]
    );
    // Leaders and the office: everything.
    let leader = StoryScope {
        whole_school: true,
        ..StoryScope::new(school)
    };
    assert_eq!(ids(&db, &leader, all).await.len(), 5);
    // Nobody: nothing.
    assert!(ids(&db, &StoryScope::new(school), all).await.is_empty());
    // Filters: one class, the School Story only, and paging by `before`.
    let only_kestrel = StoryFilter {
        class: Some(KESTREL),
        ..all
    };
    assert_eq!(
        ids(&db, &leader, only_kestrel).await,
        vec![private_ivy, kestrel]
    );
    let school_only = StoryFilter {
        school_only: true,
        ..all
    };
    assert_eq!(
        ids(&db, &leader, school_only).await,
        vec![private_school, whole]
    );
    let page = s
        .stories(
            &leader,
            &StoryFilter {
                before: Some(kingfisher),
                ..all
            },
            1,
        )
        .await
        .unwrap();
    assert_eq!(page.iter().map(|r| r.id).collect::<Vec<_>>(), vec![kestrel]);
    // Another school's scope sees none of them.
    let elsewhere = StoryScope {
        whole_school: true,
        ..StoryScope::new(SchoolId(school.0 + 1))
    };
    assert!(ids(&db, &elsewhere, all).await.is_empty());
}

async fn taking_a_story_down_deletes_its_photo_bytes(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    let photos = [photo(b"display", &[IVY])];
    let id = s
        .insert_story(&story(
            school,
            Some(KESTREL),
            "Sports day",
            &[],
            &photos,
            T0,
        ))
        .await
        .unwrap();
    let photo_id = s.photos_of_stories(&[id]).await.unwrap()[0].id;
    assert!(s.remove_story(id, DALY, T0 + 5).await.unwrap());
    assert!(!s.remove_story(id, DALY, T0 + 6).await.unwrap(), "once");
    assert_eq!(s.photo_bytes(photo_id, false).await.unwrap(), None);
    assert_eq!(s.photo_bytes(photo_id, true).await.unwrap(), None);
    assert!(!s.photo(photo_id).await.unwrap().unwrap().available);
    assert_eq!(s.story(id).await.unwrap().unwrap().removed_at, Some(T0 + 5));
    let leader = StoryScope {
        whole_school: true,
        ..StoryScope::new(school)
    };
    assert!(s.visible_story(&leader, id).await.unwrap().is_none());
    let audit = s.recent_audit(1).await.unwrap();
    assert_eq!(
        (audit[0].action.as_str(), audit[0].subject.clone()),
        ("story.removed", format!("story:{id}"))
    );
}

async fn likes_are_idempotent_and_comments_leave_markers(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    let id = s
        .insert_story(&story(school, Some(KESTREL), "Art week", &[], &[], T0))
        .await
        .unwrap();
    let on = s.set_like(id, SAM, true, T0).await.unwrap();
    assert_eq!((on.count, on.mine), (1, true));
    let again = s.set_like(id, SAM, true, T0 + 1).await.unwrap();
    assert_eq!((again.count, again.mine), (1, true));
    s.set_like(id, DALY, true, T0).await.unwrap();
    let likes = s.likes_of_stories(&[id], DALY).await.unwrap();
    assert_eq!(likes.len(), 1);
    assert_eq!((likes[0].1.count, likes[0].1.mine), (2, true));
    let off = s.set_like(id, SAM, false, T0).await.unwrap();
    assert_eq!((off.count, off.mine), (1, false));
    let off = s.set_like(id, SAM, false, T0).await.unwrap();
    assert_eq!((off.count, off.mine), (1, false));

    let c1 = s
        .insert_comment(id, SAM, "parent", "Lovely!", &[], T0)
        .await
        .unwrap();
    let c2 = s
        .insert_comment(id, DALY, "teacher", "Thank you", &["tone"], T0 + 1)
        .await
        .unwrap();
    assert!(s.remove_comment(c1, DALY, T0 + 2).await.unwrap());
    assert!(!s.remove_comment(c1, DALY, T0 + 3).await.unwrap());
    let comments = s.comments_of_stories(&[id]).await.unwrap();
    assert_eq!(
        comments.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![c1, c2]
    );
    assert_eq!(comments[0].removed_at, Some(T0 + 2));
    assert_eq!(comments[0].removed_by_name.as_deref(), Some("Mr Daly"));
    assert_eq!(
        (
            comments[1].author_name.as_str(),
            comments[1].author_kind.as_str()
        ),
        ("Mr Daly", "teacher")
    );
    assert_eq!(s.comment(c2).await.unwrap().unwrap().story_id, id);
}

crate::db_tests!(
    the_demo_school_has_stories_and_pupils_of_every_consent_kind,
    a_story_is_stored_whole_with_photos_tags_and_audience,
    each_scope_sees_only_its_stories,
    taking_a_story_down_deletes_its_photo_bytes,
    likes_are_idempotent_and_comments_leave_markers,
);
