"""DocumentLoader: opens a big file off the GUI thread, a preview of its beginning first."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread, Signal

from studyapp.core.errors import StudyappError
from studyapp.core.text.importers import open_document, open_preview


class DocumentLoader(QThread):
    """Opens a big file: a preview of its beginning first, then the whole."""

    preview = Signal(object)
    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        #: Set by the window once the preview is painted; aligning the whole
        #: book meanwhile would only slow that first paint down (the GIL).
        self.preview_painted = threading.Event()

    def run(self) -> None:
        try:
            head = open_preview(self.path)
            if head is not None:
                self.preview.emit(head)
                self.preview_painted.wait(2.0)
            self.loaded.emit(open_document(self.path))
        except StudyappError as exc:
            self.failed.emit(str(exc))
