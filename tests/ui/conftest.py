"""Main windows for GUI tests: an empty one (``make_window``), and one reading the
bundled sample with words on the first page (``open_sample``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.app import sample_path
from studyapp.ui.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, language, tmp_path: Path) -> WindowFactory:
    """``make(size, settings=, store=, active=)``: a shown window keeping its settings and
    vocabulary in ``tmp_path`` (two windows of one test share them); ``active`` waits
    until it has the keyboard, as shortcuts go to the active window only."""

    def make(size: tuple[int, int] = (1000, 700), settings: QSettings | None = None,
             store: VocabularyStore | None = None, active: bool = False) -> MainWindow:
        settings = settings or QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(settings, language, store or VocabularyStore.open(tmp_path / "vocabulary.sqlite3"))
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        if active:
            win.raise_()
            win.windowHandle().requestActivate()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
        return win

    return make


@pytest.fixture
def open_sample(qtbot, make_window: WindowFactory) -> Callable[[VocabularyStore | None], MainWindow]:
    def make(store: VocabularyStore | None = None) -> MainWindow:
        win = make_window((1300, 800), store=store, active=True)
        win.open_path(sample_path())
        blocks = win.reader.document.blocks
        qtbot.waitUntil(lambda: all(win.session.annotation(i) for i in win.reader.visible_blocks() if blocks[i].chinese), timeout=60000)
        return win

    return make
