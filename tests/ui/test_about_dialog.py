"""Help > About: version, licence, CC-CEDICT's attribution and the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel

from studyapp import __version__
from studyapp.ui.about_dialog import AboutDialog


class UrlCatcher(QObject):
    """Receives the URLs Qt would hand to the desktop (QDesktopServices.setUrlHandler)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def about_from_menu(window) -> AboutDialog:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&About studyapp").trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def visible_text(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_help_about_shows_version_licence_attribution_and_data_folder(qtbot, open_sample, studyapp_home: Path) -> None:
    dialog = about_from_menu(open_sample())
    text = visible_text(dialog)
    assert f"studyapp {__version__}" in text
    assert "GPL-3.0-or-later" in text
    assert "CC-CEDICT" in text and "MDBG" in text and "Attribution-ShareAlike 4.0" in text
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/"' in text
    folder = dialog.findChild(QLabel, "dataFolderLabel")
    assert folder.text() == str(studyapp_home / "data")
    assert not dialog.findChild(QLabel, "iconLabel").pixmap().isNull()
    dialog.close()


def test_open_folder_hands_the_data_folder_to_the_desktop(qtbot, studyapp_home: Path) -> None:
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        dialog = AboutDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.urls] == [str(studyapp_home / "data")]
    assert (studyapp_home / "data").is_dir()


def test_a_data_folder_that_looks_like_html_is_shown_as_written(qtbot, tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "<b>bold</b> & <i>me</i>"
    monkeypatch.setenv("STUDYAPP_HOME", str(home))
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "dataFolderLabel")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == str(home / "data")
