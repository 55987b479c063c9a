//! The audit trail: who did what to which record, and when. Entries never hold personal content (no names,
//! message bodies, codes or reasons typed by people); the subject is a typed reference like `pupil:42`.

use hometime_domain::UserId;

use crate::{Millis, Store, StoreError, on_pool};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEntry {
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub subject: String,
    pub at: Millis,
    pub detail: String,
}

impl Store {
    pub async fn audit(
        &self,
        actor: Option<UserId>,
        action: &str,
        subject: &str,
        detail: &str,
        now: Millis,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO audit (actor_user_id, action, subject, at, detail) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(actor.map(|u| u.0))
            .bind(action)
            .bind(subject)
            .bind(now)
            .bind(detail)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The most recent audit entries, newest first.
    pub async fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT actor_user_id, action, subject, at, detail FROM audit ORDER BY id DESC LIMIT $1",
            )
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
        }))
    }
}
