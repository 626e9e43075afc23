"""Documents seen before, kept aligned, so that reopening one does not align it again.

A document is stored after it was aligned, as JSON in an SQLite file in the
cache directory, under a key made of the file's bytes, its name (the title
may come from it) and the code that turns text into documents (any change to
``studyapp/core/text`` makes earlier entries stale). The first ``HEAD_BLOCKS``
blocks of a long document are stored apart too, so that its first page can
be shown before the whole is read back. The most recently used ``KEEP``
documents are kept. The cache is rebuildable: when it cannot be read or
written, documents are simply aligned again. Example::

    >>> document = open_for_reading("book.md")     # doctest: +SKIP
    >>> open_for_reading("book.md") == document    # doctest: +SKIP
    True
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

from studyapp.core import paths
from studyapp.core.errors import StudyappError
from studyapp.core.text.document import Block, Chapter, Document, Side, TimeSpan

log = logging.getLogger(__name__)

CACHE_NAME = "documents.sqlite3"
KEEP = 12
HEAD_BLOCKS = 300
_TEXT_CODE = Path(__file__).resolve().parents[1] / "text"
_ERRORS = (sqlite3.Error, OSError, ValueError, KeyError, TypeError, IndexError)


def open_for_reading(path: str | Path, preview: Callable[[Document], None] | None = None,
                     cache: DocumentCache | None = None, position: int = 0) -> Document:
    """The aligned document at ``path``: from the cache if it was aligned before, else
    aligned now and cached. A long document's beginning is handed to ``preview`` first
    (when it reaches ``position``, the block to be shown)."""
    cache = cache if cache is not None else DocumentCache(paths.cache_dir() / CACHE_NAME)
    key = cache.key(path)
    if key is not None:
        head = cache.get(key, str(path), head=True) if preview is not None else None
        if preview is not None and head is not None and position + 100 < len(head.blocks):
            preview(head)
        cached = cache.get(key, str(path))
        if cached is not None:
            return cached
    from studyapp.core.text.importers import open_document, open_preview  # the aligner: only when needed

    if preview is not None:
        aligned_head = open_preview(path)
        if aligned_head is not None and position < len(aligned_head.blocks):
            preview(aligned_head)
    document = open_document(path)
    if key is not None:
        cache.put(key, document)
    return document


@functools.lru_cache(maxsize=1)
def code_stamp() -> str:
    """A hash of the code that reads and aligns text (the importers, the aligner, markup...)."""
    digest = hashlib.sha1()
    for source in sorted(_TEXT_CODE.rglob("*.py")):
        digest.update(source.relative_to(_TEXT_CODE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class DocumentCache:
    """Aligned documents by key, in one SQLite file; every failure is a miss."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @staticmethod
    def key(path: str | Path) -> str | None:
        """The key of the file as it is now, or None if it cannot be read (the importer will say why)."""
        from studyapp.core.text.importers import source_bytes  # (light: no importer is loaded for a plain file)

        try:
            data = source_bytes(path)
        except (OSError, StudyappError):
            return None
        return hashlib.sha1(b"\0".join([data, Path(path).stem.encode("utf-8", "surrogatepass"), code_stamp().encode()])).hexdigest()

    def get(self, key: str, path: str, head: bool = False) -> Document | None:
        """The document stored under ``key`` (its path set to ``path``), or None; with
        ``head``, only its first blocks (None if it has no more than those)."""
        try:
            with closing(self._connect()) as db:
                row = db.execute(f"SELECT {'head' if head else 'value'} FROM document WHERE key = ?", (key,)).fetchone()
                if row is None or not row[0]:
                    return None
                if not head:
                    with db:
                        db.execute("UPDATE document SET used = ? WHERE key = ?", (time.time(), key))
            return replace(decode_document(json.loads(row[0])), path=path, complete=not head)
        except _ERRORS as exc:
            log.warning("document cache not read: %s", exc)
            return None

    def put(self, key: str, document: Document) -> None:
        """Store a complete document, keeping only the most recently used KEEP."""
        if not document.complete:
            return
        head = replace(document, blocks=document.blocks[:HEAD_BLOCKS]) if len(document.blocks) > HEAD_BLOCKS else None
        try:
            with closing(self._connect()) as db, db:
                db.execute("INSERT OR REPLACE INTO document VALUES (?, ?, ?, ?)",
                           (key, _json(head) if head else "", _json(document), time.time()))
                db.execute("DELETE FROM document WHERE key NOT IN (SELECT key FROM document ORDER BY used DESC LIMIT ?)", (KEEP,))
        except (sqlite3.Error, OSError) as exc:  # a full disk costs only the cache
            log.warning("document cache not updated: %s", exc)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._open()
        except sqlite3.DatabaseError:
            self.path.replace(self.path.with_suffix(".damaged"))  # rebuildable: start again
            return self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=5)
        try:
            db.execute("PRAGMA synchronous = OFF")  # a cache: losing the last write to a crash costs one alignment
            columns = [row[1] for row in db.execute("PRAGMA table_info(document)")]
            if columns and columns != ["key", "head", "value", "used"]:  # an older layout: rebuildable
                db.execute("DROP TABLE document")
            db.execute("CREATE TABLE IF NOT EXISTS document(key TEXT PRIMARY KEY, head TEXT NOT NULL, value TEXT NOT NULL, used REAL NOT NULL)")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db


def _json(document: Document) -> str:
    return json.dumps(encode_document(document), ensure_ascii=False)


def encode_document(document: Document) -> dict[str, Any]:
    """A JSON-ready form of a document (its path is not kept: it may move)."""
    def side(s: Side | None) -> list[Any] | None:
        return [s.text, s.lang, s.start, s.end] if s is not None else None

    def time(t: TimeSpan | None) -> list[int] | None:
        return [t.start_ms, t.end_ms] if t is not None else None

    return {
        "title": document.title,
        "source_hash": document.source_hash,
        "encoding": document.encoding,
        "warnings": list(document.warnings),
        "blocks": [[b.kind, b.level, side(b.english), side(b.chinese), time(b.time)] for b in document.blocks],
        "chapters": [[c.title, c.block, c.level] for c in document.chapters],
    }


def decode_document(data: dict[str, Any]) -> Document:
    def side(s: list[Any] | None) -> Side | None:
        return Side(str(s[0]), str(s[1]), int(s[2]), int(s[3])) if s is not None else None

    blocks = tuple(Block(kind, side(en), side(zh), level, TimeSpan(*time) if time else None) for kind, level, en, zh, time in data["blocks"])
    chapters = tuple(Chapter(str(title), int(block), int(level)) for title, block, level in data["chapters"])
    return Document(str(data["title"]), blocks, None, str(data["source_hash"]), str(data["encoding"]), tuple(data["warnings"]),
                    chapters=chapters)
