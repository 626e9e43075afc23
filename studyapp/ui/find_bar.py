"""FindBar: find text in the document (Chinese, English, or pinyin without tones).

The search itself is plain Python (``find_in_document``) so it is testable
without a window.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from studyapp.core.text.document import Document
from studyapp.core.language.pinyin_spelling import strip_tones
from studyapp.core.text.char_classes import count_han
from studyapp.ui.reader_layout import Annotation

Hit = tuple[int, str, int, int]  # block, "en"|"zh", start, end


def find_in_document(document: Document, query: str, annotation: Callable[[int], Annotation | None]) -> list[Hit]:
    """Every place ``query`` occurs: English (case-insensitive), Chinese, or
    toneless pinyin of annotated Chinese words (``yinhang`` finds 银行)."""
    query = query.strip()
    if not query:
        return []
    hits: list[Hit] = []
    lowered = query.lower()
    pinyin_query = strip_tones(query) if not count_han(query) else ""
    for index, block in enumerate(document.blocks):
        if block.english is not None:
            hits += _occurrences(block.english.text.lower(), lowered, index, "en")
        if block.chinese is None:
            continue
        hits += _occurrences(block.chinese.text, query, index, "zh")
        found = annotation(index) if pinyin_query.isascii() and pinyin_query.isalpha() else None
        if found is not None:
            hits += _pinyin_hits(found, pinyin_query, index)
    return sorted(set(hits))


def _occurrences(text: str, query: str, index: int, side: str) -> list[Hit]:
    out, start = [], text.find(query)
    while start >= 0:
        out.append((index, side, start, start + len(query)))
        start = text.find(query, start + 1)
    return out


def _pinyin_hits(annotation: Annotation, query: str, index: int) -> list[Hit]:
    """Runs of consecutive words whose toneless pinyin spells ``query``."""
    words = [(t, "".join(strip_tones(s) for s in r)) for t, r in zip(annotation.tokens, annotation.readings) if r]
    out = []
    for first in range(len(words)):
        spelled = ""
        for last in range(first, len(words)):
            spelled += words[last][1]
            if not query.startswith(spelled):
                break
            if spelled == query:
                out.append((index, "zh", words[first][0].start, words[last][0].end))
                break
    return out


class FindBar(QWidget):
    """The find field under the reader; emits the hits and the current one."""

    hits_changed = Signal(list)
    current_changed = Signal(int, str, int, int)
    closed = Signal()

    def __init__(self, search: Callable[[str], list[Hit]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.hits: list[Hit] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        self.field = QLineEdit()
        self.field.setPlaceholderText("Chinese, English, or pinyin without tones")
        self.field.textChanged.connect(self._on_field_text_changed)
        self.field.returnPressed.connect(lambda: self.step(1))
        layout.addWidget(self.field, 1)
        self.count_label = QLabel("")
        layout.addWidget(self.count_label)
        for text, step in (("Previous", -1), ("Next", 1)):
            button = QPushButton(text)
            button.clicked.connect(lambda checked=False, s=step: self.step(s))
            layout.addWidget(button)
        close = QPushButton("Close")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.hits_changed.emit([])
        self.closed.emit()

    def _on_field_text_changed(self, text: str) -> None:
        self.hits = self._search(text)
        self.current = -1
        self.count_label.setText(f"{len(self.hits)} found" if text.strip() else "")
        self.hits_changed.emit(self.hits)
        if self.hits:
            self.step(1)

    def step(self, direction: int) -> None:
        if not self.hits:
            return
        self.current = (self.current + direction) % len(self.hits)
        self.count_label.setText(f"{self.current + 1} of {len(self.hits)}")
        self.current_changed.emit(*self.hits[self.current])
