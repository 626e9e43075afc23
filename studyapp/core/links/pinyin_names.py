"""Chinese names written in pinyin in English text, found in the Chinese.

Translations of Chinese texts spell people and places in pinyin without tones
(陈清扬 -> Chen Qingyang, 崇德 -> Chongde). A capitalised English word that is
never written in lower case in the text and splits into two or more pinyin
syllables is such a name; a Chinese text contains it when consecutive
characters can be read as those syllables. Example::

    >>> readings = {"陈": frozenset({"chen"}), "清": frozenset({"qing"}), "扬": frozenset({"yang"}),
    ...             "留": frozenset({"liu"}), "良": frozenset({"liang"})}
    >>> names = PinyinNames(["Chen Qingyang was a doctor.", "Liuliang said nothing."], readings)
    >>> sorted(names.names), sorted(names.find("陈清扬当时二十六岁"))
    (['liuliang', 'qingyang'], ['qingyang'])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_CAPITALISED_RE = re.compile(r"(?<![A-Za-z'’])[A-Z][a-zü]+(?:['’-][a-zü]+)?(?![A-Za-z])")
_LOWER_RE = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
#: Syllables too short or too odd to spell a name with (嗯 ng, 呣 m, 欸 ê).
_NOT_NAME_SYLLABLES = frozenset({"m", "n", "ng", "hm", "hng", "e", "r"})
_MAX_SYLLABLES = 4


def toneless(syllable: str) -> str:
    """``lǚ`` -> ``lu``; ``nǚ`` -> ``nu`` (names drop the umlaut as often as not)."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", syllable) if unicodedata.category(c) != "Mn")
    return stripped.replace("ü", "u").replace("v", "u")


Readings = dict[str, frozenset[str]]  # character -> its toneless syllables


def character_readings(rows: Iterable[tuple[str, str, str]]) -> Readings:
    """Toneless readings per character from ``(simplified, traditional, numbered pinyin)``
    rows (the dictionary's single-character entries): 吕 -> {"lu"}."""
    readings: dict[str, set[str]] = {}
    for simplified, traditional, pinyin in rows:
        syllable = toneless(re.sub(r"\d", "", pinyin.lower().replace("u:", "u")))
        if syllable.isalpha():
            for char in {simplified, traditional}:
                readings.setdefault(char, set()).add(syllable)
    return {char: frozenset(found) for char, found in readings.items()}


def _spelled(readings: Readings) -> dict[str, str]:
    """Per syllable, the characters read so."""
    spelled: dict[str, list[str]] = {}
    for char, syllables in readings.items():
        for syllable in syllables:
            spelled.setdefault(syllable, []).append(char)
    return {s: "".join(chars) for s, chars in spelled.items()}


def syllable_splits(word: str, syllables: Iterable[str]) -> list[tuple[str, ...]]:
    """Every way to read ``word`` as 2 to 4 of the pinyin ``syllables``: ``Qingyang`` -> [('qing', 'yang')]."""
    spelled = syllables if isinstance(syllables, (set, frozenset, dict)) else set(syllables)
    letters = toneless(word.lower()).replace("'", "").replace("’", "").replace("-", "")
    out: list[tuple[str, ...]] = []

    def split(position: int, parts: tuple[str, ...]) -> None:
        if position == len(letters):
            if len(parts) >= 2:
                out.append(parts)
            return
        if len(parts) == _MAX_SYLLABLES:
            return
        for size in range(1, 7):
            piece = letters[position : position + size]
            if len(piece) == size and piece in spelled and piece not in _NOT_NAME_SYLLABLES:
                split(position + size, parts + (piece,))

    split(0, ())
    return out


class PinyinNames:
    """The pinyin names of an English text, and where a Chinese text has them."""

    def __init__(self, english: Iterable[str], readings: Readings) -> None:
        self.readings = readings
        syllables = self.syllables = _spelled(readings)
        texts = list(english)
        lower = {w for text in texts for w in _LOWER_RE.findall(text)}
        capitalised = {w for text in texts for w in _CAPITALISED_RE.findall(text)}
        self.names: dict[str, list[tuple[str, ...]]] = {}
        for word in sorted(capitalised):
            key = toneless(word.lower())
            if key not in self.names and key not in lower:
                splits = syllable_splits(word, syllables)
                if splits:
                    self.names[key] = splits
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for key, splits in self.names.items():
            for split in splits:
                self._by_first.setdefault(split[0], []).append((key, split))
        # The characters that can read as a name's first syllable, and as its second:
        # only pairs of them are looked at (a book has ~100,000 distinct pairs).
        firsts = {split[0] for splits in self.names.values() for split in splits}
        seconds = {split[1] for splits in self.names.values() for split in splits}
        self._firsts = frozenset(c for c, read in readings.items() if not read.isdisjoint(firsts))
        self._seconds = frozenset(c for c, read in readings.items() if not read.isdisjoint(seconds))
        # Two characters that can open a name -> the names (key, syllables) they open.
        self._openings: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._keys: dict[str, str | None] = {}

    def key_of(self, word: str) -> str | None:
        """The name key of an English word, or None if it is not one of the names."""
        if word not in self._keys:
            key = toneless(word.lower())
            self._keys[word] = key if key in self.names else None
        return self._keys[word]

    def reads_as(self, chinese: str, word: str) -> bool:
        """True if consecutive characters of ``chinese`` read as the pinyin ``word``
        (林晓 ~ Lin, Xiaolin), whether or not it is one of the names."""
        letters = toneless(word.lower())
        for split in [*syllable_splits(word, self.syllables), (letters,)]:
            for start in range(len(chinese) - len(split) + 1):
                if _reads_as(chinese, start, split, self.readings):
                    return True
        return False

    def find(self, chinese: str) -> set[str]:
        """Keys of the names whose syllables consecutive characters of ``chinese`` can be read as."""
        if not self.names:
            return set()
        found: set[str] = set()
        firsts, seconds, openings = self._firsts, self._seconds, self._openings
        for pair in {chinese[k : k + 2] for k in range(len(chinese) - 1) if chinese[k] in firsts and chinese[k + 1] in seconds}:
            names = openings.get(pair)
            if names is None:
                names = self._opened_by(pair)
            for key, syllables in names:
                if key not in found and (len(syllables) == 2 or self._longer_name_at(chinese, pair, syllables)):
                    found.add(key)
        return found

    def _opened_by(self, pair: str) -> list[tuple[str, tuple[str, ...]]]:
        """Names whose first two syllables the two characters ``pair`` can be read as (kept)."""
        readings = self.readings
        second = readings.get(pair[1:2], frozenset())
        names = [
            (key, syllables)
            for first in readings.get(pair[:1], ())
            for key, syllables in self._by_first.get(first, ())
            if syllables[1] in second
        ]
        self._openings[pair] = names
        return names

    def _longer_name_at(self, chinese: str, pair: str, syllables: tuple[str, ...]) -> bool:
        readings = self.readings
        start = chinese.find(pair)
        while start >= 0:
            if _reads_as(chinese, start, syllables, readings):
                return True
            start = chinese.find(pair, start + 1)
        return False


def _reads_as(text: str, start: int, syllables: tuple[str, ...], readings: dict[str, frozenset[str]]) -> bool:
    if start + len(syllables) > len(text):
        return False
    return all(s in readings.get(text[start + n], ()) for n, s in enumerate(syllables))
