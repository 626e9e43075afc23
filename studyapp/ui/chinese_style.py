"""How a Chinese side is set: its fonts, the bands of a line, and its cells measured.

A line of Chinese is a band for the pinyin (when pinyin is on, for every line,
so that the line height never changes with what is known) over a band for the
characters. Ideographs are one em wide in every CJK font, so a character's
cell is measured as one em whether or not a Chinese font is installed (the
layout is the same; only the glyphs differ). ``cells_for`` turns a side's text
(and its words and readings, once segmented) into the ``CellSpec``s that
``cell_layout`` places.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtGui import QFont, QFontMetricsF

from studyapp.core.language.pinyin_spelling import marks_from_numbered
from studyapp.core.reading.annotation import Annotation
from studyapp.ui.chinese_cells import CLOSE, HAN, JOIN, OPEN, CellSpec, Spacing, cell_spans
from studyapp.ui.glyph_runs import GlyphSource
from studyapp.ui.reader_fonts import make_font

#: Pinyin is set at this share of the characters' size, in a condensed face.
RUBY_SCALE = 0.6
RUBY_STRETCH = 75
#: An ideograph's top and bottom inside its em square (CJK fonts: 0.88 em above the baseline).
IDEOGRAPH_ASCENT = 0.88


class Measure:
    """A font, its metrics, its size in pixels and a width cache."""

    def __init__(self, font: QFont, spacing: float = 1.4) -> None:
        self.font = font
        self.metrics = QFontMetricsF(font)
        self.em = font.pointSizeF() * self.metrics.fontDpi() / 72
        self.line_height = math.ceil(self.metrics.height() * spacing)
        self.ascent = self.metrics.ascent() + (self.line_height - self.metrics.height()) / 2
        self.space = self.metrics.horizontalAdvance(" ")
        self.average = self.metrics.averageCharWidth()
        self._cache: dict[str, float] = {}

    def width(self, text: str) -> float:
        width = self._cache.get(text)
        if width is None:
            width = self._cache[text] = self.metrics.horizontalAdvance(text)
        return width


class ChineseStyle:
    """Fonts, band heights and spacing of one kind of Chinese text (body or heading)."""

    def __init__(self, families: list[str], latin: list[str], point_size: float, bold: bool, ruby: bool) -> None:
        self.han = Measure(make_font(families, point_size, bold))
        em = self.em = self.han.em
        self.pinyin = Measure(make_font(latin, point_size * RUBY_SCALE, stretch=RUBY_STRETCH), spacing=1.0)
        self.glyphs = GlyphSource(self.han.font)
        self.ruby_glyphs = GlyphSource(self.pinyin.font)
        pinyin_height = self.pinyin.metrics.ascent() + self.pinyin.metrics.descent()
        self.ruby_band = math.ceil(pinyin_height + 0.06 * em) if ruby else 0.0
        if ruby:
            self.han_band = round(em * 1.62)
            self.char_top = round(0.08 * em)  # the character's em square, from the top of its band
        else:
            self.han_band = round(em * 1.75)
            self.char_top = round((self.han_band - em) / 2)
        self.line_height = self.ruby_band + self.han_band
        self.baseline = self.ruby_band + self.char_top + IDEOGRAPH_ASCENT * em
        self.ruby_baseline = round(0.03 * em) + self.pinyin.metrics.ascent()
        pinyin_em = self.pinyin.em
        self.spacing = Spacing(em=em, syllable_gap=max(1.0, 0.12 * pinyin_em), word_gap=0.5 * pinyin_em, keep_words=0.12)
        self._advances: dict[str, tuple[float, float]] = {}

    def advance(self, text: str, kind: str) -> tuple[float, float]:
        """``(advance, squeezable blank)`` of a cell's text."""
        found = self._advances.get(text)
        if found is None:
            found = self._advances[text] = self._measure(text, kind)
        return found

    def _measure(self, text: str, kind: str) -> tuple[float, float]:
        """Widths from the glyphs the painter draws (the Chinese font's), else from Qt's fallback."""
        if kind == HAN:
            return self.em, 0.0
        glyphs = self.glyphs.glyphs(text)
        mark = kind in (OPEN, CLOSE, JOIN) and len(text) == 1
        if glyphs is None:  # not in the Chinese font: a full-width mark keeps its cell anyway
            return (self.em, 0.0) if mark and ord(text) >= 0x2000 else (self.han.width(text), 0.0)
        advance = sum(glyphs[1])
        if not mark or advance < 0.8 * self.em:
            return advance, 0.0
        ink = self.glyphs.raw.boundingRect(glyphs[0][0])
        if ink.width() <= 0:
            return advance, 0.0
        if kind == CLOSE:
            return advance, max(0.0, advance - ink.right() - 0.08 * self.em)
        if kind == OPEN:
            return advance, max(0.0, ink.left() - 0.08 * self.em)
        return advance, 0.0

    def syllable_width(self, syllable: str) -> float:
        width = self.ruby_glyphs.width(syllable)
        return width if width is not None else self.pinyin.width(syllable)


def cells_for(text: str, annotation: Annotation | None, style: ChineseStyle, ruby_for: Callable[[str], bool] | None) -> tuple[list[CellSpec], list[str], list[int], list[str | None]]:
    """The cells of a Chinese side: specs to place, the text each draws, the token each
    belongs to (-1 before segmentation) and the syllable over each (None for none).

    ``ruby_for(word)`` says whether a word gets pinyin (None: pinyin off).
    """
    shown, owner, readings = _per_character(text, annotation)
    cells: list[CellSpec] = []
    texts: list[str] = []
    tokens: list[int] = []
    syllables: list[str | None] = []
    newline_before = False
    previous_end = 0
    for start, end, kind in cell_spans(text):
        newline_before = "\n" in text[previous_end:start] if cells else False
        previous_end = end
        drawn = shown[start:end]
        advance, blank = style.advance(drawn, kind)
        token = owner[start]
        syllable, reading = None, readings[start]
        if ruby_for is not None and kind == HAN and reading and annotation is not None and ruby_for(annotation.tokens[token].text):
            syllable = marks_from_numbered(reading)
        ruby = style.syllable_width(syllable) if syllable else 0.0
        cells.append(CellSpec(start, end, kind, advance, blank, ruby, token, newline_before))
        texts.append(drawn)
        tokens.append(token)
        syllables.append(syllable)
    return cells, texts, tokens, syllables


def _per_character(text: str, annotation: Annotation | None) -> tuple[str, list[int], list[str | None]]:
    """The text as displayed, the token of each character, and each character's syllable."""
    if annotation is None:
        return text, [-1] * len(text), [None] * len(text)
    shown: list[str] = []
    owner: list[int] = []
    for index, token in enumerate(annotation.tokens):
        shown.append(annotation.shown(index))
        owner.extend([index] * len(token.text))
    readings = annotation.char_readings()
    joined = "".join(shown)
    if len(joined) != len(text) or len(owner) != len(text):  # tokens must cover the text exactly
        return text, [-1] * len(text), [None] * len(text)
    return joined, owner, readings
