-- When the subtitle cue a word was saved from was on screen ('00:01:23.450'),
-- for words saved from subtitles; empty otherwise.
ALTER TABLE context ADD COLUMN time_code TEXT NOT NULL DEFAULT '';

-- The documents the learner has opened (the Library): reading progress,
-- coverage and when each was last read.
CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,           -- absolute path of the file
    title TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',     -- the file's suffix: epub, html, srt, md, txt...
    size INTEGER NOT NULL DEFAULT 0,     -- bytes on disk when last opened
    blocks INTEGER NOT NULL DEFAULT 0,   -- paragraphs, headings and lists
    chinese_chars INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0, -- the first block in view when last read
    progress REAL NOT NULL DEFAULT 0,    -- share of the text read, 0..1
    coverage REAL,                       -- share of the words read that are known, once measured
    pasted INTEGER NOT NULL DEFAULT 0,   -- 1 for text pasted from the clipboard
    first_opened INTEGER NOT NULL,       -- UTC epoch seconds
    last_read INTEGER NOT NULL
);
CREATE INDEX document_last_read ON document(last_read);

-- Paragraphs the learner bookmarked.
CREATE TABLE bookmark (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    block INTEGER NOT NULL,              -- block index in the document
    label TEXT NOT NULL DEFAULT '',      -- the paragraph's first words
    created INTEGER NOT NULL,
    UNIQUE (document_id, block)
);
