"""LibraryWindow: every document opened, with progress, size, coverage and last-read date.

A double-click (or Open) asks the main window to open the document; Forget
takes it out of the library (its file stays where it is).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from studyapp.core.errors import StudyappError
from studyapp.core.library.store import LibraryEntry, LibraryStore
from studyapp.ui.library_model import COLUMNS, EntryRole, LibraryTableModel, SortRole


class LibraryWindow(QWidget):
    document_chosen = Signal(str)  # the document's path
    failed = Signal(str, str)

    def __init__(self, library: LibraryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Library — studyapp")
        self.setObjectName("libraryWindow")
        self.model = LibraryTableModel(library, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(placeholderText="Search titles")
        self.search.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("Last read"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton("Open")
        self.forget_button = QPushButton("Forget")
        self.forget_button.setToolTip("Take the document out of the library (the file is not deleted)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.search, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.resize(900, 480)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.open_button.clicked.connect(self.open_selected)
        self.forget_button.clicked.connect(self.forget_selected)

    def reload(self) -> None:
        self.model.reload()

    def selected_entry(self) -> LibraryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(EntryRole) if rows else None

    def open_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.document_chosen.emit(entry.path)

    def forget_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        try:
            self.model.library.forget(entry.path)
        except StudyappError as exc:
            self.failed.emit("The library was not changed", str(exc))
        self.reload()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.document_chosen.emit(index.data(EntryRole).path)
