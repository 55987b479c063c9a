//! Sessions (idle and absolute expiry, sign-out) and the shared rate-limit counters.

use hometime_store::{SessionSubject, Store};

use crate::harness::TestDb;
use crate::people::{school_with_pupil, user};

const T0: i64 = 1_790_000_000_000;
const HOUR: i64 = 3_600_000;

async fn sessions_end_when_idle_or_too_old(db: TestDb) {
    let s = &db.store;
    let u = user(s, "parent@example.com").await;
    let (_, _, pupil) = school_with_pupil(s).await;
    s.create_session(
        "tok-u",
        SessionSubject::User(u),
        T0,
        2 * HOUR,
        T0 + 5 * HOUR,
    )
    .await
    .unwrap();
    s.create_session(
        "tok-p",
        SessionSubject::Pupil(pupil),
        T0,
        8 * HOUR,
        T0 + 8 * HOUR,
    )
    .await
    .unwrap();

    s.create_session(
        "tok-idle",
        SessionSubject::User(u),
        T0,
        2 * HOUR,
        T0 + 5 * HOUR,
    )
    .await
    .unwrap();

    let live = s.session("tok-u", T0 + HOUR).await.unwrap().unwrap();
    assert_eq!(live.subject, SessionSubject::User(u));
    assert_eq!(
        s.session("tok-p", T0).await.unwrap().unwrap().subject,
        SessionSubject::Pupil(pupil)
    );
    assert!(
        s.session("tok-idle", T0 + 2 * HOUR)
            .await
            .unwrap()
            .is_none(),
        "idle for two hours"
    );

    // Use keeps a session alive past the first idle limit, up to its absolute expiry.
    s.touch_session(live.id, T0 + HOUR).await.unwrap();
    assert!(
        s.session("tok-u", T0 + 2 * HOUR + 1)
            .await
            .unwrap()
            .is_some()
    );
    s.touch_session(live.id, T0 + 2 * HOUR + 1).await.unwrap();
    assert!(s.session("tok-u", T0 + 4 * HOUR).await.unwrap().is_some());
    s.touch_session(live.id, T0 + 4 * HOUR).await.unwrap();
    assert!(
        s.session("tok-u", T0 + 5 * HOUR).await.unwrap().is_none(),
        "absolute expiry"
    );
    assert!(
        s.session("tok-p", T0 + 8 * HOUR).await.unwrap().is_none(),
        "pupil day is over"
    );

    assert_eq!(s.delete_expired_sessions(T0 + 8 * HOUR).await.unwrap(), 3);
    assert_eq!(s.session_count_for_user(u).await.unwrap(), 0);
}

async fn touching_never_moves_last_seen_backwards(db: TestDb) {
    let s = &db.store;
    let u = user(s, "parent@example.com").await;
    s.create_session("tok", SessionSubject::User(u), T0, HOUR, T0 + 10 * HOUR)
        .await
        .unwrap();
    let id = s.session("tok", T0).await.unwrap().unwrap().id;
    s.touch_session(id, T0 + HOUR / 2).await.unwrap();
    s.touch_session(id, T0).await.unwrap();
    assert!(s.session("tok", T0 + HOUR + 1).await.unwrap().is_some());
}

async fn sign_out_deletes_the_session(db: TestDb) {
    let s = &db.store;
    let u = user(s, "parent@example.com").await;
    s.create_session("tok-1", SessionSubject::User(u), T0, HOUR, T0 + HOUR)
        .await
        .unwrap();
    s.create_session("tok-2", SessionSubject::User(u), T0, HOUR, T0 + HOUR)
        .await
        .unwrap();
    s.delete_session("tok-1").await.unwrap();
    s.delete_session("unknown").await.unwrap();
    assert!(s.session("tok-1", T0).await.unwrap().is_none());
    assert!(
        s.session("tok-2", T0).await.unwrap().is_some(),
        "other devices stay signed in"
    );
    assert_eq!(s.session_count_for_user(u).await.unwrap(), 1);
}

async fn rate_counters_count_per_key_and_window(db: TestDb) {
    let s: &Store = &db.store;
    let window = 60_000;
    let t = T0 - T0 % window;
    assert_eq!(s.rate_count("login:a", t, window).await.unwrap().count, 0);
    for want in 1..=3 {
        let c = s.rate_hit("login:a", t + 10, window).await.unwrap();
        assert_eq!((c.count, c.window_end), (want, t + window));
    }
    assert_eq!(
        s.rate_hit("login:b", t, window).await.unwrap().count,
        1,
        "keys are separate"
    );
    assert_eq!(
        s.rate_count("login:a", t + window - 1, window)
            .await
            .unwrap()
            .count,
        3
    );
    assert_eq!(
        s.rate_count("login:a", t + window, window)
            .await
            .unwrap()
            .count,
        0,
        "next window"
    );
    assert_eq!(
        s.rate_hit("login:a", t + window, window)
            .await
            .unwrap()
            .count,
        1
    );
    assert_eq!(s.purge_rate_limits(t + window).await.unwrap(), 2);
    assert_eq!(
        s.rate_count("login:a", t + window, window)
            .await
            .unwrap()
            .count,
        1
    );
}

async fn concurrent_hits_are_all_counted(db: TestDb) {
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let s = db.store.clone();
        tasks.push(tokio::spawn(async move {
            s.rate_hit("global", T0, 60_000).await.unwrap()
        }));
    }
    let mut seen = Vec::new();
    for t in tasks {
        seen.push(t.await.unwrap().count);
    }
    seen.sort_unstable();
    assert_eq!(seen, (1..=20).collect::<Vec<u32>>());
}

crate::db_tests!(
    sessions_end_when_idle_or_too_old,
    touching_never_moves_last_seen_backwards,
    sign_out_deletes_the_session,
    rate_counters_count_per_key_and_window,
    concurrent_hits_are_all_counted,
);
