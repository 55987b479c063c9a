//! Adult accounts, pupils, and the guardian links between them (with the per-pupil limit of linked adults).

use hometime_domain::{ClassId, DisplayName, Email, PupilId, SchoolId, UserId};

use crate::BeginWrite as _;
use crate::{Millis, Store, StoreError, count, on_pool};

/// How many adults may be linked to a pupil before a leader has to approve another.
pub const DEFAULT_ADULT_LIMIT: u32 = 2;

/// Takes the write lock on a pupil's row for the rest of the transaction, so two links racing for the
/// last free slot are serialised. A no-op UPDATE does this in both dialects (PostgreSQL locks the row;
/// SQLite takes the database write lock at the first write, which also avoids a read-to-write upgrade).
macro_rules! lock_pupil {
    ($conn:expr, $pupil:expr) => {{
        let done = sqlx::query("UPDATE pupils SET id = id WHERE id = $1")
            .bind($pupil.0)
            .execute($conn)
            .await?;
        if done.rows_affected() == 0 {
            Err($crate::StoreError::NotFound)
        } else {
            Ok(())
        }
    }};
}
pub(crate) use lock_pupil;

/// Refuses a link when the adult is already linked or the pupil has no free slot.
macro_rules! check_can_link {
    ($conn:expr, $user:expr, $pupil:expr) => {{
        let (mine, linked, approvals): (i64, i64, i64) = sqlx::query_as(
            "SELECT \
             (SELECT COUNT(*) FROM guardians WHERE pupil_id = $1 AND user_id = $2), \
             (SELECT COUNT(*) FROM guardians WHERE pupil_id = $1), \
             (SELECT COUNT(*) FROM adult_limit_approvals WHERE pupil_id = $1)",
        )
        .bind($pupil.0)
        .bind($user.0)
        .fetch_one($conn)
        .await?;
        if mine > 0 {
            Err($crate::StoreError::AlreadyLinked)
        } else if $crate::count(linked)
            >= $crate::people::DEFAULT_ADULT_LIMIT + $crate::count(approvals)
        {
            Err($crate::StoreError::GuardianLimit)
        } else {
            Ok(())
        }
    }};
}
pub(crate) use check_can_link;

/// An adult account (parent or carer, member of staff, or both).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    #[sqlx(try_from = "i64")]
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
}

/// Whether the school holds written permission to publish photographs of a pupil.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PhotoConsent {
    Yes,
    No,
    NotAsked,
}

impl PhotoConsent {
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoConsent::Yes => "yes",
            PhotoConsent::No => "no",
            PhotoConsent::NotAsked => "not_asked",
        }
    }

    /// Anything other than a recorded "yes" counts as no consent, so an unknown value can never publish.
    pub fn parse(s: &str) -> PhotoConsent {
        match s {
            "yes" => PhotoConsent::Yes,
            "not_asked" => PhotoConsent::NotAsked,
            _ => PhotoConsent::No,
        }
    }
}

impl From<String> for PhotoConsent {
    fn from(s: String) -> Self {
        PhotoConsent::parse(&s)
    }
}

/// A pupil, with the counts staff screens need. Deliberately minimal: names, class, avatar and the flags
/// that protect them; nothing else about a child is stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Pupil {
    #[sqlx(try_from = "i64")]
    pub id: PupilId,
    #[sqlx(try_from = "i64")]
    pub class_id: ClassId,
    #[sqlx(try_from = "i64")]
    pub school_id: SchoolId,
    pub first_name: String,
    pub surname: String,
    pub preferred_name: String,
    /// The avatar as JSON (the api crate's `Avatar`); the server parses it.
    pub avatar: String,
    #[sqlx(try_from = "String")]
    pub photo_consent: PhotoConsent,
    pub looked_after: bool,
    pub do_not_show: bool,
    #[sqlx(try_from = "i64")]
    pub linked_adults: u32,
    #[sqlx(try_from = "i64")]
    pub adult_limit: u32,
}

/// The fields of a new pupil.
#[derive(Clone, Debug)]
pub struct NewPupil<'a> {
    pub class_id: ClassId,
    pub first_name: &'a str,
    pub surname: &'a str,
    pub preferred_name: &'a str,
    pub avatar_json: &'a str,
    pub photo_consent: PhotoConsent,
    pub looked_after: bool,
    pub do_not_show: bool,
}

/// A pupil as their parent's home screen lists them.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Child {
    #[sqlx(try_from = "i64")]
    pub id: PupilId,
    pub preferred_name: String,
    #[sqlx(try_from = "i64")]
    pub class_id: ClassId,
    pub class_name: String,
    #[sqlx(try_from = "i64")]
    pub school_id: SchoolId,
    pub teacher_name: Option<String>,
    pub avatar: String,
}

// The literal 2 in `adult_limit` is DEFAULT_ADULT_LIMIT; a test keeps the two in step.
const PUPIL_SELECT: &str = "SELECT p.id, p.class_id, c.school_id, p.first_name, p.surname, p.preferred_name, \
     p.avatar, p.photo_consent, p.looked_after, p.do_not_show, \
     (SELECT COUNT(*) FROM guardians g WHERE g.pupil_id = p.id) AS linked_adults, \
     2 + (SELECT COUNT(*) FROM adult_limit_approvals a WHERE a.pupil_id = p.id) AS adult_limit \
     FROM pupils p JOIN classes c ON c.id = p.class_id";

impl Store {
    /// Creates an adult account. The e-mail is unique: a second account with it is `EmailTaken`.
    pub async fn insert_user(
        &self,
        email: &Email,
        display_name: &DisplayName,
        password_hash: &str,
        now: Millis,
    ) -> Result<UserId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO users (email, display_name, password_hash, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(email.as_str())
            .bind(display_name.as_str())
            .bind(password_hash)
            .bind(now)
            .fetch_one(pool)
            .await
            .map_err(|e| StoreError::unique_or(e, StoreError::EmailTaken))?
        });
        Ok(UserId(id))
    }

    pub async fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, email, display_name, password_hash FROM users WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        }))
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<Option<User>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, email, display_name, password_hash FROM users WHERE email = $1",
            )
            .bind(email.as_str())
            .fetch_optional(pool)
            .await?
        }))
    }

    pub async fn insert_pupil(&self, p: &NewPupil<'_>) -> Result<PupilId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO pupils (class_id, first_name, surname, preferred_name, avatar, photo_consent, \
                 looked_after, do_not_show) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(p.class_id.0)
            .bind(p.first_name)
            .bind(p.surname)
            .bind(p.preferred_name)
            .bind(p.avatar_json)
            .bind(p.photo_consent.as_str())
            .bind(p.looked_after)
            .bind(p.do_not_show)
            .fetch_one(pool)
            .await?
        });
        Ok(PupilId(id))
    }

    pub async fn pupil(&self, id: PupilId) -> Result<Option<Pupil>, StoreError> {
        let sql = format!("{PUPIL_SELECT} WHERE p.id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        }))
    }

    /// A class's pupils in register order (surname, then first name).
    pub async fn pupils_in_class(&self, class: ClassId) -> Result<Vec<Pupil>, StoreError> {
        let sql =
            format!("{PUPIL_SELECT} WHERE p.class_id = $1 ORDER BY p.surname, p.first_name, p.id");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(class.0).fetch_all(pool).await?
        }))
    }

    pub async fn pupil_count(&self, school: SchoolId) -> Result<u32, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM pupils p JOIN classes c ON c.id = p.class_id WHERE c.school_id = $1",
            )
            .bind(school.0)
            .fetch_one(pool)
            .await?
        });
        Ok(count(n))
    }

    /// How many different adults are linked to at least one pupil of the school.
    pub async fn linked_parent_count(&self, school: SchoolId) -> Result<u32, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(DISTINCT g.user_id) FROM guardians g JOIN pupils p ON p.id = g.pupil_id \
                 JOIN classes c ON c.id = p.class_id WHERE c.school_id = $1",
            )
            .bind(school.0)
            .fetch_one(pool)
            .await?
        });
        Ok(count(n))
    }

    /// The pupils `user` is a parent or carer of, in the order they were linked.
    pub async fn children_of(&self, user: UserId) -> Result<Vec<Child>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT p.id, p.preferred_name, p.class_id, c.name AS class_name, c.school_id, p.avatar, \
                 (SELECT u.display_name FROM class_teachers t JOIN users u ON u.id = t.user_id \
                  WHERE t.class_id = c.id AND t.starts_at IS NULL AND t.ends_at IS NULL \
                  ORDER BY t.id LIMIT 1) AS teacher_name \
                 FROM guardians g JOIN pupils p ON p.id = g.pupil_id JOIN classes c ON c.id = p.class_id \
                 WHERE g.user_id = $1 ORDER BY g.linked_at, p.id",
            )
            .bind(user.0)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The parents and carers linked to each pupil of a class, as `(pupil, adult, display name)`, so staff
    /// can start a private thread with them.
    pub async fn guardians_in_class(
        &self,
        class: ClassId,
    ) -> Result<Vec<(PupilId, UserId, String)>, StoreError> {
        let rows: Vec<(i64, i64, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT g.pupil_id, u.id, u.display_name FROM guardians g \
                 JOIN pupils p ON p.id = g.pupil_id JOIN users u ON u.id = g.user_id \
                 WHERE p.class_id = $1 ORDER BY g.pupil_id, g.linked_at, u.id",
            )
            .bind(class.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(p, u, name)| (PupilId(p), UserId(u), name))
            .collect())
    }

    pub async fn is_guardian(&self, user: UserId, pupil: PupilId) -> Result<bool, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM guardians WHERE user_id = $1 AND pupil_id = $2",
            )
            .bind(user.0)
            .bind(pupil.0)
            .fetch_one(pool)
            .await?
        });
        Ok(n > 0)
    }

    /// Links an adult to a pupil directly, checking the limit. Used by the seed; parents link through
    /// invites ([`Store::redeem_invite_as_new_user`] and [`Store::redeem_invite`]).
    pub async fn link_guardian(
        &self,
        user: UserId,
        pupil: PupilId,
        now: Millis,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            lock_pupil!(&mut *tx, pupil)?;
            check_can_link!(&mut *tx, user, pupil)?;
            sqlx::query("INSERT INTO guardians (user_id, pupil_id, linked_at) VALUES ($1, $2, $3)")
                .bind(user.0)
                .bind(pupil.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The number of adults linked to a pupil and how many are allowed.
    pub async fn adult_slots(&self, pupil: PupilId) -> Result<(u32, u32), StoreError> {
        let p = self.pupil(pupil).await?.ok_or(StoreError::NotFound)?;
        Ok((p.linked_adults, p.adult_limit))
    }

    /// Raises a pupil's limit of linked adults by one, recording who approved it and why.
    pub async fn approve_extra_adult(
        &self,
        pupil: PupilId,
        approved_by: UserId,
        reason: &str,
        now: Millis,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO adult_limit_approvals (pupil_id, approved_by, reason, at) VALUES ($1, $2, $3, $4)",
            )
            .bind(pupil.0)
            .bind(approved_by.0)
            .bind(reason)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}
