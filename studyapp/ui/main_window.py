"""MainWindow: the reader, the lookup panel (dock or popup), menus, opening
documents (dialog, recent files, drag and drop) and saving words.

It owns the ReadingSession of the open document: each user action becomes a
call on the session or the WordController, and the reader view redraws what
the session reports changed. Slow work (aligning a big file, segmenting)
runs as BackgroundOps.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QProgressBar, QVBoxLayout, QWidget

from studyapp.core.language.engine import Language
from studyapp.core.library.store import LibraryStore
from studyapp.core.reading.annotation import Annotation, WordRef
from studyapp.core.reading.find import Hit
from studyapp.core.reading.marking import selected_item, unsaved_on_page
from studyapp.core.reading.session import ReadingSession
from studyapp.core.study.database import OpenedDatabase
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.core.text.document import Document
from studyapp.ui import settings as typed_settings
from studyapp.ui.annotator import Annotator
from studyapp.ui.background import Gate
from studyapp.ui.document_opener import DocumentOpener
from studyapp.ui.familiarity_actions import FamiliarityActions
from studyapp.ui.font_notice import FontNotice
from studyapp.ui.library_controller import LibraryController
from studyapp.ui.lookup_display import LookupDisplay, global_rect, sentence_english
from studyapp.ui.reader_view import ReaderView
from studyapp.ui.review_menu import ReviewMenu
from studyapp.ui.status_label import ElidedLabel
from studyapp.ui.view_menu import ViewMenu, add_action
from studyapp.ui.word_controller import WordController

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult
    from studyapp.ui.about_dialog import AboutDialog
    from studyapp.ui.export_dialog import ExportDialog
    from studyapp.ui.find_bar import FindBar
    from studyapp.ui.speech import Speaker
    from studyapp.ui.vocabulary_panel import VocabularyPanel

class MainWindow(QMainWindow):
    """The application window around a ReaderView."""

    document_opened = Signal(str)

    def __init__(self, settings: QSettings, language: Language, vocabulary: VocabularyStore, speaker: Speaker | None = None) -> None:
        super().__init__()
        self._settings = settings
        self.language = language
        self.vocabulary = vocabulary
        self.session = ReadingSession(language)
        self.opener = DocumentOpener(settings, self._remembered_position, self)
        self.setWindowTitle("studyapp")
        self.setAcceptDrops(True)
        self._build_reader()
        self._build_docks(speaker)
        self._build_status_bar()
        self._gate = Gate()  # held while a click is answered: background work waits
        self.annotator = Annotator(language, self._gate, self)
        self.words = WordController(self.session, language, vocabulary, self.reader.visible_blocks, self._gate, self)
        self.familiarity = FamiliarityActions(vocabulary, lambda: selected_item(self.session, language),
                                              lambda: unsaved_on_page(self.session, language, self.reader.visible_blocks()), self)
        self._library_store = LibraryStore(OpenedDatabase(vocabulary.connection, vocabulary.path))  # the same file: opened and checked once
        self.library = LibraryController(self, self._library_store, settings, self._library_visible_blocks)
        self._build_timers()
        self._build_menus()
        self._connect()
        self._refresh_recent_menu()
        self.words.refresh_marks()
        self.setMinimumSize(640, 460)
        geometry = typed_settings.data(settings, "window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = typed_settings.data(settings, "window/state")
        if state is not None:
            self.restoreState(state)  # the docks' sizes: where the splitter was left
        self.lookup.fit_to_width(self.width())

    def _build_reader(self) -> None:
        """The reader with the find bar under it, as the central widget."""
        self.reader = ReaderView(self.session)
        self._find_bar: FindBar | None = None  # built on first use
        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.font_notice = FontNotice(self._settings)
        self._column.addWidget(self.font_notice)
        self._column.addWidget(self.reader, 1)
        self.setCentralWidget(central)

    @property
    def find_bar(self) -> FindBar:
        """The find bar under the reader, made the first time it is needed."""
        if self._find_bar is None:
            from studyapp.ui.find_bar import FindBar

            bar = self._find_bar = FindBar(self._find)
            bar.hide()
            self._column.addWidget(bar)
            bar.hits_changed.connect(self.reader.set_find_hits)
            bar.current_changed.connect(lambda block, side, start, end: self.reader.scroll_to_block(block))
            bar.closed.connect(self.reader.setFocus)
            self._find_timer.timeout.connect(bar.refresh)
        return self._find_bar

    def _build_docks(self, speaker: Speaker | None) -> None:
        """The lookup panel (dock or popup) and the vocabulary list, tabbed with it."""
        self.lookup = LookupDisplay(self, speaker, look_up=self.language.lookup)
        self.panel, self.popup_panel, self.popup, self.dock = self.lookup.panel, self.lookup.popup_panel, self.lookup.popup, self.lookup.dock
        self._vocabulary_panel: VocabularyPanel | None = None  # built when first shown
        self.vocabulary_dock = QDockWidget("Vocabulary", self)
        self.vocabulary_dock.setObjectName("vocabularyDock")
        self.vocabulary_dock.visibilityChanged.connect(self._on_vocabulary_dock_visibility_changed)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.vocabulary_dock)
        self.tabifyDockWidget(self.dock, self.vocabulary_dock)
        self.dock.raise_()

    @property
    def vocabulary_panel(self) -> VocabularyPanel:
        """The vocabulary list, built the first time it is shown or asked for: a big
        vocabulary takes a while to load, and the first page must not wait for it."""
        return self._build_vocabulary_panel()

    def _build_vocabulary_panel(self) -> VocabularyPanel:
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
            self._build_vocabulary_panel()

    def _build_status_bar(self) -> None:
        """Coverage figures and a progress bar for background work."""
        self.coverage_label = ElidedLabel("")
        self.coverage_label.setObjectName("coverageLabel")
        self.statusBar().addWidget(self.coverage_label, 1)  # a passing message covers it for a while
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
        self._find_timer = QTimer(self, singleShot=True, interval=300)

    # --- wiring -----------------------------------------------------------------

    def _connect(self) -> None:
        self.opener.reading.connect(self._on_opener_reading)
        self.opener.previewed.connect(self._on_opener_previewed)
        self.opener.opened.connect(self._on_opener_opened)
        self.opener.failed.connect(self._on_opener_failed)
        self.reader.word_activated.connect(self.words.activate)
        self.reader.english_clicked.connect(self.words.english_clicked)
        self.words.looked_up.connect(self._on_words_looked_up)
        self.words.reverse_looked_up.connect(self.lookup.show_english_word)
        self.words.saved.connect(self._on_words_saved)
        self.words.status.connect(self.notify)
        self.words.failed.connect(self.show_error)
        self.words.coverage.connect(self.coverage_label.setText)
        self.words.reveal_requested.connect(self._on_words_reveal_requested)
        self.reader.painted.connect(self._on_reader_painted)
        self.reader.layout_changed.connect(lambda: self.lookup.set_zoom(self.reader.options.point_size / 12.0))
        self.reader.escape_pressed.connect(self._on_reader_escape_pressed)

        self.reader.position_changed.connect(self._on_reader_position_changed)
        self.reader.position_changed.connect(self.library.position_changed)
        self.library.open_requested.connect(self.open_path)
        self.library.block_requested.connect(self.reader.scroll_to_block)
        self.library.failed.connect(self.show_error)
        self.library.status.connect(self.notify)
        self.words.coverage_measured.connect(self.library.coverage_measured)
        self.words.looked_up.connect(lambda ref, *_: self.library.word_looked_up(ref.block))
        self.lookup.save_requested.connect(lambda: self.words.save_current())
        self.familiarity.changed.connect(self._on_vocabulary_changed)
        self.familiarity.status.connect(self.notify)
        self.familiarity.failed.connect(self.show_error)
        self.annotator.annotated.connect(self._on_annotator_annotated)
        self.annotator.progress.connect(self._on_annotator_progress)
        self.annotator.failed.connect(lambda message: self.statusBar().showMessage(message))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._recent_menu = QMenu("Open &Recent", self)
        file_menu = bar.addMenu("&File")
        add_action(file_menu, self, "&Open…", self._on_open_action_triggered, QKeySequence.StandardKey.Open)
        add_action(file_menu, self, "Open &Two Files…", self._on_open_two_action_triggered, "Ctrl+Shift+O")
        file_menu.addMenu(self._recent_menu)
        self.library.add_file_actions(file_menu)
        self.library.attach_recent_menu(self._recent_menu)
        file_menu.addSeparator()
        add_action(file_menu, self, "&Export Flashcards…", self.show_export_dialog, "Ctrl+E")
        file_menu.addSeparator()
        add_action(file_menu, self, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view_menu = bar.addMenu("&View")
        self.view = ViewMenu(self, view_menu, self._settings, self.reader, self.session, self.lookup.panels, self.dock)
        add_action(view_menu, self, "&Find…", lambda: self.find_bar.open_bar(), QKeySequence.StandardKey.Find)
        self.library.add_view_actions(view_menu)
        words = bar.addMenu("&Words")
        add_action(words, self, "&Vocabulary List", self._show_vocabulary, "Ctrl+Shift+V")
        add_action(words, self, "&Save Word", lambda: self.words.save_current(), "S")
        add_action(words, self, "Mark as &Known", lambda: self.words.mark_known(), "K")
        self.familiarity.add_actions(words, self, self.reader)
        self.review_menu = ReviewMenu(self, words, self.vocabulary, lambda: self.lookup.speaker, self.session)
        self.review_menu.reviewed.connect(self._on_vocabulary_changed)
        QTimer.singleShot(300, self.review_menu.recount)  # after the first page is drawn
        help_menu = bar.addMenu("&Help")
        add_action(help_menu, self, "&About studyapp", self.show_about)

    def _on_vocabulary_changed(self) -> None:
        """Words saved, levels changed or cards reviewed: marks, the list and the due count follow."""
        self.words.refresh_marks()
        if self._vocabulary_panel is not None:
            self._vocabulary_panel.reload()
        self.review_menu.recount()

    def _show_vocabulary(self) -> None:
        self.vocabulary_dock.show()
        self.vocabulary_dock.raise_()

    # --- opening ------------------------------------------------------------------

    def _on_open_action_triggered(self) -> None:
        from studyapp.ui.open_dialogs import ask_document

        path = ask_document(self, self._open_folder())
        if path:
            self.open_path(path)

    def _on_open_two_action_triggered(self) -> None:
        from studyapp.ui.open_dialogs import ask_two_files

        chosen = ask_two_files(self, self._open_folder())
        if chosen:
            self.open_pair(*chosen)

    def _open_folder(self) -> str:
        """Where the file dialogs start: the folder of the last document, else home."""
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def open_path(self, path: str | Path) -> bool:
        """Open ``path``; big files load in the background. On failure say why and keep the current document."""
        return self.opener.open(path)

    def open_pair(self, english: str | Path, chinese: str | Path) -> bool:
        """Open a text whose English and Chinese are two files (see :meth:`DocumentOpener.open_pair`)."""
        return self.opener.open_pair(english, chinese)

    def _on_opener_reading(self, name: str) -> None:
        self.statusBar().showMessage(f"Opening {name}…")
        self.progress.setRange(0, 0)
        self.progress.show()

    def _on_opener_previewed(self, head: Document) -> None:
        def on_painted() -> None:
            self.opener.preview_shown()
            self.reader.painted.disconnect(on_painted)

        self.reader.painted.connect(on_painted)
        self.show_document(head)

    def _on_opener_opened(self, document: Document) -> None:
        self.progress.hide()
        self.show_document(document)
        self._refresh_recent_menu()

    def _on_opener_failed(self, message: str) -> None:
        self.progress.hide()
        self.show_error("Cannot open this document", message)

    def show_document(self, document: Document) -> None:
        """Show ``document`` at the remembered position (or where its preview was)."""
        self.library.record_position()  # of the document being left
        self.words.reset()
        follows_preview = self.session.continues_preview(document)
        position = self.reader.first_visible_block() if follows_preview else self._remembered_position(document.path)
        self.session.open(document)
        self.font_notice.check(document.chinese_length > 0)
        self.setWindowTitle(f"{document.title} — studyapp")
        if document.complete:
            pairs = sum(1 for b in document.blocks if b.english and b.chinese)
            self.notify(f"{len(document.blocks)} blocks, {pairs} pairs, {document.chinese_length:,} Chinese characters")
        else:
            self.statusBar().showMessage("Showing the beginning while the rest is aligned…")
        if 0 < position < len(document.blocks):
            self.reader.scroll_to_block(position)
        self.session.annotate_cached(self.reader.visible_blocks())  # the first page's words, if cached (no jieba)
        self.library.show(document)
        # The worker starts once the first page is painted, so it does not slow that paint down.
        self._pending_annotation = document
        self._annotation_timer.start()
        if self._find_bar is not None:
            self._find_bar.refresh()
        if document.path:
            self.document_opened.emit(document.path)

    def _library_visible_blocks(self) -> list[int]:
        """The blocks on screen, while the library follows the document shown (not while one replaces another)."""
        return self.reader.visible_blocks() if self.library.document is self.session.document else []

    def _remembered_position(self, path: str | None) -> int:
        """Where the reader was in the document at ``path``: from the library, else where
        a version without the library kept it."""
        entry = self._library_store.entry(path) if path else None
        return entry.position if entry is not None else self.opener.position(path)

    def notify(self, message: str) -> None:
        """A passing message in the status bar (it gives the coverage figures back after a while)."""
        self.statusBar().showMessage(message, 8000)

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
        dialog.exported.connect(lambda result: self.notify(f"Exported {result.summary()} to {result.path}"))
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        from studyapp.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.open()
        return dialog

    # --- reading position -------------------------------------------------------

    def _on_reader_position_changed(self, block: int) -> None:
        self._gate.hold()  # background work waits while the learner scrolls
        self.annotator.prioritise(block)
        self._coverage_timer.start()

    def _on_coverage_timer_timeout(self) -> None:
        self.words.update_coverage()
        self.words.prefetch_links(self.reader.visible_blocks())

    def _store_position(self) -> None:
        self.library.record_position()

    # --- annotation -------------------------------------------------------------------

    def _on_reader_painted(self) -> None:
        if self._pending_annotation is not None or self.lookup.speaker is None:  # once this paint is on screen
            QTimer.singleShot(0, self._start_annotation)

    def _start_annotation(self) -> None:
        if self.lookup.speaker is None:
            QTimer.singleShot(0, self.lookup.probe_speech)
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
        if self._find_bar is not None and self._find_bar.isVisible():
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
        viewport = self.reader.viewport()
        self.lookup.show_word(result, reading, is_name, saved, self.lookup.in_popup(self.view.popup),
                              lambda: global_rect(self.reader.word_rect(ref), viewport), sentence_english(self.session))

    def _on_words_saved(self, result: LookupResult) -> None:
        if self._vocabulary_panel is not None:
            self._vocabulary_panel.reload()
        self.lookup.mark_saved(result)
        self.review_menu.recount()

    def _on_words_reveal_requested(self, block: int, ref: WordRef | None) -> None:
        self.reader.scroll_to_block(block)
        if ref is not None:
            self.reader.select(ref)

    def _on_reader_escape_pressed(self) -> None:
        self.lookup.hide_popup()
        self.words.escape()

    def save_current_word(self, status: str = "new") -> None:
        self.words.save_current(status)

    # --- recent files ---------------------------------------------------------------

    def recent_files(self) -> list[str]:
        return self.opener.recent_files()

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.lookup.fit_to_width(event.size().width())

    def closeEvent(self, event: QCloseEvent) -> None:
        self._store_position()
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.sync()
        self.stop_work()
        super().closeEvent(event)

    def stop_work(self) -> None:
        """Stop the background work and wait for it (no thread may outlive the window)."""
        for timer in (self._annotation_timer, self._coverage_timer, self._find_timer):
            timer.stop()  # a timer firing later would start work again
        self._pending_annotation = None
        self.annotator.stop()
        self.words.stop()
        self.opener.stop()
