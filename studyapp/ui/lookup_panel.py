"""LookupPanel: what the learner sees for a clicked word.

The word large, its pinyin in context with tone colours, every dictionary
entry (readings, definitions, classifiers, traditional form, HSK level,
followed cross-references), the breakdown of a word the dictionary lacks,
a name marker, and Save. All text is set as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from studyapp.core.language.hsk import level_label
from typing import TYPE_CHECKING
from studyapp.core.language.pinyin_spelling import marks_from_numbered, tone_of
from studyapp.ui.reader_fonts import LATIN_FAMILIES, SIMPLIFIED_FAMILIES as CJK_FAMILIES, make_font
from studyapp.ui.tones import tone_colour

if TYPE_CHECKING:
    from studyapp.core.language.lookup import EntryView, LookupResult


class ToneLabel(QWidget):
    """Pinyin syllables painted in tone colours (or plain)."""

    def __init__(self, syllables: list[str], point_size: float = 13.0, coloured: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.syllables = syllables
        self.coloured = coloured
        self.setFont(make_font(LATIN_FAMILIES, point_size))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return " ".join(self.syllables)

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
        for syllable in self.syllables:
            painter.setPen(tone_colour(tone_of(syllable), palette) if self.coloured else plain)
            painter.drawText(QPointF(x, baseline), syllable)
            x += metrics.horizontalAdvance(syllable + " ")
        painter.end()


def _plain(text: str, wrap: bool = True, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LookupPanel(QWidget):
    """Shows a LookupResult; emits ``save_requested`` and ``speak_requested``."""

    save_requested = Signal()
    speak_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPanel")
        self.tone_colours = True
        self.result: LookupResult | None = None
        self._texts: list[str] = []
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.word_label = _plain("", wrap=False)
        self.word_label.setObjectName("lookupWord")
        self.word_label.setFont(make_font(CJK_FAMILIES, 30))
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
        outer.addLayout(header)
        reading_row = QHBoxLayout()
        self.context_reading = ToneLabel([], 16)
        self.context_reading.setObjectName("contextReading")
        self.facts_label = _plain("", wrap=False)
        reading_row.addWidget(self.context_reading)
        reading_row.addWidget(self.facts_label)
        reading_row.addStretch(1)
        outer.addLayout(reading_row)
        self._rows: list[_EntryRow] = []
        self.status_label = _plain("")
        self.status_label.setObjectName("lookupStatus")
        outer.addWidget(self.status_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget()
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(self._body)
        outer.addWidget(scroll, 1)
        self.show_message("Click a Chinese word to look it up.")

    # --- content ------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        self.result = None
        self.word_label.setText("")
        self.context_reading.set_syllables([], self.tone_colours)
        self.facts_label.setText("")
        for row in self._rows:
            row.hide()
        self.status_label.setText(message)
        self.save_button.setEnabled(False)

    def show_result(self, result: LookupResult, reading: list[str] | None = None, is_name: bool = False, saved: bool = False) -> None:
        """Show ``result``; ``reading`` is the pinyin chosen in context (numbered).

        The widgets are made once and refilled: creating and styling widgets
        was most of a click's cost.
        """
        self.result = result
        self._texts = []
        self.word_label.setText(result.query)
        self.context_reading.set_syllables([marks_from_numbered(s) for s in reading] if reading else [], self.tone_colours)
        traditional = next((e.traditional for e in result.entries if e.traditional != result.query), "")
        facts = [f"traditional {traditional}" if traditional else "", level_label(result.hsk)]
        if is_name:
            facts.insert(0, "name")
        self.facts_label.setText("   ".join(f for f in facts if f))
        rows: list[tuple[str, EntryView | None, bool]] = []  # (heading text, entry, compact)
        if result.entries:
            self.status_label.setText(f"{len(result.entries)} dictionary entr{'y' if len(result.entries) == 1 else 'ies'}")
            rows = [("", entry, False) for entry in result.entries]
        else:
            self.status_label.setText(("A name, not in the dictionary. " if is_name else "Not in the dictionary. ") + "Its parts:")
            for piece in result.pieces:
                self._texts.append(piece.text)
                rows += [(piece.text if n == 0 else "", entry, True) for n, entry in enumerate(piece.entries[:3])] or [(piece.text, None, True)]
        while len(self._rows) < len(rows):
            row = _EntryRow()
            self._rows.append(row)
            self._body_layout.addWidget(row)
        for row, (heading, entry, compact) in zip(self._rows, rows):
            self._texts += row.fill(heading, entry, compact, self.tone_colours)
            if row.isHidden():  # show()/hide() cost even when nothing changes
                row.show()
        for row in self._rows[len(rows):]:
            if not row.isHidden():
                row.hide()
        self.save_button.setEnabled(True)
        self.save_button.setText("Saved ✓" if saved else "Save (S)")

    def entry_texts(self) -> list[str]:
        """Every line shown under the word (what a test or a screen reader sees)."""
        return [line for text in self._texts for line in text.splitlines() if line]


class _EntryRow(QFrame):
    """One dictionary entry: its pinyin in tone colours, facts, and all its senses in one label."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lookupEntry")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        self.heading = _plain("", wrap=False)
        layout.addWidget(self.heading)
        top = QHBoxLayout()
        self.pinyin = ToneLabel([], 13)
        self.extras = _plain("", wrap=False)
        top.addWidget(self.pinyin)
        top.addWidget(self.extras)
        top.addStretch(1)
        layout.addLayout(top)
        self.body = _plain("")
        layout.addWidget(self.body)

    def fill(self, heading: str, entry: EntryView | None, compact: bool, coloured: bool) -> list[str]:
        """Show ``entry`` (under ``heading`` for a breakdown piece); returns the lines shown."""
        self.heading.setText(heading)
        if self.heading.isHidden() == bool(heading):
            self.heading.setVisible(bool(heading))
        if entry is None:
            self.pinyin.set_syllables([], coloured)
            self.extras.setText("")
            self.body.setText("")
            return []
        self.pinyin.set_syllables(entry.pinyin_marks.split(), coloured)
        extras = []
        if entry.traditional != entry.simplified:
            extras.append(f"{entry.simplified} / {entry.traditional}")
        if entry.proper_noun:
            extras.append("proper noun")
        if entry.hsk and not compact:
            extras.append(level_label(entry.hsk))
        self.extras.setText("  ·  ".join(extras))
        lines = [f"{number}. {definition}" for number, definition in enumerate(entry.definitions, 1)]
        if entry.classifiers:
            lines.append("Measure words: " + ", ".join(entry.classifiers))
        for reference in entry.references:
            if reference.definitions:
                lines.append(f"→ {reference.simplified} [{marks_from_numbered(reference.pinyin)}]: " + "; ".join(reference.definitions[:6]))
        self.body.setText("\n".join(lines))
        return lines
