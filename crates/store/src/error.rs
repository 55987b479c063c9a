//! The store's error type: database failures, plus the refusals a caller must turn into a clear answer.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// The database failed or is unreachable. Callers log it and answer 500; it never reflects bad input.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder: {0}")]
    CreateDir(std::io::Error),
    /// An account with this e-mail already exists.
    #[error("an account with this e-mail already exists")]
    EmailTaken,
    /// The pupil already has as many linked adults as allowed.
    #[error("the pupil already has the allowed number of linked adults")]
    GuardianLimit,
    /// The invite code is unknown, already used or expired.
    #[error("the invite is unknown, used or expired")]
    InviteInvalid,
    /// The adult is already linked to this pupil.
    #[error("already linked to this pupil")]
    AlreadyLinked,
    /// A newly generated code's hash collided with an existing one; the caller draws another code.
    #[error("code already in use")]
    CodeTaken,
    /// A referenced row (pupil, class, user) does not exist.
    #[error("not found")]
    NotFound,
}

impl StoreError {
    /// Maps a unique-constraint violation to `on_unique`, leaving other errors as they are.
    pub(crate) fn unique_or(e: sqlx::Error, on_unique: StoreError) -> StoreError {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => on_unique,
            _ => StoreError::Database(e),
        }
    }
}
