"""Starting the GUI: the QApplication, settings, and which document to open."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from studyapp.core import paths
from studyapp.core.errors import StudyappError
from studyapp.ui.main_window import MainWindow


def sample_path() -> Path:
    """The bundled sample document."""
    return Path(str(resources.files("studyapp.resources").joinpath("sample.md")))


def open_settings() -> QSettings:
    """Settings live in an INI file beside the learner's data (STUDYAPP_HOME aware)."""
    return QSettings(str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def initial_document(requested: str | None, settings: QSettings) -> Path:
    """The file named on the command line, else the last one read, else the sample."""
    if requested:
        return Path(requested)
    last = settings.value("recent/last")
    if last and Path(str(last)).is_file():
        return Path(str(last))
    return sample_path()


def run_app(file: str | None = None, screenshot: str | None = None, size: tuple[int, int] = (1200, 800)) -> int:
    """Run the window; with ``screenshot``, render it to that PNG and exit."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("studyapp")
    app.setOrganizationName("studyapp")
    settings = open_settings()
    window = MainWindow(settings)
    path = initial_document(file, settings)
    if screenshot:
        from studyapp.core.importers import open_document

        window.resize(*size)
        window.show_document(open_document(path))  # errors reach the CLI as one line
        window.show()
        app.processEvents()
        if not window.grab().save(screenshot):
            raise StudyappError(f"Cannot write the screenshot to {screenshot}")
        return 0
    window.show()
    QTimer.singleShot(0, lambda: window.open_path(path))
    return app.exec()
