//! Awarded points: recording an award to one or many pupils (all or nothing), undoing one, what each
//! screen reads (a pupil's points, a class's tallies), and deleting points past the retention period.

use hometime_domain::{ClassId, PointId, PupilId, SchoolId, SkillId, UserId};

use crate::BeginWrite as _;
use crate::{Millis, Store, StoreError, count, on_pool};

/// A point with the names screens show: its skill, kind, and who gave it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Point {
    #[sqlx(try_from = "i64")]
    pub id: PointId,
    #[sqlx(try_from = "i64")]
    pub pupil_id: PupilId,
    #[sqlx(try_from = "i64")]
    pub class_id: ClassId,
    #[sqlx(try_from = "i64")]
    pub skill_id: SkillId,
    pub skill_name: String,
    /// `positive` or `needs_work`.
    pub kind: String,
    pub note: Option<String>,
    #[sqlx(try_from = "i64")]
    pub awarded_by: UserId,
    pub awarded_by_name: String,
    pub awarded_at: Millis,
}

/// A pupil's totals: positive and needs-work points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tally {
    pub positive: u32,
    pub needs_work: u32,
}

const POINT_SELECT: &str = "SELECT pt.id, pt.pupil_id, pt.class_id, pt.skill_id, s.name AS skill_name, s.kind, \
     pt.note, pt.awarded_by, u.display_name AS awarded_by_name, pt.awarded_at \
     FROM points pt JOIN skills s ON s.id = pt.skill_id JOIN users u ON u.id = pt.awarded_by";

impl Store {
    /// Gives `skill` to every pupil in `pupils`, in one transaction: if any pupil is not in `class`, nothing
    /// is recorded and the answer is `NotFound`. Returns the new points' ids in the order of `pupils`.
    pub async fn award_points(
        &self,
        class: ClassId,
        pupils: &[PupilId],
        skill: SkillId,
        awarded_by: UserId,
        note: Option<&str>,
        now: Millis,
    ) -> Result<Vec<PointId>, StoreError> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let mut ids = Vec::with_capacity(pupils.len());
            for pupil in pupils {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM pupils WHERE id = $1 AND class_id = $2",
                )
                .bind(pupil.0)
                .bind(class.0)
                .fetch_one(&mut *tx)
                .await?;
                if n == 0 {
                    // Dropping the transaction rolls back the rows already written.
                    return Err(StoreError::NotFound);
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO points (pupil_id, class_id, skill_id, awarded_by, note, awarded_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(pupil.0)
                .bind(class.0)
                .bind(skill.0)
                .bind(awarded_by.0)
                .bind(note)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                ids.push(PointId(id));
            }
            tx.commit().await?;
            Ok(ids)
        })
    }

    pub async fn point(&self, id: PointId) -> Result<Option<Point>, StoreError> {
        let sql = format!("{POINT_SELECT} WHERE pt.id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        }))
    }

    /// Deletes one point; `false` when it was already gone.
    pub async fn delete_point(&self, id: PointId) -> Result<bool, StoreError> {
        let n = on_pool!(self, |pool| {
            sqlx::query("DELETE FROM points WHERE id = $1")
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n > 0)
    }

    /// A pupil's points, newest first, at most `limit`; only positive ones with `positive_only`.
    pub async fn points_of_pupil(
        &self,
        pupil: PupilId,
        positive_only: bool,
        limit: u32,
    ) -> Result<Vec<Point>, StoreError> {
        let filter = if positive_only {
            " AND s.kind = 'positive'"
        } else {
            ""
        };
        let sql = format!(
            "{POINT_SELECT} WHERE pt.pupil_id = $1{filter} ORDER BY pt.awarded_at DESC, pt.id DESC LIMIT $2"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(pupil.0)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        }))
    }

    /// One pupil's totals.
    pub async fn tally_of_pupil(&self, pupil: PupilId) -> Result<Tally, StoreError> {
        let (positive, needs_work): (i64, i64) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(CASE WHEN s.kind = 'positive' THEN 1 END), \
                 COUNT(CASE WHEN s.kind = 'needs_work' THEN 1 END) \
                 FROM points pt JOIN skills s ON s.id = pt.skill_id WHERE pt.pupil_id = $1",
            )
            .bind(pupil.0)
            .fetch_one(pool)
            .await?
        });
        Ok(Tally {
            positive: count(positive),
            needs_work: count(needs_work),
        })
    }

    /// The totals of every pupil of a class who has any points (pupils without points are absent).
    pub async fn tallies_of_class(
        &self,
        class: ClassId,
    ) -> Result<Vec<(PupilId, Tally)>, StoreError> {
        let rows: Vec<(i64, i64, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT pt.pupil_id, COUNT(CASE WHEN s.kind = 'positive' THEN 1 END), \
                 COUNT(CASE WHEN s.kind = 'needs_work' THEN 1 END) \
                 FROM points pt JOIN skills s ON s.id = pt.skill_id JOIN pupils p ON p.id = pt.pupil_id \
                 WHERE p.class_id = $1 GROUP BY pt.pupil_id",
            )
            .bind(class.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(p, pos, nw)| {
                (
                    PupilId(p),
                    Tally {
                        positive: count(pos),
                        needs_work: count(nw),
                    },
                )
            })
            .collect())
    }

    /// Deletes every point of the school's pupils given before `cutoff`; returns how many went.
    pub async fn delete_points_before(
        &self,
        school: SchoolId,
        cutoff: Millis,
    ) -> Result<u64, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query(
                "DELETE FROM points WHERE awarded_at < $1 AND class_id IN \
                 (SELECT id FROM classes WHERE school_id = $2)",
            )
            .bind(cutoff)
            .bind(school.0)
            .execute(pool)
            .await?
            .rows_affected()
        }))
    }

    /// How many points the school holds, and the oldest one's time (for tests and the sweeper's checks).
    pub async fn points_count(
        &self,
        school: SchoolId,
    ) -> Result<(u32, Option<Millis>), StoreError> {
        let (n, oldest): (i64, Option<i64>) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT COUNT(*), MIN(pt.awarded_at) FROM points pt JOIN classes c ON c.id = pt.class_id \
                 WHERE c.school_id = $1",
            )
            .bind(school.0)
            .fetch_one(pool)
            .await?
        });
        Ok((count(n), oldest))
    }
}
