"""Drawing many short texts at positions the layout chose, in one call per line.

Justified Chinese puts every character at its own x, and ruby puts every
syllable at its own x: drawn one ``drawText`` at a time, a page costs several
milliseconds. A ``GlyphSource`` maps texts to one font's glyphs (a character
map lookup, no shaping: enough for ideographs, punctuation and pinyin) and
builds a ``QGlyphRun`` of many of them, drawn with one ``drawGlyphRun``. Texts
the font lacks a glyph for are reported, so that the caller draws them with
``drawText`` and Qt's font fallback.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QGlyphRun, QRawFont


class GlyphSource:
    """One font's glyphs and advances, cached per text."""

    def __init__(self, font: QFont) -> None:
        # The font Qt picks for the family list (asking for a writing system
        # instead crashes on a machine with no font for it).
        self.raw = QRawFont.fromFont(font)
        self._cache: dict[str, tuple[list[int], list[float]] | None] = {}

    def glyphs(self, text: str) -> tuple[list[int], list[float]] | None:
        """Glyph indexes and advances of ``text``, or None if the font lacks one of them."""
        if text in self._cache:
            return self._cache[text]
        found: tuple[list[int], list[float]] | None = None
        if self.raw.isValid():
            indexes = self.raw.glyphIndexesForString(text)
            if indexes and all(indexes):
                found = (list(indexes), [p.x() for p in self.raw.advancesForGlyphIndexes(indexes)])
        self._cache[text] = found
        return found

    def width(self, text: str) -> float | None:
        """The advance of ``text`` drawn from this font's glyphs (None if it lacks one)."""
        glyphs = self.glyphs(text)
        return sum(glyphs[1]) if glyphs is not None else None

    def run(self, items: Iterable[tuple[str, float]]) -> tuple[QGlyphRun | None, list[tuple[str, float]]]:
        """One glyph run drawing each ``(text, x)`` on baseline 0, and the items it could not draw."""
        indexes: list[int] = []
        positions: list[QPointF] = []
        missing: list[tuple[str, float]] = []
        for text, x in items:
            glyphs = self.glyphs(text)
            if glyphs is None:
                missing.append((text, x))
                continue
            for index, advance in zip(*glyphs):
                indexes.append(index)
                positions.append(QPointF(x, 0.0))
                x += advance
        if not indexes:
            return None, missing
        run = QGlyphRun()
        run.setRawFont(self.raw)
        run.setGlyphIndexes(indexes)
        run.setPositions(positions)
        return run, missing
