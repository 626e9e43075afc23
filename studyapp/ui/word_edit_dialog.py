"""WordEditDialog: edit a saved word's meaning, note, tags and familiarity
(from a review card). One ``VocabularyStore.update`` on OK; a failed save
says why and keeps the dialog open with what was typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from studyapp.core.errors import StudyappError
from studyapp.core.study.familiarity import IGNORED, LEVELS, level_label
from studyapp.core.study.vocabulary import VocabularyStore, WordRecord

LEVEL_CHOICES = (*LEVELS, IGNORED)


class WordEditDialog(QDialog):
    edited = Signal(object)  # the WordRecord as saved

    def __init__(self, vocabulary: VocabularyStore, record: WordRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wordEditDialog")
        self.setWindowTitle(f"Edit {record.simplified}")
        self.vocabulary = vocabulary
        self.record = record
        form = QFormLayout(self)
        heading = QLabel(f"{record.simplified}  {record.pinyin}")
        heading.setTextFormat(heading.textFormat().PlainText)
        form.addRow(heading)
        self.meaning = QPlainTextEdit("\n".join(record.definitions))
        self.meaning.setTabChangesFocus(True)
        self.note = QPlainTextEdit(record.note)
        self.note.setTabChangesFocus(True)
        self.tags = QLineEdit(" ".join(record.tags))
        self.level = QComboBox()
        self.level.addItems([level_label(level) for level in LEVEL_CHOICES])
        self.level.setCurrentIndex(LEVEL_CHOICES.index(record.familiarity))
        form.addRow("&Meaning (one per line)", self.meaning)
        form.addRow("&Note", self.note)
        form.addRow("&Tags", self.tags)
        form.addRow("&Familiarity", self.level)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.meaning.setFocus()

    def accept(self) -> None:
        definitions = [line.strip() for line in self.meaning.toPlainText().splitlines() if line.strip()]
        try:
            record = self.vocabulary.update(
                self.record.id, definitions=definitions, note=self.note.toPlainText().strip(), tags=self.tags.text(),
                familiarity=LEVEL_CHOICES[self.level.currentIndex()],
            )
        except StudyappError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "The word was not saved", str(exc), QMessageBox.StandardButton.Ok, self)
            box.setObjectName("errorBox")
            box.open()
            return
        self.edited.emit(record)
        super().accept()
