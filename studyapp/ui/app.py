"""Starting the GUI: the QApplication, settings, the learner's data, and which
document to open."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studyapp.core import paths
from studyapp.core.errors import StudyappError
from studyapp.core.language.engine import Language
from studyapp.core.reading.annotation import WordRef
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.desktop_entry import APP_ID
from studyapp.ui import settings as typed_settings
from studyapp.ui.app_icon import app_icon
from studyapp.ui.background import prefer_gui_thread
from studyapp.ui.main_window import MainWindow
from studyapp.ui.single_instance import SingleInstance
from studyapp.ui.termination import TerminationHandler

#: The longest the start waits for a first page before doing what was deferred until then.
FIRST_PAINT_WAIT_MS = 2000


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
    last = typed_settings.text(settings, "recent/last")
    if last and Path(last).is_file():
        return Path(last)
    return sample_path()


def prepare_application(app: QApplication) -> None:
    """What every window of the process shares: names (WM_CLASS, Wayland app id
    = the .desktop entry's name) and the icon of the window and its dialogs."""
    app.setApplicationName(APP_ID)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())


def build_window() -> MainWindow:
    """The window with its collaborators; raises StudyappError if the vocabulary cannot be opened."""
    settings = open_settings()
    vocabulary = VocabularyStore.open()
    window = MainWindow(settings, Language(), vocabulary)
    QTimer.singleShot(3000, lambda: _daily_backup(vocabulary))
    if vocabulary.recovered_from_damage:
        QTimer.singleShot(0, lambda: window.show_error(
            "Your vocabulary file was damaged",
            f"It could not be read, so it was moved to {vocabulary.recovered_from_damage} (nothing was deleted) "
            "and a new, empty vocabulary was started. Backups are in the backups folder beside it.",
        ))
    return window


def _daily_backup(vocabulary: VocabularyStore) -> None:
    try:
        vocabulary.rolling_backup()
    except (StudyappError, OSError) as exc:  # a backup that fails must not stop reading
        print(f"studyapp: daily backup failed: {exc}", file=sys.stderr)


def run_app(
    file: str | None = None,
    screenshot: str | None = None,
    size: tuple[int, int] = (1200, 800),
    pinyin: str | None = None,
    lookup: str | None = None,
    quit_after_paint: bool = False,
    layout_json: str | None = None,
    zoom: int | None = None,
) -> int:
    """Run the window; with ``screenshot`` (a PNG) or ``layout_json`` (the page's
    geometry, see page_geometry), render the page, write them and exit."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    prefer_gui_thread()
    prepare_application(app)
    rendering = bool(screenshot or layout_json)
    instance = None if rendering else SingleInstance(paths.data_dir())
    if instance is not None and not instance.claim() and instance.hand_over(file):
        return 0  # a studyapp already running on this data folder opens the file
    try:
        window = build_window()
    except StudyappError as exc:
        if rendering:
            raise
        QMessageBox.critical(None, "studyapp cannot start", str(exc))
        return 2
    path = initial_document(file, window._settings)
    if pinyin:
        window.reader.set_options(ruby=pinyin)
    if zoom:
        window.reader.set_options(point_size=12.0 * zoom / 100)
    if instance is None:  # rendering: a picture or the page's geometry, no event loop
        return _render(app, window, path, size, lookup, screenshot, layout_json)
    app.aboutToQuit.connect(window.stop_work)
    if quit_after_paint:  # start-up benchmark: say when the first page is on screen, then stop
        def _on_first_paint() -> None:
            print(f"first-paint {time.time():.6f}", flush=True)
            app.quit()

        window.reader.painted.connect(_on_first_paint)
    window.show()
    window.open_path(path)
    return _run_window(app, window, instance)


def _run_window(app: QApplication, window: MainWindow, instance: SingleInstance) -> int:
    """The event loop, serving later starts (they hand their file over) and
    closing the window properly on SIGTERM or SIGINT."""
    if not instance.claimed:
        print("studyapp: another studyapp on this data folder did not answer; opening a second window", file=sys.stderr)
    else:  # a later start keeps knocking for HAND_OVER_SECONDS, so serving can wait for the first page
        after_first_paint(window, lambda: _serve(instance, window))
    termination = TerminationHandler(window)
    try:
        return app.exec()
    finally:
        termination.uninstall()
        instance.release()


def _serve(instance: SingleInstance, window: MainWindow) -> None:
    if instance.listen():
        instance.serve(window, window.open_path)
    else:
        print(f"studyapp: files opened later will start another window (cannot listen on {instance.name})", file=sys.stderr)


def after_first_paint(window: MainWindow, work: Callable[[], None], latest_ms: int = FIRST_PAINT_WAIT_MS) -> None:
    """Run ``work`` once, when the reader has painted its first page (or after
    ``latest_ms``, if nothing is painted: a minimised window, an empty reader)."""
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            window.reader.painted.disconnect(once)
            QTimer.singleShot(0, work)  # after the paint has reached the screen

    window.reader.painted.connect(once)
    QTimer.singleShot(latest_ms, window, once)


def _render(app: QApplication, window: MainWindow, path: Path, size: tuple[int, int], lookup: str | None,
            screenshot: str | None, layout_json: str | None) -> int:
    """Show ``path`` in a window of ``size`` (its words read, ``lookup`` looked up), then
    write a screenshot and/or the page's geometry."""
    from studyapp.core.text.importers import open_document

    window.resize(*size)
    window.show()
    window.show_document(open_document(path))  # errors reach the CLI as one line
    window._start_annotation()
    window.annotator.wait_idle()
    app.processEvents()
    if lookup:
        if not _look_up_on_page(window, lookup):
            window.stop_work()
            raise StudyappError(f"{lookup} is not a word on the first page of {path.name}")
    app.processEvents()
    try:
        if screenshot and not _grab_with_popup(window).save(screenshot):
            raise StudyappError(f"Cannot write the screenshot to {screenshot}")
        if layout_json:
            _write_layout_json(window, Path(layout_json))
    finally:
        window.stop_work()
    return 0


def _grab_with_popup(window: MainWindow):
    """The window as a picture, with the lookup popup drawn where it is shown."""
    from PySide6.QtGui import QPainter

    picture = window.grab()
    if window.popup.isVisible():
        painter = QPainter(picture)
        painter.drawPixmap(window.mapFromGlobal(window.popup.pos()), window.popup.grab())
        painter.end()
    return picture


def _look_up_on_page(window: MainWindow, word: str) -> bool:
    """Select and look up the first ``word`` on the page, as a click would; False if it is not there."""
    for index in window.reader.visible_blocks():
        annotation = window.session.annotation(index)
        found = next((k for k, t in enumerate(annotation.tokens) if t.text == word), None) if annotation else None
        if found is not None:
            ref = WordRef(index, found)
            window.reader.select(ref)
            window.reader.word_activated.emit(ref)
            return True
    return False


def _write_layout_json(window: MainWindow, out: Path) -> None:
    import json

    from studyapp.core.study.export import write_atomically
    from studyapp.ui.page_geometry import page_geometry

    reader = window.reader
    if reader.reader_layout is None:
        raise StudyappError("Nothing is shown: no document")
    geometry = page_geometry(reader.reader_layout, reader.verticalScrollBar().value(), reader.viewport().height())
    text = json.dumps(geometry, ensure_ascii=False, indent=1)
    write_atomically(out, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
