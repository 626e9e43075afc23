"""ReviewWindow: today's cards, one at a time, with the keyboard alone.

Space or Enter shows the answer; 1-4 rate it (Again, Hard, Good, Easy; each
button shows the interval it would give); Ctrl+Z takes the last rating back;
E edits the word; R speaks it; - buries the word's cards until tomorrow, @
suspends this card; Esc closes. The window draws what its ReviewSession holds and turns each
key into one session call. All card text is plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studyapp.core.errors import StudyappError
from studyapp.core.language.pinyin_spelling import marks_from_numbered
from studyapp.core.study.review.cards import CardFace
from studyapp.core.study.review.session import ReviewSession
from studyapp.core.study.review.store import ReviewStore
from studyapp.ui.lookup_panel import ToneLabel
from studyapp.ui.reader_fonts import LATIN_FAMILIES, make_font
from studyapp.ui.reader_fonts import SIMPLIFIED_FAMILIES as CJK_FAMILIES
from studyapp.ui.sentence_view import SentenceView

if TYPE_CHECKING:
    from studyapp.ui.review_settings_dialog import ReviewSettingsDialog
    from studyapp.ui.word_edit_dialog import WordEditDialog

RATING_NAMES = ("Again", "Hard", "Good", "Easy")
TYPE_TITLES = {"recognition": "What does this word mean?", "recall": "Which word is this?", "cloze": "Which word fits?"}


def _label(font_size: float = 13.0, cjk: bool = False, name: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    label.setFont(make_font(CJK_FAMILIES if cjk else LATIN_FAMILIES, font_size))
    label.setObjectName(name)
    return label


class ReviewWindow(QWidget):
    """The review of today's queue; ``reviewed`` fires after every change to it."""

    reviewed = Signal()  # a rating, an undo, a bury, a suspension or an edit

    def __init__(self, reviews: ReviewStore, speaker=None, fuzz: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewWindow")
        self.setWindowTitle("Review — studyapp")
        self.reviews = reviews
        self.speaker = speaker
        self.session = ReviewSession(reviews, fuzz=fuzz)
        self._build()
        self._shortcuts()
        self.resize(720, 620)
        self.show_current()

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        self.counts = _label(11, name="reviewCounts")
        self.prompt_title = _label(11, name="promptTitle")
        self.prompt = _label(30, cjk=True, name="prompt")
        self.hint = _label(13, name="hint")
        self.rule = QFrame(frameShape=QFrame.Shape.HLine)
        self.word = _label(30, cjk=True, name="answerWord")
        self.pinyin = ToneLabel([], 16)
        self.meaning = _label(14, name="meaning")
        self.sentence = SentenceView()
        self.english = _label(12, name="english")
        self.note = _label(11, name="note")
        self.done = _label(15, name="doneMessage")
        front: tuple[QWidget, ...] = (self.counts, self.prompt_title, self.prompt, self.hint, self.rule, self.word)
        back: tuple[QWidget, ...] = (self.meaning, self.sentence, self.english, self.note, self.done)
        for widget in front:
            column.addWidget(widget)
        column.addWidget(self.pinyin, 0, Qt.AlignmentFlag.AlignHCenter)
        for widget in back:
            column.addWidget(widget)
        column.addStretch(1)
        column.addLayout(self._rating_row())
        column.addLayout(self._tool_row())

    def _rating_row(self) -> QHBoxLayout:
        """Show Answer, or the four ratings with their intervals."""
        self.show_button = QPushButton("Show Answer  (Space)")
        self.rating_buttons = [QPushButton() for _ in RATING_NAMES]
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        for rating, button in enumerate(self.rating_buttons, 1):
            button.clicked.connect(lambda checked=False, r=rating: self.rate(r))
            buttons.addWidget(button)
        self.show_button.clicked.connect(self.reveal)
        for button in (self.show_button, *self.rating_buttons):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and Enter belong to the card, not to a focused button
        return buttons

    def _tool_row(self) -> QHBoxLayout:
        tools = QHBoxLayout()
        self.undo_button = QPushButton("Undo  (Ctrl+Z)")
        self.edit_button = QPushButton("Edit Word  (E)")
        self.speak_button = QPushButton("Speak  (R)")
        self.bury_button = QPushButton("Bury  (-)")
        self.suspend_button = QPushButton("Suspend  (@)")
        self.options_button = QPushButton("Options…")
        for button, slot in ((self.undo_button, self.undo), (self.edit_button, self.edit_word), (self.speak_button, self.speak),
                             (self.bury_button, self.bury), (self.suspend_button, self.suspend), (self.options_button, self.show_options)):
            button.clicked.connect(slot)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tools.addWidget(button)
        self.speak_button.setVisible(self.speaker is not None and self.speaker.available)
        return tools

    def _shortcuts(self) -> None:
        keys: list[tuple[QKeySequence | QKeySequence.StandardKey | str, Callable[[], object]]] = [
            ("Space", self.reveal), ("Return", self.reveal), ("Enter", self.reveal), (QKeySequence.StandardKey.Undo, self.undo),
            ("E", self.edit_word), ("R", self.speak), ("-", self.bury), ("@", self.suspend), ("Esc", self.close),
        ]
        keys += [(str(rating), partial(self.rate, rating)) for rating in range(1, 5)]
        self._keys = []
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
            self._keys.append(shortcut)

    # --- showing --------------------------------------------------------------

    def show_current(self) -> None:
        """Draw the session's card (front, or front and back) and the counts."""
        session = self.session
        new, learning, review = session.counts()
        self.counts.setText(f"New {new}   ·   Learning {learning}   ·   Review {review}")
        face = session.face
        has_card = face is not None
        self.done.setVisible(not has_card)
        if not has_card:
            waiting = self.reviews.new_cards_waiting()
            self.done.setText("Nothing more to review today." + (f" {waiting} new cards are waiting for the next days (Options sets how many a day)." if waiting else ""))
        self._show_front(face)
        self._show_back(face if has_card and session.revealed else None)
        self.show_button.setVisible(has_card and not session.revealed)
        labels = session.interval_labels() if has_card and session.revealed else {}
        for rating, button in enumerate(self.rating_buttons, 1):
            button.setVisible(bool(labels))
            button.setText(f"{RATING_NAMES[rating - 1]}  {labels.get(rating, '')}\n({rating})")
        self.undo_button.setEnabled(session.can_undo)
        for button in (self.edit_button, self.bury_button, self.suspend_button, self.speak_button):
            button.setEnabled(has_card)

    def _show_front(self, face: CardFace | None) -> None:
        for widget in (self.prompt_title, self.prompt, self.hint):
            widget.setVisible(face is not None)
        if face is None:
            return
        self.prompt_title.setText(TYPE_TITLES[face.type])
        if face.type == "recognition":
            self.prompt.setText(face.word + (f"  ({face.traditional})" if face.traditional else ""))
            self.hint.setText("")
        elif face.type == "recall":
            self.prompt.setText("; ".join(face.senses[:4]))
            self.hint.setText(face.english)
        else:
            self.prompt.setText(face.cloze)
            self.hint.setText(face.english)
        self.prompt.setFont(make_font(CJK_FAMILIES, 30 if face.type == "recognition" else 20))
        self.hint.setVisible(bool(self.hint.text()))

    def _show_back(self, face: CardFace | None) -> None:
        shown = face is not None
        for widget in (self.rule, self.word, self.pinyin, self.meaning, self.sentence, self.english, self.note):
            widget.setVisible(shown)
        if face is None:
            return
        self.word.setText(face.word + (f"  ({face.traditional})" if face.traditional else ""))
        self.word.setVisible(face.type != "recognition")  # its front shows the word already
        self.pinyin.set_syllables([marks_from_numbered(s) for s in face.pinyin.split()])
        self.meaning.setText("; ".join(face.meaning))
        self.sentence.set_sentence(face.sentence, face.sentence_pinyin, face.word_span)
        self.sentence.setVisible(bool(face.sentence))
        self.english.setText(face.english if face.type == "recognition" else "")
        self.english.setVisible(bool(self.english.text()))
        self.note.setText(face.note + (f"\n— {face.source}" if face.source else ""))
        self.note.setVisible(bool(self.note.text().strip()))

    # --- actions --------------------------------------------------------------

    def reveal(self) -> None:
        self.session.reveal()
        self.show_current()

    def rate(self, rating: int) -> None:
        if not self.session.revealed:
            return
        self._act(lambda: self.session.rate(rating))

    def undo(self) -> None:
        self._act(self.session.undo)

    def bury(self) -> None:
        self._act(self.session.bury)

    def suspend(self) -> None:
        self._act(self.session.suspend)

    def _act(self, action) -> None:
        try:
            action()
        except StudyappError as exc:
            self._error(str(exc))
        self.show_current()
        self.reviewed.emit()

    def speak(self) -> None:
        face = self.session.face
        if face is None or self.speaker is None or not self.speaker.available:
            return
        if self.session.revealed or face.type == "recognition":  # the front of other cards would give the word away
            self.speaker.say(face.word)

    def edit_word(self) -> WordEditDialog | None:
        from studyapp.ui.word_edit_dialog import WordEditDialog

        if self.session.current is None:
            return None
        record = self.reviews.vocabulary.get(self.session.current.word_id)
        dialog = WordEditDialog(self.reviews.vocabulary, record, self)
        dialog.edited.connect(self._on_dialog_edited)
        dialog.open()
        return dialog

    def _on_dialog_edited(self, _record: object) -> None:
        self.session.word_edited()
        self.show_current()
        self.reviewed.emit()

    def show_options(self) -> ReviewSettingsDialog:
        from studyapp.ui.review_settings_dialog import ReviewSettingsDialog

        dialog = ReviewSettingsDialog(self.reviews, self)
        dialog.saved.connect(lambda _settings: self._act(self.session.advance))
        dialog.open()
        return dialog

    def _error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Review", message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("errorBox")
        box.open()
