-- The reading of each saved sentence, as shown over it in the reader
-- (numbered syllables, space-separated; empty when not known), for flashcards.
ALTER TABLE context ADD COLUMN sentence_pinyin TEXT NOT NULL DEFAULT '';
