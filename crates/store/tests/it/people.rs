//! Accounts, classes, teaching, guardian links with their limit, and the audit trail.

use hometime_domain::{ClassId, DisplayName, Email, PupilId, SchoolId, StaffRole, UserId};
use hometime_store::{Backend, NewPupil, PhotoConsent, Store, StoreError};

use crate::harness::TestDb;

const T0: i64 = 1_790_000_000_000;

pub async fn school_with_pupil(store: &Store) -> (SchoolId, ClassId, PupilId) {
    let school = store.insert_school("Test School", "{}", T0).await.unwrap();
    let class = store.insert_class(school, "Wren", 3, T0).await.unwrap();
    let pupil = store
        .insert_pupil(&NewPupil {
            class_id: class,
            first_name: "Test",
            surname: "Pupil",
            preferred_name: "Testy",
            avatar_json: "{}",
            photo_consent: PhotoConsent::NotAsked,
            looked_after: false,
            do_not_show: false,
        })
        .await
        .unwrap();
    (school, class, pupil)
}

pub async fn user(store: &Store, email: &str) -> UserId {
    store
        .insert_user(
            &Email::parse(email).unwrap(),
            &DisplayName::parse("Someone").unwrap(),
            "hash",
            T0,
        )
        .await
        .unwrap()
}

async fn durability_settings_are_explicit_and_migrations_rerun(db: TestDb) {
    if db.store.backend() == Backend::Sqlite {
        let pragma = |name: &'static str| {
            let store = db.store.clone();
            async move { store.sqlite_pragma(name).await.unwrap().unwrap() }
        };
        assert_eq!(pragma("journal_mode").await, "wal");
        assert_eq!(pragma("synchronous").await, "2", "synchronous=FULL");
        assert_eq!(pragma("foreign_keys").await, "1");
        assert_eq!(pragma("busy_timeout").await, "10000");
    }
    // Opening the same database again applies no migration twice and keeps the data.
    user(&db.store, "kept@example.com").await;
    let again = Store::connect(&db.url).await.unwrap();
    let email = Email::parse("kept@example.com").unwrap();
    assert!(again.user_by_email(&email).await.unwrap().is_some());
    again.close().await;
}

async fn users_have_unique_normalised_emails(db: TestDb) {
    let s = &db.store;
    let id = user(s, "Pat.Parent@Example.com").await;
    let found = s
        .user_by_email(&Email::parse("pat.parent@example.com").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, id);
    assert_eq!(found.display_name, "Someone");
    assert_eq!(
        s.user(id).await.unwrap().unwrap().email,
        "pat.parent@example.com"
    );
    let again = s
        .insert_user(
            &Email::parse("PAT.parent@example.com").unwrap(),
            &DisplayName::parse("Other").unwrap(),
            "h",
            T0,
        )
        .await;
    assert!(matches!(again, Err(StoreError::EmailTaken)), "{again:?}");
    assert!(
        s.user_by_email(&Email::parse("nobody@example.com").unwrap())
            .await
            .unwrap()
            .is_none()
    );
}

async fn classes_list_teachers_and_cover_windows(db: TestDb) {
    let s = &db.store;
    let (school, class, _) = school_with_pupil(s).await;
    let other = s.insert_class(school, "Heron", 1, T0).await.unwrap();
    let teacher = user(s, "teacher@example.com").await;
    let cover = user(s, "cover@example.com").await;
    s.add_staff(teacher, school, StaffRole::Teacher)
        .await
        .unwrap();
    s.add_staff(cover, school, StaffRole::Teacher)
        .await
        .unwrap();
    s.add_class_teacher(class, teacher, None).await.unwrap();
    s.add_class_teacher(other, cover, Some((T0 + 1000, T0 + 2000)))
        .await
        .unwrap();

    let classes = s.classes_of_school(school).await.unwrap();
    assert_eq!(
        classes.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Heron", "Wren"],
        "youngest year first"
    );
    let wren = s.class(class).await.unwrap().unwrap();
    assert_eq!(
        (wren.pupil_count, wren.teacher_name.as_deref()),
        (1, Some("Someone"))
    );
    assert_eq!(
        s.class(other).await.unwrap().unwrap().teacher_name,
        None,
        "cover is not the class teacher"
    );

    assert!(s.teaches(teacher, class, T0).await.unwrap());
    assert!(!s.teaches(teacher, other, T0).await.unwrap());
    assert!(
        !s.teaches(cover, other, T0).await.unwrap(),
        "before the cover window"
    );
    assert!(
        s.teaches(cover, other, T0 + 1500).await.unwrap(),
        "during the cover window"
    );
    assert!(
        !s.teaches(cover, other, T0 + 2000).await.unwrap(),
        "after the cover window"
    );
    assert_eq!(
        s.classes_taught_by(cover, T0 + 1500).await.unwrap().len(),
        1
    );
    assert!(s.classes_taught_by(cover, T0).await.unwrap().is_empty());

    assert_eq!(
        s.staff_roles(teacher).await.unwrap(),
        [(school, StaffRole::Teacher)]
    );
    assert!(
        s.staff_roles(user(s, "parent@example.com").await)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(s.staff_count(school).await.unwrap(), 2);
    assert_eq!(s.pupil_count(school).await.unwrap(), 1);
    assert!(s.class(ClassId(9999)).await.unwrap().is_none());
}

async fn guardians_are_limited_to_two_unless_a_leader_approves(db: TestDb) {
    let s = &db.store;
    let (school, _, pupil) = school_with_pupil(s).await;
    let (a, b, c) = (
        user(s, "a@example.com").await,
        user(s, "b@example.com").await,
        user(s, "c@example.com").await,
    );
    let leader = user(s, "head@example.com").await;
    s.link_guardian(a, pupil, T0).await.unwrap();
    assert!(matches!(
        s.link_guardian(a, pupil, T0).await,
        Err(StoreError::AlreadyLinked)
    ));
    s.link_guardian(b, pupil, T0).await.unwrap();
    assert_eq!(s.adult_slots(pupil).await.unwrap(), (2, 2));
    assert!(matches!(
        s.link_guardian(c, pupil, T0).await,
        Err(StoreError::GuardianLimit)
    ));

    s.approve_extra_adult(pupil, leader, "Step-parent", T0)
        .await
        .unwrap();
    assert_eq!(s.adult_slots(pupil).await.unwrap(), (2, 3));
    s.link_guardian(c, pupil, T0).await.unwrap();
    assert_eq!(s.adult_slots(pupil).await.unwrap(), (3, 3));

    assert!(s.is_guardian(a, pupil).await.unwrap());
    assert!(!s.is_guardian(leader, pupil).await.unwrap());
    let children = s.children_of(a).await.unwrap();
    assert_eq!(children.len(), 1);
    assert_eq!(
        (children[0].id, children[0].preferred_name.as_str()),
        (pupil, "Testy")
    );
    assert_eq!(s.linked_parent_count(school).await.unwrap(), 3);
    assert!(matches!(
        s.link_guardian(a, PupilId(9999), T0).await,
        Err(StoreError::NotFound)
    ));
    let row = s.pupil(pupil).await.unwrap().unwrap();
    assert_eq!((row.linked_adults, row.adult_limit), (3, 3));
    assert_eq!(row.photo_consent, PhotoConsent::NotAsked);
}

async fn audit_entries_are_kept_in_order(db: TestDb) {
    let s = &db.store;
    let actor = user(s, "head@example.com").await;
    s.audit(Some(actor), "approve_extra_adult", "pupil:1", "{}", T0)
        .await
        .unwrap();
    s.audit(None, "seed", "school:1", "{}", T0 + 1)
        .await
        .unwrap();
    let entries = s.recent_audit(10).await.unwrap();
    assert_eq!(
        entries
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["seed", "approve_extra_adult"]
    );
    assert_eq!(entries[1].actor_user_id, Some(actor.0));
}

crate::db_tests!(
    durability_settings_are_explicit_and_migrations_rerun,
    users_have_unique_normalised_emails,
    classes_list_teachers_and_cover_windows,
    guardians_are_limited_to_two_unless_a_leader_approves,
    audit_entries_are_kept_in_order,
);
