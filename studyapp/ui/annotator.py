"""Annotator: segments and reads a document's Chinese off the GUI thread.

Work goes in batches, from the block the reader shows onwards, and only
within a window around it (AHEAD blocks after, BEHIND before): a book is
read as the learner reaches it, which keeps memory and CPU bounded; the
segmentation cache makes every later visit instant. Blocks asked for out of
turn (find) come after that window. Each batch is reported through
``annotated`` (the document read, and block index -> Annotation). The first
batch also pays for opening (or building) the dictionary index and, on a
cache miss, for starting jieba. The work runs as a BackgroundOp and never
touches widgets.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from studyapp.core.language.engine import Language
from studyapp.core.reading.annotation import Annotation
from studyapp.core.text.document import Document
from studyapp.ui.background import BackgroundOp, Gate

BATCH = 24  # read in one call: each call also writes the segmentation cache
AHEAD = 300
BEHIND = 60


class Annotator(QObject):
    """Schedules the reading of a document's blocks; ``start`` a document, ``prioritise`` a block."""

    annotated = Signal(object, object)  # Document, dict[int, Annotation]
    progress = Signal(int, int)  # blocks done, blocks with Chinese in all
    failed = Signal(str)

    def __init__(self, language: Language, gate: Gate | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._gate = gate
        self.document: Document | None = None
        self.todo: list[int] = []
        self.done: set[int] = set()
        self._requested: list[int] = []
        self._priority = 0
        self._lock = threading.Lock()
        self._ops: list[BackgroundOp[None]] = []
        self.stopped = False

    @property
    def busy(self) -> bool:
        """True while a batch is being read."""
        return any(op.is_running() for op in self._ops)

    def start(self, document: Document, first_block: int = 0) -> None:
        if self.stopped:
            return
        for op in self._ops:
            op.cancel()
        with self._lock:
            self.document = document
            self.todo = [k for k, b in enumerate(document.blocks) if b.chinese is not None]
            self.done = set()
            self._requested = []
            self._priority = first_block
        self._spawn()

    def prioritise(self, block: int) -> None:
        """The reader shows ``block`` now: work there next (restarting if idle)."""
        with self._lock:
            self._priority = block
        if not self.stopped and self.document is not None and not self.busy and self._window_open():
            self._spawn()

    def request(self, blocks: list[int]) -> None:
        """Read these blocks too, once the window around the reader is done (restarting if idle)."""
        with self._lock:
            self._requested += [k for k in blocks if k not in self.done]
        self.prioritise(self._priority)

    def next_batch(self) -> list[int]:
        with self._lock:
            start = self._priority
            ahead = [k for k in self.todo if start <= k < start + AHEAD and k not in self.done]
            behind = [k for k in reversed(self.todo) if start - BEHIND <= k < start and k not in self.done]
            batch = list(dict.fromkeys(ahead + behind + [k for k in self._requested if k not in self.done]))[:BATCH]
            self.done.update(batch)
            self._requested = [k for k in self._requested if k not in self.done]
            return batch

    def _window_open(self) -> bool:
        with self._lock:
            start = self._priority
            return bool(self._requested) or any(start - BEHIND <= k < start + AHEAD and k not in self.done for k in self.todo)

    def _spawn(self) -> None:
        document = self.document
        if document is None:
            return
        op: BackgroundOp[None] = BackgroundOp(self, lambda op: self._read(op, document), self._gate)
        op.on_report(self._on_batch_read).on_failure(self._on_failure).on_finished(lambda: self._ops.remove(op))
        self._ops.append(op)
        op.start()

    def _read(self, op: BackgroundOp[None], document: Document) -> None:
        """In the worker thread: batch after batch until the window is read or the op is cancelled."""
        while op.checkpoint():
            batch = self.next_batch()
            if not batch:
                return
            results = self.language.read_many([_chinese(document, k) for k in batch])
            op.report((document, {k: Annotation(tokens, readings) for k, (tokens, readings) in zip(batch, results)}))

    def _on_batch_read(self, read: tuple[Document, dict[int, Annotation]]) -> None:
        self.annotated.emit(*read)
        self.progress.emit(len(self.done), len(self.todo))

    def _on_failure(self, exc: Exception) -> None:
        self.failed.emit(f"Could not segment the Chinese text: {exc}")  # the reader keeps working without words

    def stop(self) -> None:
        """Stop after the current batch and wait for it (a thread must not outlive its owner).

        No new work starts afterwards.
        """
        self.stopped = True
        for op in list(self._ops):
            op.cancel()
            op.wait()

    def wait_idle(self, timeout_ms: int = 60000) -> bool:
        """Block until the work finished (tests and screenshots)."""
        return all(op.wait(timeout_ms) for op in list(self._ops))


def _chinese(document: Document, index: int) -> str:
    side = document.blocks[index].chinese
    return side.text if side is not None else ""
