"""Painting the reader's text and marks, from a snapshot of what to show.

English is drawn one text run per line; Chinese one run per line too unless
pinyin sits over it (then word by word, centred under its ruby). Behind the
text: the selected and hovered word, saved words (highlighted in their
familiarity level's colour), known words (underlined), the English that translates the selected word and its
sentence, and find results. ``ReaderPainter`` is given everything it draws
in a ``PaintState``; it reads no widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPalette

from studyapp.core.language.pinyin_spelling import tone_of
from studyapp.core.reading.annotation import Annotation, WordRef
from studyapp.core.reading.find import Hit
from studyapp.core.reading.session import EnglishOfWord
from studyapp.ui.line_breaking import LaidLine
from studyapp.ui.reader_layout import BlockGeometry, Measure, PlacedSide, ReaderLayout
from studyapp.ui.familiarity_colours import familiarity_colour
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
    find_hits: list[Hit] = field(default_factory=list)
    tone_colours: bool = True


@dataclass(frozen=True)
class _Marks:
    saved: QColor
    hover: QColor
    selected: QColor
    known: QColor


class ReaderPainter:
    """Paints the blocks of a ReaderLayout as a PaintState says."""

    def __init__(self, state: PaintState) -> None:
        self.state = state
        self._marks = _mark_colours(state.palette)
        self._levels = {level: _translucent(familiarity_colour(level, state.palette)) for level in (1, 2, 3, 4)}

    def paint(self, painter: QPainter, scroll: float, clip: QRectF) -> None:
        """The blocks overlapping ``clip`` (viewport coordinates; the document is scrolled by ``scroll``)."""
        layout, palette = self.state.layout, self.state.palette
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlphaF(0.75)
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
    def _lines_in(placed: PlacedSide, top: float, clip: QRectF) -> Iterator[tuple[LaidLine, float]]:
        for line in placed.layout.lines:
            line_top = top + placed.y + line.top
            if line_top < clip.bottom() and line_top + line.height > clip.top():
                yield line, line_top

    def _paint_english(self, painter: QPainter, placed: PlacedSide, top: float, colour: QColor, clip: QRectF) -> None:
        painter.setFont(placed.measure.font)
        painter.setPen(colour)
        for line, line_top in self._lines_in(placed, top, clip):
            if line.pieces:  # one call per line: the words' measured advances add up to it
                text = " ".join(placed.texts[k] for k in line.pieces)
                painter.drawText(QPointF(placed.x + line.xs[0], line_top + line.baseline - line.top), text)

    def _paint_chinese(self, painter: QPainter, index: int, placed: PlacedSide, top: float, colour: QColor, clip: QRectF) -> None:
        annotation = self.state.annotation(index)
        painter.setFont(placed.measure.font)
        painter.setPen(colour)
        for line, line_top in self._lines_in(placed, top, clip):
            text_top, text_height = line_top + placed.ruby_height, line.height - placed.ruby_height
            if annotation is not None:
                self._paint_word_marks(painter, index, annotation, placed, line, text_top, text_height)
            if placed.ruby_height > 0:
                self._paint_ruby_line(painter, placed, line, line_top, colour)
            else:
                pieces = placed.layout.pieces
                text = "".join(placed.texts[k] + (" " if pieces[k].space else "") for k in line.pieces)
                painter.drawText(QPointF(placed.x + (line.xs[0] if line.xs else 0), line_top + line.baseline - line.top), text)

    def _paint_word_marks(self, painter: QPainter, index: int, annotation: Annotation, placed: PlacedSide,
                          line: LaidLine, text_top: float, text_height: float) -> None:
        for k, x, w in zip(line.pieces, line.xs, line.widths):
            token = placed.token_of_piece[k]
            fill = self._mark_of(index, annotation, token)
            if fill is not None:
                painter.fillRect(QRectF(placed.x + x, text_top, w, text_height), fill)
            elif token >= 0 and annotation.tokens[token].text in self.state.known and self.state.levels.get(annotation.tokens[token].text, 5) == 5:
                painter.fillRect(QRectF(placed.x + x + 1, text_top + text_height - 3, w - 2, 2), self._marks.known)

    def _paint_ruby_line(self, painter: QPainter, placed: PlacedSide, line: LaidLine, line_top: float, colour: QColor) -> None:
        baseline = line_top + line.baseline - line.top
        for k, x, w in zip(line.pieces, line.xs, line.widths):
            text = placed.texts[k]
            painter.setFont(placed.measure.font)
            painter.setPen(colour)
            painter.drawText(QPointF(placed.x + x + (w - placed.measure.width(text)) / 2, baseline), text)
            syllables = placed.ruby[k]
            if syllables:
                self._paint_ruby(painter, syllables, placed.x + x, w, line_top, colour)

    def _mark_of(self, index: int, annotation: Annotation, token: int) -> QColor | None:
        """The background of a word: selected, hovered, or saved (else None)."""
        if token < 0:
            return None
        ref = WordRef(index, token)
        if ref == self.state.selection:
            return self._marks.selected
        if ref == self.state.hover:
            return self._marks.hover
        for word in (annotation.tokens[token].text, annotation.display[token] if annotation.display else None):
            if word in self.state.saved:
                return self._levels.get(self.state.levels.get(word, 1), self._marks.saved)
        return None

    def _paint_ruby(self, painter: QPainter, marks: list[str], x: float, width: float, top: float, colour: QColor) -> None:
        measure: Measure = self.state.layout.pinyin
        painter.setFont(measure.font)
        gap = measure.space
        total = sum(measure.width(m) for m in marks) + gap * (len(marks) - 1)
        cursor = x + (width - total) / 2
        baseline = top + measure.ascent
        for syllable in marks:
            painter.setPen(tone_colour(tone_of(syllable), self.state.palette) if self.state.tone_colours else colour)
            painter.drawText(QPointF(cursor, baseline), syllable)
            cursor += measure.width(syllable) + gap

    def _paint_link(self, painter: QPainter, index: int, geometry: BlockGeometry, top: float, clip: QRectF) -> None:
        link = self.state.link
        if link is None or link.block != index or geometry.english is None or geometry.english_hidden:
            return
        placed = geometry.english
        sentence_colour = self.state.palette.color(QPalette.ColorRole.Highlight)
        sentence_colour.setAlphaF(0.08)
        word_colour = QColor("#3a8ee6")
        word_colour.setAlphaF(0.35)
        for line, line_top in self._lines_in(placed, top, clip):
            for k, x, w in zip(line.pieces, line.xs, line.widths):
                piece = placed.layout.pieces[k]
                rect = QRectF(placed.x + x, line_top, w, line.height)
                if any(piece.start < end and start < piece.end for start, end in link.spans):
                    painter.fillRect(rect, word_colour)
                elif link.sentence and link.sentence[0] <= piece.start < link.sentence[1]:
                    painter.fillRect(rect.adjusted(0, 0, placed.measure.space, 0), sentence_colour)

    def _paint_find_hits(self, painter: QPainter, index: int, geometry: BlockGeometry, top: float) -> None:
        if not self.state.find_hits:
            return
        colour = QColor("#ff9632")
        colour.setAlphaF(0.45)
        for block, side, start, end in self.state.find_hits:
            if block != index:
                continue
            placed = geometry.chinese if side == "zh" else geometry.english
            if placed is None or (side == "en" and geometry.english_hidden):
                continue
            for line in placed.layout.lines:
                for k, x, w in zip(line.pieces, line.xs, line.widths):
                    piece = placed.layout.pieces[k]
                    if piece.start < end and start < piece.end:
                        painter.fillRect(QRectF(placed.x + x, top + placed.y + line.top + placed.ruby_height, w, line.height - placed.ruby_height), colour)


def _translucent(colour: QColor) -> QColor:
    colour.setAlphaF(0.7)
    return colour


def _mark_colours(palette: QPalette) -> _Marks:
    saved = QColor("#f6d55c") if not is_dark(palette) else QColor("#7a6514")
    saved.setAlphaF(0.55)
    hover = palette.color(QPalette.ColorRole.Highlight)
    hover.setAlphaF(0.18)
    selected = palette.color(QPalette.ColorRole.Highlight)
    selected.setAlphaF(0.40)
    known = QColor("#3fa34d") if not is_dark(palette) else QColor("#6fd27d")
    known.setAlphaF(0.8)
    return _Marks(saved, hover, selected, known)
