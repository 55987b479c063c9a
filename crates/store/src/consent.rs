//! Photo consent: the office's record for each pupil (the family's answer and the two protection flags,
//! looked after and do-not-show), changed together with its audit entry in one transaction.

use hometime_domain::{PupilId, UserId};

use crate::BeginWrite as _;
use crate::messaging::insert_audit;
use crate::people::lock_pupil;
use crate::{Millis, PhotoConsent, Store, StoreError, on_pool};

/// A pupil's consent record: whether the family said yes, and whether the child must never be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConsentRecord {
    pub photo_consent: PhotoConsent,
    pub looked_after: bool,
    pub do_not_show: bool,
}

/// The audit action of a consent change.
pub const CONSENT_AUDIT_ACTION: &str = "pupil.consent_changed";

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

impl ConsentRecord {
    /// The audit detail of a change from `self` to `new`: each field that changed, as words
    /// (`photo_consent: not_asked -> no; do_not_show: no -> yes`). Never a name.
    pub fn change_words(&self, new: &ConsentRecord) -> String {
        let mut parts = Vec::new();
        if self.photo_consent != new.photo_consent {
            parts.push(format!(
                "photo_consent: {} -> {}",
                self.photo_consent.as_str(),
                new.photo_consent.as_str()
            ));
        }
        for (name, old, new) in [
            ("looked_after", self.looked_after, new.looked_after),
            ("do_not_show", self.do_not_show, new.do_not_show),
        ] {
            if old != new {
                parts.push(format!("{name}: {} -> {}", yes_no(old), yes_no(new)));
            }
        }
        parts.join("; ")
    }
}

impl Store {
    /// Sets a pupil's consent record and returns the record it replaced. A real change also writes an
    /// audit entry (actor, `pupil:<id>`, the old and new values as words) in the same transaction; saving
    /// the same values again writes nothing. `NotFound` when there is no such pupil.
    pub async fn set_pupil_consent(
        &self,
        pupil: PupilId,
        new: ConsentRecord,
        by: UserId,
        now: Millis,
    ) -> Result<ConsentRecord, StoreError> {
        Ok(on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            // Two office staff saving at once are serialised, so each audit entry's "old" is true.
            lock_pupil!(&mut *tx, pupil)?;
            let (consent, looked_after, do_not_show): (String, bool, bool) = sqlx::query_as(
                "SELECT photo_consent, looked_after, do_not_show FROM pupils WHERE id = $1",
            )
            .bind(pupil.0)
            .fetch_one(&mut *tx)
            .await?;
            let old = ConsentRecord {
                photo_consent: PhotoConsent::parse(&consent),
                looked_after,
                do_not_show,
            };
            if old != new {
                sqlx::query(
                    "UPDATE pupils SET photo_consent = $1, looked_after = $2, do_not_show = $3 \
                     WHERE id = $4",
                )
                .bind(new.photo_consent.as_str())
                .bind(new.looked_after)
                .bind(new.do_not_show)
                .bind(pupil.0)
                .execute(&mut *tx)
                .await?;
                insert_audit!(
                    &mut *tx,
                    by.0,
                    CONSENT_AUDIT_ACTION,
                    format!("pupil:{}", pupil.0),
                    now,
                    old.change_words(&new)
                );
            }
            tx.commit().await?;
            old
        }))
    }
}

impl crate::Pupil {
    /// The pupil's consent record.
    pub fn consent(&self) -> ConsentRecord {
        ConsentRecord {
            photo_consent: self.photo_consent,
            looked_after: self.looked_after,
            do_not_show: self.do_not_show,
        }
    }
}
