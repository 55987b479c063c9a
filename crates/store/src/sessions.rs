//! Server-side sessions. The browser holds a random token; only its SHA-256 is stored, so a copy of the
//! database cannot be used to sign in.

use hometime_domain::{PupilId, UserId};

use crate::{Millis, Store, StoreError, on_pool};

/// Who a session belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionSubject {
    User(UserId),
    Pupil(PupilId),
}

/// A live session (expired ones are never returned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: i64,
    pub subject: SessionSubject,
    pub created_at: Millis,
    pub last_seen_at: Millis,
    pub idle_timeout_ms: Millis,
    pub expires_at: Millis,
}

type SessionRow = (
    i64,
    Option<i64>,
    Option<i64>,
    Millis,
    Millis,
    Millis,
    Millis,
);

impl Store {
    /// Stores a new session. It ends after `idle_timeout_ms` without use, and at `expires_at` regardless.
    pub async fn create_session(
        &self,
        token_hash: &str,
        subject: SessionSubject,
        now: Millis,
        idle_timeout_ms: Millis,
        expires_at: Millis,
    ) -> Result<(), StoreError> {
        let (user, pupil) = match subject {
            SessionSubject::User(u) => (Some(u.0), None),
            SessionSubject::Pupil(p) => (None, Some(p.0)),
        };
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, pupil_id, created_at, last_seen_at, \
                 idle_timeout_ms, expires_at) VALUES ($1, $2, $3, $4, $4, $5, $6)",
            )
            .bind(token_hash)
            .bind(user)
            .bind(pupil)
            .bind(now)
            .bind(idle_timeout_ms)
            .bind(expires_at)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The live session with this token hash at `now`: not past its absolute expiry, and used within its
    /// idle timeout.
    pub async fn session(
        &self,
        token_hash: &str,
        now: Millis,
    ) -> Result<Option<Session>, StoreError> {
        let row: Option<SessionRow> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, user_id, pupil_id, created_at, last_seen_at, idle_timeout_ms, expires_at \
                 FROM sessions WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at + idle_timeout_ms > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await?
        });
        Ok(row.and_then(
            |(id, user, pupil, created_at, last_seen_at, idle_timeout_ms, expires_at)| {
                let subject = match (user, pupil) {
                    (Some(u), None) => SessionSubject::User(UserId(u)),
                    (None, Some(p)) => SessionSubject::Pupil(PupilId(p)),
                    // The CHECK constraint rules this out; a row that broke it would not be trusted.
                    _ => return None,
                };
                Some(Session {
                    id,
                    subject,
                    created_at,
                    last_seen_at,
                    idle_timeout_ms,
                    expires_at,
                })
            },
        ))
    }

    /// Records that a session was used at `now`, which pushes back its idle expiry.
    pub async fn touch_session(&self, id: i64, now: Millis) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2",
            )
            .bind(id)
            .bind(now)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Ends the session with this token hash (sign-out, or rotation at sign-in). Unknown hashes are fine.
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Deletes sessions that can no longer be used; returns how many.
    pub async fn delete_expired_sessions(&self, now: Millis) -> Result<u64, StoreError> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at + idle_timeout_ms <= $1",
            )
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(done)
    }

    /// How many sessions an adult has stored (live or not yet swept), for tests and oversight.
    pub async fn session_count_for_user(&self, user: UserId) -> Result<u64, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
                .bind(user.0)
                .fetch_one(pool)
                .await?
        });
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
