"""Familiarity from the reader: keys 1-5 and I set the selected word's level
(saving it with its sentence if it was not saved), Words > Mark Page Known
saves every word on the page not saved yet as known, and Undo takes the last
of these back -- each is one transaction and one undo step.

The window hands in two callables: the selected word as it would be saved,
and the words of the page not saved yet; this object makes one core call per
action and says what happened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from studyapp.core.errors import StudyappError
from studyapp.core.study.familiarity import IGNORED, KNOWN, LevelChange, level_label
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.ui.view_menu import add_action

Item = tuple[WordData, Context | None]
UNDO_DEPTH = 50


class FamiliarityActions(QObject):
    changed = Signal()  # levels changed: marks and counts are to be read again
    status = Signal(str)
    failed = Signal(str, str)  # title, message

    def __init__(self, vocabulary: VocabularyStore, selected: Callable[[], Item | None],
                 page_words: Callable[[], Sequence[Item]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vocabulary = vocabulary
        self._selected = selected
        self._page_words = page_words
        self._undo: list[tuple[str, LevelChange]] = []

    def add_actions(self, menu: QMenu, window: QWidget, reader: QWidget) -> None:
        """Words-menu entries: levels 1-5 and Ignore for the selected word (keys 1-5, I),
        Mark Page Known (Shift+K), and Undo (Ctrl+Z while the reader has the focus)."""
        levels = menu.addMenu("&Familiarity of the Word")
        for level in (1, 2, 3, 4, 5):
            add_action(levels, window, level_label(level).capitalize(), lambda checked=False, n=level: self.set_selected(n), str(level))
        add_action(levels, window, "&Ignore", lambda: self.set_selected(IGNORED), "I")
        add_action(menu, window, "Mark Page &Known", self.mark_page_known, "Shift+K")
        undo = add_action(menu, window, "&Undo Familiarity Change", self.undo, QKeySequence.StandardKey.Undo)
        undo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the vocabulary list has its own Ctrl+Z
        reader.addAction(undo)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def set_selected(self, level: int) -> None:
        """Keys 1-5 and I: the selected word takes ``level``."""
        item = self._selected()
        if item is None:
            self.status.emit("Select a word first (click it, or move to it with the arrow keys)")
            return
        word = item[0].simplified
        self._apply([item], level, f"{word}: {level_label(level)}")

    def mark_page_known(self) -> None:
        """Every word on the page not saved yet becomes known, as one step."""
        items = list(self._page_words())
        if not items:
            self.status.emit("Every word on this page is saved already")
            return
        self._apply(items, KNOWN, f"{len(items)} words on this page marked known (Ctrl+Z takes them back)")

    def _apply(self, items: Sequence[Item], level: int, message: str) -> None:
        try:
            change = self.vocabulary.set_levels(items, level)
        except StudyappError as exc:
            self.failed.emit("The words were not changed", str(exc))
            return
        self._undo = (self._undo + [(message, change)])[-UNDO_DEPTH:]
        self.changed.emit()
        self.status.emit(message)

    def undo(self) -> None:
        """Take back the last familiarity action."""
        if not self._undo:
            self.status.emit("Nothing to undo")
            return
        message, change = self._undo.pop()
        try:
            self.vocabulary.undo_levels(change)
        except StudyappError as exc:
            self._undo.append((message, change))
            self.failed.emit("The change was not undone", str(exc))
            return
        self.changed.emit()
        self.status.emit(f"Undone: {message.split(' (')[0]}")

