//! Fixed-window attempt counters kept in the database, so every server instance sees the same counts.

use crate::{Millis, Store, StoreError, count, on_pool};

/// A counter's value in the current window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateCount {
    pub count: u32,
    /// When the window (and so any block it causes) ends.
    pub window_end: Millis,
}

/// The start of the fixed window of `window_ms` that contains `now`.
fn window_start(now: Millis, window_ms: Millis) -> Millis {
    now - now.rem_euclid(window_ms.max(1))
}

impl Store {
    /// The counter for `key` in the window containing `now`, without changing it.
    pub async fn rate_count(
        &self,
        key: &str,
        now: Millis,
        window_ms: Millis,
    ) -> Result<RateCount, StoreError> {
        let start = window_start(now, window_ms);
        let n: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar("SELECT count FROM rate_limits WHERE key = $1 AND window_start = $2")
                .bind(key)
                .bind(start)
                .fetch_optional(pool)
                .await?
        });
        Ok(RateCount {
            count: count(n.unwrap_or(0)),
            window_end: start + window_ms,
        })
    }

    /// Adds one to the counter for `key` in the window containing `now` and returns the new value.
    pub async fn rate_hit(
        &self,
        key: &str,
        now: Millis,
        window_ms: Millis,
    ) -> Result<RateCount, StoreError> {
        let start = window_start(now, window_ms);
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1) \
                 ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count",
            )
            .bind(key)
            .bind(start)
            .fetch_one(pool)
            .await?
        });
        Ok(RateCount {
            count: count(n),
            window_end: start + window_ms,
        })
    }

    /// Deletes counters whose window started before `before`.
    pub async fn purge_rate_limits(&self, before: Millis) -> Result<u64, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                .bind(before)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }
}
