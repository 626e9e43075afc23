"""LookupPanel: what the learner sees for a clicked word, laid out like a dictionary.

The word and its pinyin in this sentence (tone-coloured), its traditional
form, HSK level and a name marker; then, in a read-only text view, the
English of its sentence with the linked words marked and every reading as a
group of numbered senses, measure words and cross-references one can click
(``word_requested``). A word followed from a reference can be left with
Back. All text is set as plain text with formats, never parsed as HTML.
The entry layout (entry_document, entry_presentation) loads with the first
word shown: an empty panel, as at start, does not need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import QPointF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from studyapp.core.language.hsk import level_label
from studyapp.core.language.pinyin_spelling import marks_from_numbered, tone_of
from studyapp.ui.reader_fonts import LATIN_FAMILIES, SIMPLIFIED_FAMILIES, make_font
from studyapp.ui.tones import tone_colour

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult
    from studyapp.ui.entry_document import EntryWriter
    from studyapp.ui.entry_presentation import ReadingGroup


class ToneLabel(QWidget):
    """Pinyin syllables painted in tone colours (or plain), spaced, or ``joined`` as a word is written."""

    def __init__(self, syllables: list[str], point_size: float = 13.0, coloured: bool = True, parent: QWidget | None = None,
                 joined: bool = False) -> None:
        super().__init__(parent)
        self.syllables = syllables
        self.coloured = coloured
        self.joined = joined
        self.setFont(make_font(LATIN_FAMILIES, point_size))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return "".join(self._pieces())

    def _pieces(self) -> list[str]:
        """What is drawn, in order: the syllables as a written word, or each followed by a space."""
        if self.joined and self.syllables:
            from studyapp.ui.entry_document import written_pinyin

            return written_pinyin(self.syllables)
        return [s + " " if k + 1 < len(self.syllables) else s for k, s in enumerate(self.syllables)]

    def set_syllables(self, syllables: list[str], coloured: bool = True) -> None:
        self.syllables, self.coloured = syllables, coloured
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font())
        return QSize(int(metrics.horizontalAdvance(self.text())) + 4, int(metrics.height()) + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        metrics = QFontMetricsF(self.font())
        x, baseline = 0.0, metrics.ascent()
        palette = self.palette()
        plain = palette.text().color()
        for piece in self._pieces():
            painter.setPen(tone_colour(tone_of(piece.strip().lstrip("'")), palette) if self.coloured else plain)
            painter.drawText(QPointF(x, baseline), piece)
            x += metrics.horizontalAdvance(piece)
        painter.end()


def _plain(name: str, wrap: bool = True) -> QLabel:
    """An empty label named ``name`` that shows its text as plain text, selectable."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LookupPanel(QWidget):
    """Shows a LookupResult; emits ``save_requested``, ``speak_requested`` and ``word_requested``."""

    save_requested = Signal()
    speak_requested = Signal(str)
    word_requested = Signal(str)  # a measure word or cross-reference was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPanel")
        self.tone_colours = True
        self.zoom = 1.0
        self.result: LookupResult | None = None
        self.groups: list[ReadingGroup] = []
        self._texts: list[str] = []
        self._shown: tuple | None = None  # what show_result was given, to show again after zoom or Back
        self._history: list[tuple] = []
        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 8, 4)
        outer.setSpacing(2)
        outer.addLayout(self._build_header())
        self.context_reading = ToneLabel([], 15, joined=True)
        self.context_reading.setObjectName("contextReading")
        outer.addWidget(self.context_reading)
        self.facts_label = _plain("lookupFacts")
        outer.addWidget(self.facts_label)
        outer.addSpacing(6)
        self.status_label = _plain("lookupStatus")
        outer.addWidget(self.status_label)
        self.body = QTextBrowser()
        self.body.setObjectName("lookupBody")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setOpenLinks(False)
        self.body.viewport().setAutoFillBackground(False)
        self.body.anchorClicked.connect(self._on_body_anchor_clicked)
        outer.addWidget(self.body, 1)
        self._apply_fonts()
        self.show_message("Click a Chinese word to look it up.")

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        self.back_button = QPushButton("←")
        self.back_button.setToolTip("Back to the word from the text")
        self.back_button.setVisible(False)
        self.back_button.clicked.connect(self.go_back)
        header.addWidget(self.back_button)
        self.word_label = _plain("lookupWord", wrap=False)
        header.addWidget(self.word_label)
        header.addStretch(1)
        self.speak_button = QPushButton("Speak")
        self.speak_button.setVisible(False)  # shown when a Chinese voice exists
        self.speak_button.clicked.connect(lambda: self.speak_requested.emit(self.word_label.text()))
        header.addWidget(self.speak_button)
        self.save_button = QPushButton("Save (S)")
        self.save_button.setObjectName("saveButton")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_requested.emit)
        header.addWidget(self.save_button)
        return header

    def _apply_fonts(self) -> None:
        self.word_label.setFont(make_font(SIMPLIFIED_FAMILIES + LATIN_FAMILIES, 24 * self.zoom))
        self.context_reading.setFont(make_font(LATIN_FAMILIES, 15 * self.zoom))
        self.facts_label.setFont(make_font(LATIN_FAMILIES + SIMPLIFIED_FAMILIES, 9.5 * self.zoom))
        muted = self.facts_label.palette()
        colour = muted.color(muted.ColorRole.WindowText)
        colour.setAlphaF(0.65)
        muted.setColor(muted.ColorRole.WindowText, colour)
        self.facts_label.setPalette(muted)
        self.status_label.setFont(make_font(LATIN_FAMILIES, 10 * self.zoom))

    def set_zoom(self, zoom: float) -> None:
        """Scale the panel's text with the reader's zoom."""
        if abs(zoom - self.zoom) > 1e-6:
            self.zoom = zoom
            self._apply_fonts()
            if self._shown is not None:
                self.show_result(*self._shown[:2], **self._shown[2])

    # --- content ------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        self.result, self._shown, self.groups = None, None, []
        self._history.clear()
        self.back_button.setVisible(False)
        self.word_label.setText("")
        self.context_reading.set_syllables([], self.tone_colours)
        self.facts_label.setText("")
        self.facts_label.setVisible(False)
        self.status_label.setText(message)
        self.status_label.setVisible(True)
        self.body.document().clear()
        self._texts = []
        self.save_button.setEnabled(False)

    def show_result(self, result: LookupResult, reading: list[str] | None = None, is_name: bool = False, saved: bool = False,
                    english: tuple[str, tuple[tuple[int, int], ...]] | None = None, followed: bool = False) -> None:
        """Show ``result``; ``reading`` is the pinyin chosen in context (numbered), ``english``
        the sentence's English and the spans of the words linked to it; ``followed`` that the
        word was reached from a reference in the panel (it cannot be saved)."""
        from studyapp.ui.entry_document import EntryStyle, EntryWriter
        from studyapp.ui.entry_presentation import reading_groups

        self.result = result
        if not followed:
            self._history.clear()
        self._shown = (result, reading, {"is_name": is_name, "saved": saved, "english": english, "followed": followed})
        self.word_label.setText(result.query)
        syllables = [marks_from_numbered(s) for s in reading] if reading else (self._first_pinyin(result))
        self.context_reading.set_syllables(syllables, self.tone_colours)
        self.facts_label.setText(self._facts(result, reading, is_name))
        self.facts_label.setVisible(bool(self.facts_label.text()))
        self.groups = reading_groups(result)
        writer = EntryWriter(self.body.document(), EntryStyle(self.palette(), self.zoom, self.tone_colours))
        if english:
            writer.sentence(*english)
        for group in self.groups:
            writer.group(group)
        if not result.entries:
            self._write_breakdown(writer, result, is_name)
        else:
            self.status_label.setVisible(False)
        self._texts = writer.lines()
        self.body.moveCursor(QTextCursor.MoveOperation.Start)  # else a resize scrolls to where the cursor was
        self.body.verticalScrollBar().setValue(0)
        self.back_button.setVisible(bool(self._history))
        self.save_button.setEnabled(not followed)
        self.save_button.setText("Saved ✓" if saved else "Save (S)")

    @staticmethod
    def _first_pinyin(result: LookupResult) -> list[str]:
        return result.entries[0].pinyin_marks.split() if result.entries else []

    @staticmethod
    def _facts(result: LookupResult, reading: list[str] | None, is_name: bool) -> str:
        """Name marker, the traditional form of the word as read here, HSK level."""
        wanted = " ".join(reading or []).lower()
        entry = next((e for e in result.entries if e.pinyin.lower() == wanted), result.entries[0] if result.entries else None)
        other = ""
        if entry is not None and entry.traditional != result.query:
            other = f"traditional {entry.traditional}"
        elif entry is not None and entry.simplified != result.query:
            other = f"simplified {entry.simplified}"
        facts = ["name" if is_name else "", other, level_label(result.hsk)]
        return "  ·  ".join(f for f in facts if f)

    def _write_breakdown(self, writer: EntryWriter, result: LookupResult, is_name: bool) -> None:
        if not result.pieces:
            self.status_label.setText("Not in the dictionary.")
            self.status_label.setVisible(True)
            return
        self.status_label.setText(("A name, not in the dictionary. " if is_name else "Not in the dictionary. ")
                                  + "Its parts: " + " + ".join(p.text for p in result.pieces))
        self.status_label.setVisible(True)
        from studyapp.core.language.lookup import LookupResult as Result
        from studyapp.ui.entry_presentation import reading_groups

        for piece in result.pieces:
            groups = reading_groups(Result(piece.text, piece.entries[:3]))
            for n, group in enumerate(groups):
                writer.group(group, headword=piece.text if n == 0 else "")
            if not groups:
                writer.message(f"{piece.text}: not in the dictionary")

    def show_followed(self, result: LookupResult) -> None:
        """Show a word reached from a reference in the panel; Back returns to the word before."""
        if self._shown is not None:
            self._history.append(self._shown)
        self.show_result(result, followed=True)

    def go_back(self) -> None:
        if self._history:
            previous = self._history.pop()
            history = list(self._history)
            self.show_result(*previous[:2], **previous[2])
            self._history = history
            self.back_button.setVisible(bool(history))

    def content_height(self) -> int:
        """The height that shows everything at the panel's present width (the popup fits itself to it)."""
        self._outer.activate()
        document = self.body.document()
        document.setTextWidth(self.body.viewport().width())
        bottom = self._outer.contentsMargins().bottom()
        return int(self.body.y() + 2 * self.body.frameWidth() + document.size().height() + bottom + 8)

    def entry_texts(self) -> list[str]:
        """Every line shown under the word (what a test or a screen reader sees)."""
        return list(self._texts)

    def _on_body_anchor_clicked(self, url: QUrl) -> None:
        from studyapp.ui.entry_document import LINK_SCHEME

        if url.scheme() == LINK_SCHEME:
            self.word_requested.emit(unquote(url.path()))
