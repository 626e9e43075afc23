"""Coarse word classes from jieba's lexicon: verb, adjective, adverb, name ...

jieba's ``dict.txt`` tags each of its 349,000 words (``n`` noun, ``v`` verb,
``a`` adjective, ``d`` adverb, ``z`` status word such as 结结实实, ``i`` idiom,
``nr`` person name, ...). The segmenter takes person names from here; the
reading model looks at the class of the words either side of a polyphonic
character (地 after an adjective reads de, after a noun dì). Nouns are the
default and are not stored; the table is cached as a text file beside the
dictionary index. Example::

    >>> classes = WordClasses({"认真": "a", "说": "v"})
    >>> [classes.of(w) for w in ("认真", "说", "西瓜", "，", "3", "")]
    ['a', 'v', 'n', 'w', 'm', 'w']
"""

from __future__ import annotations

import io
from collections.abc import Container, Mapping
from pathlib import Path

from studyapp.core.atomic_file import read_checked, write_checked
from studyapp.core.errors import StudyappError
from studyapp.core.language.lean_imports import import_jieba
from studyapp.core.language.packed_strings import PackedStrings

#: jieba's tags, coarsened: the classes that matter for choosing readings.
_COARSE = {
    **dict.fromkeys(("v", "vd", "vi", "vg", "vq"), "v"),
    "vn": "vn",
    **dict.fromkeys(("a", "ad", "an", "ag"), "a"),
    **dict.fromkeys(("z", "zg"), "z"),
    **dict.fromkeys(("d", "dg", "df"), "d"),
    **dict.fromkeys(("i", "l"), "i"),
    **dict.fromkeys(("m", "mq", "mg"), "m"),
    **dict.fromkeys(("r", "rr", "rz", "rg"), "r"),
    **dict.fromkeys(("u", "uj", "ul", "uv", "ud", "ug", "uz"), "u"),
    **dict.fromkeys(("nr", "nrt", "nrfg", "nrf"), "nr"),
    **{tag: tag for tag in ("q", "p", "c", "f", "t", "y")},
}
CACHE_NAME = "jieba-word-classes.txt"
_RECENT_MAX = 8_192


class WordClasses:
    """The class of a word: a coarse jieba tag, ``n`` for other words, ``w`` for punctuation.

    The 193,000 words are packed (packed_strings.py) and their classes are one
    byte each: as a dict of strings they took ~26 MB, so ~3 MB.
    """

    def __init__(self, table: Mapping[str, str] | None = None) -> None:
        self._words = PackedStrings()
        self._codes = bytearray()  # per word, its class's place in _names
        self._names: list[str] = []
        self._recent: dict[str, str] = {}  # word -> class, for the words asked for lately (a dict is quicker)
        for word, coarse in (table or {}).items():
            self._add(word, coarse)

    def _add(self, word: str, coarse: str) -> None:
        """A word not added before, and its class."""
        if coarse not in self._names:
            self._names.append(coarse)
        self._words.add(word)
        self._codes.append(self._names.index(coarse))

    def of(self, word: str) -> str:
        if not word or not word[0].isalnum():
            return "w"  # punctuation, or the edge of the text
        if word[0].isdigit() or word[0].isascii():
            return "m" if word[0].isdigit() else "x"
        return self._recent.get(word) or self._class(word)

    def is_person_name(self, word: str) -> bool:
        """True for a word the lexicon tags as a person name."""
        return (self._recent.get(word) or self._class(word)) == "nr"

    def _class(self, word: str) -> str:
        found = self._words.find(word)
        coarse = self._names[self._codes[found]] if found >= 0 else "n"
        if len(self._recent) >= _RECENT_MAX:
            self._recent.clear()
        self._recent[word] = coarse
        return coarse

    def person_names(self) -> Container[str]:
        """Words the lexicon tags as person names (``in`` asks this table: no second copy)."""
        return _PersonNames(self)

    @classmethod
    def load(cls, cache_dir: Path) -> WordClasses:
        """From the cached table, (re)made from jieba's lexicon when missing or older."""
        jieba = import_jieba()
        source = Path(str(jieba.__file__)).parent / "dict.txt"
        cached = cache_dir / CACHE_NAME
        try:
            if cached.is_file() and cached.stat().st_mtime >= source.stat().st_mtime:
                text = read_checked(cached)  # None when damaged: read from jieba again
                if text is not None:
                    return cls._parsed(text)
        except OSError:
            pass
        table = _read_lexicon(source)
        try:
            write_checked(cached, "\n".join(f"{w}\t{c}" for w, c in table.items()))
        except StudyappError:  # without the cache file the table is read from jieba again next time
            pass
        return cls(table)

    @classmethod
    def _parsed(cls, text: str) -> WordClasses:
        """The cached table's ``word<TAB>class`` lines, one at a time (a list of
        them all would add ~17 MB to the peak for a moment)."""
        classes = cls()
        for line in io.StringIO(text):
            word, tab, coarse = line.rstrip("\n").partition("\t")
            if tab:
                classes._add(word, coarse)
        return classes


class _PersonNames:
    """``word in names``: asks the word-class table."""

    def __init__(self, classes: WordClasses) -> None:
        self._classes = classes

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._classes.is_person_name(word)


def _read_lexicon(source: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            coarse = _COARSE.get(parts[2]) if len(parts) >= 3 else None
            if coarse:
                table[parts[0]] = coarse
    return table
