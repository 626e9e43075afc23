"""LibraryTableModel: the documents the learner has opened, as a sortable table.

Rows are LibraryEntry records from the LibraryStore, most recently read
first; a file that is no longer on disk is shown greyed. Sorting uses
:data:`SortRole` (numbers and times, not their labels).
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from studyapp.core.library.store import LibraryEntry, LibraryStore

COLUMNS = ("Title", "Progress", "Characters", "Size", "Coverage", "Last read", "Format")
SortRole = Qt.ItemDataRole.UserRole + 1
EntryRole = Qt.ItemDataRole.UserRole + 2
#: How a format is named where its file's suffix would not say it.
FORMAT_NAMES = {"studyapp-pair": "two files"}


def size_label(size: int) -> str:
    """``2.1 MB``, ``340 KB``, ``812 bytes``."""
    if size >= 1_000_000:
        return f"{size / 1e6:.1f} MB"
    if size >= 1_000:
        return f"{size / 1e3:.0f} KB"
    return f"{size} bytes"


def day_label(when: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(when))


class LibraryTableModel(QAbstractTableModel):
    def __init__(self, library: LibraryStore, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.entries: list[LibraryEntry] = []
        self.missing: set[str] = set()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.entries = self.library.entries()
        self.missing = {e.path for e in self.entries if not os.path.exists(e.path)}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(entry, column)
        if role == SortRole:
            return self._sort_key(entry, column)
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.path + (" (the file is no longer there)" if entry.path in self.missing else "")
        if role == Qt.ItemDataRole.ForegroundRole and entry.path in self.missing:
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("Progress", "Characters", "Size", "Coverage"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _label(entry: LibraryEntry, column: str) -> str:
        if column == "Title":
            return entry.title + (" (pasted)" if entry.pasted else "")
        if column == "Progress":
            return f"{entry.progress:.0%}"
        if column == "Characters":
            return f"{entry.chinese_chars:,}"
        if column == "Size":
            return size_label(entry.size)
        if column == "Coverage":
            return f"{entry.coverage:.0%}" if entry.coverage is not None else "–"
        if column == "Last read":
            return day_label(entry.last_read)
        return FORMAT_NAMES.get(entry.format, entry.format)

    @staticmethod
    def _sort_key(entry: LibraryEntry, column: str):
        return {
            "Title": entry.title.lower(), "Progress": entry.progress, "Characters": entry.chinese_chars, "Size": entry.size,
            "Coverage": -1.0 if entry.coverage is None else entry.coverage, "Last read": entry.last_read, "Format": entry.format,
        }[column]
