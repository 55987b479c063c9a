//! Single-use invite codes that link an adult to a pupil, and the short-lived class codes pupils sign in
//! with. Only hashes of codes are stored; the server hashes what people type and looks the hash up.

use hometime_domain::{ClassId, DisplayName, Email, PupilId, UserId};

use crate::BeginWrite as _;
use crate::people::{check_can_link, lock_pupil};
use crate::{Millis, Store, StoreError, on_pool};

/// An invite as recorded (for staff screens and tests).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Invite {
    #[sqlx(try_from = "i64")]
    pub pupil_id: PupilId,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub used_at: Option<Millis>,
    pub used_by: Option<i64>,
}

/// The account a new parent creates when redeeming an invite.
#[derive(Clone, Debug)]
pub struct NewUser<'a> {
    pub email: &'a Email,
    pub display_name: &'a DisplayName,
    pub password_hash: &'a str,
}

/// What a redeemed invite did: which account is now linked to which pupil.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Redeemed {
    pub user_id: UserId,
    pub pupil_id: PupilId,
}

/// Marks an unused, unexpired invite as used, inside the caller's transaction, and returns its pupil.
/// The UPDATE comes first so the transaction holds the write lock before it reads anything.
macro_rules! take_invite {
    ($conn:expr, $code_hash:expr, $now:expr) => {{
        let row: Option<(i64, i64)> = sqlx::query_as(
            "UPDATE invites SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 \
             RETURNING id, pupil_id",
        )
        .bind($code_hash)
        .bind($now)
        .fetch_optional($conn)
        .await?;
        row.ok_or(StoreError::InviteInvalid)
    }};
}

macro_rules! link_and_close_invite {
    ($tx:expr, $invite:expr, $user:expr, $pupil:expr, $now:expr) => {{
        lock_pupil!(&mut *$tx, $pupil)?;
        check_can_link!(&mut *$tx, $user, $pupil)?;
        sqlx::query("INSERT INTO guardians (user_id, pupil_id, linked_at) VALUES ($1, $2, $3)")
            .bind($user.0)
            .bind($pupil.0)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        sqlx::query("UPDATE invites SET used_by = $1 WHERE id = $2")
            .bind($user.0)
            .bind($invite)
            .execute(&mut *$tx)
            .await?;
    }};
}

impl Store {
    /// Records a new invite for `pupil`, refusing with `GuardianLimit` when the pupil already has its
    /// allowed number of linked adults (the limit is checked again when the invite is redeemed).
    pub async fn create_invite(
        &self,
        pupil: PupilId,
        code_hash: &str,
        created_by: UserId,
        now: Millis,
        expires_at: Millis,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            lock_pupil!(&mut *tx, pupil)?;
            // The creator is never a guardian candidate here; a zero id only asks about free slots.
            match check_can_link!(&mut *tx, UserId(0), pupil) {
                Ok(()) | Err(StoreError::AlreadyLinked) => {}
                Err(e) => return Err(e),
            }
            sqlx::query(
                "INSERT INTO invites (code_hash, pupil_id, created_by, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(code_hash)
            .bind(pupil.0)
            .bind(created_by.0)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::unique_or(e, StoreError::CodeTaken))?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Redeems an invite by creating a new adult account linked to its pupil, all or nothing: on any
    /// refusal (`InviteInvalid`, `EmailTaken`, `GuardianLimit`) the invite stays unused.
    pub async fn redeem_invite_as_new_user(
        &self,
        code_hash: &str,
        user: &NewUser<'_>,
        now: Millis,
    ) -> Result<Redeemed, StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let (invite, pupil) = take_invite!(&mut *tx, code_hash, now)?;
            let pupil = PupilId(pupil);
            let user_id: i64 = sqlx::query_scalar(
                "INSERT INTO users (email, display_name, password_hash, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(user.email.as_str())
            .bind(user.display_name.as_str())
            .bind(user.password_hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| StoreError::unique_or(e, StoreError::EmailTaken))?;
            let user_id = UserId(user_id);
            link_and_close_invite!(tx, invite, user_id, pupil, now);
            tx.commit().await?;
            Ok(Redeemed {
                user_id,
                pupil_id: pupil,
            })
        })
    }

    /// Redeems an invite for an existing adult (a parent linking another child), all or nothing.
    pub async fn redeem_invite(
        &self,
        code_hash: &str,
        user: UserId,
        now: Millis,
    ) -> Result<PupilId, StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let (invite, pupil) = take_invite!(&mut *tx, code_hash, now)?;
            let pupil = PupilId(pupil);
            link_and_close_invite!(tx, invite, user, pupil, now);
            tx.commit().await?;
            Ok(pupil)
        })
    }

    /// Every invite issued for a pupil, newest first.
    pub async fn invites_for_pupil(&self, pupil: PupilId) -> Result<Vec<Invite>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT pupil_id, created_at, expires_at, used_at, used_by FROM invites \
                 WHERE pupil_id = $1 ORDER BY id DESC",
            )
            .bind(pupil.0)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Opens a class code until `expires_at`, closing any code the class had open (one open code per
    /// class keeps "which code is live" unambiguous for the teacher).
    pub async fn open_class_code(
        &self,
        class: ClassId,
        code_hash: &str,
        opened_by: UserId,
        now: Millis,
        expires_at: Millis,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE class_codes SET closed = TRUE WHERE class_id = $1 AND closed = FALSE",
            )
            .bind(class.0)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO class_codes (class_id, code_hash, opened_by, created_at, expires_at, closed) \
                 VALUES ($1, $2, $3, $4, $5, FALSE)",
            )
            .bind(class.0)
            .bind(code_hash)
            .bind(opened_by.0)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::unique_or(e, StoreError::CodeTaken))?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Closes the class's open code, if any.
    pub async fn close_class_codes(&self, class: ClassId) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE class_codes SET closed = TRUE WHERE class_id = $1 AND closed = FALSE",
            )
            .bind(class.0)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The class whose open, unexpired code has this hash.
    pub async fn class_for_code(
        &self,
        code_hash: &str,
        now: Millis,
    ) -> Result<Option<ClassId>, StoreError> {
        let id: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT class_id FROM class_codes WHERE code_hash = $1 AND closed = FALSE AND expires_at > $2",
            )
            .bind(code_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?
        });
        Ok(id.map(ClassId))
    }

    /// When the class's open code expires, if one is open at `now`.
    pub async fn open_code_expiry(
        &self,
        class: ClassId,
        now: Millis,
    ) -> Result<Option<Millis>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT MAX(expires_at) FROM class_codes WHERE class_id = $1 AND closed = FALSE AND expires_at > $2",
            )
            .bind(class.0)
            .bind(now)
            .fetch_one(pool)
            .await?
        }))
    }
}
