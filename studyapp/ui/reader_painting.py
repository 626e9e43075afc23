"""Painting the reader's text and marks, from a snapshot of what to show.

Layers, bottom to top: find results; the English that translates the
selected word (just the words, never their punctuation) and its sentence;
the word marks (``WordMarks``: selected, hovered, saved words in their
familiarity level's colour, known words underlined); then the text. English is drawn one text run per line. Chinese is drawn where the
layout put each character and syllable, a line at a time as glyph runs (one
for the characters, one per tone colour for the pinyin), cached per line;
characters the font lacks go through ``drawText`` and Qt's font fallback.
``ReaderPainter`` is given everything it draws in a ``PaintState``; it reads
no widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QGlyphRun, QPainter, QPalette

from studyapp.core.language.pinyin_spelling import tone_of
from studyapp.core.reading.annotation import Annotation, WordRef
from studyapp.core.reading.find import Hit
from studyapp.core.reading.session import EnglishOfWord
from studyapp.ui.familiarity_colours import familiarity_colour
from studyapp.ui.line_breaking import LaidLine
from studyapp.ui.reader_layout import BlockGeometry, PlacedSide, ReaderLayout
from studyapp.ui.tones import is_dark, tone_colour


@dataclass
class PaintState:
    """What the reader shows besides the text: marks, selection, links, find hits."""

    layout: ReaderLayout
    palette: QPalette
    annotation: Callable[[int], Annotation | None]
    selection: WordRef | None = None
    hover: WordRef | None = None
    saved: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()
    levels: Mapping[str, int] = field(default_factory=dict)  # familiarity of saved forms (colours)
    link: EnglishOfWord | None = None
    find_hits: Mapping[int, list[Hit]] = field(default_factory=dict)  # by block
    tone_colours: bool = True


@dataclass(frozen=True)
class MarkStyle:
    """How one word is marked: a fill behind it and/or a line under it."""

    fill: QColor | None = None
    underline: QColor | None = None


class WordMarks:
    """The marks on words: which style each word gets, in one place.

    Selected beats hovered beats saved (filled in its familiarity level's
    colour, level 1 strongest); known words (level 5) are underlined.
    """

    def __init__(self, state: PaintState) -> None:
        self.state = state
        palette = state.palette
        dark = is_dark(palette)
        self.saved = _alpha(QColor("#7a6514" if dark else "#f6d55c"), 0.55)
        self.hover = _alpha(palette.color(QPalette.ColorRole.Highlight), 0.18)
        self.selected = _alpha(palette.color(QPalette.ColorRole.Highlight), 0.40)
        self.known = _alpha(QColor("#6fd27d" if dark else "#3fa34d"), 0.8)
        self.levels = {level: _alpha(familiarity_colour(level, palette), 0.7) for level in (1, 2, 3, 4)}

    def style_of(self, ref: WordRef, word: str, shown: str) -> MarkStyle | None:
        state = self.state
        if ref == state.selection:
            return MarkStyle(self.selected)
        if ref == state.hover:
            return MarkStyle(self.hover)
        for form in (word, shown):
            if form in state.saved:
                return MarkStyle(self.levels.get(state.levels.get(form, 1), self.saved))
        if word in state.known and state.levels.get(word, 5) == 5:
            return MarkStyle(underline=self.known)
        return None


@dataclass
class _DrawnLine:
    """A Chinese line ready to draw: its glyph runs and what they could not draw."""

    characters: QGlyphRun | None
    missing: list[tuple[str, float, float]]  # text, x, width of its cell
    syllables: dict[int, QGlyphRun]  # by tone
    missing_syllables: list[tuple[str, float]]


class ReaderPainter:
    """Paints the blocks of a ReaderLayout as a PaintState says."""

    def __init__(self, state: PaintState) -> None:
        self.state = state
        self.marks = WordMarks(state)

    def paint(self, painter: QPainter, scroll: float, clip: QRectF) -> None:
        """The blocks overlapping ``clip`` (viewport coordinates; the document is scrolled by ``scroll``)."""
        layout, palette = self.state.layout, self.state.palette
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = _alpha(QColor(text_colour), 0.75)
        for index in layout.visible(scroll + clip.top(), scroll + clip.bottom()):
            top = layout.top_of(index) - scroll
            geometry = layout.geometry(index)
            self._paint_find_hits(painter, index, geometry, top)
            self._paint_link(painter, index, geometry, top, clip)
            if geometry.english:
                colour = palette.color(QPalette.ColorRole.PlaceholderText) if geometry.english_hidden else muted
                self._paint_english(painter, geometry.english, top, colour, clip)
            if geometry.chinese:
                self._paint_chinese(painter, index, geometry.chinese, top, text_colour, clip)

    @staticmethod
    def _lines_in(placed: PlacedSide, top: float, clip: QRectF) -> Iterator[tuple[int, LaidLine, float]]:
        for row, line in enumerate(placed.layout.lines):
            line_top = top + placed.y + line.top
            if line_top < clip.bottom() and line_top + line.height > clip.top():
                yield row, line, line_top

    def _paint_bullet(self, painter: QPainter, placed: PlacedSide, row: int, baseline: float, colour: QColor) -> None:
        if row in placed.bullets:
            painter.setFont(self.state.layout.en.font)
            painter.setPen(colour)
            painter.drawText(QPointF(placed.x - 0.9 * self.state.layout.en.em, baseline), "•")

    def _paint_english(self, painter: QPainter, placed: PlacedSide, top: float, colour: QColor, clip: QRectF) -> None:
        for row, line, line_top in self._lines_in(placed, top, clip):
            baseline = line_top + line.baseline - line.top
            self._paint_bullet(painter, placed, row, baseline, colour)
            if line.pieces:  # one call per line: the words' measured advances add up to it
                painter.setFont(placed.measure.font)
                painter.setPen(colour)
                painter.drawText(QPointF(placed.x + line.xs[0], baseline), " ".join(placed.texts[k] for k in line.pieces))

    def _paint_chinese(self, painter: QPainter, index: int, placed: PlacedSide, top: float, colour: QColor, clip: QRectF) -> None:
        annotation = self.state.annotation(index)
        style = placed.style
        assert style is not None
        for row, line, line_top in self._lines_in(placed, top, clip):
            if annotation is not None:
                self._paint_word_marks(painter, index, annotation, placed, line, line_top)
            self._paint_bullet(painter, placed, row, line_top + style.baseline, colour)
            drawn = placed.drawn.get(row)
            if drawn is None:
                drawn = placed.drawn[row] = self._prepare(placed, line)
            assert isinstance(drawn, _DrawnLine)
            self._draw_line(painter, placed, drawn, line_top, colour)

    def _prepare(self, placed: PlacedSide, line: LaidLine) -> _DrawnLine:
        style = placed.style
        assert style is not None
        characters, lost = style.glyphs.run((placed.texts[k], cell.draw_x) for k, cell in zip(line.pieces, line.cells))
        widths = {(placed.texts[k], cell.draw_x): cell.glyph_w for k, cell in zip(line.pieces, line.cells)}
        missing = [(text, x, widths[(text, x)]) for text, x in lost]
        by_tone: dict[int, list[tuple[str, float]]] = {}
        for k, cell in zip(line.pieces, line.cells):
            syllable = placed.syllables[k]
            if syllable:
                by_tone.setdefault(tone_of(syllable), []).append((syllable, cell.ruby_x))
        syllables: dict[int, QGlyphRun] = {}
        missing_syllables: list[tuple[str, float]] = []
        for tone, items in by_tone.items():
            run, lost = style.ruby_glyphs.run(items)
            if run is not None:
                syllables[tone] = run
            missing_syllables += lost
        return _DrawnLine(characters, missing, syllables, missing_syllables)

    def _draw_line(self, painter: QPainter, placed: PlacedSide, drawn: _DrawnLine, line_top: float, colour: QColor) -> None:
        style = placed.style
        assert style is not None
        baseline, ruby_baseline = line_top + style.baseline, line_top + style.ruby_baseline
        painter.setPen(colour)
        if drawn.characters is not None:
            painter.drawGlyphRun(QPointF(placed.x, baseline), drawn.characters)
        if drawn.missing:  # through Qt's font fallback, centred in the cell the layout gave it
            painter.setFont(style.han.font)
            for text, x, width in drawn.missing:
                painter.drawText(QPointF(placed.x + x + (width - style.han.width(text)) / 2, baseline), text)
        for tone, run in drawn.syllables.items():
            painter.setPen(tone_colour(tone, self.state.palette) if self.state.tone_colours else colour)
            painter.drawGlyphRun(QPointF(placed.x, ruby_baseline), run)
        if drawn.missing_syllables:
            painter.setFont(style.pinyin.font)
            for text, x in drawn.missing_syllables:
                painter.setPen(tone_colour(tone_of(text), self.state.palette) if self.state.tone_colours else colour)
                painter.drawText(QPointF(placed.x + x, ruby_baseline), text)

    def _paint_word_marks(self, painter: QPainter, index: int, annotation: Annotation, placed: PlacedSide,
                          line: LaidLine, line_top: float) -> None:
        """Each run of a word's cells on the line, filled or underlined as its mark says."""
        style = placed.style
        assert style is not None
        fill_top = line_top + max(0.0, style.ruby_band - 2)
        char_bottom = line_top + style.ruby_band + style.char_top + style.em * 1.08
        for token, left, right in _token_runs(placed, line):
            if token < 0 or not annotation.tokens[token].is_chinese:
                continue
            mark = self.marks.style_of(WordRef(index, token), annotation.tokens[token].text, annotation.shown(token))
            if mark is None:
                continue
            if mark.fill is not None:
                painter.fillRect(QRectF(placed.x + left, fill_top, right - left, char_bottom - fill_top), mark.fill)
            if mark.underline is not None:
                painter.fillRect(QRectF(placed.x + left + 1, char_bottom, right - left - 2, max(1.5, style.em * 0.08)), mark.underline)

    def _paint_link(self, painter: QPainter, index: int, geometry: BlockGeometry, top: float, clip: QRectF) -> None:
        link = self.state.link
        if link is None or link.block != index or geometry.english is None or geometry.english_hidden:
            return
        placed = geometry.english
        sentence_colour = _alpha(self.state.palette.color(QPalette.ColorRole.Highlight), 0.08)
        word_colour = _alpha(QColor("#3a8ee6"), 0.35)
        if link.sentence:
            for x, line_top, w, h in _english_span_rects(placed, link.sentence[0], link.sentence[1], top):
                painter.fillRect(QRectF(x, line_top, w, h), sentence_colour)
        for start, end in link.spans:
            for x, line_top, w, h in _english_span_rects(placed, start, end, top):
                painter.fillRect(QRectF(x, line_top, w, h), word_colour)

    def _paint_find_hits(self, painter: QPainter, index: int, geometry: BlockGeometry, top: float) -> None:
        hits = self.state.find_hits.get(index)
        if not hits:
            return
        colour = _alpha(QColor("#ff9632"), 0.45)
        for _, side, start, end in hits:
            placed = geometry.chinese if side == "zh" else geometry.english
            if placed is None or (side == "en" and geometry.english_hidden):
                continue
            rects = _chinese_span_rects(placed, start, end, top) if side == "zh" else _english_span_rects(placed, start, end, top)
            for x, y, w, h in rects:
                painter.fillRect(QRectF(x, y, w, h), colour)


def _alpha(colour: QColor, alpha: float) -> QColor:
    colour.setAlphaF(alpha)
    return colour


def _token_runs(placed: PlacedSide, line: LaidLine) -> list[tuple[int, float, float]]:
    """``(token, left, right)`` of each run of one token's cells on a line."""
    runs: list[tuple[int, float, float]] = []
    for k, x, w in zip(line.pieces, line.xs, line.widths):
        token = placed.token_of_piece[k]
        if runs and runs[-1][0] == token:
            runs[-1] = (token, runs[-1][1], x + w)
        else:
            runs.append((token, x, x + w))
    return runs


def _chinese_span_rects(placed: PlacedSide, start: int, end: int, top: float) -> list[tuple[float, float, float, float]]:
    """Rectangles (viewport coordinates) covering ``text[start:end]`` of a Chinese side, one per line."""
    style = placed.style
    band = (style.ruby_band, style.han_band) if style is not None else (0.0, 0.0)
    rects = []
    pieces = placed.layout.pieces
    for line in placed.layout.lines:
        cols = [p for p, k in enumerate(line.pieces) if pieces[k].start < end and start < pieces[k].end]
        if cols:
            left, right = line.xs[cols[0]], line.xs[cols[-1]] + line.widths[cols[-1]]
            rects.append((placed.x + left, top + placed.y + line.top + band[0], right - left, band[1]))
    return rects


def _english_span_rects(placed: PlacedSide, start: int, end: int, top: float) -> list[tuple[float, float, float, float]]:
    """Rectangles covering exactly ``text[start:end]`` of an English side (not the words'
    trailing punctuation), one per line; the spaces between covered words are covered too."""
    text, measure, pieces = placed.side.text, placed.measure, placed.layout.pieces
    rects = []
    for line in placed.layout.lines:
        left = right = None
        for k, x in zip(line.pieces, line.xs):
            piece = pieces[k]
            a, b = max(start, piece.start), min(end, piece.end)
            if a >= b:
                continue
            x0 = x + measure.width(text[piece.start : a])
            x1 = x + measure.width(text[piece.start : b])
            left = x0 if left is None else left
            right = x1
        if left is not None and right is not None:
            rects.append((placed.x + left, top + placed.y + line.top, right - left, line.height))
    return rects
