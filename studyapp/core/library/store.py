"""LibraryStore: the documents the learner has opened and their bookmarks.

It writes the ``document`` and ``bookmark`` tables of the learner's database
(the vocabulary file, so one backup keeps words, progress and bookmarks; the
schema is migrated by :mod:`studyapp.core.study.database`). A document is
known by its absolute path. Every public write is one transaction; times are
UTC epoch seconds from the injectable ``clock``. Example::

    >>> library = LibraryStore.open(Path(tmp) / "v.sqlite3")                  # doctest: +SKIP
    >>> library.record_opened(document, size=2048)                           # doctest: +SKIP
    >>> library.record_position(document.path, position=12, progress=0.4)    # doctest: +SKIP
    >>> [(e.title, round(e.progress * 100)) for e in library.entries()]      # doctest: +SKIP
    [('茶路', 40)]
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from studyapp.core import paths
from studyapp.core.study.database import DatabaseError, OpenedDatabase, open_database, write
from studyapp.core.study.vocabulary import DATABASE_NAME
from studyapp.core.text.document import Document

_T = TypeVar("_T")


@dataclass(frozen=True)
class LibraryEntry:
    """A document as the Library lists it."""

    path: str
    title: str
    format: str
    size: int
    blocks: int
    chinese_chars: int
    position: int
    progress: float
    coverage: float | None
    pasted: bool
    first_opened: int
    last_read: int
    id: int = 0


@dataclass(frozen=True)
class Bookmark:
    id: int
    block: int
    label: str
    created: int


def document_key(path: str | Path) -> str:
    """The absolute path a document is known by."""
    return str(Path(path).expanduser().resolve())


class LibraryStore:
    """Documents opened and their bookmarks, in the learner's database."""

    def __init__(self, opened: OpenedDatabase, clock: Callable[[], float] = time.time) -> None:
        self._db = opened.connection
        self._clock = clock

    @classmethod
    def open(cls, path: Path | None = None, clock: Callable[[], float] = time.time) -> LibraryStore:
        return cls(open_database(path or paths.data_dir() / DATABASE_NAME), clock)

    def close(self) -> None:
        self._db.close()

    def _write(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        return write(self._db, action, _library_failure)

    # --- documents ------------------------------------------------------------------

    def record_opened(self, document: Document, size: int, pasted: bool = False) -> LibraryEntry:
        """Add or refresh ``document`` (which must have a path) as read now."""
        if not document.path:
            raise ValueError("only documents read from a file go in the library")
        key, now = document_key(document.path), int(self._clock())
        values = (document.title, Path(key).suffix.lstrip(".").lower(), size, len(document.blocks), document.chinese_length)

        def action(db: sqlite3.Connection) -> LibraryEntry:
            db.execute(
                "INSERT INTO document (path, title, format, size, blocks, chinese_chars, pasted, first_opened, last_read) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET title = excluded.title, format = excluded.format, "
                "size = excluded.size, blocks = excluded.blocks, chinese_chars = excluded.chinese_chars, last_read = excluded.last_read, "
                "pasted = max(pasted, excluded.pasted)",
                (key, *values, int(pasted), now, now),
            )
            return _entry(db.execute("SELECT * FROM document WHERE path = ?", (key,)).fetchone())  # the row just written

        return self._write(action)

    def record_position(self, path: str | Path, position: int, progress: float) -> None:
        """Where the learner is in a document (first block in view) and the share read."""
        progress = min(max(progress, 0.0), 1.0)
        self._write(lambda db: db.execute(
            "UPDATE document SET position = ?, progress = ?, last_read = ? WHERE path = ?",
            (int(position), progress, int(self._clock()), document_key(path)),
        ))

    def record_coverage(self, path: str | Path, coverage: float) -> None:
        """The share of the words read so far that the learner knows."""
        self._write(lambda db: db.execute("UPDATE document SET coverage = ? WHERE path = ?", (coverage, document_key(path))))

    def entry(self, path: str | Path) -> LibraryEntry | None:
        row = self._db.execute("SELECT * FROM document WHERE path = ?", (document_key(path),)).fetchone()
        return _entry(row) if row else None

    def entries(self) -> list[LibraryEntry]:
        """Every document, the most recently read first."""
        return [_entry(row) for row in self._db.execute("SELECT * FROM document ORDER BY last_read DESC, id DESC")]

    def forget(self, path: str | Path) -> None:
        """Take a document (and its bookmarks) out of the library; its file stays."""
        self._write(lambda db: db.execute("DELETE FROM document WHERE path = ?", (document_key(path),)))

    # --- bookmarks --------------------------------------------------------------------

    def bookmarks(self, path: str | Path) -> list[Bookmark]:
        """A document's bookmarks in reading order."""
        rows = self._db.execute(
            "SELECT b.* FROM bookmark b JOIN document d ON d.id = b.document_id WHERE d.path = ? ORDER BY b.block",
            (document_key(path),),
        )
        return [Bookmark(row["id"], row["block"], row["label"], row["created"]) for row in rows]

    def add_bookmark(self, path: str | Path, block: int, label: str) -> Bookmark:
        """Bookmark a block of a document in the library (again: its label is renewed)."""
        key = document_key(path)

        def action(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT id FROM document WHERE path = ?", (key,)).fetchone()
            if row is None:
                raise DatabaseError(f"{key} is not in the library")
            db.execute(
                "INSERT INTO bookmark (document_id, block, label, created) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(document_id, block) DO UPDATE SET label = excluded.label",
                (row["id"], int(block), label, int(self._clock())),
            )

        self._write(action)
        return next(b for b in self.bookmarks(key) if b.block == block)

    def remove_bookmark(self, bookmark_id: int) -> None:
        self._write(lambda db: db.execute("DELETE FROM bookmark WHERE id = ?", (bookmark_id,)))


def _library_failure(exc: sqlite3.Error) -> str:
    if "full" in str(exc).lower():
        return "The disk is full: the library was not updated."
    return f"The library could not be updated: {exc}"


def _entry(row: sqlite3.Row) -> LibraryEntry:
    return LibraryEntry(
        row["path"], row["title"], row["format"], row["size"], row["blocks"], row["chinese_chars"], row["position"],
        row["progress"], row["coverage"], bool(row["pasted"]), row["first_opened"], row["last_read"], row["id"],
    )
