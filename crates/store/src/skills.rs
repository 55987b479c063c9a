//! Skills points are given for (school-wide, or added by a teacher for one class), and each school's points
//! settings (initials instead of avatars, whether needs-work skills are used, how long points are kept).

use hometime_domain::{ClassId, SchoolId, SkillId, UserId};

use crate::{Millis, Store, StoreError, on_pool};

/// A skill. `kind` is `positive` or `needs_work` (a CHECK constraint keeps it so).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Skill {
    #[sqlx(try_from = "i64")]
    pub id: SkillId,
    #[sqlx(try_from = "i64")]
    pub school_id: SchoolId,
    pub class_id: Option<i64>,
    pub name: String,
    pub kind: String,
}

impl Skill {
    pub fn class(&self) -> Option<ClassId> {
        self.class_id.map(ClassId)
    }
}

/// A school's points settings as stored; `None` from [`Store::points_settings`] means the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PointsSettingsRow {
    pub show_initials: bool,
    pub needs_work_enabled: bool,
    pub retention_months: i64,
}

const SKILL_SELECT: &str = "SELECT id, school_id, class_id, name, kind FROM skills";

impl Store {
    pub async fn insert_skill(
        &self,
        school: SchoolId,
        class: Option<ClassId>,
        name: &str,
        kind: &str,
        created_by: Option<UserId>,
        now: Millis,
    ) -> Result<SkillId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO skills (school_id, class_id, name, kind, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(school.0)
            .bind(class.map(|c| c.0))
            .bind(name)
            .bind(kind)
            .bind(created_by.map(|u| u.0))
            .bind(now)
            .fetch_one(pool)
            .await?
        });
        Ok(SkillId(id))
    }

    pub async fn skill(&self, id: SkillId) -> Result<Option<Skill>, StoreError> {
        let sql = format!("{SKILL_SELECT} WHERE id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        }))
    }

    /// The school-wide skills, in the order they were added.
    pub async fn school_skills(&self, school: SchoolId) -> Result<Vec<Skill>, StoreError> {
        let sql = format!("{SKILL_SELECT} WHERE school_id = $1 AND class_id IS NULL ORDER BY id");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(school.0).fetch_all(pool).await?
        }))
    }

    /// The skills that can be given in a class: the school's, then the class's own.
    pub async fn skills_for_class(
        &self,
        school: SchoolId,
        class: ClassId,
    ) -> Result<Vec<Skill>, StoreError> {
        let sql = format!(
            "{SKILL_SELECT} WHERE school_id = $1 AND (class_id IS NULL OR class_id = $2) \
             ORDER BY CASE WHEN class_id IS NULL THEN 0 ELSE 1 END, id"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(school.0)
                .bind(class.0)
                .fetch_all(pool)
                .await?
        }))
    }

    pub async fn points_settings(
        &self,
        school: SchoolId,
    ) -> Result<Option<PointsSettingsRow>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT show_initials, needs_work_enabled, retention_months FROM points_settings \
                 WHERE school_id = $1",
            )
            .bind(school.0)
            .fetch_optional(pool)
            .await?
        }))
    }

    pub async fn set_points_settings(
        &self,
        school: SchoolId,
        s: PointsSettingsRow,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO points_settings (school_id, show_initials, needs_work_enabled, retention_months) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (school_id) DO UPDATE SET \
                 show_initials = excluded.show_initials, needs_work_enabled = excluded.needs_work_enabled, \
                 retention_months = excluded.retention_months",
            )
            .bind(school.0)
            .bind(s.show_initials)
            .bind(s.needs_work_enabled)
            .bind(s.retention_months)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Every school with its stored retention period in months (`None`: the default), for the sweeper.
    pub async fn retention_by_school(&self) -> Result<Vec<(SchoolId, Option<i64>)>, StoreError> {
        let rows: Vec<(i64, Option<i64>)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT s.id, ps.retention_months FROM schools s \
                 LEFT JOIN points_settings ps ON ps.school_id = s.id ORDER BY s.id",
            )
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(|(s, m)| (SchoolId(s), m)).collect())
    }
}
