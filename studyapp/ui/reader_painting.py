"""Painting the reader's text and marks (mixed into ReaderView).

English is drawn one text run per line; Chinese one run per line too unless
pinyin sits over it (then word by word, centred under its ruby). Behind the
text: the selected and hovered word, saved words (highlighted), known words
(underlined), the English that translates the selected word and its
sentence, and find results.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPalette

from studyapp.core.language.pinyin_spelling import tone_of
from studyapp.ui.reader_layout import Annotation, PlacedSide
from studyapp.ui.tones import is_dark, tone_colour


@dataclass(frozen=True)
class WordRef:
    """A Chinese token of the document: block index and token index."""

    block: int
    token: int



class ReaderPainting:
    """Paint helpers; the state they read belongs to ReaderView."""

    @staticmethod
    def _lines_in(placed: PlacedSide, top: float, clip: QRectF):
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
        annotation = self._annotations.get(index)
        marks = self._mark_colours() if annotation is not None else None
        ruby = placed.ruby_height > 0
        painter.setFont(placed.measure.font)
        painter.setPen(colour)
        for line, line_top in self._lines_in(placed, top, clip):
            baseline = line_top + line.baseline - line.top
            text_top, text_height = line_top + placed.ruby_height, line.height - placed.ruby_height
            if marks is not None:
                for k, x, w in zip(line.pieces, line.xs, line.widths):
                    token = placed.token_of_piece[k]
                    fill = self._mark_of(index, annotation, token, marks)
                    if fill is not None:
                        painter.fillRect(QRectF(placed.x + x, text_top, w, text_height), fill)
                    elif token >= 0 and annotation.tokens[token].text in self._known:
                        painter.fillRect(QRectF(placed.x + x + 1, text_top + text_height - 3, w - 2, 2), marks[3])
            if not ruby:
                pieces = placed.layout.pieces
                text = "".join(placed.texts[k] + (" " if pieces[k].space else "") for k in line.pieces)
                painter.drawText(QPointF(placed.x + (line.xs[0] if line.xs else 0), baseline), text)
                continue
            for k, x, w in zip(line.pieces, line.xs, line.widths):
                text = placed.texts[k]
                painter.setFont(placed.measure.font)
                painter.setPen(colour)
                painter.drawText(QPointF(placed.x + x + (w - placed.measure.width(text)) / 2, baseline), text)
                if placed.ruby[k]:
                    self._paint_ruby(painter, placed.ruby[k], placed.x + x, w, line_top, colour)

    def _mark_colours(self) -> tuple[QColor, QColor, QColor, QColor]:
        palette = self.palette()
        saved = QColor("#f6d55c") if not is_dark(palette) else QColor("#7a6514")
        saved.setAlphaF(0.55)
        hover = palette.color(QPalette.ColorRole.Highlight)
        hover.setAlphaF(0.18)
        selected = palette.color(QPalette.ColorRole.Highlight)
        selected.setAlphaF(0.40)
        known = QColor("#3fa34d") if not is_dark(palette) else QColor("#6fd27d")
        known.setAlphaF(0.8)
        return saved, hover, selected, known

    def _mark_of(self, index: int, annotation: Annotation, token: int, marks: tuple[QColor, ...]) -> QColor | None:
        """The background of a word: selected, hovered, or saved (else None)."""
        if token < 0:
            return None
        ref = WordRef(index, token)
        if ref == self.selection:
            return marks[2]
        if ref == self._hover:
            return marks[1]
        word = annotation.tokens[token].text
        if word in self._highlighted or (annotation.display and annotation.display[token] in self._highlighted):
            return marks[0]
        return None

    def _paint_ruby(self, painter: QPainter, marks: list[str], x: float, width: float, top: float, colour: QColor) -> None:
        measure = self._layout.pinyin
        painter.setFont(measure.font)
        gap = measure.space
        total = sum(measure.width(m) for m in marks) + gap * (len(marks) - 1)
        cursor = x + (width - total) / 2
        baseline = top + measure.ascent
        for syllable in marks:
            painter.setPen(tone_colour(tone_of(syllable), self.palette()) if self.tone_colours else colour)
            painter.drawText(QPointF(cursor, baseline), syllable)
            cursor += measure.width(syllable) + gap

    def _paint_link(self, painter: QPainter, index: int, geometry, top: float, clip: QRectF) -> None:
        if self._link is None or self._link[0] != index or geometry.english is None or geometry.english_hidden:
            return
        _, spans, sentence = self._link
        placed = geometry.english
        sentence_colour = self.palette().color(QPalette.ColorRole.Highlight)
        sentence_colour.setAlphaF(0.08)
        word_colour = QColor("#3a8ee6")
        word_colour.setAlphaF(0.35)
        for line, line_top in self._lines_in(placed, top, clip):
            for k, x, w in zip(line.pieces, line.xs, line.widths):
                piece = placed.layout.pieces[k]
                rect = QRectF(placed.x + x, line_top, w, line.height)
                if any(piece.start < end and start < piece.end for start, end in spans):
                    painter.fillRect(rect, word_colour)
                elif sentence and sentence[0] <= piece.start < sentence[1]:
                    painter.fillRect(rect.adjusted(0, 0, placed.measure.space, 0), sentence_colour)

    def _paint_find_hits(self, painter: QPainter, index: int, geometry, top: float) -> None:
        if not self._find_hits:
            return
        colour = QColor("#ff9632")
        colour.setAlphaF(0.45)
        for block, side, start, end in self._find_hits:
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
