//! Photos sent in a private thread (a parent's photos of their own child, for the teacher only): stored
//! in the `photos` table with `message_id`, written in the same transaction as their message, so a
//! message never lacks a photo it was sent with and no photo exists without its message.
//!
//! The bytes are JPEGs the server has already re-encoded (no metadata); the store only keeps them.

use hometime_domain::{PhotoId, UserId};

use crate::BeginWrite as _;
use crate::messaging::insert_message_tx;
use crate::stories::insert_photo;
use crate::{NewMessage, Store, StoreError, count, on_pool};

/// One processed photo to store with a message.
#[derive(Clone, Debug)]
pub struct NewMessagePhoto<'a> {
    /// The display-size JPEG.
    pub display: &'a [u8],
    pub width: u32,
    pub height: u32,
    /// The thumbnail JPEG.
    pub thumb: &'a [u8],
    pub thumb_width: u32,
    pub thumb_height: u32,
}

/// A stored message photo, without its bytes (what a message listing needs).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MessagePhoto {
    #[sqlx(try_from = "i64")]
    pub id: PhotoId,
    pub message_id: i64,
    pub position: i32,
    pub width: i32,
    pub height: i32,
}

/// The stored bytes of a message photo (`None` where they were deleted).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MessagePhotoBytes {
    pub message_id: i64,
    pub display: Option<Vec<u8>>,
    pub thumb: Option<Vec<u8>>,
}

impl Store {
    /// Stores a message with its photos, in order, in one transaction: the message row, its live event
    /// and audit entry exactly as [`Store::insert_message`] writes them, then one `photos` row per photo.
    /// If anything fails, nothing is kept.
    pub async fn insert_message_with_photos(
        &self,
        m: &NewMessage<'_>,
        photos: &[NewMessagePhoto<'_>],
    ) -> Result<i64, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let id = insert_message_tx!(tx, m);
            for (position, p) in (0_i32..).zip(photos) {
                insert_photo!(
                    &mut *tx,
                    m.school.0,
                    None::<i64>,
                    Some(id),
                    position,
                    m.author.0,
                    p,
                    false,
                    m.sent_at
                );
            }
            tx.commit().await?;
            id
        });
        if m.announced_now() {
            self.notify_events().await?;
        }
        Ok(id)
    }

    /// The photos of the given messages, by message and position. Message ids come from the database.
    pub async fn photos_of_messages(
        &self,
        messages: &[i64],
    ) -> Result<Vec<MessagePhoto>, StoreError> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        // Ids are integers, so listing them inline is safe and keeps one SQL text for both dialects (array
        // binds differ between them).
        let ids = messages
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "SELECT id, message_id, position, width, height FROM photos \
             WHERE message_id IN ({ids}) ORDER BY message_id, position"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).fetch_all(pool).await?
        }))
    }

    /// The stored bytes of a photo sent with a message; `None` for a story photo or no photo.
    pub async fn message_photo_bytes(
        &self,
        photo: PhotoId,
    ) -> Result<Option<MessagePhotoBytes>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT message_id, display, thumb FROM photos \
                 WHERE id = $1 AND message_id IS NOT NULL",
            )
            .bind(photo.0)
            .fetch_optional(pool)
            .await?
        }))
    }

    /// How many photos `user` has sent with messages (a refused send must leave none behind).
    pub async fn message_photo_count(&self, user: UserId) -> Result<u32, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM photos WHERE message_id IS NOT NULL AND uploaded_by = $1",
            )
            .bind(user.0)
            .fetch_one(pool)
            .await?
        });
        Ok(count(n))
    }
}
