//! Invites (single use, expiry, the adult limit at creation and redemption) and class codes.

use hometime_domain::{DisplayName, Email, UserId};
use hometime_store::{NewUser, StoreError};

use crate::harness::TestDb;
use crate::people::{school_with_pupil, user};

const T0: i64 = 1_790_000_000_000;
const DAY: i64 = 86_400_000;

fn new_user<'a>(email: &'a Email, name: &'a DisplayName) -> NewUser<'a> {
    NewUser {
        email,
        display_name: name,
        password_hash: "hash",
    }
}

async fn invites_are_single_use_and_expire(db: TestDb) {
    let s = &db.store;
    let (_, _, pupil) = school_with_pupil(s).await;
    let staff = user(s, "teacher@example.com").await;
    s.create_invite(pupil, "hash-a", staff, T0, T0 + 14 * DAY)
        .await
        .unwrap();
    s.create_invite(pupil, "hash-old", staff, T0, T0 + DAY)
        .await
        .unwrap();
    assert!(matches!(
        s.create_invite(pupil, "hash-a", staff, T0, T0 + DAY).await,
        Err(StoreError::CodeTaken)
    ));

    let email = Email::parse("new.parent@example.com").unwrap();
    let name = DisplayName::parse("New Parent").unwrap();
    let redeemed = s
        .redeem_invite_as_new_user("hash-a", &new_user(&email, &name), T0 + 1)
        .await
        .unwrap();
    assert_eq!(redeemed.pupil_id, pupil);
    assert!(s.is_guardian(redeemed.user_id, pupil).await.unwrap());
    let other = Email::parse("other@example.com").unwrap();
    assert!(
        matches!(
            s.redeem_invite_as_new_user("hash-a", &new_user(&other, &name), T0 + 2)
                .await,
            Err(StoreError::InviteInvalid)
        ),
        "an invite works once"
    );
    assert!(
        matches!(
            s.redeem_invite_as_new_user("hash-old", &new_user(&other, &name), T0 + DAY)
                .await,
            Err(StoreError::InviteInvalid)
        ),
        "an invite stops working when it expires"
    );
    assert!(matches!(
        s.redeem_invite_as_new_user("no-such-hash", &new_user(&other, &name), T0)
            .await,
        Err(StoreError::InviteInvalid)
    ));
    assert!(
        s.user_by_email(&other).await.unwrap().is_none(),
        "refusals create no account"
    );

    let invites = s.invites_for_pupil(pupil).await.unwrap();
    let used: Vec<_> = invites.iter().map(|i| (i.used_at, i.used_by)).collect();
    assert_eq!(
        used,
        [(None, None), (Some(T0 + 1), Some(redeemed.user_id.0))]
    );
}

async fn refused_redemptions_leave_the_invite_unused(db: TestDb) {
    let s = &db.store;
    let (_, _, pupil) = school_with_pupil(s).await;
    let staff = user(s, "teacher@example.com").await;
    s.create_invite(pupil, "h1", staff, T0, T0 + DAY)
        .await
        .unwrap();
    let taken = Email::parse("teacher@example.com").unwrap();
    let name = DisplayName::parse("Someone Else").unwrap();
    assert!(matches!(
        s.redeem_invite_as_new_user("h1", &new_user(&taken, &name), T0)
            .await,
        Err(StoreError::EmailTaken)
    ));
    let fresh = Email::parse("fresh@example.com").unwrap();
    s.redeem_invite_as_new_user("h1", &new_user(&fresh, &name), T0)
        .await
        .unwrap();
}

async fn the_adult_limit_is_checked_at_creation_and_redemption(db: TestDb) {
    let s = &db.store;
    let (_, _, pupil) = school_with_pupil(s).await;
    let staff = user(s, "teacher@example.com").await;
    let first = user(s, "first@example.com").await;
    s.link_guardian(first, pupil, T0).await.unwrap();
    // One place left: two invites may be out at once, but only one can be redeemed.
    s.create_invite(pupil, "h1", staff, T0, T0 + DAY)
        .await
        .unwrap();
    s.create_invite(pupil, "h2", staff, T0, T0 + DAY)
        .await
        .unwrap();
    let second = user(s, "second@example.com").await;
    assert_eq!(s.redeem_invite("h1", second, T0).await.unwrap(), pupil);
    let third = user(s, "third@example.com").await;
    assert!(matches!(
        s.redeem_invite("h2", third, T0).await,
        Err(StoreError::GuardianLimit)
    ));
    assert!(matches!(
        s.create_invite(pupil, "h3", staff, T0, T0 + DAY).await,
        Err(StoreError::GuardianLimit)
    ));
    assert!(matches!(
        s.redeem_invite("h2", second, T0).await,
        Err(StoreError::AlreadyLinked)
    ));
    // After a leader's approval the still-unused invite works.
    s.approve_extra_adult(pupil, staff, "Court order names a third carer", T0)
        .await
        .unwrap();
    assert_eq!(s.redeem_invite("h2", third, T0).await.unwrap(), pupil);
    assert_eq!(s.adult_slots(pupil).await.unwrap(), (3, 3));
}

async fn class_codes_open_expire_and_close(db: TestDb) {
    let s = &db.store;
    let (school, class, _) = school_with_pupil(s).await;
    let other = s.insert_class(school, "Heron", 1, T0).await.unwrap();
    let teacher = UserId(user(s, "teacher@example.com").await.0);
    s.open_class_code(class, "c1", teacher, T0, T0 + 600_000)
        .await
        .unwrap();
    assert_eq!(s.class_for_code("c1", T0 + 1).await.unwrap(), Some(class));
    assert_eq!(
        s.open_code_expiry(class, T0).await.unwrap(),
        Some(T0 + 600_000)
    );
    assert_eq!(
        s.class_for_code("c1", T0 + 600_000).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(s.open_code_expiry(class, T0 + 600_000).await.unwrap(), None);
    assert_eq!(s.class_for_code("nope", T0).await.unwrap(), None);

    s.open_class_code(other, "c2", teacher, T0, T0 + 600_000)
        .await
        .unwrap();
    s.open_class_code(class, "c3", teacher, T0, T0 + 600_000)
        .await
        .unwrap();
    assert_eq!(
        s.class_for_code("c1", T0).await.unwrap(),
        None,
        "reopening closes the old code"
    );
    assert_eq!(s.class_for_code("c3", T0).await.unwrap(), Some(class));
    assert_eq!(
        s.class_for_code("c2", T0).await.unwrap(),
        Some(other),
        "other classes unaffected"
    );
    assert!(matches!(
        s.open_class_code(other, "c3", teacher, T0, T0 + 1).await,
        Err(StoreError::CodeTaken)
    ));
    s.close_class_codes(class).await.unwrap();
    assert_eq!(s.class_for_code("c3", T0).await.unwrap(), None);
    assert_eq!(s.class_for_code("c2", T0).await.unwrap(), Some(other));
}

crate::db_tests!(
    invites_are_single_use_and_expire,
    refused_redemptions_leave_the_invite_unused,
    the_adult_limit_is_checked_at_creation_and_redemption,
    class_codes_open_expire_and_close,
);
