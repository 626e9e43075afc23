-- The English sentence aligned with each saved sentence (the paragraph's English
-- stays in translation as wider context).
ALTER TABLE context ADD COLUMN sentence_translation TEXT NOT NULL DEFAULT '';
