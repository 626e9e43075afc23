"""VocabularyPanel: the saved words in a searchable, sortable, editable table.

Delete takes rows away with undo (Ctrl+Z); a status can be set for many rows
at once; a double-click asks the window to show the word where it was saved.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import StudyappError
from studyapp.core.language.pinyin_spelling import marks_from_numbered, tone_of
from studyapp.core.study.vocabulary import STATUSES, VocabularyStore, WordRecord
from studyapp.ui.tones import tone_colour
from studyapp.ui.vocabulary_model import COLUMNS, PinyinRole, RecordRole, VocabularyTableModel


class ToneDelegate(QStyledItemDelegate):
    """Draws the pinyin column in tone colours."""

    def paint(self, painter: QPainter, option, index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        option.widget.style().drawControl(option.widget.style().ControlElement.CE_ItemViewItem, option, painter, option.widget)
        metrics = option.fontMetrics
        x = option.rect.left() + 4
        baseline = option.rect.top() + (option.rect.height() + metrics.ascent() - metrics.descent()) / 2
        painter.save()
        for marked, tone in _syllables(index.data(PinyinRole) or ""):
            painter.setPen(tone_colour(tone, option.palette))
            painter.drawText(QPointF(x, baseline), marked)
            x += metrics.horizontalAdvance(marked + " ")
        painter.restore()


@functools.lru_cache(maxsize=20_000)
def _syllables(numbered: str) -> tuple[tuple[str, int], ...]:
    return tuple((marks_from_numbered(s), tone_of(s)) for s in numbered.split())


class VocabularyPanel(QWidget):
    context_requested = Signal(object)  # WordRecord
    changed = Signal()  # words added, removed or re-statused
    failed = Signal(str, str)  # title, message

    def __init__(self, store: VocabularyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vocabularyPanel")
        self.model = VocabularyTableModel(store, self)
        self._undo: list[list[WordRecord]] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.warning = QLabel("")
        self.warning.setObjectName("vocabularyWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.model.modelReset.connect(self._show_damage)
        self._show_damage()
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_actions())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the reader has its own

    def _build_filters(self) -> QHBoxLayout:
        """The search box and the status, HSK and tag filters."""
        filters = QHBoxLayout()
        self.search = QLineEdit(placeholderText="Search: hanzi, English, pinyin (zhongguo, zhong1guo2, zhōngguó)")
        self.search.textChanged.connect(self.model.set_search)
        filters.addWidget(self.search, 3)
        self.status_filter = QComboBox()
        self.status_filter.addItems(["all statuses", *STATUSES])
        self.hsk_filter = QComboBox()
        self.hsk_filter.addItems(["all HSK", *[f"HSK {n}" for n in range(1, 7)], "HSK 7-9"])
        self.tag_filter = QLineEdit(placeholderText="tag")
        for widget in (self.status_filter, self.hsk_filter):
            widget.currentIndexChanged.connect(self._apply_filters)
            filters.addWidget(widget)
        self.tag_filter.textChanged.connect(self._apply_filters)
        filters.addWidget(self.tag_filter, 1)
        return filters

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        table.setItemDelegateForColumn(COLUMNS.index("Pinyin"), ToneDelegate(table))
        header = table.horizontalHeader()
        for name, width in {"Hanzi": 110, "Pinyin": 110, "HSK": 48, "Status": 78, "Tags": 90, "Added": 90, "Note": 140}.items():
            header.resizeSection(COLUMNS.index(name), width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMNS.index("Meaning"), QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setWordWrap(False)
        table.doubleClicked.connect(self._on_table_double_clicked)
        return table

    def _build_actions(self) -> QHBoxLayout:
        """Set the status of many rows, delete, undo."""
        actions = QHBoxLayout()
        self.bulk_status = QComboBox()
        self.bulk_status.addItems(["Set status…", *STATUSES])
        self.bulk_status.activated.connect(self._on_bulk_status_activated)
        actions.addWidget(self.bulk_status)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        actions.addWidget(self.delete_button)
        self.undo_button = QPushButton("Undo Delete")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_delete)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        return actions

    def reload(self) -> None:
        self.model.reload()

    def _show_damage(self) -> None:
        damaged = self.model.damaged
        self.warning.setText(f"{len(damaged)} saved word(s) could not be read as saved and are shown as stored: {', '.join(damaged[:5])}"
                             if damaged else "")
        self.warning.setVisible(bool(damaged))

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_records(self) -> list[WordRecord]:
        return [self.model.record(r) for r in self.selected_rows()]

    def _apply_filters(self) -> None:
        status = self.status_filter.currentText() if self.status_filter.currentIndex() > 0 else ""
        hsk = self.hsk_filter.currentIndex() or None
        self.model.set_filters(status=status, tag=self.tag_filter.text().strip(), hsk=hsk)

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self._undo.append(self.model.remove_rows(rows))
            self.undo_button.setEnabled(True)
            self.changed.emit()

    def undo_delete(self) -> None:
        if not self._undo:
            return
        try:
            self.model.restore(self._undo[-1])
        except StudyappError as exc:
            self.failed.emit("The words could not be put back", str(exc))
            return
        self._undo.pop()
        self.undo_button.setEnabled(bool(self._undo))
        self.changed.emit()

    def _on_bulk_status_activated(self, position: int) -> None:
        if position > 0 and self.selected_rows():
            self.model.set_status(self.selected_rows(), STATUSES[position - 1])
            self.changed.emit()
        self.bulk_status.setCurrentIndex(0)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if COLUMNS[index.column()] in ("Hanzi", "Pinyin", "HSK", "Added"):
            self.context_requested.emit(self.model.data(index, RecordRole))
