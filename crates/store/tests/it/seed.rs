//! The demo seed: deterministic, complete, and within the adult limit.

use hometime_domain::{Email, StaffRole};
use hometime_store::{Store, seed};

use crate::harness::TestDb;

const T0: i64 = 1_790_000_000_000;

/// Everything the seed decides, as text, in id order: a fingerprint two seeds can be compared by.
async fn fingerprint(s: &Store) -> Vec<String> {
    let mut out = Vec::new();
    let school = seed::demo(s, "demo-hash", T0).await.unwrap();
    let row = s.school(school).await.unwrap().unwrap();
    out.push(format!("{} {}", row.name, row.settings));
    for class in s.classes_of_school(school).await.unwrap() {
        out.push(format!("{class:?}"));
        for p in s.pupils_in_class(class.id).await.unwrap() {
            out.push(format!("{p:?}"));
        }
    }
    for n in 1..200 {
        let email = Email::parse(&format!("parent.{n}@example.com")).unwrap();
        if let Some(u) = s.user_by_email(&email).await.unwrap() {
            out.push(format!("{u:?} {:?}", s.children_of(u.id).await.unwrap()));
        }
    }
    out
}

async fn the_demo_seed_is_deterministic(db: TestDb) {
    let first = fingerprint(&db.store).await;
    // A second, independent database seeded the same way must come out identical.
    let path = std::env::temp_dir().join(format!("seed-twin-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let twin = Store::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let second = fingerprint(&twin).await;
    twin.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    assert_eq!(first, second);
}

async fn the_demo_school_matches_the_brief(db: TestDb) {
    let s = &db.store;
    assert!(s.is_empty().await.unwrap());
    let school = seed::demo(s, "demo-hash", T0).await.unwrap();
    assert!(!s.is_empty().await.unwrap());

    let classes = s.classes_of_school(school).await.unwrap();
    let summary: Vec<_> = classes
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.year_group,
                c.pupil_count,
                c.teacher_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Robin", 1, 25, Some("Mr Lindqvist")),
            ("Kestrel", 2, 25, Some("Mr Daly")),
            ("Kingfisher", 4, 25, Some("Mrs Achebe")),
        ]
    );
    assert_eq!(s.pupil_count(school).await.unwrap(), 75);

    let by_email = |e: &str| {
        let e = Email::parse(e).unwrap();
        async move { s.user_by_email(&e).await.unwrap().unwrap() }
    };
    let head = by_email("head@brookfield.example.sch.uk").await;
    assert_eq!(
        s.staff_roles(head.id).await.unwrap(),
        [(school, StaffRole::Leader)]
    );
    let carver = by_email("carver@brookfield.example.sch.uk").await;
    assert_eq!(
        s.staff_roles(carver.id).await.unwrap(),
        [(school, StaffRole::Office)]
    );

    let sam = by_email("sam.fisher@example.com").await;
    let sams: Vec<_> = s
        .children_of(sam.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.preferred_name, c.class_name))
        .collect();
    assert_eq!(
        sams,
        [
            ("Ivy".to_owned(), "Kestrel".to_owned()),
            ("Leo".to_owned(), "Robin".to_owned())
        ]
    );
    let alex = by_email("alex.lane@example.com").await;
    assert_eq!(
        s.children_of(alex.id).await.unwrap()[0].preferred_name,
        "Ruby"
    );

    // Most pupils have two adults, some one or none (so invites can be shown), nobody is over the limit.
    let mut by_count = [0; 3];
    for class in &classes {
        for p in s.pupils_in_class(class.id).await.unwrap() {
            assert!(p.linked_adults <= p.adult_limit, "{}", p.id);
            assert_eq!(p.adult_limit, 2);
            by_count[p.linked_adults as usize] += 1;
            assert!(serde_json::from_str::<serde_json::Value>(&p.avatar).is_ok());
        }
    }
    assert!(
        by_count[2] > 50 && by_count[1] > 0 && by_count[0] > 0,
        "{by_count:?}"
    );
    let settings: serde_json::Value =
        serde_json::from_str(&s.school(school).await.unwrap().unwrap().settings).unwrap();
    assert_eq!(settings["office_phone"], "01632 960777");
    assert_eq!(settings["names_in_shared_spaces"], "none");
}

crate::db_tests!(
    the_demo_seed_is_deterministic,
    the_demo_school_matches_the_brief
);
