"""VocabularyTableModel: the saved words as a table, and the filter over it.

Rows are WordRecords from the VocabularyStore; edits to meaning, note,
tags and status go back to the store at once. Searching matches hanzi,
English, and pinyin with or without tones (``zhongguo``, ``zhong1guo2``,
``zhōngguó``) against keys computed once per row, so a keystroke costs a
pass over precomputed strings.
"""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from studyapp.core.errors import StudyappError
from studyapp.core.language.hsk import level_label
from studyapp.core.language.pinyin_spelling import marks_from_numbered
from studyapp.core.study.vocabulary import STATUSES, VocabularyStore, WordRecord
from studyapp.core.study.word_filter import WordFilter
from studyapp.ui.plain_text import as_tooltip

COLUMNS = ("Hanzi", "Pinyin", "Meaning", "HSK", "Status", "Tags", "Added", "Note")
EDITABLE = {"Meaning", "Status", "Tags", "Note"}
PinyinRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, PinyinRole, RecordRole})


class VocabularyTableModel(QAbstractTableModel):
    """All saved words; the rows shown are those passing the search and filters.

    Filtering (the store's WordFilter, tested in memory) and sorting happen
    here in plain Python over precomputed keys (one list comprehension a
    keystroke), not row by row through a proxy, which costs a Python call per
    row from C++.
    """

    def __init__(self, store: VocabularyStore, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.all: list[WordRecord] = []
        self.keys: list[str] = []
        self.shown: list[int] = []  # indices into ``all``
        self.error: str = ""
        self.filter = WordFilter()
        self.damaged: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_keys: dict[str, list] = {}
        self._sorted = False
        self.reload()

    # --- loading, filtering, sorting ---------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self.all = self.store.words()
        self.keys = [r.search_key() for r in self.all]
        self.damaged = [r.simplified for r in self.all if r.damaged]  # read from rows holding something unexpected
        self._sort_keys = {}
        self._refilter()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        self.set_filter(replace(self.filter, search=text))

    def set_filters(self, status: str = "", tag: str = "", hsk: int | None = None, document: str = "") -> None:
        self.set_filter(replace(self.filter, status=status or None, tag=tag or None, hsk=hsk, document=document or None))

    def set_filter(self, chosen: WordFilter) -> None:
        """Show the words ``chosen`` lets through (the search text included)."""
        self.beginResetModel()
        self.filter = chosen
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        self.shown = self.filter.select(self.all, self.keys)
        self._sorted = False
        if self._sort is not None:
            self._apply_sort(*self._sort)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._sort == (column, order) and self._sorted:
            return  # the view sorts again after every reset; the rows already are
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        name = COLUMNS[column]
        key = {
            "Hanzi": lambda r: r.simplified, "Pinyin": lambda r: r.pinyin.lower(), "Meaning": lambda r: "; ".join(r.definitions).lower(),
            "HSK": lambda r: r.hsk or 99, "Status": lambda r: STATUSES.index(r.status), "Tags": lambda r: " ".join(r.tags),
            "Added": lambda r: r.created, "Note": lambda r: r.note.lower(),
        }[name]
        cache = self._sort_keys.get(name)
        if cache is None or len(cache) != len(self.all):
            cache = self._sort_keys[name] = [key(r) for r in self.all]
        self.shown.sort(key=cache.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._sorted = True

    @property
    def records(self) -> list[WordRecord]:
        """The rows shown, in order."""
        return [self.all[i] for i in self.shown]

    def record(self, row: int) -> WordRecord:
        return self.all[self.shown[row]]

    # --- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if COLUMNS[index.column()] in EDITABLE else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():  # the view asks for many roles per cell
            return None
        record = self.record(index.row())
        column = COLUMNS[index.column()]
        if role == RecordRole:
            return record
        if role == PinyinRole:
            return record.pinyin
        if role == Qt.ItemDataRole.ToolTipRole and record.contexts:
            context = record.contexts[-1]
            return as_tooltip(f"{context.sentence}\n{context.translation}".strip())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == "Hanzi":
            return record.simplified if record.simplified == record.traditional else f"{record.simplified} ({record.traditional})"
        if column == "Pinyin":
            return marks_from_numbered(record.pinyin)
        if column == "Meaning":
            return "; ".join(record.definitions)
        if column == "HSK":
            return level_label(record.hsk).replace("HSK ", "") if role == Qt.ItemDataRole.DisplayRole else record.hsk
        if column == "Status":
            return record.status
        if column == "Tags":
            return " ".join(record.tags)
        if column == "Added":
            return time.strftime("%Y-%m-%d", time.localtime(record.created))
        return record.note

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        record = self.record(index.row())
        text = str(value).strip()
        fields = {
            "Meaning": lambda: {"definitions": [d.strip() for d in text.split(";") if d.strip()]},
            "Status": lambda: {"status": text} if text in STATUSES else None,
            "Tags": lambda: {"tags": text.split()},
            "Note": lambda: {"note": text},
        }.get(column, lambda: None)()
        if not fields:
            return False
        try:
            updated = self.store.update(record.id, **fields)
        except StudyappError as exc:
            self.error = str(exc)
            return False
        self._replace(index.row(), updated)
        return True

    def _replace(self, row: int, record: WordRecord) -> None:
        position = self.shown[row]
        self.all[position] = record
        self.keys[position] = record.search_key()
        self._sort_keys = {}
        self._sorted = False
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_rows(self, rows: list[int]) -> list[WordRecord]:
        """Delete these rows from the store; returns the records (for undo)."""
        records = [self.record(r) for r in rows]
        removed = [self.store.remove(r.id) for r in records]
        self.reload()
        return removed

    def restore(self, records: list[WordRecord]) -> None:
        for record in records:
            self.store.restore(record)
        self.reload()

    def set_status(self, rows: list[int], status: str) -> None:
        ids = [self.record(r).id for r in rows]
        self.store.set_status(ids, status)
        for row, word_id in zip(rows, ids):
            self._replace(row, self.store.get(word_id))
