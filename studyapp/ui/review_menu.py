"""The review entries of the Words menu and the due count in the status bar.

Words > Review (Ctrl+R) opens the review window, Words > Statistics (Ctrl+Shift+T)
the statistics view; Review Options… the options. The number of cards due
today is shown in the menu entry and in the status bar, counted again after
each review, after words are saved and every minute (learning cards fall due
by the minute). The windows are made once and shown again. The review store
(and the scheduler under it) loads at the first count, after the first page
is drawn: the menu entries are there from the start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from studyapp.core.errors import StudyappError
from studyapp.core.reading.session import ReadingSession
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.view_menu import add_action

if TYPE_CHECKING:  # the store and the windows load when first used
    from studyapp.core.study.review.store import ReviewStore
    from studyapp.ui.review_settings_dialog import ReviewSettingsDialog
    from studyapp.ui.review_window import ReviewWindow
    from studyapp.ui.statistics_view import StatisticsView

RECOUNT_MS = 60_000


class ReviewMenu(QObject):
    reviewed = Signal()  # cards were answered or words edited in the review window

    def __init__(self, window: QMainWindow, menu: QMenu, vocabulary: VocabularyStore, speaker: Callable[[], object],
                 session: ReadingSession) -> None:
        super().__init__(window)
        self._window = window
        self._vocabulary = vocabulary
        self._reviews: ReviewStore | None = None
        self._speaker = speaker
        self._session = session
        self.review_window: ReviewWindow | None = None
        self.statistics_view: StatisticsView | None = None
        menu.addSeparator()
        self.review_action = add_action(menu, window, "&Review", self.show_review, "Ctrl+R")
        self.statistics_action = add_action(menu, window, "S&tatistics", self.show_statistics, "Ctrl+Shift+T")
        add_action(menu, window, "Review &Options…", self.show_options)
        self.due_label = QLabel("")
        self.due_label.setObjectName("dueCount")
        window.statusBar().addPermanentWidget(self.due_label)
        self._timer = QTimer(self, interval=RECOUNT_MS)
        self._timer.timeout.connect(self.recount)
        self._timer.start()

    @property
    def reviews(self) -> ReviewStore:
        """The cards of the vocabulary, opened the first time they are counted or shown."""
        if self._reviews is None:
            from studyapp.core.study.review.store import ReviewStore

            self._reviews = ReviewStore(self._vocabulary)
        return self._reviews

    def recount(self) -> int:
        """Count today's cards again and show the count; returns it."""
        try:
            due = sum(self.reviews.queue().counts())
        except StudyappError:
            due = 0  # a busy or read-only database: show nothing rather than a wrong count
        self.review_action.setText(f"&Review ({due} due)" if due else "&Review")
        self.due_label.setText(f"{due} due" if due else "")
        return due

    def show_review(self) -> ReviewWindow:
        from studyapp.ui.review_window import ReviewWindow

        if self.review_window is None:
            self.review_window = ReviewWindow(self.reviews, speaker=self._speaker(), parent=self._window)
            self.review_window.reviewed.connect(self._on_review_window_reviewed)
        else:
            self.review_window.session.advance()
            self.review_window.show_current()
        self.review_window.show()
        self.review_window.raise_()
        self.review_window.activateWindow()
        return self.review_window

    def show_statistics(self) -> StatisticsView:
        from studyapp.ui.statistics_view import StatisticsView

        if self.statistics_view is None:
            self.statistics_view = StatisticsView(self.reviews, self._document_words, parent=self._window)
        else:
            self.statistics_view.refresh()
        self.statistics_view.show()
        self.statistics_view.raise_()
        return self.statistics_view

    def _document_words(self) -> tuple[str, list[str]] | None:
        """The open document's title and its words read so far (for its coverage)."""
        document = self._session.document
        if document is None:
            return None
        return document.title, [t.text for a in self._session.annotations.values() for t in a.tokens if t.kind == "word"]

    def show_options(self) -> ReviewSettingsDialog:
        from studyapp.ui.review_settings_dialog import ReviewSettingsDialog

        dialog = ReviewSettingsDialog(self.reviews, self._window)
        dialog.saved.connect(lambda _settings: self.recount())
        dialog.open()
        return dialog

    def _on_review_window_reviewed(self) -> None:
        self.recount()
        self.reviewed.emit()
