"""Finding text in a document: Chinese, English, or pinyin without tones.

Chinese and English are found in the raw text of every block (English
ignoring case). Pinyin is found in two ways, so that the whole document is
searched from the moment it is open:

* in a paragraph already segmented, as runs of whole words whose readings in
  context spell the query (``yinhang`` finds 银行, not 银 + 行 of 银行业);
* in a paragraph not segmented yet, as runs of characters one of whose
  dictionary readings spell it (a candidate: the paragraph is then
  segmented, and its hits become exact).

Example, the candidate search on raw text::

    >>> speller = PinyinSpeller(Dictionary.open().lookup)         # doctest: +SKIP
    >>> speller.spans("我们去西湖，西湖很美。", "xihu")             # doctest: +SKIP
    [(3, 5), (6, 8)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.core.language.pinyin_spelling import strip_tones
from studyapp.core.reading.annotation import Annotation
from studyapp.core.text.char_classes import count_han, is_han
from studyapp.core.text.document import Document

if TYPE_CHECKING:
    from studyapp.core.language.cedict import Entry
    from studyapp.core.language.engine import Language

Hit = tuple[int, str, int, int]  # block, "en"|"zh", start, end
#: Longer pinyin queries are not searched in raw text (each letter is a step).
MAX_PINYIN_QUERY = 120


@dataclass(frozen=True)
class FindResult:
    """Hits over the whole document; ``pending`` blocks hold candidates not yet segmented."""

    hits: list[Hit]
    pending: list[int]


class DocumentFinder:
    """Find over a whole document, whatever part of it is segmented yet."""

    def __init__(self, language: Language) -> None:
        self._language = language
        self._speller: PinyinSpeller | None = None
        self._chars: tuple[Document, set[str]] | None = None

    def find(self, document: Document, annotations: Mapping[int, Annotation], query: str) -> FindResult:
        """Hits of ``query``; pinyin in segmented blocks as whole words, elsewhere as candidates."""
        query = query.strip()
        if not query:
            return FindResult([], [])
        hits = text_hits(document, query)
        pending: list[int] = []
        pinyin = pinyin_query(query)
        if pinyin and len(pinyin) <= MAX_PINYIN_QUERY:
            chinese = [k for k, b in enumerate(document.blocks) if b.chinese is not None]
            starts = self._starts(document, pinyin) if any(k not in annotations for k in chinese) else None
            for index in chinese:
                annotation = annotations.get(index)
                if annotation is not None:
                    hits += word_run_hits(annotation, pinyin, index)
                elif starts is not None and self._speller is not None:
                    spans = self._speller.spans(_chinese(document, index), pinyin, starts)
                    hits += [(index, "zh", a, b) for a, b in spans]
                    pending += [index] if spans else []
        return FindResult(sorted(set(hits)), pending)

    def _starts(self, document: Document, pinyin: str) -> re.Pattern[str] | None:
        """The characters that can begin ``pinyin`` (None while the dictionary is being built)."""
        if not self._language.dictionary_ready():
            return None
        if self._speller is None:
            self._speller = PinyinSpeller(self._language.dictionary.lookup)
        if self._chars is None or self._chars[0] is not document:
            chars = set().union(*(_chinese(document, k) for k in range(len(document.blocks))))
            self._chars = (document, {c for c in chars if is_han(c)})
        return self._speller.starts(self._chars[1], pinyin)


def _chinese(document: Document, index: int) -> str:
    side = document.blocks[index].chinese
    return side.text if side is not None else ""


def pinyin_query(query: str) -> str:
    """The toneless letters of ``query`` if it can be pinyin (``Xīhú`` -> ``xihu``), else ''."""
    if count_han(query):
        return ""
    letters = strip_tones(query)
    return letters if letters.isascii() and letters.isalpha() else ""


def text_hits(document: Document, query: str) -> list[Hit]:
    """Every occurrence of ``query`` in the English (any case) and the Chinese."""
    hits: list[Hit] = []
    lowered = query.lower()
    for index, block in enumerate(document.blocks):
        if block.english is not None:
            hits += _occurrences(block.english.text.lower(), lowered, index, "en")
        if block.chinese is not None:
            hits += _occurrences(block.chinese.text, query, index, "zh")
    return hits


def _occurrences(text: str, query: str, index: int, side: str) -> list[Hit]:
    out, start = [], text.find(query)
    while start >= 0:
        out.append((index, side, start, start + len(query)))
        start = text.find(query, start + 1)
    return out


def word_run_hits(annotation: Annotation, query: str, index: int) -> list[Hit]:
    """Runs of consecutive words whose toneless pinyin spells ``query``."""
    words = [(t, "".join(strip_tones(s) for s in r)) for t, r in zip(annotation.tokens, annotation.readings) if r]
    out: list[Hit] = []
    for first in range(len(words)):
        spelled = ""
        for last in range(first, len(words)):
            spelled += words[last][1]
            if not query.startswith(spelled):
                break
            if spelled == query:
                out.append((index, "zh", words[first][0].start, words[last][0].end))
                break
    return out


class PinyinSpeller:
    """Which characters can be read how (toneless, from the dictionary), and the
    runs of characters of a raw text that can spell a toneless query."""

    def __init__(self, lookup: Callable[[str], Sequence[Entry]]) -> None:
        self._lookup = lookup
        self._readings: dict[str, frozenset[str]] = {}

    def readings(self, char: str) -> frozenset[str]:
        """Toneless readings of one character: 行 -> {'xing', 'hang', 'heng'}."""
        found = self._readings.get(char)
        if found is None:
            syllables = {e.pinyin.split()[0] for e in self._lookup(char) if len(e.pinyin.split()) == 1}
            found = self._readings[char] = frozenset(strip_tones(s) for s in syllables if strip_tones(s))
        return found

    def starts(self, chars: set[str], query: str) -> re.Pattern[str] | None:
        """A pattern matching the characters (of ``chars``) that can begin ``query``."""
        first = sorted(c for c in chars if any(query.startswith(r) for r in self.readings(c)))
        return re.compile("[" + "".join(re.escape(c) for c in first) + "]") if first else None

    def spans(self, text: str, query: str, starts: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of every run of characters of ``text`` that can spell ``query``."""
        pattern = starts if starts is not None else self.starts(set(text), query)
        if pattern is None:
            return []
        out = []
        for match in pattern.finditer(text):
            end = self._spell(text, match.start(), query, 0)
            if end is not None:
                out.append((match.start(), end))
        return out

    def _spell(self, text: str, at: int, query: str, done: int) -> int | None:
        """Where a run starting at ``at`` ends once it spells ``query[done:]``, or None."""
        if at >= len(text):
            return None
        for reading in sorted(self.readings(text[at]), key=len):
            if not query.startswith(reading, done):
                continue
            if done + len(reading) == len(query):
                return at + 1
            end = self._spell(text, at + 1, query, done + len(reading))
            if end is not None:
                return end
        return None
