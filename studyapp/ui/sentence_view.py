"""SentenceView: a Chinese sentence with its pinyin over each character, the
studied word marked, wrapped to the widget's width.

Characters and their syllables come from ``cards.ruby``; lines are broken by
the reader's line breaker (no line starts with closing punctuation). Each
piece is as wide as the wider of its characters and its syllable. Text is
painted, never interpreted as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from studyapp.core.language.pinyin_spelling import marks_from_numbered, tone_of
from studyapp.core.study.review.cards import ruby
from studyapp.ui.line_breaking import break_lines, chinese_pieces
from studyapp.ui.reader_layout import CJK_FAMILIES, LATIN_FAMILIES, make_font
from studyapp.ui.tones import tone_colour

GAP = 4.0  # between pieces


class SentenceView(QWidget):
    def __init__(self, point_size: float = 17.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zh_font = make_font(CJK_FAMILIES, point_size)
        self.mark_font = make_font(CJK_FAMILIES, point_size, bold=True)
        self.pinyin_font = make_font(LATIN_FAMILIES, point_size * 0.6)
        self.tone_colours = True
        self._cells: list[tuple[str, list[str], bool]] = []  # text, numbered syllables, in the word
        self._widths: list[float] = []
        self._glued: list[bool] = []
        self._text = ""
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def pinyin(self) -> str:
        """The syllables shown, in order (tone marks), for tests and accessibility."""
        return " ".join(marks_from_numbered(s) for _, syllables, _ in self._cells for s in syllables)

    def set_sentence(self, sentence: str, sentence_pinyin: str, word_span: tuple[int, int] | None) -> None:
        self._text = sentence
        pairs = ruby(sentence, sentence_pinyin)
        a, b = word_span or (-1, -1)
        self._cells, self._widths, self._glued = [], [], []
        zh, mark, pinyin = QFontMetricsF(self.zh_font), QFontMetricsF(self.mark_font), QFontMetricsF(self.pinyin_font)
        for piece in chinese_pieces(sentence):
            text = sentence[piece.start : piece.end]
            syllables = [s for _, s in pairs[piece.start : piece.end] if s]
            in_word = a <= piece.start < b
            self._cells.append((text, syllables, in_word))
            shown = " ".join(marks_from_numbered(s) for s in syllables)
            width = max((mark if in_word else zh).horizontalAdvance(text), pinyin.horizontalAdvance(shown))
            self._widths.append(width + GAP)
            self._glued.append(piece.glued)
        self.setAccessibleName(sentence)
        self.updateGeometry()
        self.update()

    # --- layout ---------------------------------------------------------------

    def _line_height(self) -> float:
        return QFontMetricsF(self.pinyin_font).height() + QFontMetricsF(self.zh_font).height() + 6

    def _lines(self, width: float) -> list[list[int]]:
        return break_lines(self._widths, self._glued, max(width, 40.0)) if self._cells else []

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(len(self._lines(width)) * self._line_height()) + 2

    def sizeHint(self) -> QSize:
        width = max(200, min(700, int(sum(self._widths))))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.heightForWidth(self.width() or 400))

    # --- painting -------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        plain = palette.color(QPalette.ColorRole.Text)
        marked = palette.color(QPalette.ColorRole.Highlight)
        pinyin_height = QFontMetricsF(self.pinyin_font).height()
        zh_ascent = QFontMetricsF(self.zh_font).ascent()
        y = 0.0
        for line in self._lines(self.width()):
            x = max(0.0, (self.width() - sum(self._widths[k] for k in line)) / 2)  # centred, as the card is
            for k in line:
                text, syllables, in_word = self._cells[k]
                self._paint_syllables(painter, syllables, QRectF(x, y, self._widths[k] - GAP, pinyin_height), plain)
                font = self.mark_font if in_word else self.zh_font
                painter.setFont(font)
                painter.setPen(marked if in_word else plain)
                offset = (self._widths[k] - GAP - QFontMetricsF(font).horizontalAdvance(text)) / 2  # centred under its syllable
                painter.drawText(QPointF(x + offset, y + pinyin_height + 2 + zh_ascent), text)
                x += self._widths[k]
            y += self._line_height()
        painter.end()

    def _paint_syllables(self, painter: QPainter, syllables: list[str], rect: QRectF, plain: QColor) -> None:
        if not syllables:
            return
        painter.setFont(self.pinyin_font)
        metrics = QFontMetricsF(self.pinyin_font)
        shown = [marks_from_numbered(s) for s in syllables]
        x = rect.left() + max(0.0, (rect.width() - metrics.horizontalAdvance(" ".join(shown))) / 2)
        for numbered, text in zip(syllables, shown):
            painter.setPen(tone_colour(tone_of(numbered), self.palette()) if self.tone_colours else plain)
            painter.drawText(QPointF(x, rect.top() + metrics.ascent()), text)
            x += metrics.horizontalAdvance(text + " ")

