"""MainWindow: menus, opening documents (dialog, recent files, drag and drop)
and the error box for files that cannot be read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from studyapp.core.document import Document
from studyapp.core.errors import StudyappError
from studyapp.core.importers import open_document
from studyapp.ui.reader_view import ReaderView

MAX_RECENT = 10
FILE_FILTER = "Bilingual text (*.md *.markdown *.txt);;All files (*)"


class MainWindow(QMainWindow):
    """The application window around a ReaderView."""

    document_opened = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("studyapp")
        self.setAcceptDrops(True)
        self.reader = ReaderView(self)
        self.setCentralWidget(self.reader)
        self._recent_menu = QMenu("Open &Recent", self)
        self._build_menus()
        self._refresh_recent_menu()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)

    # --- menus ------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._on_open_action_triggered)
        file_menu.addAction(open_action)
        file_menu.addMenu(self._recent_menu)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        self.stacked_action = QAction("English &Above Chinese", self, checkable=True)
        self.stacked_action.setShortcut(QKeySequence("Ctrl+L"))
        self.stacked_action.toggled.connect(self._on_stacked_action_toggled)
        view_menu.addAction(self.stacked_action)

    def _on_open_action_triggered(self) -> None:
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open a bilingual document", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def _on_stacked_action_toggled(self, stacked: bool) -> None:
        self.reader.set_mode("stacked" if stacked else "side")

    # --- opening ------------------------------------------------------------------

    def open_path(self, path: str | Path) -> bool:
        """Open ``path`` in the reader; on failure show why and keep the current document."""
        try:
            document = open_document(path)
        except StudyappError as exc:
            self.show_error("Cannot open this document", str(exc))
            return False
        self.show_document(document)
        self._remember(str(Path(path).resolve()))
        return True

    def show_document(self, document: Document) -> None:
        self.reader.set_document(document)
        self.setWindowTitle(f"{document.title} — studyapp")
        pairs = sum(1 for b in document.blocks if b.english and b.chinese)
        self.statusBar().showMessage(f"{len(document.blocks)} blocks, {pairs} pairs, {document.chinese_length:,} Chinese characters")
        if document.path:
            self.document_opened.emit(document.path)

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("errorBox")
        box.open()

    # --- recent files ---------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self._settings.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _remember(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        self._settings.setValue("recent/files", files[:MAX_RECENT])
        self._settings.setValue("recent/last", path)
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self._recent_menu.clear()
        for path in self.recent_files():
            action = self._recent_menu.addAction(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_path(p))
        self._recent_menu.setEnabled(bool(self.recent_files()))

    # --- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
