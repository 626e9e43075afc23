"""The lookup panel's body as a QTextDocument, written with a text cursor.

Dictionary text and the document's English are inserted as plain text with
character formats (colours, fonts, link targets), never parsed as HTML. The
body: the English of the word's sentence with the linked words marked, then
each reading as a group (tone-coloured pinyin, traditional form, labels),
its numbered senses with a hanging indent and the part of speech in italics,
its measure words, and cross-references as words one can click
(``word:个人``) followed by their tone-coloured pinyin and what they mean.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from PySide6.QtGui import QColor, QFont, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextOption

from studyapp.core.language.pinyin_spelling import tone_of
from studyapp.ui.entry_presentation import ReadingGroup, Run, Sense
from studyapp.ui.reader_fonts import LATIN_FAMILIES, SIMPLIFIED_FAMILIES
from studyapp.ui.tones import tone_colour

LINK_SCHEME = "word"
#: Where a sense's text (and its wrapped lines) begin, after its number or the MW label.
HANGING = 26


def written_pinyin(syllables: Iterable[str]) -> list[str]:
    """A word's syllables as they are written together (an apostrophe before a/o/e: Xī'ān)."""
    out: list[str] = []
    for syllable in syllables:
        base = unicodedata.normalize("NFD", syllable)[:1].lower()
        out.append(("'" + syllable) if out and base in "aoe" else syllable)
    return out


@dataclass
class EntryStyle:
    """Fonts and colours of the body, for a zoom factor and a palette."""

    palette: QPalette
    zoom: float = 1.0
    tone_colours: bool = True

    def text(self, size: float = 10.5, chinese: bool = False, bold: bool = False, italic: bool = False,
             colour: QColor | None = None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(SIMPLIFIED_FAMILIES + LATIN_FAMILIES if chinese else LATIN_FAMILIES + SIMPLIFIED_FAMILIES)
        fmt.setFontPointSize(size * self.zoom)
        fmt.setFontWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        fmt.setForeground(colour if colour is not None else self.palette.color(QPalette.ColorRole.Text))
        return fmt

    @property
    def muted(self) -> QColor:
        colour = self.palette.color(QPalette.ColorRole.Text)
        colour.setAlphaF(0.62)
        return colour

    def tone(self, syllable: str) -> QColor:
        return tone_colour(tone_of(syllable), self.palette) if self.tone_colours else self.palette.color(QPalette.ColorRole.Text)


class EntryWriter:
    """Writes a lookup into a QTextDocument (cleared first)."""

    def __init__(self, document: QTextDocument, style: EntryStyle) -> None:
        document.clear()
        document.setDocumentMargin(2)
        self.document, self.style = document, style
        self.cursor = QTextCursor(document)
        self._first = True

    def lines(self) -> list[str]:
        return [line for line in self.document.toPlainText().splitlines() if line.strip()]

    # --- blocks -----------------------------------------------------------------------

    def _block(self, top: float = 0.0, indent: float = 0.0, hanging: float = 0.0, line_height: int = 125) -> None:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top * self.style.zoom)
        fmt.setLeftMargin((indent + hanging) * self.style.zoom)
        fmt.setTextIndent(-hanging * self.style.zoom)
        if hanging:  # the number, then a tab to where the wrapped lines begin
            fmt.setTabPositions([QTextOption.Tab(hanging * self.style.zoom, QTextOption.TabType.LeftTab)])
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if self._first:
            self.cursor.setBlockFormat(fmt)
            self._first = False
        else:
            self.cursor.insertBlock(fmt)

    def _text(self, text: str, fmt: QTextCharFormat) -> None:
        if text:
            self.cursor.insertText(text, fmt)

    # --- pieces -----------------------------------------------------------------------

    def sentence(self, english: str, spans: Iterable[tuple[int, int]]) -> None:
        """The English of the word's sentence, the words that translate it marked."""
        style = self.style
        self._block(line_height=130)
        self._text("IN THIS SENTENCE", style.text(7.5, colour=style.muted, bold=True))
        self._block(top=2, line_height=130)
        plain = style.text(10, colour=style.muted, italic=True)
        marked = style.text(10, bold=True)
        highlight = QColor("#3a8ee6")
        highlight.setAlphaF(0.25)
        marked.setBackground(highlight)
        position = 0
        for start, end in sorted(spans):
            self._text(english[position:start], plain)
            self._text(english[start:end], marked)
            position = max(position, end)
        self._text(english[position:], plain)

    def group(self, group: ReadingGroup, headword: str = "") -> None:
        """One reading: its heading, numbered senses and measure words."""
        style = self.style
        self._block(top=0 if self._first else 12)
        if headword:
            self._text(headword + "  ", style.text(15, chinese=True))
        self._pinyin(group.pinyin, 13.5, bold=True)
        if group.traditional:
            self._text("   " + group.traditional, style.text(12, chinese=True, colour=style.muted))
        for label in group.labels:
            self._text("   " + label, style.text(8.5, colour=style.muted, italic=True))
        for sense in group.senses:
            self._sense(sense, numbered=len(group.senses) > 1)
        if group.measure_words:
            self._block(top=4, hanging=HANGING)
            self._text("MW\t", style.text(7.5, colour=style.muted, bold=True))
            for n, run in enumerate(group.measure_words):
                if n:
                    self._text("  ·  ", style.text(10, colour=style.muted))
                self._word(run)

    def _sense(self, sense: Sense, numbered: bool) -> None:
        style = self.style
        self._block(top=3, hanging=HANGING)
        self._text(f"{sense.number}\t" if numbered else "\t", style.text(9.5, colour=style.muted, bold=True))
        for label in sense.labels:
            self._text(label + "  ", style.text(9.5, italic=True, colour=style.muted))
        for run in sense.runs:
            if run.kind == "word":
                self._word(run)
            elif run.kind == "pinyin":
                self._pinyin(run.pinyin, 10.5)
            else:
                self._text(run.text, style.text(10.5))
        if sense.gloss:
            self._text("  — " + sense.gloss, style.text(10, colour=style.muted))

    def _word(self, run: Run) -> None:
        """A Chinese word one can click, then its pinyin."""
        fmt = self.style.text(12, chinese=True)
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"{LINK_SCHEME}:{quote(run.target)}")
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(self.style.muted)
        self._text(run.text, fmt)
        self._text(" ", self.style.text(10.5))
        self._pinyin(run.pinyin, 10.5)

    def _pinyin(self, syllables: Iterable[str], size: float, bold: bool = False) -> None:
        for piece in written_pinyin(syllables):
            self._text(piece, self.style.text(size, bold=bold, colour=self.style.tone(piece.lstrip("'"))))

    def message(self, text: str) -> None:
        self._block()
        self._text(text, self.style.text(10, colour=self.style.muted))
