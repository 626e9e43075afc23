"""The language engine in one place: dictionary, segmentation, readings.

Opening is lazy: the dictionary index is built on first use, jieba loads
only when text is not in the segmentation cache. ``annotate`` produces the
token records of ``studyapp annotate --json``. Example::

    >>> engine = Language()                                   # doctest: +SKIP
    >>> [t["text"] for t in engine.annotate(["银行行长"])[0]]   # doctest: +SKIP
    ['银行', '行长']
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.core import paths
from studyapp.core.language.segment_cache import SegmentCache, decode_readings, encode_readings
from studyapp.core.text.document import Token
from studyapp.core.text.pieces import pieces

if TYPE_CHECKING:  # the heavy parts load on first use, not at start-up
    from studyapp.core.language.dictionary import Dictionary
    from studyapp.core.language.lookup import LookupResult
    from studyapp.core.language.readings import PinyinReader
    from studyapp.core.language.script_conversion import ScriptConverter
    from studyapp.core.language.segment import Segmenter

#: Lines longer than this are annotated piece by piece; a batch holds about BATCH_CHARS characters.
PIECE_CHARS = 4_000
BATCH_CHARS = 20_000

#: Bump when the reading rules change: cached readings then count as missing.
READING_VERSION = "read-3"


def _reading_key(text: str) -> str:
    return SegmentCache.key(READING_VERSION + "\0" + text)


class Language:
    """Dictionary + segmenter + pinyin reader, created on first use."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        # Re-entrant: the reader is made from the dictionary and the converter. The
        # annotator's workers may ask at once; two readers would load the model twice.
        self._lock = threading.RLock()
        self._dictionary: Dictionary | None = None
        self._segmenter: Segmenter | None = None
        self._reader: PinyinReader | None = None
        self._cache: SegmentCache | None = None
        self._converter: ScriptConverter | None = None

    @property
    def dictionary(self) -> Dictionary:
        with self._lock:
            if self._dictionary is None:
                from studyapp.core.language.dictionary import Dictionary

                self._dictionary = Dictionary.open(self._cache_dir)
            return self._dictionary

    @property
    def segmenter(self) -> Segmenter:
        with self._lock:
            if self._segmenter is None:
                from studyapp.core.language.segment import Segmenter

                self._segmenter = Segmenter(self.dictionary, converter=self.converter)
            return self._segmenter

    @property
    def reader(self) -> PinyinReader:
        with self._lock:
            if self._reader is None:
                from studyapp.core.language.readings import PinyinReader

                self._reader = PinyinReader(self.dictionary, self.converter, word_classes=lambda: self.segmenter.word_classes())
            return self._reader

    @property
    def converter(self) -> ScriptConverter:
        """Simplified <-> traditional, one for the segmenter, the reader and the window."""
        with self._lock:
            if self._converter is None:
                from studyapp.core.language.script_conversion import ScriptConverter

                self._converter = ScriptConverter(self.dictionary)
            return self._converter

    def dictionary_ready(self) -> bool:
        """True if the dictionary is open or its index exists (no build ahead)."""
        if self._dictionary is not None:
            return True
        from studyapp.core.language.dictionary import Dictionary

        return Dictionary.index_ready(self._cache_dir)

    def lookup(self, word: str) -> LookupResult:
        from studyapp.core.language.lookup import look_up

        return look_up(self.dictionary, word)

    def segment_many(self, texts: Sequence[str]) -> list[list[Token]]:
        return self.segmenter.segment_many(texts)

    def read_many(self, texts: Sequence[str], sandhi: bool = False) -> list[tuple[list[Token], list[list[str] | None]]]:
        """Tokens and their readings for each text (what the reader draws).

        The readings are cached beside the segmentation, so that reopening a
        document draws its first page without a dictionary lookup, and
        annotating text again does not run the reading model.
        """
        segmented = self.segment_many(texts)
        cache = self.segmenter.cache
        keys = [_reading_key(t) for t in texts]
        found = cache.get_many(keys, "reading") if cache is not None and not sandhi else {}
        readings: list[list[list[str] | None] | None] = [None] * len(texts)
        for k, (tokens, key) in enumerate(zip(segmented, keys)):
            cached = decode_readings(found[key]) if key in found else None
            readings[k] = cached if cached is not None and len(cached) == len(tokens) else None
        missing = [k for k, r in enumerate(readings) if r is None]
        read = self.reader.read_batch([segmented[k] for k in missing], sandhi=sandhi)
        for k, fresh in zip(missing, read):
            readings[k] = fresh
        if cache is not None and not sandhi and missing:
            cache.put_many({keys[k]: encode_readings(fresh) for k, fresh in zip(missing, read)}, "reading")
        return [(tokens, r or []) for tokens, r in zip(segmented, readings)]

    def read_cached(self, texts: Sequence[str]) -> list[tuple[list[Token], list[list[str] | None]]] | None:
        """Like read_many, but only if every text's segmentation is cached (no jieba), else None.

        Readings come from the cache too; a text whose readings are missing is
        read with the dictionary, but only if its index exists already.
        """
        cache = self._early_cache()
        segmented = cache.tokens_for(texts) if cache is not None else None
        if cache is None or segmented is None:
            return None
        keys = [_reading_key(t) for t in texts]
        found = cache.get_many(keys, "reading")
        if any(k not in found for k in keys) and not self.dictionary_ready():
            return None
        readings = [decode_readings(found[key]) if key in found else None for key in keys]
        missing = [k for k, (r, tokens) in enumerate(zip(readings, segmented)) if r is None or len(r) != len(tokens)]
        for k, fresh in zip(missing, self.reader.read_batch([segmented[k] for k in missing]) if missing else []):
            readings[k] = fresh
        return [(tokens, r or []) for tokens, r in zip(segmented, readings)]

    def _early_cache(self) -> SegmentCache | None:
        """The segmentation cache, opened without the dictionary (for the first page)."""
        if self._segmenter is not None:
            return self._segmenter.cache
        if self._cache is None:
            try:
                folder = self._cache_dir or paths.cache_dir()
                self._cache = SegmentCache(folder / "segments.sqlite3") if (folder / "segments.sqlite3").is_file() else None
            except (OSError, sqlite3.Error):
                self._cache = None
        return self._cache

    def annotate_stream(self, lines: Iterable[str], sandhi: bool = False) -> Iterator[tuple[int, list[dict]]]:
        """``(line number, token records)`` for each line in order, with memory bounded however long a line is.

        A line longer than PIECE_CHARS comes as several pieces (cut at sentence
        ends, see studyapp.core.text.pieces) whose records' starts count from
        the start of the line; an empty line gives one empty list.
        """
        batch: list[tuple[int, int, str]] = []
        size = 0
        for number, line in enumerate(lines):
            for offset, piece in pieces(line, PIECE_CHARS):
                batch.append((number, offset, piece))
                size += len(piece) + 1
                if size >= BATCH_CHARS:
                    yield from self._annotate_pieces(batch, sandhi)
                    batch, size = [], 0
        yield from self._annotate_pieces(batch, sandhi)

    def _annotate_pieces(self, batch: list[tuple[int, int, str]], sandhi: bool) -> Iterator[tuple[int, list[dict]]]:
        records = self.annotate([piece for _, _, piece in batch], sandhi=sandhi) if batch else []
        for (number, offset, _), tokens in zip(batch, records):
            for record in tokens if offset else ():
                record["start"] += offset
            yield number, tokens

    def annotate(self, lines: Sequence[str], sandhi: bool = False) -> list[list[dict]]:
        """Token records for each line: text, start, kind, pinyin, in_dictionary, hsk."""
        read = self.read_many(lines, sandhi=sandhi)
        words = {t.text for tokens, _ in read for t in tokens if t.is_chinese}
        known = set()
        ordered = sorted(words)
        for k in range(0, len(ordered), 400):
            known |= self.dictionary.known(ordered[k : k + 400])
        return [[_record(t, r, t.text in known) for t, r in zip(tokens, readings)] for tokens, readings in read]


def _record(token: Token, reading: list[str] | None, in_dictionary: bool) -> dict:
    from studyapp.core.language.hsk import character_level, word_level

    chinese = token.is_chinese
    level = None
    if chinese:
        level = word_level(token.text) if len(token.text) > 1 else (word_level(token.text) or character_level(token.text))
    return {
        "text": token.text,
        "start": token.start,
        "kind": token.kind,
        "pinyin": reading if chinese else None,
        "in_dictionary": in_dictionary and chinese,
        "hsk": level,
    }
