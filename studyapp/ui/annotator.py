"""Annotator: segments and reads a document's Chinese off the GUI thread.

Work goes in batches, from the block the reader shows onwards, and only
within a window around it (AHEAD blocks after, BEHIND before): a book is
read as the learner reaches it, which keeps memory and CPU bounded; the
segmentation cache makes every later visit instant. Each batch is reported
through ``annotated`` (block index -> Annotation). The first batch also pays
for opening (or building) the dictionary index and, on a cache miss, for
starting jieba. The worker never touches widgets.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from studyapp.core.text.document import Document
from studyapp.core.language.engine import Language
from studyapp.core.reading.annotation import Annotation

BATCH = 24
AHEAD = 300
BEHIND = 60


class _Worker(QThread):
    def __init__(self, owner: "Annotator", generation: int) -> None:
        super().__init__()
        self.owner = owner
        self.generation = generation

    def run(self) -> None:
        owner = self.owner
        try:
            while owner.generation == self.generation:
                batch = owner.next_batch()
                if not batch:
                    return
                texts = [owner.document.blocks[k].chinese.text for k in batch]
                results = owner.language.read_many(texts)
                if owner.generation != self.generation:
                    return
                owner.annotated.emit({k: Annotation(tokens, readings) for k, (tokens, readings) in zip(batch, results)})
                owner.progress.emit(len(owner.done), len(owner.todo))
        except RuntimeError as exc:
            if "deleted" in str(exc):  # the window went away while this batch was read
                return
            self._report(exc)
        except Exception as exc:  # reported to the user; the reader keeps working without words
            self._report(exc)

    def _report(self, exc: Exception) -> None:
        try:
            self.owner.failed.emit(f"Could not segment the Chinese text: {exc}")
        except RuntimeError:
            pass


class Annotator(QObject):
    """Owns the worker thread; ``start`` a document, ``prioritise`` a block."""

    annotated = Signal(object)  # dict[int, Annotation]
    progress = Signal(int, int)  # blocks done, blocks with Chinese in all
    failed = Signal(str)

    def __init__(self, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.generation = 0
        self.document: Document | None = None
        self.todo: list[int] = []
        self.done: set[int] = set()
        self._requested: list[int] = []  # blocks asked for out of turn (find), after the window
        self._priority = 0
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self.stopped = False

    def start(self, document: Document, first_block: int = 0) -> None:
        if self.stopped:
            return
        self.generation += 1
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
        if not self.stopped and self.document is not None and not any(w.isRunning() for w in self._workers) and self._window_open():
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
        worker = _Worker(self, self.generation)
        # Dropped only after its finished signal is done with (the object must outlive run()).
        worker.finished.connect(lambda w=worker: QTimer.singleShot(0, lambda: self._workers.remove(w) if w in self._workers else None))
        self._workers.append(worker)
        worker.start()

    def stop(self) -> None:
        """Stop after the current batch and wait for it (a QThread must not outlive its owner).

        No new work starts afterwards.
        """
        self.stopped = True
        self.generation += 1
        for worker in list(self._workers):
            worker.wait()

    def wait_idle(self, timeout_ms: int = 60000) -> bool:
        """Block until the workers finished (tests and screenshots)."""
        return all(worker.wait(timeout_ms) for worker in list(self._workers))
