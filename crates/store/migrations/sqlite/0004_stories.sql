-- Stories and photos: School Story (class_id NULL) and Class Story posts, likes, comments, photos with
-- their consent tags, private shares to some families, and photos a parent sends privately in a thread.
-- Photo bytes live in the database (already stripped of metadata and re-encoded), so every server instance
-- serves the same photos and a backup holds everything. Taking a story down deletes its photos' bytes.

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    class_id INTEGER REFERENCES classes (id),
    author_user_id INTEGER NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    -- Shared only with the families of the pupils in story_audience, not the whole class or school.
    private BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    removed_at INTEGER,
    removed_by INTEGER REFERENCES users (id)
);
CREATE INDEX stories_school ON stories (school_id, id);
CREATE INDEX stories_class ON stories (class_id, id);

-- For a private story: the pupils whose families may see it.
CREATE TABLE story_audience (
    story_id INTEGER NOT NULL REFERENCES stories (id),
    pupil_id INTEGER NOT NULL REFERENCES pupils (id),
    PRIMARY KEY (story_id, pupil_id)
);
CREATE INDEX story_audience_pupil ON story_audience (pupil_id);

CREATE TABLE story_likes (
    story_id INTEGER NOT NULL REFERENCES stories (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (story_id, user_id)
);

CREATE TABLE story_comments (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories (id),
    author_user_id INTEGER NOT NULL REFERENCES users (id),
    author_kind TEXT NOT NULL CHECK (author_kind IN ('parent', 'teacher', 'staff')),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    removed_at INTEGER,
    removed_by INTEGER REFERENCES users (id)
);
CREATE INDEX story_comments_story ON story_comments (story_id, id);

-- A photo belongs to a story or to a private-thread message. `display` and `thumb` are JPEGs the server
-- re-encoded itself (no EXIF, GPS or camera data); they are set to NULL when the story is taken down.
CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    school_id INTEGER NOT NULL REFERENCES schools (id),
    story_id INTEGER REFERENCES stories (id),
    message_id INTEGER REFERENCES messages (id),
    position INTEGER NOT NULL,
    uploaded_by INTEGER NOT NULL REFERENCES users (id),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    display BLOB,
    thumb_width INTEGER NOT NULL,
    thumb_height INTEGER NOT NULL,
    thumb BLOB,
    -- The poster confirmed no child can be recognised in it.
    no_pupils BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK ((story_id IS NULL) <> (message_id IS NULL))
);
CREATE INDEX photos_story ON photos (story_id, position);
CREATE INDEX photos_message ON photos (message_id, position);

CREATE TABLE photo_tags (
    photo_id INTEGER NOT NULL REFERENCES photos (id),
    pupil_id INTEGER NOT NULL REFERENCES pupils (id),
    PRIMARY KEY (photo_id, pupil_id)
);
CREATE INDEX photo_tags_pupil ON photo_tags (pupil_id);
