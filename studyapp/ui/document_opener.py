"""DocumentOpener: from a path to a Document for the window, and where the reader was.

Small files are read (or taken from the document cache) at once; big ones in
a BackgroundOp, their beginning reported first so that the window can paint
it, the rest read once that page is on screen. It also keeps the recent files
in QSettings, and reads the positions kept there before the library kept them.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from studyapp.core.errors import StudyappError
from studyapp.core.reading.document_cache import open_for_reading
from studyapp.core.text.document import Document
from studyapp.ui import settings as typed_settings
from studyapp.ui.background import BackgroundOp

MAX_RECENT = 10
BACKGROUND_OPEN_BYTES = 1_000_000


class DocumentOpener(QObject):
    previewed = Signal(object)  # Document: the beginning of a big file, to show until the whole is read
    opened = Signal(object)  # Document
    failed = Signal(str)  # why the file cannot be opened
    reading = Signal(str)  # the name of a big file being read in the background

    def __init__(self, settings: QSettings, position_of: Callable[[str], int], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._position_of = position_of  # where the reader was in a document (to preview only what reaches it)
        self._loads: list[tuple[BackgroundOp[Document], threading.Event]] = []

    @property
    def busy(self) -> bool:
        return bool(self._loads)

    def open(self, path: str | Path) -> bool:
        """Open ``path`` (False if it cannot be read; ``failed`` says why)."""
        from studyapp.core.text.importers import text_size  # the importers and aligner: not needed to reopen from the cache

        path = str(path)
        if text_size(path) > BACKGROUND_OPEN_BYTES:
            self._open_in_background(path)
            return True
        try:
            document = open_for_reading(path)
        except StudyappError as exc:
            self.failed.emit(str(exc))
            return False
        self._on_loaded(document, path)
        return True

    def open_pair(self, english: str | Path, chinese: str | Path) -> bool:
        """Open a text whose English and Chinese are two files, through the pair file
        that names them (see :mod:`studyapp.core.text.importers.pair_file`)."""
        from studyapp.core.text.importers.pair_file import write_pair

        try:
            pair = write_pair(english, chinese)
        except StudyappError as exc:
            self.failed.emit(str(exc))
            return False
        return self.open(pair)

    def _open_in_background(self, path: str) -> None:
        shown = threading.Event()  # reading the whole book meanwhile would only slow the preview's paint (the GIL)
        position = self._position_of(path)

        def load(op: BackgroundOp[Document]) -> Document:
            def preview(head: Document) -> None:
                op.report(head)
                shown.wait(2.0)

            return open_for_reading(path, preview, position=position)

        op: BackgroundOp[Document] = BackgroundOp(self, load)
        op.on_report(self.previewed.emit).on_success(lambda document: self._on_loaded(document, path))
        op.on_failure(lambda exc: self.failed.emit(str(exc)))
        op.on_finished(lambda: self._loads.remove((op, shown)))
        self._loads.append((op, shown))
        self.reading.emit(Path(path).name)
        op.start()

    def preview_shown(self) -> None:
        """The beginning is on screen: read the rest."""
        for _, shown in self._loads:
            shown.set()

    def _on_loaded(self, document: Document, path: str) -> None:
        self.remember(str(Path(path).resolve()))
        self.opened.emit(document)

    def stop(self) -> None:
        """Wait for files being read (no thread may outlive the window)."""
        for op, shown in list(self._loads):
            shown.set()
            op.wait()

    # --- recent files and positions ----------------------------------------------

    def recent_files(self) -> list[str]:
        return typed_settings.texts(self._settings, "recent/files")

    def remember(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        self._settings.setValue("recent/files", files[:MAX_RECENT])
        self._settings.setValue("recent/last", path)

    def position(self, path: str | None) -> int:
        """The block the reader was at in the document at ``path``, as versions before the
        library kept it (0 if none)."""
        return typed_settings.integer(self._settings, _position_key(path), 0) if path else 0


def _position_key(path: str) -> str:
    return "positions/" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:16]
