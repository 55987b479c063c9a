//! Pupils' avatars: the monster each pupil designs, stored as the api crate's `Avatar` JSON in `pupils.avatar`.

use hometime_domain::PupilId;

use crate::{Store, StoreError, on_pool};

impl Store {
    /// Replaces a pupil's avatar. The caller has validated the JSON; the store only records it.
    pub async fn set_avatar(&self, pupil: PupilId, avatar_json: &str) -> Result<(), StoreError> {
        let done = on_pool!(self, |pool| {
            sqlx::query("UPDATE pupils SET avatar = $1 WHERE id = $2")
                .bind(avatar_json)
                .bind(pupil.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    }
}
