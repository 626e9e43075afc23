-- Saved words and the sentences they were saved from.
CREATE TABLE word (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,            -- stable identity (flashcard GUIDs)
    simplified TEXT NOT NULL,
    traditional TEXT NOT NULL,
    pinyin TEXT NOT NULL,                -- numbered syllables of the saved reading
    definitions TEXT NOT NULL,           -- JSON list of the saved entry's senses
    note TEXT NOT NULL DEFAULT '',       -- the learner's own note or definition
    hsk INTEGER,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'learning', 'known')),
    tags TEXT NOT NULL DEFAULT '',       -- space-separated
    created INTEGER NOT NULL,            -- UTC epoch seconds
    updated INTEGER NOT NULL,
    exported INTEGER,                    -- last flashcard export, if any
    UNIQUE (simplified, pinyin)
);
CREATE INDEX word_traditional ON word(traditional);
CREATE INDEX word_status ON word(status);

CREATE TABLE context (
    id INTEGER PRIMARY KEY,
    word_id INTEGER NOT NULL REFERENCES word(id) ON DELETE CASCADE,
    sentence TEXT NOT NULL,
    translation TEXT NOT NULL DEFAULT '',
    document_title TEXT NOT NULL DEFAULT '',
    document_path TEXT NOT NULL DEFAULT '',
    position INTEGER,                    -- block index in the document
    created INTEGER NOT NULL,
    UNIQUE (word_id, sentence, document_path)
);
CREATE INDEX context_word ON context(word_id);
