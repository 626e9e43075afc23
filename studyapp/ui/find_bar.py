"""FindBar: find text in the document (Chinese, English, or pinyin without tones).

The search itself is the session's (``ReadingSession.find``, over the whole
document); the bar shows the count, steps through the hits, and refreshes
them when more of the document has been segmented.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from studyapp.core.reading.find import Hit


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

    def refresh(self) -> None:
        """Search again (more of the document was read), staying on the current hit."""
        if self.isHidden() or not self.field.text().strip():
            return
        current = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        hits = self._search(self.field.text())
        if hits == self.hits:
            return
        self.hits = hits
        self.current = hits.index(current) if current in hits else min(self.current, len(hits) - 1)
        self.count_label.setText(f"{self.current + 1} of {len(hits)}" if self.current >= 0 else f"{len(hits)} found")
        self.hits_changed.emit(hits)

    def step(self, direction: int) -> None:
        if not self.hits:
            return
        self.current = (self.current + direction) % len(self.hits)
        self.count_label.setText(f"{self.current + 1} of {len(self.hits)}")
        self.current_changed.emit(*self.hits[self.current])
