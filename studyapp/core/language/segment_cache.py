"""The persistent segmentation cache: tokens (and their readings) per text.

Kept apart from segment.py so that reopening a document can read its first
page from here without importing jieba, the dictionary or the reading rules.
Tokens are stored as kinds and lengths (``w2 p1``), readings as numbered
syllables (``yin2,hang2 -``), both keyed by a hash of the text.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from studyapp.core import paths
from studyapp.core.text.document import Token

log = logging.getLogger(__name__)

CACHE_VERSION = "seg-4"
_TABLES = ("segment", "reading")
_KIND_CODES = {"word": "w", "name": "n", "number": "d", "latin": "l", "punct": "p", "space": "s"}
_CODE_KINDS = {v: k for k, v in _KIND_CODES.items()}


class SegmentCache:
    """Token lists (and readings) keyed by a hash of the text, in an SQLite file in the cache dir."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        paths.clear_blocked(path.parent, [path.name])
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        try:
            self._create()
        except sqlite3.DatabaseError as exc:
            self._start_again(exc)

    def _start_again(self, why: Exception) -> None:
        """Set the damaged file aside and begin an empty cache (it is only a cache)."""
        log.warning("the segmentation cache %s is damaged (%s); starting it again", self._path, why)
        self._db.close()
        paths.set_aside(self._path)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(self._path) + suffix).unlink(missing_ok=True)
        self._db = sqlite3.connect(str(self._path), check_same_thread=False, isolation_level=None)
        self._create()

    def _create(self) -> None:
        # A cache can be rebuilt: commits need not wait for the disk (WAL keeps the file whole).
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        for table in _TABLES:
            columns = [row[1] for row in self._db.execute(f"PRAGMA table_info({table})")]
            if columns and columns != ["key", "value"]:  # a cache from an older version: rebuildable
                self._db.execute(f"DROP TABLE {table}")
            self._db.execute(f"CREATE TABLE IF NOT EXISTS {table}(key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(f"{CACHE_VERSION}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def get_many(self, keys: Sequence[str], table: str = "segment") -> dict[str, str]:
        if table not in _TABLES:
            raise ValueError(table)
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(keys))
        with self._lock:
            try:
                for k in range(0, len(unique), 500):
                    chunk = unique[k : k + 500]
                    marks = ",".join("?" * len(chunk))
                    found.update(self._db.execute(f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk).fetchall())
            except sqlite3.DatabaseError as exc:  # a damaged cache answers nothing and starts again
                self._start_again(exc)
                return {}
        return found

    def tokens_for(self, texts: Sequence[str]) -> list[list[Token]] | None:
        """Tokens for each text if every one is cached, else None (never starts jieba)."""
        keys = [self.key(t) for t in texts]
        found = self.get_many(keys)
        if not all(k in found for k in keys):
            return None
        return [decode_tokens(text, found[key]) for text, key in zip(texts, keys)]

    def put_many(self, items: dict[str, str], table: str = "segment") -> None:
        if table not in _TABLES:
            raise ValueError(table)
        try:
            with self._lock:
                self._db.execute("BEGIN")
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", items.items())
                self._db.execute("COMMIT")
        except sqlite3.Error as exc:  # a full disk costs only the cache
            log.warning("segmentation cache not updated: %s", exc)
            with self._lock:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.DatabaseError) and paths.is_damage(exc):
                    self._start_again(exc)


def encode_tokens(tokens: Sequence[Token]) -> str:
    """``[Token('中国', 0, 'word'), Token('。', 2, 'punct')]`` -> ``'w2 p1'``."""
    return " ".join(f"{_KIND_CODES[t.kind]}{len(t.text)}" for t in tokens)


def decode_tokens(text: str, encoded: str) -> list[Token]:
    tokens, start = [], 0
    for item in encoded.split():
        length = int(item[1:])
        tokens.append(Token(text[start : start + length], start, _CODE_KINDS[item[0]]))
        start += length
    return tokens


def encode_readings(readings: Sequence[Sequence[str] | None]) -> str:
    """``[["yin2", "hang2"], None]`` -> ``'yin2,hang2 -'``."""
    return " ".join(",".join(r) if r else "-" for r in readings)


def decode_readings(encoded: str) -> list[list[str] | None]:
    return [None if item == "-" else item.split(",") for item in encoded.split(" ")] if encoded else []
