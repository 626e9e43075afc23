"""The language engine in one place: dictionary, segmentation, readings.

Opening is lazy: the dictionary index is built on first use, jieba loads
only when text is not in the segmentation cache. ``annotate`` produces the
token records of ``studyapp annotate --json``. Example::

    >>> engine = Language()                                   # doctest: +SKIP
    >>> [t["text"] for t in engine.annotate(["银行行长"])[0]]   # doctest: +SKIP
    ['银行', '行长']
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Sequence

from studyapp.core.dictionary import Dictionary
from studyapp.core.document import Token
from studyapp.core.hsk import character_level, word_level
from studyapp.core.lookup import LookupResult, look_up
from studyapp.core.pinyin import PinyinReader
from studyapp.core.segment import Segmenter


class Language:
    """Dictionary + segmenter + pinyin reader, created on first use."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._dictionary: Dictionary | None = None
        self._segmenter: Segmenter | None = None
        self._reader: PinyinReader | None = None

    @property
    def dictionary(self) -> Dictionary:
        with self._lock:
            if self._dictionary is None:
                self._dictionary = Dictionary.open(self._cache_dir)
            return self._dictionary

    @property
    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self._segmenter = Segmenter(self.dictionary)
        return self._segmenter

    @property
    def reader(self) -> PinyinReader:
        if self._reader is None:
            self._reader = PinyinReader(self.dictionary)
        return self._reader

    def lookup(self, word: str) -> LookupResult:
        return look_up(self.dictionary, word)

    def segment_many(self, texts: Sequence[str]) -> list[list[Token]]:
        return self.segmenter.segment_many(texts)

    def read_many(self, texts: Sequence[str], sandhi: bool = False) -> list[tuple[list[Token], list[list[str] | None]]]:
        """Tokens and their readings for each text (what the reader draws)."""
        return [(tokens, self.reader.read(tokens, sandhi=sandhi)) for tokens in self.segment_many(texts)]

    def read_cached(self, texts: Sequence[str]) -> list[tuple[list[Token], list[list[str] | None]]] | None:
        """Like read_many, but only if every text's segmentation is cached (no jieba), else None.

        Only for an index that exists already: it never builds the dictionary.
        """
        if self._dictionary is None and not Dictionary.index_ready(self._cache_dir):
            return None
        segmented = self.segmenter.segment_cached(texts)
        if segmented is None:
            return None
        return [(tokens, self.reader.read(tokens)) for tokens in segmented]

    def annotate(self, lines: Sequence[str], sandhi: bool = False) -> list[list[dict]]:
        """Token records for each line: text, start, kind, pinyin, in_dictionary, hsk."""
        segmented = self.segment_many(lines)
        words = {t.text for tokens in segmented for t in tokens if t.is_chinese}
        known = set()
        ordered = sorted(words)
        for k in range(0, len(ordered), 400):
            known |= self.dictionary.known(ordered[k : k + 400])
        out = []
        for tokens in segmented:
            readings = self.reader.read(tokens, sandhi=sandhi)
            out.append([_record(t, r, t.text in known) for t, r in zip(tokens, readings)])
        return out


def _record(token: Token, reading: list[str] | None, in_dictionary: bool) -> dict:
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
