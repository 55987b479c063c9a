//! Messaging: private threads, class-chat messages, read marks, reports and removals, per-teacher quiet
//! hours, and the append-only live-event log that every server instance tails.
//!
//! Every write that makes something visible also writes its live event in the same transaction, so an
//! event never announces a message that was rolled back, and a message is never stored without its event.
//! Messages are never deleted; removal keeps the row and sets a marker.

use hometime_domain::{ClassId, PupilId, SchoolId, StaffRole, UserId};

use crate::BeginWrite as _;
use crate::{Millis, Pool, Store, StoreError, count, on_pool};

/// The PostgreSQL channel that wakes event tailers up after a commit.
pub const EVENTS_CHANNEL: &str = "hometime_events";

/// A private thread with the names lists show.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Thread {
    pub id: i64,
    #[sqlx(try_from = "i64")]
    pub school_id: SchoolId,
    #[sqlx(try_from = "i64")]
    pub pupil_id: PupilId,
    pub pupil_name: String,
    #[sqlx(try_from = "i64")]
    pub parent_id: UserId,
    pub parent_name: String,
    #[sqlx(try_from = "i64")]
    pub class_id: ClassId,
    pub class_name: String,
}

/// A thread with the caller's unread count and newest visible message time.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ThreadListed {
    #[sqlx(flatten)]
    pub thread: Thread,
    pub last_message_at: Option<Millis>,
    #[sqlx(try_from = "i64")]
    pub unread: u32,
}

/// A stored message (thread or class chat) with its author's and remover's names.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub school_id: i64,
    pub thread_id: Option<i64>,
    pub class_id: Option<i64>,
    pub author_user_id: i64,
    pub author_name: String,
    /// `parent`, `teacher` or `staff`.
    pub author_kind: String,
    pub body: String,
    pub sent_at: Millis,
    pub deliver_at: Millis,
    pub removed_at: Option<Millis>,
    pub removed_by_name: Option<String>,
}

/// Where a new message goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    /// A private thread; the event names the thread's parent and the pupil's class.
    Thread {
        thread_id: i64,
        parent: UserId,
        class: ClassId,
    },
    ClassChat(ClassId),
}

/// A message to store.
#[derive(Clone, Debug)]
pub struct NewMessage<'a> {
    pub school: SchoolId,
    pub to: Destination,
    pub author: UserId,
    /// `parent`, `teacher` or `staff`.
    pub author_kind: &'a str,
    pub body: &'a str,
    pub sent_at: Millis,
    /// Equal to `sent_at` unless the message is held until the next working morning.
    pub deliver_at: Millis,
    /// Warnings the author chose to send anyway: stored in the audit log as rule ids only.
    pub acknowledged: &'a [&'a str],
}

/// A live event as stored and as tailed.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Event {
    pub id: i64,
    pub school_id: i64,
    pub kind: String,
    pub thread_id: Option<i64>,
    pub class_id: Option<i64>,
    pub parent_user_id: Option<i64>,
    pub created_at: Millis,
}

/// A reported class-chat message, for leaders.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Report {
    pub id: i64,
    pub message_id: i64,
    pub class_id: i64,
    pub class_name: String,
    pub reporter_name: String,
    pub reason: String,
    pub at: Millis,
    pub message_removed: bool,
}

/// A member of a school's staff, for the policy pack's staff list.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct StaffMember {
    #[sqlx(try_from = "i64")]
    pub user_id: UserId,
    pub display_name: String,
    pub role: String,
}

/// Someone teaching (or covering, or assigned to support) a class at a moment.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ClassStaff {
    #[sqlx(try_from = "i64")]
    pub user_id: UserId,
    pub display_name: String,
    pub role: String,
    /// Whether this is a cover window rather than the permanent arrangement.
    pub is_cover: bool,
}

impl ClassStaff {
    pub fn staff_role(&self) -> Option<StaffRole> {
        StaffRole::parse(&self.role)
    }
}

const THREAD_COLUMNS: &str = "SELECT t.id, t.school_id, t.pupil_id, p.preferred_name AS pupil_name, \
     t.parent_user_id AS parent_id, u.display_name AS parent_name, p.class_id, c.name AS class_name";
const THREAD_FROM: &str = " FROM threads t JOIN pupils p ON p.id = t.pupil_id JOIN classes c ON c.id = p.class_id \
     JOIN users u ON u.id = t.parent_user_id";

/// The listing adds, for viewer `$1` at time `$2`: the newest message the viewer may see, and how many
/// messages by others are visible and newer than the viewer's read mark.
const THREAD_LIST_COLUMNS: &str = ", \
     (SELECT MAX(m.deliver_at) FROM messages m WHERE m.thread_id = t.id \
      AND (m.deliver_at <= $2 OR m.author_user_id = $1)) AS last_message_at, \
     (SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id AND m.author_user_id <> $1 \
      AND m.deliver_at <= $2 AND m.id > COALESCE((SELECT MAX(r.up_to_message_id) FROM thread_reads r \
      WHERE r.thread_id = t.id AND r.user_id = $1), 0)) AS unread";

const MESSAGE_SELECT: &str = "SELECT m.id, m.school_id, m.thread_id, m.class_id, m.author_user_id, \
     u.display_name AS author_name, m.author_kind, m.body, m.sent_at, m.deliver_at, m.removed_at, \
     r.display_name AS removed_by_name \
     FROM messages m JOIN users u ON u.id = m.author_user_id LEFT JOIN users r ON r.id = m.removed_by";

/// Inserts one live event inside the caller's transaction.
macro_rules! insert_event {
    ($conn:expr, $school:expr, $kind:expr, $thread:expr, $class:expr, $parent:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO events (school_id, kind, thread_id, class_id, parent_user_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($school)
        .bind($kind)
        .bind($thread)
        .bind($class)
        .bind($parent)
        .bind($now)
        .execute($conn)
        .await?
    };
}
pub(crate) use insert_event;

/// Writes one audit entry inside the caller's transaction, so it is kept exactly when the change it
/// records is. Every in-transaction audit entry (messages, chat moderation, stories, comments, consent)
/// is written here; [`Store::audit`] writes one on its own.
macro_rules! insert_audit {
    ($conn:expr, $actor:expr, $action:expr, $subject:expr, $at:expr, $detail:expr) => {
        sqlx::query(
            "INSERT INTO audit (actor_user_id, action, subject, at, detail) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($actor)
        .bind($action)
        .bind($subject)
        .bind($at)
        .bind($detail)
        .execute($conn)
        .await?
    };
}
pub(crate) use insert_audit;

impl NewMessage<'_> {
    /// Whether the message is visible at once (its live event is written with it), rather than held for
    /// the next working morning.
    pub(crate) fn announced_now(&self) -> bool {
        self.deliver_at <= self.sent_at
    }
}

/// Writes message `$m` inside the caller's transaction `$tx`: the row, its live event (unless it is held
/// for later delivery) and, when warnings were acknowledged, an audit entry with their rule ids. Evaluates
/// to the new id. Shared by [`Store::insert_message`] and the photo-carrying send in `thread_photos`, so
/// both write exactly the same rows; the caller commits and then calls `notify_events`.
macro_rules! insert_message_tx {
    ($tx:ident, $m:expr) => {{
        let m: &$crate::NewMessage<'_> = $m;
        let (thread_id, class_id, parent, event_class, kind) = match m.to {
            $crate::Destination::Thread {
                thread_id,
                parent,
                class,
            } => (
                Some(thread_id),
                None,
                Some(parent.0),
                class.0,
                "thread_message",
            ),
            $crate::Destination::ClassChat(class) => {
                (None, Some(class.0), None, class.0, "chat_message")
            }
        };
        let announce = m.announced_now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (school_id, thread_id, class_id, author_user_id, author_kind, body, \
             sent_at, deliver_at, announced) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(m.school.0)
        .bind(thread_id)
        .bind(class_id)
        .bind(m.author.0)
        .bind(m.author_kind)
        .bind(m.body)
        .bind(m.sent_at)
        .bind(m.deliver_at)
        .bind(announce)
        .fetch_one(&mut *$tx)
        .await?;
        if announce {
            $crate::messaging::insert_event!(
                &mut *$tx,
                m.school.0,
                kind,
                thread_id,
                Some(event_class),
                parent,
                m.sent_at
            );
        }
        if !m.acknowledged.is_empty() {
            $crate::messaging::insert_audit!(&mut *$tx, m.author.0, "policy.warning_acknowledged", format!("message:{id}"), m.sent_at, m.acknowledged.join(","));
        }
        id
    }};
}
pub(crate) use insert_message_tx;

impl Store {
    /// Replaces a school's settings JSON (the policy pack's `school` object plus Hometime's own keys).
    pub async fn set_school_settings(
        &self,
        school: SchoolId,
        settings_json: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query("UPDATE schools SET settings = $1 WHERE id = $2")
                .bind(settings_json)
                .bind(school.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Every member of a school's staff, by name.
    pub async fn staff_of_school(&self, school: SchoolId) -> Result<Vec<StaffMember>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT s.user_id, u.display_name, s.role FROM staff s JOIN users u ON u.id = s.user_id \
                 WHERE s.school_id = $1 ORDER BY u.display_name, s.user_id",
            )
            .bind(school.0)
            .fetch_all(pool)
            .await?
        }))
    }

    /// The people assigned to a class at `now` (permanent teachers first, then cover windows).
    pub async fn class_staff_now(
        &self,
        class: ClassId,
        now: Millis,
    ) -> Result<Vec<ClassStaff>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT t.user_id, u.display_name, COALESCE(s.role, 'teacher') AS role, \
                 (t.starts_at IS NOT NULL OR t.ends_at IS NOT NULL) AS is_cover \
                 FROM class_teachers t JOIN users u ON u.id = t.user_id \
                 JOIN classes c ON c.id = t.class_id \
                 LEFT JOIN staff s ON s.user_id = t.user_id AND s.school_id = c.school_id \
                 WHERE t.class_id = $1 AND (t.starts_at IS NULL OR t.starts_at <= $2) \
                 AND (t.ends_at IS NULL OR t.ends_at > $2) \
                 ORDER BY (t.starts_at IS NOT NULL OR t.ends_at IS NOT NULL), t.id",
            )
            .bind(class.0)
            .bind(now)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Whether `user` is a parent or carer of any pupil in `class`.
    pub async fn is_parent_in_class(
        &self,
        user: UserId,
        class: ClassId,
    ) -> Result<bool, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM guardians g JOIN pupils p ON p.id = g.pupil_id \
                 WHERE g.user_id = $1 AND p.class_id = $2",
            )
            .bind(user.0)
            .bind(class.0)
            .fetch_one(pool)
            .await?
        });
        Ok(n > 0)
    }

    /// Gets the thread between `parent` and the class teacher about `pupil`, creating it the first time.
    pub async fn thread_for(
        &self,
        school: SchoolId,
        pupil: PupilId,
        parent: UserId,
        now: Millis,
    ) -> Result<Thread, StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO threads (school_id, pupil_id, parent_user_id, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (pupil_id, parent_user_id) DO NOTHING",
            )
            .bind(school.0)
            .bind(pupil.0)
            .bind(parent.0)
            .bind(now)
            .execute(pool)
            .await?;
        });
        let sql = format!(
            "{THREAD_COLUMNS}{THREAD_FROM} WHERE t.pupil_id = $1 AND t.parent_user_id = $2"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(pupil.0)
                .bind(parent.0)
                .fetch_one(pool)
                .await?
        }))
    }

    pub async fn thread(&self, id: i64) -> Result<Option<Thread>, StoreError> {
        let sql = format!("{THREAD_COLUMNS}{THREAD_FROM} WHERE t.id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
        }))
    }

    /// The threads `parent` is part of, newest activity first.
    pub async fn threads_of_parent(
        &self,
        parent: UserId,
        now: Millis,
    ) -> Result<Vec<ThreadListed>, StoreError> {
        let sql = format!(
            "SELECT * FROM ({THREAD_COLUMNS}{THREAD_LIST_COLUMNS}{THREAD_FROM} WHERE t.parent_user_id = $1) x \
             ORDER BY COALESCE(x.last_message_at, 0) DESC, x.id"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(parent.0)
                .bind(now)
                .fetch_all(pool)
                .await?
        }))
    }

    /// The threads about pupils of the given classes, as `viewer` sees them, newest activity first.
    pub async fn threads_of_classes(
        &self,
        viewer: UserId,
        classes: &[ClassId],
        now: Millis,
    ) -> Result<Vec<ThreadListed>, StoreError> {
        if classes.is_empty() {
            return Ok(Vec::new());
        }
        // Class ids are integers from the database, so listing them inline is safe and keeps one SQL text
        // for both dialects (array binds differ between them).
        let ids = classes
            .iter()
            .map(|c| c.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "SELECT * FROM ({THREAD_COLUMNS}{THREAD_LIST_COLUMNS}{THREAD_FROM} WHERE p.class_id IN ({ids})) x \
             ORDER BY COALESCE(x.last_message_at, 0) DESC, x.id"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(viewer.0)
                .bind(now)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Stores a message, its live event (unless it is held for later delivery) and, when warnings were
    /// acknowledged, an audit entry with their rule ids, all in one transaction.
    pub async fn insert_message(&self, m: &NewMessage<'_>) -> Result<i64, StoreError> {
        let id: i64 = on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let id = insert_message_tx!(tx, m);
            tx.commit().await?;
            id
        });
        if m.announced_now() {
            self.notify_events().await?;
        }
        Ok(id)
    }

    pub async fn message(&self, id: i64) -> Result<Option<Message>, StoreError> {
        let sql = format!("{MESSAGE_SELECT} WHERE m.id = $1");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
        }))
    }

    /// A thread's messages, oldest first (the caller filters what the viewer may see).
    pub async fn thread_messages(&self, thread: i64) -> Result<Vec<Message>, StoreError> {
        let sql = format!("{MESSAGE_SELECT} WHERE m.thread_id = $1 ORDER BY m.deliver_at, m.id");
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(thread).fetch_all(pool).await?
        }))
    }

    /// The newest `limit` messages of a class chat, oldest first.
    pub async fn chat_messages(
        &self,
        class: ClassId,
        limit: u32,
    ) -> Result<Vec<Message>, StoreError> {
        let sql = format!(
            "SELECT * FROM ({MESSAGE_SELECT} WHERE m.class_id = $1 ORDER BY m.id DESC LIMIT $2) x ORDER BY x.id"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql)
                .bind(class.0)
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await?
        }))
    }

    /// Every class-chat message `author` wrote, oldest first (for their subject-access export).
    pub async fn chat_messages_by(&self, author: UserId) -> Result<Vec<Message>, StoreError> {
        let sql = format!(
            "{MESSAGE_SELECT} WHERE m.class_id IS NOT NULL AND m.author_user_id = $1 ORDER BY m.id"
        );
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(&sql).bind(author.0).fetch_all(pool).await?
        }))
    }

    /// Removes a class-chat message: the row stays with a marker, the reason is kept on it, the audit
    /// entry names only the message, and a live event tells the class. Removing twice is a no-op
    /// (`Ok(false)`).
    pub async fn remove_chat_message(
        &self,
        message: &Message,
        by: UserId,
        reason: &str,
        now: Millis,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE messages SET removed_at = $1, removed_by = $2, removed_reason = $3 \
                 WHERE id = $4 AND removed_at IS NULL AND class_id IS NOT NULL",
            )
            .bind(now)
            .bind(by.0)
            .bind(reason)
            .bind(message.id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                insert_audit!(
                    &mut *tx,
                    by.0,
                    "chat.message_removed",
                    format!("message:{}", message.id),
                    now,
                    ""
                );
                insert_event!(
                    &mut *tx,
                    message.school_id,
                    "chat_removed",
                    None::<i64>,
                    message.class_id,
                    None::<i64>,
                    now
                );
            }
            tx.commit().await?;
            done
        });
        if done {
            self.notify_events().await?;
        }
        Ok(done)
    }

    /// Records a report of a class-chat message and audits it (the audit names only the message).
    pub async fn report_message(
        &self,
        message: i64,
        by: UserId,
        reason: &str,
        now: Millis,
    ) -> Result<i64, StoreError> {
        Ok(on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO message_reports (message_id, reporter_user_id, reason, at) VALUES ($1, $2, $3, $4) \
                 RETURNING id",
            )
            .bind(message)
            .bind(by.0)
            .bind(reason)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            insert_audit!(
                &mut *tx,
                by.0,
                "chat.message_reported",
                format!("message:{message}"),
                now,
                format!("report:{id}")
            );
            tx.commit().await?;
            id
        }))
    }

    /// A school's reports, newest first.
    pub async fn reports(&self, school: SchoolId) -> Result<Vec<Report>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.id, r.message_id, m.class_id, c.name AS class_name, u.display_name AS reporter_name, \
                 r.reason, r.at, (m.removed_at IS NOT NULL) AS message_removed \
                 FROM message_reports r JOIN messages m ON m.id = r.message_id \
                 JOIN classes c ON c.id = m.class_id JOIN users u ON u.id = r.reporter_user_id \
                 WHERE m.school_id = $1 ORDER BY r.id DESC",
            )
            .bind(school.0)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Moves `user`'s read mark in a thread forward to `up_to` (never back), keeping the raw read time,
    /// and writes a `thread_read` event. Returns whether the mark moved.
    pub async fn mark_thread_read(
        &self,
        thread: &Thread,
        user: UserId,
        up_to: i64,
        now: Millis,
    ) -> Result<bool, StoreError> {
        let moved = on_pool!(self, |pool| {
            let mut tx = pool.begin_write().await?;
            let current: i64 = sqlx::query_scalar(
                "SELECT COALESCE(MAX(up_to_message_id), 0) FROM thread_reads WHERE thread_id = $1 AND user_id = $2",
            )
            .bind(thread.id)
            .bind(user.0)
            .fetch_one(&mut *tx)
            .await?;
            let moved = up_to > current;
            if moved {
                sqlx::query(
                    "INSERT INTO thread_reads (thread_id, user_id, up_to_message_id, read_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(thread.id)
                .bind(user.0)
                .bind(up_to)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                insert_event!(
                    &mut *tx,
                    thread.school_id.0,
                    "thread_read",
                    Some(thread.id),
                    Some(thread.class_id.0),
                    Some(thread.parent_id.0),
                    now
                );
            }
            tx.commit().await?;
            moved
        });
        if moved {
            self.notify_events().await?;
        }
        Ok(moved)
    }

    /// Every read mark of a thread: (reader, read up to message id, raw read time), oldest first.
    pub async fn thread_reads(&self, thread: i64) -> Result<Vec<(i64, i64, Millis)>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT user_id, up_to_message_id, read_at FROM thread_reads WHERE thread_id = $1 ORDER BY id",
            )
            .bind(thread)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Moves `user`'s read mark in a class chat forward to `up_to`.
    pub async fn mark_chat_read(
        &self,
        class: ClassId,
        user: UserId,
        up_to: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO chat_reads (class_id, user_id, up_to_message_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (class_id, user_id) DO UPDATE SET up_to_message_id = CASE \
                 WHEN excluded.up_to_message_id > chat_reads.up_to_message_id \
                 THEN excluded.up_to_message_id ELSE chat_reads.up_to_message_id END",
            )
            .bind(class.0)
            .bind(user.0)
            .bind(up_to)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Class-chat messages by others newer than `user`'s read mark.
    pub async fn chat_unread(&self, class: ClassId, user: UserId) -> Result<u32, StoreError> {
        let n: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM messages m WHERE m.class_id = $1 AND m.author_user_id <> $2 \
                 AND m.removed_at IS NULL AND m.id > COALESCE((SELECT r.up_to_message_id FROM chat_reads r \
                 WHERE r.class_id = $1 AND r.user_id = $2), 0)",
            )
            .bind(class.0)
            .bind(user.0)
            .fetch_one(pool)
            .await?
        });
        Ok(count(n))
    }

    /// Announces held messages whose delivery time has come: marks each announced and writes its live
    /// event in one transaction. Safe with several instances sweeping at once (each message is announced
    /// by whichever claims it first). Returns how many were announced.
    pub async fn announce_due_messages(&self, now: Millis) -> Result<u32, StoreError> {
        let due: Vec<(i64, i64, i64, i64, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT m.id, m.school_id, m.thread_id, p.class_id, t.parent_user_id FROM messages m \
                 JOIN threads t ON t.id = m.thread_id JOIN pupils p ON p.id = t.pupil_id \
                 WHERE m.announced = FALSE AND m.deliver_at <= $1 ORDER BY m.id LIMIT 100",
            )
            .bind(now)
            .fetch_all(pool)
            .await?
        });
        let mut announced = 0;
        for (id, school, thread, class, parent) in due {
            let claimed = on_pool!(self, |pool| {
                let mut tx = pool.begin_write().await?;
                let claimed = sqlx::query(
                    "UPDATE messages SET announced = TRUE WHERE id = $1 AND announced = FALSE",
                )
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if claimed {
                    insert_event!(
                        &mut *tx,
                        school,
                        "thread_message",
                        Some(thread),
                        Some(class),
                        Some(parent),
                        now
                    );
                }
                tx.commit().await?;
                claimed
            });
            if claimed {
                announced += 1;
            }
        }
        if announced > 0 {
            self.notify_events().await?;
        }
        Ok(announced)
    }

    /// Events after `after`, oldest first, at most `limit`.
    pub async fn events_after(&self, after: i64, limit: u32) -> Result<Vec<Event>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, school_id, kind, thread_id, class_id, parent_user_id, created_at FROM events \
                 WHERE id > $1 ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
        }))
    }

    /// The newest event id (0 when there is none), where a new tailer starts.
    pub async fn latest_event_id(&self) -> Result<i64, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM events")
                .fetch_one(pool)
                .await?
        }))
    }

    /// Deletes events older than `before`; they only exist to be tailed.
    pub async fn prune_events(&self, before: Millis) -> Result<u64, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query("DELETE FROM events WHERE created_at < $1")
                .bind(before)
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    /// Wakes PostgreSQL tailers after a commit that wrote events; SQLite tailers poll instead.
    pub(crate) async fn notify_events(&self) -> Result<(), StoreError> {
        if let Pool::Postgres(pool) = &self.pool {
            sqlx::query("SELECT pg_notify($1, '')")
                .bind(EVENTS_CHANNEL)
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    /// A listener on the events channel (PostgreSQL only; `None` on SQLite).
    pub async fn event_listener(&self) -> Result<Option<sqlx::postgres::PgListener>, StoreError> {
        match &self.pool {
            Pool::Postgres(pool) => {
                let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
                listener.listen(EVENTS_CHANNEL).await?;
                Ok(Some(listener))
            }
            Pool::Sqlite(_) => Ok(None),
        }
    }

    /// A member of staff's quiet window (`HH:MM` start and end), if they set one.
    pub async fn quiet_hours(&self, user: UserId) -> Result<Option<(String, String)>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as("SELECT starts, ends FROM staff_quiet_hours WHERE user_id = $1")
                .bind(user.0)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// Sets (or with `None` clears) a member of staff's quiet window.
    pub async fn set_quiet_hours(
        &self,
        user: UserId,
        window: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| {
            match window {
                Some((starts, ends)) => {
                    sqlx::query(
                        "INSERT INTO staff_quiet_hours (user_id, starts, ends) VALUES ($1, $2, $3) \
                         ON CONFLICT (user_id) DO UPDATE SET starts = excluded.starts, ends = excluded.ends",
                    )
                    .bind(user.0)
                    .bind(starts)
                    .bind(ends)
                    .execute(pool)
                    .await?;
                }
                None => {
                    sqlx::query("DELETE FROM staff_quiet_hours WHERE user_id = $1")
                        .bind(user.0)
                        .execute(pool)
                        .await?;
                }
            }
        });
        Ok(())
    }
}
