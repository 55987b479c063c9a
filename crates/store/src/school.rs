//! Schools, their classes, their staff and who teaches which class.

use hometime_domain::{ClassId, SchoolId, StaffRole, UserId};

use crate::{Millis, Store, StoreError, count, on_pool};

/// A school and its policy settings (JSON shaped like the policy pack's `school` object).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct School {
    #[sqlx(try_from = "i64")]
    pub id: SchoolId,
    pub name: String,
    pub settings: String,
}

/// A class with the figures lists show: how many pupils, and the class teacher's name.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Class {
    #[sqlx(try_from = "i64")]
    pub id: ClassId,
    #[sqlx(try_from = "i64")]
    pub school_id: SchoolId,
    pub name: String,
    #[sqlx(try_from = "i64")]
    pub year_group: u8,
    #[sqlx(try_from = "i64")]
    pub pupil_count: u32,
    /// The permanent class teacher (a row without a cover window), if one is assigned.
    pub teacher_name: Option<String>,
}

const CLASS_SELECT: &str = "SELECT c.id, c.school_id, c.name, c.year_group, \
     (SELECT COUNT(*) FROM pupils p WHERE p.class_id = c.id) AS pupil_count, \
     (SELECT u.display_name FROM class_teachers t JOIN users u ON u.id = t.user_id \
      WHERE t.class_id = c.id AND t.starts_at IS NULL AND t.ends_at IS NULL ORDER BY t.id LIMIT 1) AS teacher_name \
     FROM classes c";

/// A teaching arrangement is current when `now` falls inside its window (an open end means no limit).
const CURRENT_TEACHER: &str =
    "(t.starts_at IS NULL OR t.starts_at <= $2) AND (t.ends_at IS NULL OR t.ends_at > $2)";

impl Store {
    pub async fn insert_school(
        &self,
        name: &str,
        settings_json: &str,
        now: Millis,
    ) -> Result<SchoolId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO schools (name, settings, created_at) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(name)
            .bind(settings_json)
            .bind(now)
            .fetch_one(pool)
            .await?
        });
        Ok(SchoolId(id))
    }

    pub async fn school(&self, id: SchoolId) -> Result<Option<School>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("SELECT id, name, settings FROM schools WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        }))
    }

    pub async fn insert_class(
        &self,
        school: SchoolId,
        name: &str,
        year_group: u8,
        now: Millis,
    ) -> Result<ClassId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "INSERT INTO classes (school_id, name, year_group, created_at) VALUES ($1, $2, $3, $4) \
                 RETURNING id",
            )
            .bind(school.0)
            .bind(name)
            .bind(i64::from(year_group))
            .bind(now)
            .fetch_one(pool)
            .await?
        });
        Ok(ClassId(id))
    }

    pub async fn class(&self, id: ClassId) -> Result<Option<Class>, StoreError> {
        let sql = format!("{CLASS_SELECT} WHERE c.id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        }))
    }

    /// Every class of a school, youngest year group first.
    pub async fn classes_of_school(&self, school: SchoolId) -> Result<Vec<Class>, StoreError> {
        let sql = format!("{CLASS_SELECT} WHERE c.school_id = $1 ORDER BY c.year_group, c.name");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(school.0).fetch_all(pool).await?
        }))
    }

    /// The classes `user` teaches at `now`, including classes they cover during a current window.
    pub async fn classes_taught_by(
        &self,
        user: UserId,
        now: Millis,
    ) -> Result<Vec<Class>, StoreError> {
        let sql = format!(
            "{CLASS_SELECT} WHERE c.id IN (SELECT t.class_id FROM class_teachers t \
             WHERE t.user_id = $1 AND {CURRENT_TEACHER}) ORDER BY c.year_group, c.name"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(user.0)
                .bind(now)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Assigns a teacher to a class: permanently with `window = None`, or as cover between two times.
    pub async fn add_class_teacher(
        &self,
        class: ClassId,
        user: UserId,
        window: Option<(Millis, Millis)>,
    ) -> Result<(), StoreError> {
        let (starts, ends) = window.unzip();
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO class_teachers (class_id, user_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(class.0)
            .bind(user.0)
            .bind(starts)
            .bind(ends)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Whether `user` teaches `class` at `now` (permanently or through a current cover window).
    pub async fn teaches(
        &self,
        user: UserId,
        class: ClassId,
        now: Millis,
    ) -> Result<bool, StoreError> {
        let sql = format!(
            "SELECT COUNT(*) FROM class_teachers t WHERE t.user_id = $1 AND t.class_id = $3 AND {CURRENT_TEACHER}"
        );
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(&sql)
                .bind(user.0)
                .bind(now)
                .bind(class.0)
                .fetch_one(pool)
                .await?
        });
        Ok(n > 0)
    }

    pub async fn add_staff(
        &self,
        user: UserId,
        school: SchoolId,
        role: StaffRole,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query("INSERT INTO staff (user_id, school_id, role) VALUES ($1, $2, $3)")
                .bind(user.0)
                .bind(school.0)
                .bind(role.as_str())
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// The schools where `user` works and their role at each, lowest school id first.
    pub async fn staff_roles(
        &self,
        user: UserId,
    ) -> Result<Vec<(SchoolId, StaffRole)>, StoreError> {
        let rows: Vec<(i64, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT school_id, role FROM staff WHERE user_id = $1 ORDER BY school_id",
            )
            .bind(user.0)
            .fetch_all(pool)
            .await?
        });
        // The CHECK constraint keeps roles to known names; an unknown one would be skipped, not trusted.
        Ok(rows
            .into_iter()
            .filter_map(|(school, role)| StaffRole::parse(&role).map(|r| (SchoolId(school), r)))
            .collect())
    }

    pub async fn staff_count(&self, school: SchoolId) -> Result<u32, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE school_id = $1")
                .bind(school.0)
                .fetch_one(pool)
                .await?
        });
        Ok(count(n))
    }
}
