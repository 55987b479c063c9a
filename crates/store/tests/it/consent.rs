//! Photo-consent records with their audit entries, and photos stored with a private-thread message.

use hometime_domain::{PhotoId, PupilId, UserId};
use hometime_store::{
    CONSENT_AUDIT_ACTION, ConsentRecord, Destination, NewMessage, NewMessagePhoto, PhotoConsent,
    StoreError,
};

use crate::harness::TestDb;
use crate::people::{school_with_pupil, user};

const T0: i64 = 1_790_000_000_000;

fn record(consent: PhotoConsent, looked_after: bool, do_not_show: bool) -> ConsentRecord {
    ConsentRecord {
        photo_consent: consent,
        looked_after,
        do_not_show,
    }
}

async fn consent_changes_are_saved_and_audited_without_names(db: TestDb) {
    let s = &db.store;
    let (_, _, pupil) = school_with_pupil(s).await;
    let office = user(s, "office@example.com").await;
    let before = s.pupil(pupil).await.unwrap().unwrap();
    assert_eq!(
        before.consent(),
        record(PhotoConsent::NotAsked, false, false)
    );

    let new = record(PhotoConsent::No, false, true);
    let old = s.set_pupil_consent(pupil, new, office, T0).await.unwrap();
    assert_eq!(old, record(PhotoConsent::NotAsked, false, false));
    assert_eq!(s.pupil(pupil).await.unwrap().unwrap().consent(), new);

    let audit = s.recent_audit(5).await.unwrap();
    let entry = &audit[0];
    assert_eq!(entry.action, CONSENT_AUDIT_ACTION);
    assert_eq!(entry.actor_user_id, Some(office.0));
    assert_eq!(entry.subject, format!("pupil:{}", pupil.0));
    assert_eq!(entry.at, T0);
    assert_eq!(
        entry.detail,
        "photo_consent: not_asked -> no; do_not_show: no -> yes"
    );
    for name in ["Test", "Pupil", "Testy"] {
        assert!(!entry.detail.contains(name), "{}", entry.detail);
        assert!(!entry.subject.contains(name), "{}", entry.subject);
    }

    // Saving the same values again changes nothing and records nothing.
    let again = s
        .set_pupil_consent(pupil, new, office, T0 + 1)
        .await
        .unwrap();
    assert_eq!(again, new);
    assert_eq!(s.recent_audit(5).await.unwrap().len(), audit.len());

    // Every field is recorded when it changes.
    s.set_pupil_consent(
        pupil,
        record(PhotoConsent::Yes, true, false),
        office,
        T0 + 2,
    )
    .await
    .unwrap();
    assert_eq!(
        s.recent_audit(1).await.unwrap()[0].detail,
        "photo_consent: no -> yes; looked_after: no -> yes; do_not_show: yes -> no"
    );

    // No such pupil: refused, and nothing is written.
    let n = s.recent_audit(50).await.unwrap().len();
    let missing = s
        .set_pupil_consent(PupilId(999_999), new, office, T0 + 3)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(s.recent_audit(50).await.unwrap().len(), n);
}

async fn a_message_and_its_photos_are_stored_together(db: TestDb) {
    let s = &db.store;
    let (school, class, pupil) = school_with_pupil(s).await;
    let parent = user(s, "parent@example.com").await;
    s.link_guardian(parent, pupil, T0).await.unwrap();
    let thread = s.thread_for(school, pupil, parent, T0).await.unwrap();
    let before_events = s.latest_event_id().await.unwrap();

    let message = NewMessage {
        school,
        to: Destination::Thread {
            thread_id: thread.id,
            parent,
            class,
        },
        author: parent,
        author_kind: "parent",
        body: "",
        sent_at: T0,
        deliver_at: T0,
        acknowledged: &[],
    };
    let photos = [
        NewMessagePhoto {
            display: b"display-one",
            width: 1600,
            height: 1200,
            thumb: b"thumb-one",
            thumb_width: 480,
            thumb_height: 360,
        },
        NewMessagePhoto {
            display: b"display-two",
            width: 900,
            height: 1600,
            thumb: b"thumb-two",
            thumb_width: 270,
            thumb_height: 480,
        },
    ];
    let id = s
        .insert_message_with_photos(&message, &photos)
        .await
        .unwrap();

    // The message is an ordinary thread message, announced by one live event.
    let stored = s.thread_messages(thread.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, id);
    assert_eq!(stored[0].body, "");
    let events = s.events_after(before_events, 10).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, "thread_message");
    assert_eq!(events[0].thread_id, Some(thread.id));
    assert_eq!(events[0].parent_user_id, Some(parent.0));

    // Its photos, in order, with their sizes and bytes.
    let listed = s.photos_of_messages(&[id, id + 1000]).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        listed
            .iter()
            .map(|p| (p.message_id, p.position, p.width, p.height))
            .collect::<Vec<_>>(),
        vec![(id, 0, 1600, 1200), (id, 1, 900, 1600)]
    );
    let bytes = s.message_photo_bytes(listed[1].id).await.unwrap().unwrap();
    assert_eq!(bytes.message_id, id);
    assert_eq!(bytes.display.as_deref(), Some(&b"display-two"[..]));
    assert_eq!(bytes.thumb.as_deref(), Some(&b"thumb-two"[..]));
    assert!(
        s.message_photo_bytes(PhotoId(999_999))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(s.message_photo_count(parent).await.unwrap(), 2);
    assert!(s.photos_of_messages(&[]).await.unwrap().is_empty());

    // A send that fails (a thread that does not exist) leaves neither a message nor photos.
    let broken = NewMessage {
        to: Destination::Thread {
            thread_id: thread.id + 1000,
            parent,
            class,
        },
        ..message.clone()
    };
    assert!(
        s.insert_message_with_photos(&broken, &photos)
            .await
            .is_err()
    );
    assert_eq!(s.message_photo_count(parent).await.unwrap(), 2);
    assert_eq!(s.events_after(before_events, 10).await.unwrap().len(), 1);
    assert_eq!(
        s.message_photo_count(UserId(parent.0 + 1000))
            .await
            .unwrap(),
        0
    );
}

crate::db_tests!(
    consent_changes_are_saved_and_audited_without_names,
    a_message_and_its_photos_are_stored_together,
);
