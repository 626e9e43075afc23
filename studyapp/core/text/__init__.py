"""Bilingual text: the document model, importers, inline markup, paragraph and
sentence alignment, and character classes (which script a character is in)."""
