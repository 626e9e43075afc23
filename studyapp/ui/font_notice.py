"""FontNotice: a bar over the reader that says, once, that no installed font can
show Chinese and which package to install.

Without a CJK font Qt draws every character as a box and says nothing. The
bar appears the first time a document with Chinese is shown on such a
machine, names the font package, and goes away for good when closed.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from studyapp.ui import settings as typed_settings
from studyapp.ui.reader_fonts import has_chinese_font, missing_font_message

SETTING = "notice/no_chinese_font_closed"


class FontNotice(QFrame):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fontNotice")
        self._settings = settings
        self._checked = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), palette.color(palette.ColorRole.ToolTipBase))
        palette.setColor(self.foregroundRole(), palette.color(palette.ColorRole.ToolTipText))
        self.setPalette(palette)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        self.label = QLabel(missing_font_message())
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Do not show this again")
        close.clicked.connect(self.dismiss)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def check(self, has_chinese: bool) -> None:
        """Show the notice if the document shown has Chinese that no font can draw (once a run)."""
        if self._checked or not has_chinese:
            return
        self._checked = True
        if not has_chinese_font() and not typed_settings.flag(self._settings, SETTING, False):
            self.show()

    def dismiss(self) -> None:
        self._settings.setValue(SETTING, True)
        self.hide()
