"""LibraryController: the window's way around documents — the Contents dock
(contents and bookmarks), reading progress in the status bar and the
recent-files menu, the Library window, and File > Paste as New Document.

The window hands it each document it shows; the controller records the
opening, position, progress and coverage in the LibraryStore and asks the
window, by signals, to open a file (``open_requested``) or go to a block
(``block_requested``). Its state lives in core (LibraryStore, contents);
this class only wires widgets to it. The Contents dock's panels are made when
the dock is first shown or asked for: a window that starts with the dock
closed does not build them for its first page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QTabWidget

from studyapp.core.errors import StudyappError
from studyapp.core.library.contents import reading_progress
from studyapp.core.library.pasted import FOLDER as PASTED_FOLDER
from studyapp.core.library.pasted import save_pasted_text
from studyapp.core.library.store import LibraryStore, document_key
from studyapp.core.text.document import Document
from studyapp.ui import settings as typed_settings
from studyapp.ui.view_menu import add_action

if TYPE_CHECKING:
    from studyapp.ui.bookmarks_panel import BookmarksPanel
    from studyapp.ui.contents_panel import ContentsPanel
    from studyapp.ui.library_window import LibraryWindow

PASTE_SHORTCUT = "Ctrl+Alt+V"  # Ctrl+Shift+V is the vocabulary list
LIBRARY_SHORTCUT = "Ctrl+Shift+L"
CONTENTS_SHORTCUT = "Ctrl+T"
BOOKMARK_SHORTCUT = "Ctrl+D"


class LibraryController(QObject):
    open_requested = Signal(str)  # a path the window should open
    block_requested = Signal(int)  # a block the reader should scroll to
    failed = Signal(str, str)  # title, message
    status = Signal(str)

    def __init__(self, window: QMainWindow, library: LibraryStore, settings: QSettings,
                 visible_blocks: Callable[[], Sequence[int]]) -> None:
        super().__init__(window)
        self.window, self.library, self.settings = window, library, settings
        self.visible_blocks = visible_blocks
        self.document: Document | None = None
        self._coverage: float | None = None
        self.library_window: LibraryWindow | None = None  # made when first shown
        self._panels: tuple[QTabWidget, ContentsPanel, BookmarksPanel] | None = None  # made when first shown
        self.dock = QDockWidget("Contents", window)
        self.dock.setObjectName("contentsDock")
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.setVisible(typed_settings.flag(settings, "view/contents", False))
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("progressLabel")
        window.statusBar().addPermanentWidget(self.progress_label)
        self._record_timer = QTimer(self, singleShot=True, interval=400)
        self._record_timer.timeout.connect(self.record_position)

    # --- the Contents dock -----------------------------------------------------------

    @property
    def tabs(self) -> QTabWidget:
        return self._build_panels()[0]

    @property
    def contents(self) -> ContentsPanel:
        return self._build_panels()[1]

    @property
    def bookmarks(self) -> BookmarksPanel:
        return self._build_panels()[2]

    def _build_panels(self) -> tuple[QTabWidget, ContentsPanel, BookmarksPanel]:
        """The dock's Contents and Bookmarks tabs, showing the document shown."""
        if self._panels is None:
            from studyapp.ui.bookmarks_panel import BookmarksPanel
            from studyapp.ui.contents_panel import ContentsPanel

            contents, bookmarks, tabs = ContentsPanel(), BookmarksPanel(self.library), QTabWidget()
            tabs.addTab(contents, "Contents")
            tabs.addTab(bookmarks, "Bookmarks")
            self._panels = (tabs, contents, bookmarks)
            contents.entry_chosen.connect(self.block_requested)
            bookmarks.bookmark_chosen.connect(self.block_requested)
            bookmarks.add_requested.connect(self.add_bookmark)
            bookmarks.failed.connect(self.failed)
            if self.document is not None:
                contents.set_document(self.document)
                bookmarks.set_document(self.document)
                visible = list(self.visible_blocks())
                if visible:
                    contents.follow(visible[0])
            self.dock.setWidget(tabs)
        return self._panels

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._build_panels()

    # --- menus ----------------------------------------------------------------------

    def add_file_actions(self, menu: QMenu, before: QAction | None = None) -> None:
        """File > Paste as New Document and Library…"""
        actions = [
            add_action(menu, self.window, "&Paste as New Document", self.paste_document, PASTE_SHORTCUT),
            add_action(menu, self.window, "&Library…", self.show_library, LIBRARY_SHORTCUT),
        ]
        if before is not None:
            for action in actions:
                menu.removeAction(action)
                menu.insertAction(before, action)

    def add_view_actions(self, menu: QMenu) -> None:
        """View > Contents, Bookmarks, Add Bookmark."""
        menu.addSeparator()
        add_action(menu, self.window, "&Contents", lambda: self.show_tab(self.contents), CONTENTS_SHORTCUT)
        add_action(menu, self.window, "&Bookmarks", lambda: self.show_tab(self.bookmarks))
        add_action(menu, self.window, "Add &Bookmark", self.add_bookmark, BOOKMARK_SHORTCUT)

    def attach_recent_menu(self, menu: QMenu) -> None:
        """Each recent file is listed with how much of it has been read."""
        menu.aboutToShow.connect(lambda: self._label_recent(menu))

    def _label_recent(self, menu: QMenu) -> None:
        for action in menu.actions():
            path = action.data() or action.text()
            action.setData(path)
            action.setText(self.recent_label(path).replace("&", "&&"))

    def recent_label(self, path: str) -> str:
        entry = self.library.entry(path)
        return f"{path}  ({entry.progress:.0%} read)" if entry is not None and entry.progress > 0 else path

    def show_tab(self, widget) -> None:
        self.dock.show()
        self.dock.raise_()
        self.tabs.setCurrentWidget(widget)
        self.settings.setValue("view/contents", "true")

    # --- the document shown ---------------------------------------------------------

    def show(self, document: Document) -> None:
        """The window now shows ``document`` (a preview, or the whole); call
        :meth:`record_position` before the reader leaves the previous one."""
        if document is not self.document:
            self._coverage = None
        self.document = document
        if document.complete and document.path and Path(document.path).exists():
            from studyapp.core.text.importers import source_size  # (light, but not needed before a document is shown)

            try:
                self.library.record_opened(document, max(source_size(document.path), 0), pasted=_is_pasted(document.path))
            except StudyappError as exc:
                self.status.emit(str(exc))
        if self._panels is not None:
            self.contents.set_document(document)
            self.bookmarks.set_document(document)
        self.update_progress()

    def position_changed(self, block: int) -> None:
        """The reader scrolled: follow in the contents, show the progress, record it soon."""
        if self._panels is not None:
            self.contents.follow(block)
        self.update_progress()
        self._record_timer.start()

    def word_looked_up(self, block: int) -> None:
        """A word of ``block`` was looked up: say when its subtitle cue is on screen."""
        document = self.document
        time = document.blocks[block].time if document is not None and 0 <= block < len(document.blocks) else None
        if time is not None:
            self.status.emit(f"On screen {time.interval}")

    def update_progress(self) -> None:
        document = self.document
        visible = list(self.visible_blocks())
        if document is None or not visible or not document.complete:
            self.progress_label.setText("")
            return
        share = reading_progress(document, visible[-1])
        cue = next((document.blocks[k].time for k in visible if document.blocks[k].time), None)
        self.progress_label.setText((f"{cue} · " if cue else "") + f"{share:.0%} read")

    def record_position(self) -> None:
        """Where the reader is in the document, the share read and the words known, into the library."""
        self._record_timer.stop()
        document, visible = self.document, list(self.visible_blocks())
        if document is None or not document.complete or not document.path or not visible:
            return
        try:
            self.library.record_position(document.path, visible[0], reading_progress(document, visible[-1]))
            if self._coverage is not None:
                self.library.record_coverage(document.path, self._coverage)
        except StudyappError as exc:
            self.status.emit(str(exc))

    def coverage_measured(self, known: int, words: int) -> None:
        """The share of the words read so far that are known (recorded with the position)."""
        if self.document is not None and self.document.complete and words:
            self._coverage = known / words
            self._record_timer.start()

    def remembered_position(self, document: Document) -> int | None:
        entry = self.library.entry(document.path) if document.path else None
        return entry.position if entry is not None else None

    # --- actions ---------------------------------------------------------------------

    def add_bookmark(self) -> None:
        visible = list(self.visible_blocks())
        if self.document is None or not visible:
            return
        bookmark = self.bookmarks.add(visible[0])
        if bookmark is not None:
            self.status.emit(f"Bookmarked: {bookmark.label}")

    def paste_document(self) -> None:
        """The clipboard's text as a new document, saved so it reopens."""
        try:
            path = save_pasted_text(QGuiApplication.clipboard().text())
        except StudyappError as exc:
            self.failed.emit("Cannot open the pasted text", str(exc))
            return
        self.open_requested.emit(str(path))

    def show_library(self) -> LibraryWindow:
        from studyapp.ui.library_window import LibraryWindow

        if self.library_window is None:
            self.library_window = LibraryWindow(self.library, self.window)
            self.library_window.document_chosen.connect(self.open_requested)
            self.library_window.failed.connect(self.failed)
        self.record_position()
        self.library_window.reload()
        self.library_window.show()
        self.library_window.raise_()
        return self.library_window


def _is_pasted(path: str) -> bool:
    from studyapp.core import paths

    return Path(document_key(path)).parent == Path(document_key(paths.data_dir(create=False) / PASTED_FOLDER))
