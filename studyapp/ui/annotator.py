"""Annotator: segments and reads a document's Chinese off the GUI thread.

Blocks are processed in batches, starting from the one the reader shows and
moving on from wherever the reader asks next; each batch is reported through
``annotated`` (a dict block index -> Annotation). The first batch also pays
for opening (or building) the dictionary index and, on a cache miss, for
starting jieba. The worker never touches widgets.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from studyapp.core.document import Document
from studyapp.core.language import Language
from studyapp.ui.reader_layout import Annotation

BATCH = 24


class _Worker(QThread):
    def __init__(self, owner: "Annotator", document: Document, generation: int) -> None:
        super().__init__()
        self.owner = owner
        self.document = document
        self.generation = generation

    def run(self) -> None:
        owner, document = self.owner, self.document
        todo = [k for k, b in enumerate(document.blocks) if b.chinese is not None]
        done: set[int] = set()
        try:
            while len(done) < len(todo) and owner.generation == self.generation:
                start = owner.take_priority()
                ordered = [k for k in todo if k >= start and k not in done] + [k for k in todo if k < start and k not in done]
                batch = ordered[:BATCH]
                results = owner.language.read_many([document.blocks[k].chinese.text for k in batch])
                done.update(batch)
                if owner.generation != self.generation:
                    return
                owner.annotated.emit({k: Annotation(tokens, readings) for k, (tokens, readings) in zip(batch, results)})
                owner.progress.emit(len(done), len(todo))
        except Exception as exc:  # reported to the user; the reader keeps working without words
            owner.failed.emit(f"Could not segment the Chinese text: {exc}")


class Annotator(QObject):
    """Owns the worker thread; ``start`` a document, ``prioritise`` a block."""

    annotated = Signal(object)  # dict[int, Annotation]
    progress = Signal(int, int)  # blocks done, blocks in all
    failed = Signal(str)

    def __init__(self, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.generation = 0
        self._priority = 0
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []

    def start(self, document: Document, first_block: int = 0) -> None:
        self.generation += 1
        self.prioritise(first_block)
        worker = _Worker(self, document, self.generation)
        worker.finished.connect(lambda w=worker: self._workers.remove(w) if w in self._workers else None)
        self._workers.append(worker)
        worker.start()

    def prioritise(self, block: int) -> None:
        with self._lock:
            self._priority = block

    def take_priority(self) -> int:
        with self._lock:
            return self._priority

    def stop(self) -> None:
        self.generation += 1
        for worker in list(self._workers):
            worker.wait(5000)

    def wait_idle(self, timeout_ms: int = 60000) -> bool:
        """Block until the workers finished (tests and screenshots)."""
        return all(worker.wait(timeout_ms) for worker in list(self._workers))
