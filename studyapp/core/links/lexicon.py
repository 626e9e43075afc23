"""CC-CEDICT as alignment evidence: which English keys a Chinese word may become.

Both sides are reduced to *keys*: an English word is lower-cased, its
inflection stripped and cut to six letters (``negotiated`` -> ``negoti``,
``went`` -> ``go``); a Chinese word's keys are those of the content words of
its definitions. A Chinese text offers every dictionary word in it (all
substrings of up to four characters that are headwords: the aligner wants
recall, not a segmentation), and the pinyin names of the English text
(:mod:`studyapp.core.links.pinyin_names`). Example::

    >>> glossary = DictionaryGlossary(Language().dictionary)       # doctest: +SKIP
    >>> glossary.prepare(["我去银行。"], ["I went to the bank."])     # doctest: +SKIP
    >>> sorted(glossary.english_keys("I went to the bank.")), "bank" in glossary.chinese_terms("我去银行。")["银行"]  # doctest: +SKIP
    (['bank', 'go', 'i'], True)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from studyapp.core.links.english_lemmas import DEMONYMS, IRREGULAR, STOPWORDS
from studyapp.core.links.pinyin_names import PinyinNames, Readings, character_readings
from studyapp.core.text.char_classes import HAN_PATTERN

if TYPE_CHECKING:
    from studyapp.core.language.dictionary import Dictionary

_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][a-z]+)?")
_HAN_RUN_RE = re.compile(HAN_PATTERN + "+")
#: Asides in a CC-CEDICT definition: "(of a river) to flow", "[bank]", "see 銀行|银行[yin2 hang2]".
PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|[A-Za-z\u4e00-\u9fff|]*\[[^\]]*\]")
_SKIPPED = ("surname ", "variant of", "old variant", "see ", "used in", "CL:", "abbr. for", "erhua variant")
_MAX_WORD = 4


@functools.lru_cache(maxsize=200_000)
def english_key(word: str) -> str:
    """The key of an English word: ``Tariffs`` -> ``tariff``, ``stopped`` -> ``stopp``."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = IRREGULAR.get(w, DEMONYMS.get(w, w))
    if len(w) > 4:
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith(("ches", "shes", "sses", "xes")):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        for suffix in ("ative", "ing", "ed"):  # (talkative -> talk, as 说话 "to talk")
            if w.endswith(suffix) and len(w) - len(suffix) >= 3 + (suffix == "ative"):
                w = w[: -len(suffix)]
                break
    return w[:6]


def content_keys(text: str) -> list[str]:
    """Keys of the content words of English ``text`` (function words dropped; "I" kept)."""
    out = []
    for word in _WORD_RE.findall(text):
        lower = word.lower()
        if (lower in STOPWORDS or len(word) < 2) and word != "I":
            continue
        out.append(english_key(word))
    return out


def gloss_keys(definitions: Iterable[str]) -> frozenset[str]:
    """Keys of the content words of a word's CC-CEDICT definitions."""
    keys: set[str] = set()
    for definition in definitions:
        if not definition.startswith(_SKIPPED):
            keys.update(content_keys(PAREN_RE.sub(" ", definition)))
    return frozenset(keys)


class Headwords:
    """CC-CEDICT's headwords, and the first two characters of those of three or four."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.longer = frozenset(w[:2] for w in words if 3 <= len(w) <= _MAX_WORD)

    def found_in(self, text: str) -> set[str]:
        """Every headword of up to four characters inside the runs of Chinese in ``text``.

        Three- and four-character substrings are tried only where their first two
        characters begin such a headword (a book has millions of substrings)."""
        words, longer = self.words, self.longer
        found: set[str] = set()
        for run in _HAN_RUN_RE.findall(text):
            found.update(words.intersection(run))
            n = len(run)
            twos = [run[k : k + 2] for k in range(n - 1)]
            found.update(words.intersection(twos))
            for k in [k for k, two in enumerate(twos) if two in longer]:
                for end in range(k + 3, min(k + _MAX_WORD, n) + 1):
                    if run[k:end] in words:
                        found.add(run[k:end])
        return found


def _words_of(texts: Sequence[str], headwords: Headwords) -> dict[str, tuple[str, ...]]:
    """Each distinct text's dictionary words, as tuples of shared strings: a long
    book's per-sentence sets of fresh substrings took ~4 KB a sentence."""
    shared: dict[str, str] = {}
    out: dict[str, tuple[str, ...]] = {}
    for text in texts:
        if text not in out:
            out[text] = tuple([shared.setdefault(w, w) for w in headwords.found_in(text)])
    return out


class DictionaryGlossary:
    """The :class:`~studyapp.core.text.bitext_units.Glossary` over CC-CEDICT.

    ``prepare`` scans the Chinese once for dictionary words and fetches all
    their definitions in a few queries; keys of a word are then a lookup.
    """

    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self._headwords: Headwords | None = None
        self._keys: dict[str, frozenset[str]] = {}
        self._words: dict[str, tuple[str, ...]] = {}
        self._names: PinyinNames | None = None
        self._readings: Readings | None = None
        self._english: dict[str, str] = {}  # English word -> its key ("" for none)

    def prepare(self, chinese: Sequence[str], english: Sequence[str]) -> None:
        self._words = _words_of(chinese, self._headword_index())
        missing = sorted(set().union(*self._words.values()) - self._keys.keys()) if self._words else []
        definitions = self.dictionary.definitions_of(missing)
        for word in missing:
            self._keys[word] = gloss_keys(definitions.get(word, ()))
        if self._readings is None:
            self._readings = character_readings(self.dictionary.character_readings())
        self._names = PinyinNames(english, self._readings)
        self._english = {}

    def english_keys(self, text: str) -> list[str]:
        """Keys of the content words, names ("@name") after them."""
        cache = self._english
        out: list[str] = []
        names: list[str] = []
        for word in _WORD_RE.findall(text):
            key = cache.get(word)
            if key is None:
                key = cache[word] = self._english_key(word)
            if key:
                (names if key[0] == "@" else out).append(key)
        return out + names

    def _english_key(self, word: str) -> str:
        """``word``'s key, its name key ("@qingyang"), or "" for a function word."""
        name = self._names.key_of(word) if self._names is not None and word[0].isupper() else None
        if name is not None:
            return "@" + name
        if (word.lower() in STOPWORDS or len(word) < 2) and word != "I":
            return ""
        return english_key(word)

    def chinese_terms(self, text: str) -> list[str]:
        words = self._words.get(text)
        out = list(words if words is not None else  # (a text prepare() did not see)
                   self._headword_index().found_in(text))
        if self._names is not None and self._names.names:
            out += ["@" + name for name in self._names.find(text)]
        return out

    def keys_of(self, term: str) -> Iterable[str]:
        return (term,) if term[0] == "@" else self._keys_of(term)

    def same_speaker(self, chinese: str, english: str) -> bool:
        """林晓 ~ Lin or Xiaolin (by the characters' readings); 妈妈 ~ Mother (by the dictionary)."""
        if self._names is not None and any(self._names.reads_as(chinese, w) for w in _WORD_RE.findall(english)):
            return True
        keys = set(content_keys(english))
        return any(keys & self._keys_of(w) for w in self._headword_index().found_in(chinese))

    def _headword_index(self) -> Headwords:
        if self._headwords is None:
            self._headwords = Headwords(self.dictionary.headwords())
        return self._headwords

    def _keys_of(self, word: str) -> frozenset[str]:
        if word not in self._keys:
            self._keys[word] = gloss_keys(self.dictionary.definitions_of([word]).get(word, ()))
        return self._keys[word]
