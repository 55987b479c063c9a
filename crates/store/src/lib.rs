//! Hometime's persistence: one [`Store`] over SQLite (the default) or PostgreSQL.
//!
//! Every method is written once. The [`on_pool!`] macro expands a method's body for each dialect, so both
//! implementations are real sqlx code against their own driver, yet share one text. This works because
//! the SQL is kept to the common subset (numbered `$1` parameters, `RETURNING`, `ON CONFLICT`, integer
//! millisecond times, JSON as text); the one place the dialects differ (the schema) lives in per-dialect
//! migrations under `migrations/sqlite` and `migrations/postgres`.
//!
//! The store holds no clock and no randomness: callers pass `now` (unix milliseconds, UTC) and hashes of
//! codes and tokens, so the server decides time and secrets and the store only records them.

mod audit;
mod avatars;
mod codes;
mod consent;
mod error;
mod messaging;
mod people;
mod points;
mod rate_limit;
mod school;
pub mod seed;
mod sessions;
mod skills;
mod stories;
mod thread_photos;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use audit::AuditEntry;
pub use codes::{Invite, NewUser, Redeemed};
pub use consent::{CONSENT_AUDIT_ACTION, ConsentRecord};
pub use error::StoreError;
pub use messaging::{
    ClassStaff, Destination, EVENTS_CHANNEL, Event, Message, NewMessage, Report, StaffMember,
    Thread, ThreadListed,
};
pub use people::{Child, NewPupil, PhotoConsent, Pupil, User};
pub use points::{Point, Tally};
pub use rate_limit::RateCount;
pub use school::{Class, School};
pub use sessions::{Session, SessionSubject};
pub use skills::{PointsSettingsRow, Skill};
pub use stories::{
    CommentRow, Likes, NewPhoto, NewStoryRow, PhotoRow, PhotoTag, StoryFilter, StoryRow, StoryScope,
};
pub use thread_photos::{MessagePhoto, MessagePhotoBytes, NewMessagePhoto};

/// The default database when `DATABASE_URL` is unset: a SQLite file under `data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/hometime.db";

/// Milliseconds since the Unix epoch, UTC. Every time the store keeps is one of these.
pub type Millis = i64;

/// Which database a [`Store`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The application's database. Cheap to clone (the pools are reference counted).
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
}

/// Runs `$body` with `$pool` bound to the concrete pool of whichever dialect the store uses. The body is
/// compiled once per dialect, so a type error in either shows up at build time.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            $crate::Pool::Sqlite($pool) => $body,
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Begins a transaction that will write. On SQLite it is `BEGIN IMMEDIATE`: a deferred transaction that
/// reads and then writes cannot wait for another writer (SQLite returns "database is locked" at once
/// rather than risk a deadlock, whatever the busy timeout), so concurrent writes, or a failed write whose
/// rollback is still being flushed, made it fail. Taking the write lock at `BEGIN` waits under the busy
/// timeout instead. PostgreSQL's row locks make its plain `BEGIN` right as it is.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>;
}

impl BeginWrite for SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

impl Store {
    /// Connects to `url` and applies any pending migrations. `postgres://` and `postgresql://` URLs select
    /// PostgreSQL; anything else is treated as SQLite, and a missing SQLite file (and its folder) is created.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
            Pool::Postgres(pool)
        } else {
            // sqlx sets WAL and foreign keys itself but not `synchronous`, and its busy timeout default may
            // change between releases, so every setting that matters for durability is explicit here.
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            if let Some(dir) = Path::new(options.get_filename()).parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir).map_err(StoreError::CreateDir)?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            sqlx::migrate!("migrations/sqlite").run(&pool).await?;
            Pool::Sqlite(pool)
        };
        Ok(Store { pool })
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Closes every connection; used by tests before dropping a temporary database.
    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }

    /// Whether the database holds no school yet (a fresh install, which the server seeds with the demo).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM schools")
                .fetch_one(pool)
                .await?
        });
        Ok(n == 0)
    }

    /// Reads a PRAGMA value on SQLite (for tests that check the durability settings); `None` on PostgreSQL.
    pub async fn sqlite_pragma(&self, name: &str) -> Result<Option<String>, StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => {
                if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    return Ok(None);
                }
                let v: sqlx::sqlite::SqliteRow = sqlx::query(&format!("PRAGMA {name}"))
                    .fetch_one(pool)
                    .await?;
                use sqlx::Row;
                let value = v
                    .try_get::<String, _>(0)
                    .or_else(|_| v.try_get::<i64, _>(0).map(|n| n.to_string()))?;
                Ok(Some(value))
            }
            Pool::Postgres(_) => Ok(None),
        }
    }
}

/// Converts a count from the database, which is never negative, into the `u32` the API uses.
pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
