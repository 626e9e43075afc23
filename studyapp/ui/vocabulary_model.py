"""VocabularyTableModel: the saved words as a table, and the filter over it.

Rows are WordRecords from the VocabularyStore; edits to meaning, note,
tags and status go back to the store at once. Searching matches hanzi,
English, and pinyin with or without tones (``zhongguo``, ``zhong1guo2``,
``zhōngguó``) against keys computed once per row, so a keystroke costs a
pass over precomputed strings.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from studyapp.core.errors import StudyappError
from studyapp.core.hsk import level_label
from studyapp.core.pinyin_format import marks_from_numbered
from studyapp.core.vocab import STATUSES, VocabularyStore, WordRecord, normalise_pinyin_query

COLUMNS = ("Hanzi", "Pinyin", "Meaning", "HSK", "Status", "Tags", "Added", "Note")
EDITABLE = {"Meaning", "Status", "Tags", "Note"}
PinyinRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2


class VocabularyTableModel(QAbstractTableModel):
    def __init__(self, store: VocabularyStore, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.records: list[WordRecord] = []
        self.keys: list[str] = []
        self.error: str = ""
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.records = self.store.words()
        self.keys = [r.search_key() for r in self.records]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

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
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = COLUMNS[index.column()]
        if role == RecordRole:
            return record
        if role == PinyinRole:
            return record.pinyin
        if role == Qt.ItemDataRole.ToolTipRole and record.contexts:
            context = record.contexts[-1]
            return f"{context.sentence}\n{context.translation}".strip()
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
        record = self.records[index.row()]
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
        self.replace_row(index.row(), updated)
        return True

    def replace_row(self, row: int, record: WordRecord) -> None:
        self.records[row] = record
        self.keys[row] = record.search_key()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_rows(self, rows: list[int]) -> list[WordRecord]:
        """Delete these rows from the store; returns the records (for undo)."""
        removed = []
        for row in sorted(rows, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            removed.append(self.store.remove(self.records[row].id))
            del self.records[row]
            del self.keys[row]
            self.endRemoveRows()
        return removed

    def restore(self, records: list[WordRecord]) -> None:
        for record in records:
            back = self.store.restore(record)
            self.beginInsertRows(QModelIndex(), len(self.records), len(self.records))
            self.records.append(back)
            self.keys.append(back.search_key())
            self.endInsertRows()

    def set_status(self, rows: list[int], status: str) -> None:
        self.store.set_status([self.records[r].id for r in rows], status)
        for row in rows:
            self.replace_row(row, self.store.get(self.records[row].id))


class VocabularyFilter(QSortFilterProxyModel):
    """Search text plus status / tag / HSK / document filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._pinyin = ""
        self.status = ""
        self.tag = ""
        self.hsk: int | None = None
        self.document = ""

    def set_search(self, text: str) -> None:
        self._refilter(lambda: self._set_text(text))

    def _set_text(self, text: str) -> None:
        self._text = text.strip().lower()
        self._pinyin = normalise_pinyin_query(text)

    def set_filters(self, status: str = "", tag: str = "", hsk: int | None = None, document: str = "") -> None:
        def change() -> None:
            self.status, self.tag, self.hsk, self.document = status, tag, hsk, document

        self._refilter(change)

    def _refilter(self, change) -> None:
        """Apply ``change`` to the filter and re-filter the rows (Qt 6.10+ API where present)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model: VocabularyTableModel = self.sourceModel()
        record = model.records[row]
        if self.status and record.status != self.status:
            return False
        if self.tag and self.tag not in record.tags:
            return False
        if self.hsk is not None and record.hsk != self.hsk:
            return False
        if self.document and not any(self.document in (c.document_path, c.document_title) for c in record.contexts):
            return False
        if not self._text:
            return True
        key = model.keys[row]
        return self._text in key or (bool(self._pinyin) and self._pinyin in key)
