"""ReviewSettingsDialog: desired retention, new cards a day, card types, the
stability at which a word counts as known, and learning steps. Saved in the
vocabulary database (one transaction) so that the command line agrees."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from studyapp.core.errors import StudyappError
from studyapp.core.study.review.settings import CARD_TYPES, ReviewSettings, format_steps, parse_steps
from studyapp.core.study.review.store import ReviewStore


class ReviewSettingsDialog(QDialog):
    saved = Signal(object)  # ReviewSettings

    def __init__(self, reviews: ReviewStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewSettingsDialog")
        self.setWindowTitle("Review Options")
        self.reviews = reviews
        current = reviews.settings
        form = QFormLayout(self)
        self.retention = QDoubleSpinBox(decimals=2, minimum=0.70, maximum=0.99, singleStep=0.01, value=current.desired_retention)
        self.new_per_day = QSpinBox(minimum=0, maximum=9999, value=current.new_per_day)
        self.known = QDoubleSpinBox(decimals=0, minimum=1, maximum=3650, suffix=" days", value=current.known_stability)
        self.learning = QLineEdit(format_steps(current.learning_steps))
        self.relearning = QLineEdit(format_steps(current.relearning_steps))
        types = QHBoxLayout()
        self.types = {name: QCheckBox(name.capitalize() if name != "cloze" else "Sentence (cloze)") for name in CARD_TYPES}
        for name, box in self.types.items():
            box.setChecked(name in current.card_types)
            types.addWidget(box)
        form.addRow("Desired &retention", self.retention)
        form.addRow("&New cards a day", self.new_per_day)
        form.addRow("Card types", types)
        form.addRow("A word is &known when a card is remembered for", self.known)
        form.addRow("&Learning steps", self.learning)
        form.addRow("R&elearning steps", self.relearning)
        suspended = reviews.suspended_count()
        self.unsuspend = QPushButton(f"&Unsuspend all ({suspended})")
        self.unsuspend.setEnabled(suspended > 0)
        self.unsuspend.clicked.connect(self._on_unsuspend_clicked)
        form.addRow("Suspended cards", self.unsuspend)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_unsuspend_clicked(self) -> None:
        try:
            self.reviews.unsuspend_all()
        except StudyappError as exc:
            self._error(str(exc))
            return
        self.unsuspend.setText("&Unsuspend all (0)")
        self.unsuspend.setEnabled(False)
        self.saved.emit(self.reviews.settings)

    def chosen(self) -> ReviewSettings:
        """The settings as filled in; StudyappError when one is out of range."""
        return self.reviews.settings.replace(
            desired_retention=round(self.retention.value(), 2), new_per_day=self.new_per_day.value(), known_stability=float(self.known.value()),
            card_types=tuple(name for name, box in self.types.items() if box.isChecked()),
            learning_steps=parse_steps(self.learning.text()), relearning_steps=parse_steps(self.relearning.text()),
        )

    def accept(self) -> None:
        try:
            settings = self.chosen()
            self.reviews.save_settings(settings)
        except StudyappError as exc:
            self._error(str(exc))
            return
        self.saved.emit(settings)
        super().accept()

    def _error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Options not saved", message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.open()
