//! Stories: School Story and Class Story posts with their photos and consent tags, private shares to some
//! families, likes, comments, taking a post down (which deletes its photos' bytes), and reading stored
//! photos (story photos and photos sent in private threads share one table).
//!
//! What a viewer may see is one SQL condition built from a [`StoryScope`], used both for feeds and for a
//! single story by id, so "in the feed" and "may open it" can never disagree.

use hometime_domain::{ClassId, CommentId, PhotoId, PupilId, SchoolId, StoryId, UserId};

use crate::BeginWrite as _;
use crate::messaging::insert_audit;
use crate::{Millis, Store, StoreError, on_pool};

/// A story with its author's and class's names. The body is served only while `removed_at` is `None`.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct StoryRow {
    #[sqlx(try_from = "i64")]
    pub id: StoryId,
    #[sqlx(try_from = "i64")]
    pub school_id: SchoolId,
    /// `None` for the School Story.
    pub class_id: Option<i64>,
    pub class_name: Option<String>,
    #[sqlx(try_from = "i64")]
    pub author_user_id: UserId,
    pub author_name: String,
    pub body: String,
    /// Shared only with the families of the pupils in its audience.
    pub private: bool,
    pub created_at: Millis,
    pub removed_at: Option<Millis>,
}

impl StoryRow {
    pub fn class(&self) -> Option<ClassId> {
        self.class_id.map(ClassId)
    }
}

/// A stored photo's facts (not its bytes): on a story, or on a private-thread message.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PhotoRow {
    #[sqlx(try_from = "i64")]
    pub id: PhotoId,
    #[sqlx(try_from = "i64")]
    pub school_id: SchoolId,
    pub story_id: Option<i64>,
    pub message_id: Option<i64>,
    pub position: i32,
    #[sqlx(try_from = "i64")]
    pub uploaded_by: UserId,
    pub width: i32,
    pub height: i32,
    pub thumb_width: i32,
    pub thumb_height: i32,
    pub no_pupils: bool,
    /// Whether the bytes are still there (they are deleted when a story is taken down).
    pub available: bool,
}

/// A pupil tagged in one of a story's photos.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PhotoTag {
    #[sqlx(try_from = "i64")]
    pub story_id: StoryId,
    #[sqlx(try_from = "i64")]
    pub photo_id: PhotoId,
    #[sqlx(try_from = "i64")]
    pub pupil_id: PupilId,
    pub preferred_name: String,
}

/// A comment with its author's and remover's names.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CommentRow {
    #[sqlx(try_from = "i64")]
    pub id: CommentId,
    #[sqlx(try_from = "i64")]
    pub story_id: StoryId,
    #[sqlx(try_from = "i64")]
    pub author_user_id: UserId,
    pub author_name: String,
    /// `parent`, `teacher` or `staff`.
    pub author_kind: String,
    pub body: String,
    pub created_at: Millis,
    pub removed_at: Option<Millis>,
    pub removed_by_name: Option<String>,
}

/// A story's like count and whether the viewer is among them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Likes {
    pub count: u32,
    pub mine: bool,
}

/// One photo to store: JPEG bytes already re-encoded by the server (no metadata), and who is in it.
#[derive(Clone, Debug)]
pub struct NewPhoto<'a> {
    pub display: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub thumb: &'a [u8],
    pub thumb_width: u32,
    pub thumb_height: u32,
    pub no_pupils: bool,
    pub tagged: &'a [PupilId],
}

/// A story to store, already checked by the server.
#[derive(Clone, Debug)]
pub struct NewStoryRow<'a> {
    pub school: SchoolId,
    /// `None` for the School Story.
    pub class: Option<ClassId>,
    pub author: UserId,
    pub body: &'a str,
    /// Non-empty for a private share: only these pupils' families see it.
    pub private_to: &'a [PupilId],
    pub photos: &'a [NewPhoto<'a>],
    /// Warnings the author chose to post anyway: audited as rule ids only.
    pub acknowledged: &'a [&'a str],
    pub now: Millis,
}

/// Who is looking at stories, as relationships. Each part widens what is visible; an empty scope sees
/// nothing. Removed stories are never visible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryScope {
    pub school: SchoolId,
    /// Office and leaders: every story of the school, private ones included.
    pub whole_school: bool,
    /// Staff: the School Story, private ones included.
    pub school_story_staff: bool,
    /// Staff: these classes' stories, private ones included.
    pub staff_classes: Vec<ClassId>,
    /// Families: the shared School Story.
    pub school_story_family: bool,
    /// Families: these classes' shared stories.
    pub family_classes: Vec<ClassId>,
    /// Families: private stories shared with any of these pupils' families.
    pub family_pupils: Vec<PupilId>,
}

/// Which stories of the visible ones to read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoryFilter {
    /// Only one Class Story.
    pub class: Option<ClassId>,
    /// Only the School Story.
    pub school_only: bool,
    /// Only stories older than this one (the next page).
    pub before: Option<StoryId>,
    /// Only this story.
    pub id: Option<StoryId>,
}

/// Integer ids listed inline: they come from the database or typed ids, never from text, and inline
/// lists keep one SQL text for both dialects (array binds differ between them).
fn id_list(ids: impl Iterator<Item = i64>) -> String {
    let list: Vec<String> = ids.map(|i| i.to_string()).collect();
    list.join(",")
}

impl StoryScope {
    /// A scope that sees nothing yet, at `school`.
    pub fn new(school: SchoolId) -> StoryScope {
        StoryScope {
            school,
            whole_school: false,
            school_story_staff: false,
            staff_classes: Vec::new(),
            school_story_family: false,
            family_classes: Vec::new(),
            family_pupils: Vec::new(),
        }
    }

    /// The SQL condition (over `stories s`) for what this scope may see.
    fn condition(&self) -> String {
        let mut any: Vec<String> = Vec::new();
        if self.whole_school {
            any.push("1 = 1".into());
        }
        if self.school_story_staff {
            any.push("s.class_id IS NULL".into());
        }
        if !self.staff_classes.is_empty() {
            any.push(format!(
                "s.class_id IN ({})",
                id_list(self.staff_classes.iter().map(|c| c.0))
            ));
        }
        if self.school_story_family {
            any.push("(s.class_id IS NULL AND s.private = FALSE)".into());
        }
        if !self.family_classes.is_empty() {
            any.push(format!(
                "(s.private = FALSE AND s.class_id IN ({}))",
                id_list(self.family_classes.iter().map(|c| c.0))
            ));
        }
        if !self.family_pupils.is_empty() {
            any.push(format!(
                "(s.private = TRUE AND EXISTS (SELECT 1 FROM story_audience a WHERE a.story_id = s.id \
                 AND a.pupil_id IN ({})))",
                id_list(self.family_pupils.iter().map(|p| p.0))
            ));
        }
        if any.is_empty() {
            "1 = 0".into()
        } else {
            format!("({})", any.join(" OR "))
        }
    }
}

const STORY_SELECT: &str = "SELECT s.id, s.school_id, s.class_id, c.name AS class_name, s.author_user_id, \
     u.display_name AS author_name, s.body, s.private, s.created_at, s.removed_at \
     FROM stories s JOIN users u ON u.id = s.author_user_id LEFT JOIN classes c ON c.id = s.class_id";

const PHOTO_SELECT: &str = "SELECT id, school_id, story_id, message_id, position, uploaded_by, width, height, \
     thumb_width, thumb_height, no_pupils, (display IS NOT NULL) AS available FROM photos";

const COMMENT_SELECT: &str = "SELECT k.id, k.story_id, k.author_user_id, u.display_name AS author_name, \
     k.author_kind, k.body, k.created_at, k.removed_at, r.display_name AS removed_by_name \
     FROM story_comments k JOIN users u ON u.id = k.author_user_id LEFT JOIN users r ON r.id = k.removed_by";

/// Pixel sizes are at most a few thousand; the column is a 32-bit integer in both dialects.
pub(crate) fn dim(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// Writes one `photos` row inside the caller's transaction and evaluates to its id. `$p` is a
/// [`NewPhoto`] or a [`crate::NewMessagePhoto`] (both carry the two JPEGs and their sizes); a photo
/// belongs to a story or to a message, so one of `$story` and `$message` is `None`. Shared by stories
/// and thread photos so both write the row the same way.
macro_rules! insert_photo {
    ($conn:expr, $school:expr, $story:expr, $message:expr, $position:expr, $uploader:expr, $p:expr,
     $no_pupils:expr, $now:expr) => {{
        let p = $p;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO photos (school_id, story_id, message_id, position, uploaded_by, width, height, \
             display, thumb_width, thumb_height, thumb, no_pupils, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind($school)
        .bind($story)
        .bind($message)
        .bind($position)
        .bind($uploader)
        .bind($crate::stories::dim(p.width))
        .bind($crate::stories::dim(p.height))
        .bind(p.display)
        .bind($crate::stories::dim(p.thumb_width))
        .bind($crate::stories::dim(p.thumb_height))
        .bind(p.thumb)
        .bind($no_pupils)
        .bind($now)
        .fetch_one($conn)
        .await?;
        id
    }};
}
pub(crate) use insert_photo;

/// Marks row `$id` of `$table` (a literal: `stories` or `story_comments`) removed by `$by` at `$now`
/// inside the caller's transaction, and evaluates to whether this call did it: removing twice changes
/// nothing and gives `false`, so the caller writes its audit entry once.
macro_rules! mark_removed {
    ($conn:expr, $table:literal, $id:expr, $by:expr, $now:expr) => {
        sqlx::query(concat!(
            "UPDATE ",
            $table,
            " SET removed_at = $1, removed_by = $2 WHERE id = $3 AND removed_at IS NULL"
        ))
        .bind($now)
        .bind($by)
        .bind($id)
        .execute($conn)
        .await?
        .rows_affected()
            == 1
    };
}

impl Store {
    /// Stores a story, its audience, its photos and their tags, and (when warnings were acknowledged) an
    /// audit entry with their rule ids, all in one transaction: either everything is stored or nothing.
    pub async fn insert_story(&self, s: &NewStoryRow<'_>) -> Result<StoryId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO stories (school_id, class_id, author_user_id, body, private, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(s.school.0)
            .bind(s.class.map(|c| c.0))
            .bind(s.author.0)
            .bind(s.body)
            .bind(!s.private_to.is_empty())
            .bind(s.now)
            .fetch_one(&mut *tx)
            .await?;
            for pupil in s.private_to {
                sqlx::query(
                    "INSERT INTO story_audience (story_id, pupil_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(pupil.0)
                .execute(&mut *tx)
                .await?;
            }
            for (position, p) in (0_i32..).zip(s.photos) {
                let photo = insert_photo!(
                    &mut *tx,
                    s.school.0,
                    Some(id),
                    None::<i64>,
                    position,
                    s.author.0,
                    p,
                    p.no_pupils,
                    s.now
                );
                for pupil in p.tagged {
                    sqlx::query(
                        "INSERT INTO photo_tags (photo_id, pupil_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    )
                    .bind(photo)
                    .bind(pupil.0)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            if !s.acknowledged.is_empty() {
                insert_audit!(
                    &mut *tx,
                    s.author.0,
                    "policy.warning_acknowledged",
                    format!("story:{id}"),
                    s.now,
                    s.acknowledged.join(",")
                );
            }
            tx.commit().await?;
            id
        });
        Ok(StoryId(id))
    }

    /// The stories `scope` may see that match `filter`, newest first, at most `limit`.
    pub async fn stories(
        &self,
        scope: &StoryScope,
        filter: &StoryFilter,
        limit: u32,
    ) -> Result<Vec<StoryRow>, StoreError> {
        let mut sql = format!(
            "{STORY_SELECT} WHERE s.school_id = $1 AND s.removed_at IS NULL AND {}",
            scope.condition()
        );
        if let Some(class) = filter.class {
            sql.push_str(&format!(" AND s.class_id = {}", class.0));
        }
        if filter.school_only {
            sql.push_str(" AND s.class_id IS NULL");
        }
        if let Some(before) = filter.before {
            sql.push_str(&format!(" AND s.id < {}", before.0));
        }
        if let Some(id) = filter.id {
            sql.push_str(&format!(" AND s.id = {}", id.0));
        }
        sql.push_str(" ORDER BY s.id DESC LIMIT $2");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(scope.school.0)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        }))
    }

    /// One story as `scope` sees it: `None` when it does not exist, was removed, or is not theirs to see.
    pub async fn visible_story(
        &self,
        scope: &StoryScope,
        id: StoryId,
    ) -> Result<Option<StoryRow>, StoreError> {
        let filter = StoryFilter {
            id: Some(id),
            ..StoryFilter::default()
        };
        Ok(self.stories(scope, &filter, 1).await?.into_iter().next())
    }

    /// A story by id, whoever may see it, removed or not (for permission checks and tests).
    pub async fn story(&self, id: StoryId) -> Result<Option<StoryRow>, StoreError> {
        let sql = format!("{STORY_SELECT} WHERE s.id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        }))
    }

    /// The pupils whose families a private story is shared with.
    pub async fn story_audience(&self, id: StoryId) -> Result<Vec<PupilId>, StoreError> {
        let rows: Vec<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT pupil_id FROM story_audience WHERE story_id = $1 ORDER BY pupil_id",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(PupilId).collect())
    }

    /// The photos of these stories, in story then position order.
    pub async fn photos_of_stories(&self, ids: &[StoryId]) -> Result<Vec<PhotoRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "{PHOTO_SELECT} WHERE story_id IN ({}) ORDER BY story_id, position, id",
            id_list(ids.iter().map(|s| s.0))
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).fetch_all(pool).await?
        }))
    }

    /// Who is tagged in these stories' photos.
    pub async fn tags_of_stories(&self, ids: &[StoryId]) -> Result<Vec<PhotoTag>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT ph.story_id, t.photo_id, t.pupil_id, p.preferred_name FROM photo_tags t \
             JOIN photos ph ON ph.id = t.photo_id JOIN pupils p ON p.id = t.pupil_id \
             WHERE ph.story_id IN ({}) ORDER BY ph.story_id, ph.position, p.preferred_name, p.id",
            id_list(ids.iter().map(|s| s.0))
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).fetch_all(pool).await?
        }))
    }

    /// One photo's facts, whatever it belongs to.
    pub async fn photo(&self, id: PhotoId) -> Result<Option<PhotoRow>, StoreError> {
        let sql = format!("{PHOTO_SELECT} WHERE id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        }))
    }

    /// A photo's stored JPEG: the display size, or with `thumb` the thumbnail. `None` when there is no
    /// such photo or its bytes were deleted.
    pub async fn photo_bytes(
        &self,
        id: PhotoId,
        thumb: bool,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let sql = if thumb {
            "SELECT thumb FROM photos WHERE id = $1"
        } else {
            "SELECT display FROM photos WHERE id = $1"
        };
        let row: Option<Option<Vec<u8>>> = on_pool!(self, |pool| {
            sqlx::query_scalar(sql)
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.flatten())
    }

    /// Takes a story down: marks it removed and deletes its photos' bytes, with an audit entry naming only
    /// the story, in one transaction. Removing twice is a no-op (`Ok(false)`).
    pub async fn remove_story(
        &self,
        id: StoryId,
        by: UserId,
        now: Millis,
    ) -> Result<bool, StoreError> {
        Ok(on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let done = mark_removed!(&mut *tx, "stories", id.0, by.0, now);
            if done {
                sqlx::query("UPDATE photos SET display = NULL, thumb = NULL WHERE story_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                insert_audit!(
                    &mut *tx,
                    by.0,
                    "story.removed",
                    format!("story:{}", id.0),
                    now,
                    ""
                );
            }
            tx.commit().await?;
            done
        }))
    }

    /// Likes (`on`) or unlikes a story for `user`; both are idempotent. Returns the new state.
    pub async fn set_like(
        &self,
        story: StoryId,
        user: UserId,
        on: bool,
        now: Millis,
    ) -> Result<Likes, StoreError> {
        on_pool!(self, |pool| {
            if on {
                sqlx::query(
                    "INSERT INTO story_likes (story_id, user_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (story_id, user_id) DO NOTHING",
                )
                .bind(story.0)
                .bind(user.0)
                .bind(now)
                .execute(pool)
                .await?;
            } else {
                sqlx::query("DELETE FROM story_likes WHERE story_id = $1 AND user_id = $2")
                    .bind(story.0)
                    .bind(user.0)
                    .execute(pool)
                    .await?;
            }
        });
        Ok(self
            .likes_of_stories(&[story], user)
            .await?
            .into_iter()
            .next()
            .map(|(_, l)| l)
            .unwrap_or_default())
    }

    /// Like counts of these stories and whether `viewer` liked each (stories without likes are left out).
    pub async fn likes_of_stories(
        &self,
        ids: &[StoryId],
        viewer: UserId,
    ) -> Result<Vec<(StoryId, Likes)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT story_id, COUNT(*), COALESCE(SUM(CASE WHEN user_id = $1 THEN 1 ELSE 0 END), 0) \
             FROM story_likes WHERE story_id IN ({}) GROUP BY story_id",
            id_list(ids.iter().map(|s| s.0))
        );
        let rows: Vec<(i64, i64, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(viewer.0).fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(|(s, n, mine)| {
                (
                    StoryId(s),
                    Likes {
                        count: crate::count(n),
                        mine: mine > 0,
                    },
                )
            })
            .collect())
    }

    /// Stores a comment and (when warnings were acknowledged) an audit entry with their rule ids, in one
    /// transaction.
    pub async fn insert_comment(
        &self,
        story: StoryId,
        author: UserId,
        author_kind: &str,
        body: &str,
        acknowledged: &[&str],
        now: Millis,
    ) -> Result<CommentId, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO story_comments (story_id, author_user_id, author_kind, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(story.0)
            .bind(author.0)
            .bind(author_kind)
            .bind(body)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            if !acknowledged.is_empty() {
                insert_audit!(
                    &mut *tx,
                    author.0,
                    "policy.warning_acknowledged",
                    format!("comment:{id}"),
                    now,
                    acknowledged.join(",")
                );
            }
            tx.commit().await?;
            id
        });
        Ok(CommentId(id))
    }

    pub async fn comment(&self, id: CommentId) -> Result<Option<CommentRow>, StoreError> {
        let sql = format!("{COMMENT_SELECT} WHERE k.id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        }))
    }

    /// The comments of these stories, oldest first (removed ones included, as markers).
    pub async fn comments_of_stories(
        &self,
        ids: &[StoryId],
    ) -> Result<Vec<CommentRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "{COMMENT_SELECT} WHERE k.story_id IN ({}) ORDER BY k.story_id, k.id",
            id_list(ids.iter().map(|s| s.0))
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).fetch_all(pool).await?
        }))
    }

    /// Removes a comment, leaving a marker, with an audit entry naming only the comment. Removing twice is
    /// a no-op (`Ok(false)`).
    pub async fn remove_comment(
        &self,
        id: CommentId,
        by: UserId,
        now: Millis,
    ) -> Result<bool, StoreError> {
        Ok(on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let done = mark_removed!(&mut *tx, "story_comments", id.0, by.0, now);
            if done {
                insert_audit!(
                    &mut *tx,
                    by.0,
                    "story.comment_removed",
                    format!("comment:{}", id.0),
                    now,
                    ""
                );
            }
            tx.commit().await?;
            done
        }))
    }

    /// How many stories and photos are stored (all schools, removed ones included): for tests that
    /// check a refused upload left nothing behind.
    pub async fn story_and_photo_counts(&self) -> Result<(u32, u32), StoreError> {
        let (s, p): (i64, i64) = on_pool!(self, |pool| {
            sqlx::query_as("SELECT (SELECT COUNT(*) FROM stories), (SELECT COUNT(*) FROM photos)")
                .fetch_one(pool)
                .await?
        });
        Ok((crate::count(s), crate::count(p)))
    }
}
