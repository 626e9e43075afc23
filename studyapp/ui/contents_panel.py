"""ContentsPanel: a document's contents as a tree; choosing an entry asks the window to go there.

The entries come from :func:`studyapp.core.library.contents.contents_of`
(the book's navigation, its headings, or marks in time for subtitles); the
entry holding the paragraph in view is kept selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from studyapp.core.library.contents import ContentsEntry, contents_of, entry_at
from studyapp.core.text.document import Document

BlockRole = Qt.ItemDataRole.UserRole + 1


class ContentsPanel(QWidget):
    entry_chosen = Signal(int)  # the block an entry opens at

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setObjectName("contentsTree")
        self.empty = QLabel("This document has no headings.")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self.entries: list[ContentsEntry] = []
        self._items: list[QTreeWidgetItem] = []
        self.tree.itemActivated.connect(self._on_tree_item_chosen)
        self.tree.itemClicked.connect(self._on_tree_item_chosen)

    def set_document(self, document: Document | None) -> None:
        """Show ``document``'s contents (nothing for None)."""
        self.tree.clear()
        self.entries = contents_of(document) if document is not None else []
        self._items = []
        parents: list[QTreeWidgetItem] = []
        for entry in self.entries:
            del parents[entry.depth - 1 :]
            item = QTreeWidgetItem([entry.title])
            item.setData(0, BlockRole, entry.block)
            item.setToolTip(0, entry.title)
            (parents[-1].addChild(item) if parents else self.tree.addTopLevelItem(item))
            parents.append(item)
            self._items.append(item)
        self.tree.expandAll()
        self.tree.setVisible(bool(self.entries))
        self.empty.setVisible(document is not None and not self.entries)

    def follow(self, block: int) -> None:
        """Select the entry whose part of the document holds ``block``."""
        k = entry_at(self.entries, block)
        item = self._items[k] if k is not None else None
        if item is not None and item is not self.tree.currentItem():
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)

    def _on_tree_item_chosen(self, item: QTreeWidgetItem, column: int = 0) -> None:
        self.entry_chosen.emit(int(item.data(0, BlockRole)))
