-- A saved word's translation is the English *sentence* aligned with its
-- Chinese sentence; the English paragraph of the pair is kept beside it as
-- wider context. Contexts saved before held the paragraph as translation.
ALTER TABLE context ADD COLUMN paragraph TEXT NOT NULL DEFAULT '';
UPDATE context SET paragraph = translation;
