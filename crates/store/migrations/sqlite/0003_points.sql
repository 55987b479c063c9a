-- Points and avatars: skills (school-wide or per class), awarded points, and each school's points settings.
-- Times are INTEGER unix milliseconds (UTC). Pupils' avatars already live in `pupils.avatar` (0001).

CREATE TABLE skills (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    -- NULL for a school-wide skill; set for a skill a teacher added to one class.
    class_id INTEGER REFERENCES classes (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('positive', 'needs_work')),
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX skills_school ON skills (school_id);
CREATE INDEX skills_class ON skills (class_id);

-- One row per point per pupil. A multi-pupil award writes several rows in one transaction.
-- `note` is seen by the pupil's family and staff only; it is never logged.
CREATE TABLE points (
    id INTEGER PRIMARY KEY,
    pupil_id INTEGER NOT NULL REFERENCES pupils (id),
    class_id INTEGER NOT NULL REFERENCES classes (id),
    skill_id INTEGER NOT NULL REFERENCES skills (id),
    awarded_by INTEGER NOT NULL REFERENCES users (id),
    note TEXT,
    awarded_at INTEGER NOT NULL
);
CREATE INDEX points_pupil ON points (pupil_id, awarded_at);
CREATE INDEX points_class ON points (class_id);
CREATE INDEX points_awarded_at ON points (awarded_at);

-- A school without a row uses the defaults (avatars shown, needs-work on, 12 months' retention).
CREATE TABLE points_settings (
    school_id INTEGER PRIMARY KEY REFERENCES schools (id),
    show_initials BOOLEAN NOT NULL,
    needs_work_enabled BOOLEAN NOT NULL,
    retention_months INTEGER NOT NULL CHECK (retention_months > 0)
);
