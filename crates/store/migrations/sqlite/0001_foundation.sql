-- Foundation schema: schools, people, links, sign-in codes, sessions, rate limits and audit.
-- Times are INTEGER unix milliseconds (UTC) so the same Rust code reads both dialects.
-- Append-only: later features (messages, points, stories, photos) arrive as new numbered files.

CREATE TABLE schools (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- The school's policy settings, shaped like the policy pack's `school` object.
    settings TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    name TEXT NOT NULL,
    year_group INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX classes_school ON classes (school_id);

CREATE TABLE staff (
    user_id INTEGER NOT NULL REFERENCES users (id),
    school_id INTEGER NOT NULL REFERENCES schools (id),
    role TEXT NOT NULL CHECK (role IN ('teacher', 'support', 'office', 'leader')),
    PRIMARY KEY (user_id, school_id)
);
CREATE INDEX staff_school ON staff (school_id);

-- A teacher of a class. A row with a window (starts_at/ends_at) is a cover arrangement.
CREATE TABLE class_teachers (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    starts_at INTEGER,
    ends_at INTEGER
);
CREATE INDEX class_teachers_class ON class_teachers (class_id);
CREATE INDEX class_teachers_user ON class_teachers (user_id);

-- Pupils are deliberately minimal: no date of birth, address or other records.
CREATE TABLE pupils (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes (id),
    first_name TEXT NOT NULL,
    surname TEXT NOT NULL,
    preferred_name TEXT NOT NULL,
    avatar TEXT NOT NULL,
    photo_consent TEXT NOT NULL CHECK (photo_consent IN ('yes', 'no', 'not_asked')),
    looked_after BOOLEAN NOT NULL,
    do_not_show BOOLEAN NOT NULL
);
CREATE INDEX pupils_class ON pupils (class_id);

CREATE TABLE guardians (
    user_id INTEGER NOT NULL REFERENCES users (id),
    pupil_id INTEGER NOT NULL REFERENCES pupils (id),
    linked_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, pupil_id)
);
CREATE INDEX guardians_pupil ON guardians (pupil_id);

-- Each row raises one pupil's limit of linked adults by one.
CREATE TABLE adult_limit_approvals (
    id INTEGER PRIMARY KEY,
    pupil_id INTEGER NOT NULL REFERENCES pupils (id),
    approved_by INTEGER NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX adult_limit_approvals_pupil ON adult_limit_approvals (pupil_id);

-- Only a hash of each invite code is kept.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    pupil_id INTEGER NOT NULL REFERENCES pupils (id),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by INTEGER REFERENCES users (id)
);
CREATE INDEX invites_pupil ON invites (pupil_id);

CREATE TABLE class_codes (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes (id),
    code_hash TEXT NOT NULL UNIQUE,
    opened_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    closed BOOLEAN NOT NULL
);
CREATE INDEX class_codes_class ON class_codes (class_id);

-- Only a hash of each session token is kept. A session belongs to an adult or to a pupil.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER REFERENCES users (id),
    pupil_id INTEGER REFERENCES pupils (id),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    idle_timeout_ms INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (pupil_id IS NULL))
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Fixed-window counters, shared through the database so several server instances agree.
CREATE TABLE rate_limits (
    key TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- Who did what to what, and when. `detail` never holds personal content (no names, bodies or codes).
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    actor_user_id INTEGER REFERENCES users (id),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    at INTEGER NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_at ON audit (at);
