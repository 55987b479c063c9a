//! Points in the store: multi-pupil awards are all or nothing, tallies count by kind, retention deletes only
//! older points of the right school, and avatars are saved.

use hometime_domain::{ClassId, PupilId, UserId};
use hometime_store::{PointsSettingsRow, seed};

use crate::harness::TestDb;

const T0: i64 = 1_790_000_000_000;
const KESTREL: ClassId = ClassId(1);
const KINGFISHER_PUPIL: PupilId = PupilId(30);
const DALY: UserId = UserId(1);

async fn an_award_to_several_pupils_is_all_or_nothing(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    let skills = s.skills_for_class(school, KESTREL).await.unwrap();
    let kindness = skills.iter().find(|k| k.name == "Kindness").unwrap().id;
    let (before, _) = s.points_count(school).await.unwrap();

    // The third pupil is in another class, so the two valid rows written before it are rolled back.
    let err = s
        .award_points(
            KESTREL,
            &[PupilId(3), PupilId(4), KINGFISHER_PUPIL],
            kindness,
            DALY,
            None,
            T0,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, hometime_store::StoreError::NotFound),
        "{err:?}"
    );
    assert_eq!(s.points_count(school).await.unwrap().0, before);

    let t3 = s.tally_of_pupil(PupilId(3)).await.unwrap();
    let ids = s
        .award_points(
            KESTREL,
            &[PupilId(3), PupilId(4)],
            kindness,
            DALY,
            Some("Shared kindly."),
            T0,
        )
        .await
        .unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(s.points_count(school).await.unwrap().0, before + 2);
    assert_eq!(
        s.tally_of_pupil(PupilId(3)).await.unwrap().positive,
        t3.positive + 1
    );
    let p = s.point(ids[0]).await.unwrap().unwrap();
    assert_eq!(
        (
            p.pupil_id,
            p.skill_name.as_str(),
            p.kind.as_str(),
            p.note.as_deref(),
            p.awarded_by_name.as_str()
        ),
        (
            PupilId(3),
            "Kindness",
            "positive",
            Some("Shared kindly."),
            "Mr Daly"
        )
    );
    assert!(s.delete_point(ids[0]).await.unwrap());
    assert!(!s.delete_point(ids[0]).await.unwrap(), "already gone");
}

async fn retention_deletes_only_points_older_than_the_cutoff(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    let kindness = s.school_skills(school).await.unwrap()[0].id;
    let old = s
        .award_points(
            KESTREL,
            &[PupilId(5)],
            kindness,
            DALY,
            None,
            T0 + 10_000_000,
        )
        .await
        .unwrap()[0];
    let new = s
        .award_points(
            KESTREL,
            &[PupilId(5)],
            kindness,
            DALY,
            None,
            T0 + 20_000_000,
        )
        .await
        .unwrap()[0];
    let (total, _) = s.points_count(school).await.unwrap();
    // Every demo point is older than T0, so a cutoff between the two new points leaves only the newer.
    let gone = s
        .delete_points_before(school, T0 + 15_000_000)
        .await
        .unwrap();
    assert_eq!(gone, u64::from(total - 1));
    assert!(s.point(old).await.unwrap().is_none());
    assert!(s.point(new).await.unwrap().is_some());
    assert_eq!(
        s.points_count(school).await.unwrap(),
        (1, Some(T0 + 20_000_000))
    );
}

async fn settings_default_to_none_and_upsert(db: TestDb) {
    let s = &db.store;
    let school = seed::demo(s, "hash", T0).await.unwrap();
    assert_eq!(s.points_settings(school).await.unwrap(), None);
    assert_eq!(s.retention_by_school().await.unwrap(), vec![(school, None)]);
    for months in [6, 18] {
        let row = PointsSettingsRow {
            show_initials: true,
            needs_work_enabled: false,
            retention_months: months,
        };
        s.set_points_settings(school, row).await.unwrap();
        assert_eq!(s.points_settings(school).await.unwrap(), Some(row));
    }
    s.set_avatar(PupilId(1), r#"{"body":1}"#).await.unwrap();
    assert_eq!(
        s.pupil(PupilId(1)).await.unwrap().unwrap().avatar,
        r#"{"body":1}"#
    );
    assert!(s.set_avatar(PupilId(9999), "{}").await.is_err());
}

/// Several teachers awarding at once (and a failed award's rollback still in flight) all land: on SQLite
/// a transaction that read first and then wrote could not wait for another writer and failed at once
/// with "database is locked"; write transactions now take the write lock when they begin.
async fn concurrent_awards_all_land(db: TestDb) {
    let school = seed::demo(&db.store, "hash", T0).await.unwrap();
    let skills = db.store.skills_for_class(school, KESTREL).await.unwrap();
    let kindness = skills.iter().find(|k| k.name == "Kindness").unwrap().id;
    let (before, _) = db.store.points_count(school).await.unwrap();
    let mut tasks = Vec::new();
    for k in 0..16 {
        let s = db.store.clone();
        tasks.push(tokio::spawn(async move {
            // Every fourth award names a pupil of another class: it fails and rolls back.
            let pupils: &[PupilId] = if k % 4 == 3 {
                &[PupilId(3), KINGFISHER_PUPIL]
            } else {
                &[PupilId(3), PupilId(4)]
            };
            s.award_points(KESTREL, pupils, kindness, DALY, None, T0)
                .await
        }));
    }
    let mut landed = 0;
    for (k, t) in tasks.into_iter().enumerate() {
        match t.await.unwrap() {
            Ok(ids) => {
                assert_eq!(ids.len(), 2);
                landed += 1;
            }
            Err(hometime_store::StoreError::NotFound) if k % 4 == 3 => {}
            Err(e) => panic!("award {k}: {e:?}"),
        }
    }
    assert_eq!(landed, 12);
    assert_eq!(db.store.points_count(school).await.unwrap().0, before + 24);
}

crate::db_tests!(
    concurrent_awards_all_land,
    an_award_to_several_pupils_is_all_or_nothing,
    retention_deletes_only_points_older_than_the_cutoff,
    settings_default_to_none_and_upsert,
);
