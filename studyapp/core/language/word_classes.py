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

from pathlib import Path

from studyapp.core.atomic_file import read_checked, write_checked
from studyapp.core.errors import StudyappError
from studyapp.core.language.lean_imports import import_jieba

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


class WordClasses:
    """The class of a word: a coarse jieba tag, ``n`` for other words, ``w`` for punctuation."""

    def __init__(self, table: dict[str, str]) -> None:
        self._table = table

    def of(self, word: str) -> str:
        if not word or not word[0].isalnum():
            return "w"  # punctuation, or the edge of the text
        if word[0].isdigit() or word[0].isascii():
            return "m" if word[0].isdigit() else "x"
        return self._table.get(word, "n")

    def person_names(self) -> frozenset[str]:
        """Words the lexicon tags as person names."""
        return frozenset(w for w, c in self._table.items() if c == "nr")

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
                    return cls(_parse_table(text))
        except OSError:
            pass
        table = _read_lexicon(source)
        try:
            write_checked(cached, "\n".join(f"{w}\t{c}" for w, c in table.items()))
        except StudyappError:  # without the cache file the table is read from jieba again next time
            pass
        return cls(table)


def _parse_table(text: str) -> dict[str, str]:
    """The cached table's ``word<TAB>class`` lines; every class is one shared string
    (193,000 copies of "nr" and "v" would cost 10 MB)."""
    shared = {c: c for c in _COARSE.values()}
    table: dict[str, str] = {}
    for line in text.splitlines():
        word, tab, coarse = line.partition("\t")
        if tab:
            table[word] = shared.setdefault(coarse, coarse)
    return table


def _read_lexicon(source: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            coarse = _COARSE.get(parts[2]) if len(parts) >= 3 else None
            if coarse:
                table[parts[0]] = coarse
    return table
