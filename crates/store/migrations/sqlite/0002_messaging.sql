-- Messaging: private threads (one per parent and pupil, with the pupil's class teacher), class chat,
-- read marks, reports, per-teacher quiet hours, and the append-only live-event log every server tails.
-- Messages are never deleted: removal sets a marker and the body is no longer served.

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    pupil_id INTEGER NOT NULL REFERENCES pupils (id),
    parent_user_id INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    UNIQUE (pupil_id, parent_user_id)
);
CREATE INDEX threads_parent ON threads (parent_user_id);

-- A thread message has thread_id; a class-chat message has class_id. `deliver_at` is later than
-- `sent_at` only for staff messages scheduled for the next working morning; `announced` records that the
-- live event for it has been written (at send, or by the sweeper at `deliver_at`).
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    thread_id INTEGER REFERENCES threads (id),
    class_id INTEGER REFERENCES classes (id),
    author_user_id INTEGER NOT NULL REFERENCES users (id),
    author_kind TEXT NOT NULL CHECK (author_kind IN ('parent', 'teacher', 'staff')),
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    deliver_at INTEGER NOT NULL,
    announced BOOLEAN NOT NULL,
    removed_at INTEGER,
    removed_by INTEGER REFERENCES users (id),
    removed_reason TEXT,
    CHECK ((thread_id IS NULL) <> (class_id IS NULL))
);
CREATE INDEX messages_thread ON messages (thread_id, id);
CREATE INDEX messages_class ON messages (class_id, id);
CREATE INDEX messages_pending ON messages (announced, deliver_at);

-- Append-only read marks: a row each time a reader's "read up to" moves forward, with the raw time, so
-- the time a message was first read is kept and the visible "seen" time is computed when shown.
CREATE TABLE thread_reads (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES threads (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    up_to_message_id INTEGER NOT NULL,
    read_at INTEGER NOT NULL
);
CREATE INDEX thread_reads_thread ON thread_reads (thread_id, user_id);

CREATE TABLE chat_reads (
    class_id INTEGER NOT NULL REFERENCES classes (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    up_to_message_id INTEGER NOT NULL,
    PRIMARY KEY (class_id, user_id)
);

CREATE TABLE message_reports (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    reporter_user_id INTEGER NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX message_reports_message ON message_reports (message_id);

-- A member of staff's own quiet window inside the school's working hours (`HH:MM`, may wrap midnight).
CREATE TABLE staff_quiet_hours (
    user_id INTEGER PRIMARY KEY REFERENCES users (id),
    starts TEXT NOT NULL,
    ends TEXT NOT NULL
);

-- Live events: minimal (kind and ids, never bodies or names). Thread events name the thread's parent and
-- the pupil's class so each subscriber can tell whether it may see them without another query.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    kind TEXT NOT NULL,
    thread_id INTEGER,
    class_id INTEGER,
    parent_user_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX events_created ON events (created_at);
