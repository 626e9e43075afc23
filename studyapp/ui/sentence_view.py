"""SentenceView: a Chinese sentence with its pinyin over each character, the
studied word marked, wrapped to the widget's width.

Characters and their syllables come from ``cards.ruby``; the sentence is set
by the reader's cell layout (``cell_layout``: each syllable centred over its
character, punctuation glued, no line starting with closing punctuation), a
single line centred as the card is. Text is painted, never interpreted as
markup.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from studyapp.core.language.pinyin_spelling import marks_from_numbered, tone_of
from studyapp.core.study.review.cards import ruby
from studyapp.ui.cell_layout import lay_out_cells
from studyapp.ui.chinese_cells import HAN, CellSpec, cell_spans
from studyapp.ui.chinese_style import ChineseStyle
from studyapp.ui.line_breaking import SideLayout
from studyapp.ui.reader_fonts import LATIN_FAMILIES, SIMPLIFIED_FAMILIES, make_font
from studyapp.ui.tones import tone_colour


class SentenceView(QWidget):
    def __init__(self, point_size: float = 17.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = ChineseStyle(SIMPLIFIED_FAMILIES, LATIN_FAMILIES, point_size, False, True)
        self.mark_font = make_font(SIMPLIFIED_FAMILIES, point_size, bold=True)
        self.tone_colours = True
        self._cells: list[CellSpec] = []
        self._texts: list[str] = []
        self._syllables: list[str] = []  # numbered, "" for none
        self._span = (-1, -1)
        self._text = ""
        self._laid: dict[int, SideLayout] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def pinyin(self) -> str:
        """The syllables shown, in order (tone marks), for tests and accessibility."""
        return " ".join(marks_from_numbered(s) for s in self._syllables if s)

    def set_sentence(self, sentence: str, sentence_pinyin: str, word_span: tuple[int, int] | None) -> None:
        self._text = sentence
        pairs = ruby(sentence, sentence_pinyin)
        self._span = word_span or (-1, -1)
        style = self._style
        self._cells, self._texts, self._syllables, self._laid = [], [], [], {}
        previous_end = 0
        for start, end, kind in cell_spans(sentence):
            text = sentence[start:end]
            syllable = pairs[start][1] if kind == HAN else ""
            advance, blank = style.advance(text, kind)
            width = style.syllable_width(marks_from_numbered(syllable)) if syllable else 0.0
            word = 0 if self._span[0] <= start < self._span[1] else -1 - start  # each other character its own word
            self._cells.append(CellSpec(start, end, kind, advance, blank, width, word, "\n" in sentence[previous_end:start]))
            self._texts.append(text)
            self._syllables.append(syllable)
            previous_end = end
        self.setAccessibleName(sentence)
        self.updateGeometry()
        self.update()

    # --- layout ---------------------------------------------------------------

    def _layout(self, width: float) -> SideLayout:
        width = max(int(width), 40)
        laid = self._laid.get(width)
        if laid is None:
            style = self._style
            laid = self._laid[width] = lay_out_cells(self._cells, width, style.spacing, style.line_height, style.baseline)
        return laid

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._layout(width).height) + 2 if self._cells else 0

    def sizeHint(self) -> QSize:
        natural = self._layout(10**6).lines[0].cells[-1] if self._cells else None
        width = max(200, min(700, int(natural.glyph_x + natural.glyph_w) + 8 if natural else 200))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.heightForWidth(self.width() or 400))

    # --- painting -------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        palette = self.palette()
        plain = palette.color(QPalette.ColorRole.Text)
        marked = palette.color(QPalette.ColorRole.Highlight)
        style = self._style
        laid = self._layout(self.width())
        for line in laid.lines:
            end = line.cells[-1].glyph_x + line.cells[-1].glyph_w if line.cells else 0.0
            x0 = max(0.0, (self.width() - end) / 2) if len(laid.lines) == 1 else 0.0  # one line: centred, as the card is
            for k, cell in zip(line.pieces, line.cells):
                syllable = self._syllables[k]
                if syllable:
                    painter.setFont(style.pinyin.font)
                    painter.setPen(tone_colour(tone_of(syllable), palette) if self.tone_colours else plain)
                    painter.drawText(QPointF(x0 + cell.ruby_x, line.top + style.ruby_baseline), marks_from_numbered(syllable))
                in_word = self._cells[k].word == 0
                painter.setFont(self.mark_font if in_word else style.han.font)
                painter.setPen(marked if in_word else plain)
                painter.drawText(QPointF(x0 + cell.draw_x, line.top + style.baseline), self._texts[k])
        painter.end()
