-- Familiarity levels and in-app review.
--
-- word.familiarity: 1-5 (1 new ... 5 known, as LingQ and Lute count) or 0 for
-- an ignored word. The three earlier statuses map to 1, 3 and 5; status is now
-- derived from the level (new 1, learning 2-4, known 5, ignored 0), so filters
-- by status keep their meaning.
ALTER TABLE word ADD COLUMN familiarity INTEGER NOT NULL DEFAULT 1 CHECK (familiarity BETWEEN 0 AND 5);
UPDATE word SET familiarity = CASE status WHEN 'known' THEN 5 WHEN 'learning' THEN 3 ELSE 1 END;
DROP INDEX word_status;
ALTER TABLE word DROP COLUMN status;
ALTER TABLE word ADD COLUMN status TEXT GENERATED ALWAYS AS (
    CASE familiarity WHEN 0 THEN 'ignored' WHEN 1 THEN 'new' WHEN 5 THEN 'known' ELSE 'learning' END
) VIRTUAL;
CREATE INDEX word_status ON word(status);
CREATE INDEX word_familiarity ON word(familiarity);

-- Every change of a word's level, for "words by familiarity over time".
-- Words saved before this schema start with their level at the time they were saved.
CREATE TABLE familiarity_log (
    id INTEGER PRIMARY KEY,
    word_id INTEGER NOT NULL REFERENCES word(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,                 -- UTC epoch seconds (the word's updated time)
    familiarity INTEGER NOT NULL
);
CREATE INDEX familiarity_log_word ON familiarity_log(word_id, at, familiarity);  -- covers each word's level before a day
CREATE INDEX familiarity_log_at ON familiarity_log(at, word_id, familiarity);  -- covers the history sweep
INSERT INTO familiarity_log (word_id, at, familiarity) SELECT id, created, familiarity FROM word;
CREATE TRIGGER word_familiarity_saved AFTER INSERT ON word BEGIN
    INSERT INTO familiarity_log (word_id, at, familiarity) VALUES (NEW.id, NEW.created, NEW.familiarity);
END;
CREATE TRIGGER word_familiarity_changed AFTER UPDATE OF familiarity ON word WHEN NEW.familiarity IS NOT OLD.familiarity BEGIN
    INSERT INTO familiarity_log (word_id, at, familiarity) VALUES (NEW.id, NEW.updated, NEW.familiarity);
END;

-- One card per saved word and card type, with its FSRS memory state.
-- state: 0 new (never answered), 1 learning, 2 review, 3 relearning (FSRS's states).
CREATE TABLE card (
    id INTEGER PRIMARY KEY,
    word_id INTEGER NOT NULL REFERENCES word(id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ('recognition', 'recall', 'cloze')),
    state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
    step INTEGER,                        -- learning or relearning step
    stability REAL,                      -- days
    difficulty REAL,
    due INTEGER NOT NULL,                -- UTC epoch seconds
    last_review INTEGER,
    suspended INTEGER NOT NULL DEFAULT 0,
    buried_until INTEGER,                -- hidden until this time (the next day's start)
    created INTEGER NOT NULL,
    UNIQUE (word_id, type)
);
CREATE INDEX card_state_due ON card(state, due, suspended, word_id);  -- today's queue; covers the due forecast

-- Every answer, with the card as it was before (for undo and true retention)
-- and after.
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),  -- again, hard, good, easy
    reviewed INTEGER NOT NULL,           -- UTC epoch seconds
    duration INTEGER,                    -- milliseconds from showing the card to the answer
    state_before INTEGER NOT NULL,
    step_before INTEGER,
    stability_before REAL,
    difficulty_before REAL,
    due_before INTEGER NOT NULL,
    last_review_before INTEGER,
    state INTEGER NOT NULL,
    stability REAL NOT NULL,
    difficulty REAL NOT NULL,
    due INTEGER NOT NULL,
    familiarity_before INTEGER           -- the word's level, when this answer raised it
);
CREATE INDEX review_log_reviewed ON review_log(reviewed, state_before, rating);  -- covers reviews per day and recent retention
CREATE INDEX review_log_retention ON review_log(state_before, rating);
CREATE INDEX review_log_card ON review_log(card_id);

-- Review preferences shared by the window and the command line (JSON values).
CREATE TABLE review_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
