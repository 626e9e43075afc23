"""A window reading the bundled sample, with words on the first page, for GUI tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.app import sample_path
from studyapp.ui.main_window import MainWindow


@pytest.fixture
def open_sample(qtbot, language, tmp_path: Path) -> Callable[[VocabularyStore | None], MainWindow]:
    def make(store: VocabularyStore | None = None) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(settings, language, store or VocabularyStore.open(tmp_path / "vocabulary.sqlite3"))
        qtbot.addWidget(win)
        win.resize(1300, 800)
        win.show()
        qtbot.waitExposed(win)
        win.raise_()
        win.windowHandle().requestActivate()  # shortcuts go to the active window only
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
        win.open_path(sample_path())
        blocks = win.reader.document.blocks
        qtbot.waitUntil(lambda: all(win.session.annotation(i) for i in win.reader.visible_blocks() if blocks[i].chinese), timeout=60000)
        return win

    return make
