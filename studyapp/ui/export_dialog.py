"""ExportDialog: choose the words and the format, see the first card, export.

The export runs in a worker thread with a database connection of its own
(big vocabularies take seconds); errors such as an unwritable path are shown
in the dialog, and nothing is written unless the whole file could be. The
count and the first card follow every choice; typed filters (tag, document)
wait for a pause in the typing, so that a keystroke does not query the
vocabulary.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QSettings, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import StudyappError
from studyapp.core.study.export import CARD_KINDS, DEFAULT_DECK, collect_cards
from studyapp.core.study.export.formats import FORMATS, export_format
from studyapp.core.study.export.job import ExportRequest, ExportResult, export_words_apart, select_words
from studyapp.core.study.export.preview import preview_html
from studyapp.core.study.vocabulary import STATUSES, VocabularyStore
from studyapp.core.study.word_filter import WordFilter
from studyapp.ui import settings as typed_settings
from studyapp.ui.background import BackgroundOp

#: How long typing in a filter must pause before the count is taken again.
TYPING_PAUSE_MS = 300


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(self, store: VocabularyStore, settings: QSettings, selected_ids: list[int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Flashcards")
        self.store, self.settings, self.selected_ids = store, settings, selected_ids or []
        self._export: BackgroundOp[ExportResult] | None = None
        form = QFormLayout()
        self._build_output_rows(form)
        self._build_word_rows(form)
        self._build_body(form)
        self._connect()
        self.resize(760, 640)
        self.refresh()

    def _build_output_rows(self, form: QFormLayout) -> None:
        """Format, file, deck and the kinds of cards."""
        settings = self.settings
        self.format = QComboBox()
        for key, chosen in FORMATS.items():
            self.format.addItem(chosen.name, key)
        self.format.setCurrentIndex(list(FORMATS).index(typed_settings.choice(settings, "export/format", "apkg", tuple(FORMATS))))
        form.addRow("Format", self.format)
        self.output = QLineEdit(typed_settings.text(settings, "export/output", str(Path.home() / "studyapp-vocabulary.apkg")))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.output, 1)
        row.addWidget(browse)
        form.addRow("File", row)
        self.deck = QLineEdit(typed_settings.text(settings, "export/deck", DEFAULT_DECK))
        form.addRow("Deck / category", self.deck)
        cards = QHBoxLayout()
        self.card_boxes: dict[str, QCheckBox] = {}
        for kind in CARD_KINDS:
            box = QCheckBox({"recognition": "Recognition (hanzi → meaning)", "recall": "Recall (meaning → hanzi)", "cloze": "Sentence (fill the gap)"}[kind])
            box.setChecked(True)
            self.card_boxes[kind] = box
            cards.addWidget(box)
        form.addRow("Cards", cards)

    def _build_word_rows(self, form: QFormLayout) -> None:
        """Which words: all or the selected rows, filters, dates, only new ones."""
        self.scope = QComboBox()
        self.scope.addItem("All saved words", "all")
        if self.selected_ids:
            self.scope.addItem(f"The {len(self.selected_ids)} selected rows", "selected")
            self.scope.setCurrentIndex(1)
        form.addRow("Words", self.scope)
        self.status = QComboBox()
        self.status.addItems(["any status", *STATUSES])
        self.tag = QLineEdit(placeholderText="any tag")
        self.hsk = QComboBox()
        self.hsk.addItems(["any HSK level", *[f"HSK {n}" for n in range(1, 7)], "HSK 7-9"])
        self.document = QLineEdit(placeholderText="any document (path or title)")
        filters = QHBoxLayout()
        for widget in (self.status, self.tag, self.hsk, self.document):
            filters.addWidget(widget)
        form.addRow("Only", filters)
        dates = QHBoxLayout()
        self.use_dates = QCheckBox("Saved between")
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.until = QDateEdit(QDate.currentDate())
        for date_edit in (self.since, self.until):
            date_edit.setCalendarPopup(True)
        for part in (self.use_dates, self.since, QLabel("and"), self.until):
            dates.addWidget(part)
        dates.addStretch(1)
        form.addRow("", dates)
        self.only_new = QCheckBox("Only words new or changed since they were last exported")
        form.addRow("", self.only_new)

    def _build_body(self, form: QFormLayout) -> None:
        """The form, the count and the first card, progress, errors, buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.count_label = QLabel("")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote the learner's text
        layout.addWidget(self.count_label)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setMinimumHeight(220)
        layout.addWidget(self.preview, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.error_label = QLabel("")
        self.error_label.setObjectName("exportError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.refresh)
        for typed in (self.tag, self.document):
            typed.textChanged.connect(self._typing.start)
        for signal in (self.format.currentIndexChanged, self.scope.currentIndexChanged, self.status.currentIndexChanged,
                       self.hsk.currentIndexChanged, self.only_new.toggled,
                       self.use_dates.toggled, self.since.dateChanged, self.until.dateChanged, *[b.toggled for b in self.card_boxes.values()]):
            signal.connect(self.refresh)
        self.format.currentIndexChanged.connect(self._on_format_changed)

    def request(self) -> ExportRequest:
        def epoch(date: QDate, end: bool) -> int:
            return int(QDateTime(date.addDays(1) if end else date, QTime(0, 0)).toSecsSinceEpoch())

        words = WordFilter(
            status=self.status.currentText() if self.status.currentIndex() > 0 else None,
            tag=self.tag.text().strip() or None,
            hsk=self.hsk.currentIndex() or None,
            document=self.document.text().strip() or None,
            since=epoch(self.since.date(), False) if self.use_dates.isChecked() else None,
            until=epoch(self.until.date(), True) if self.use_dates.isChecked() else None,
            changed_since_export=self.only_new.isChecked(),
            word_ids=frozenset(self.selected_ids) if self.scope.currentData() == "selected" else None,
        )
        return ExportRequest(
            format=self.format.currentData(),
            output=Path(self.output.text().strip()).expanduser(),
            deck=self.deck.text().strip(),
            cards=tuple(k for k, b in self.card_boxes.items() if b.isChecked()),
            words=words,
        )

    def refresh(self) -> None:
        """Count the words chosen and preview the first card."""
        self._typing.stop()  # this count already has what was typed
        request = self.request()
        try:
            records = select_words(self.store, request)
            cards = collect_cards(records[:1], request.cards) if records else []
        except StudyappError as exc:
            self.count_label.setText(str(exc))
            self.preview.clear()
            return
        self.count_label.setText(f"{len(records)} word{'s' if len(records) != 1 else ''} will be exported")
        if cards and export_format(request.format).anki:
            self.preview.setHtml(preview_html(cards[0]))  # fields are escaped: no document text is read as HTML
        elif records:
            self.preview.setPlainText(f"{records[0].simplified}\t{records[0].pinyin}\t{'; '.join(records[0].definitions)}")
        else:
            self.preview.clear()

    def _on_format_changed(self) -> None:
        path = Path(self.output.text().strip() or "studyapp-vocabulary")
        self.output.setText(str(path.with_suffix(export_format(self.format.currentData()).suffix)))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.output.text())
        if path:
            self.output.setText(path)

    def start_export(self) -> None:
        self.error_label.setText("")
        request = self.request()
        self.export_button.setEnabled(False)
        self.progress.show()
        self._export = BackgroundOp(self, lambda op: export_words_apart(self.store, request))
        self._export.on_success(self._on_worker_done).on_failure(lambda exc: self._on_worker_failed(str(exc))).start()

    def _on_worker_done(self, result: ExportResult) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        for key, value in (("format", self.format.currentData()), ("output", self.output.text()), ("deck", self.deck.text())):
            self.settings.setValue(f"export/{key}", value)
        self.exported.emit(result)
        self.accept()

    def _on_worker_failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.error_label.setText(message)

    def wait(self) -> None:
        if self._export is not None:
            self._export.wait()
