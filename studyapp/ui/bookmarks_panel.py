"""BookmarksPanel: the open document's bookmarked paragraphs; add, remove, jump.

Bookmarks are kept by the LibraryStore (so every window and every later
session sees them); the panel lists them in reading order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from studyapp.core.errors import StudyappError
from studyapp.core.library.contents import block_label
from studyapp.core.library.store import Bookmark, LibraryStore
from studyapp.core.text.document import Document

BookmarkRole = Qt.ItemDataRole.UserRole + 1


class BookmarksPanel(QWidget):
    bookmark_chosen = Signal(int)  # the block to go to
    add_requested = Signal()  # the window knows which paragraph is in view
    failed = Signal(str, str)  # title, message

    def __init__(self, library: LibraryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.document: Document | None = None
        self.list = QListWidget()
        self.list.setObjectName("bookmarkList")
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Bookmark the paragraph at the top of the page (Ctrl+D)")
        self.remove_button = QPushButton("Remove")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.list.itemActivated.connect(self._on_list_item_chosen)
        self.list.itemClicked.connect(self._on_list_item_chosen)
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self.remove_selected)

    def set_document(self, document: Document | None) -> None:
        self.document = document
        self.reload()

    def bookmarks(self) -> list[Bookmark]:
        if self.document is None or not self.document.path or not self.document.complete:
            return []
        return self.library.bookmarks(self.document.path)

    def reload(self) -> None:
        self.list.clear()
        for bookmark in self.bookmarks():
            item = QListWidgetItem(bookmark.label or f"Paragraph {bookmark.block + 1}")
            item.setData(BookmarkRole, bookmark)
            self.list.addItem(item)
        enabled = self.document is not None and bool(self.document.path)
        self.add_button.setEnabled(enabled)
        self.remove_button.setEnabled(self.list.count() > 0)

    def add(self, block: int) -> Bookmark | None:
        """Bookmark ``block`` of the open document."""
        document = self.document
        if document is None or not document.path or not 0 <= block < len(document.blocks):
            return None
        try:
            bookmark = self.library.add_bookmark(document.path, block, block_label(document.blocks[block]))
        except StudyappError as exc:
            self.failed.emit("The bookmark was not saved", str(exc))
            return None
        self.reload()
        return bookmark

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self.library.remove_bookmark(item.data(BookmarkRole).id)
        except StudyappError as exc:
            self.failed.emit("The bookmark was not removed", str(exc))
        self.reload()

    def _on_list_item_chosen(self, item: QListWidgetItem) -> None:
        self.bookmark_chosen.emit(item.data(BookmarkRole).block)
