"""Values in settings.ini the window cannot use fall back to their defaults, with a warning."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings

from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.app import initial_document, sample_path
from studyapp.ui.main_window import MainWindow

BAD_SETTINGS = """\
[view]
point_size=abc
mode=sideways
ruby=7
hide_english=maybe
tone_colours=perhaps
script=klingon
lookup_popup=2

[window]
geometry=abc

[recent]
last=@ByteArray(abc)
files=@Invalid()

[export]
format=docx
"""


def test_the_window_starts_on_a_settings_file_full_of_nonsense(qtbot, language, tmp_path: Path, caplog) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(BAD_SETTINGS, encoding="utf-8")
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    with caplog.at_level(logging.WARNING):
        window = MainWindow(settings, language, VocabularyStore.open(tmp_path / "v.sqlite3"))
        qtbot.addWidget(window)
        assert initial_document(None, settings) == sample_path()
        dialog = window.show_export_dialog()
    options = window.reader.options
    assert (options.point_size, options.mode, options.ruby, options.hide_english) == (12.0, "side", "off", False)
    assert window.view.tone_action.isChecked() and window.view.script == "original" and not window.view.popup
    assert dialog.format.currentData() == "apkg"
    warned = " ".join(record.getMessage() for record in caplog.records)
    for key in ("view/point_size", "view/mode", "view/ruby", "view/hide_english", "view/script", "window/geometry", "export/format"):
        assert key in warned


def test_a_reading_position_that_is_not_a_number_opens_at_the_start(qtbot, language, tmp_path: Path) -> None:
    from studyapp.ui.document_opener import _position_key

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(_position_key(str(sample_path())), "twelve")  # where positions were kept before the library
    window = MainWindow(settings, language, VocabularyStore.open(tmp_path / "v.sqlite3"))
    qtbot.addWidget(window)
    assert window.open_path(sample_path())
    assert window.reader.first_visible_block() == 0
