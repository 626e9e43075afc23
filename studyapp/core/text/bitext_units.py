"""The units the bitext aligner compares, and the interning of their terms.

An :class:`AlignUnit` is a sentence or paragraph reduced to what the costs of
:mod:`studyapp.core.text.bitext` need: a length, integer terms, which terms
weigh more (numbers, names), question and exclamation marks, and whether it
is a heading or an aside (a sentence wholly in brackets: a translator's
note). :class:`BitextUnits` builds them from texts. Numbers are normalised
here (:mod:`studyapp.core.text.numerals`: 二十一 = twenty-one); dictionary
words and names come from an optional :class:`Glossary`, which lives with
the language data. Example::

    >>> units = BitextUnits()
    >>> zh, en = units.build(["他九点到，你呢？"], ["He came at 9:00. And you?"])
    >>> zh[0].questions, en[0].questions
    (1, 1)
    >>> sorted(units.keys), [units.translations[t] for t in zh[0].terms]
    (['#9', '#t9:00'], [frozenset({0}), frozenset({1})])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from studyapp.core.text.char_classes import count_han
from studyapp.core.text.dialogue import EN_LABEL_RE, ZH_LABEL_RE
from studyapp.core.text.numerals import numbers_in

#: Chinese length of a Latin letter or digit inside Chinese text (as in align.py).
ZH_PER_LATIN = 0.26
#: Keys of numbers ("#21") and names ("@qingyang") count more and are never
#: learnt; speaker labels ("$lin") count more and may be learnt.
HEAVY_FIRST = "#@$"
#: Keys of personal pronouns: a match on one says little about where a sentence belongs.
PRONOUN_KEYS = frozenset(["i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "he", "him", "his", "she", "her", "hers", "they", "them", "their"])
_LATIN_OR_DIGIT_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")


@dataclass(frozen=True, slots=True)
class AlignUnit:
    """One sentence or paragraph as the aligner sees it."""

    length: float
    terms: tuple[int, ...]
    heavy: int = 0  # bit n set: terms[n] is a number, a name or a speaker label
    fixed: int = 0  # bit n set: terms[n] is a number or a name, never learnt
    questions: int = 0
    exclamations: int = 0
    heading: bool = False
    aside: bool = False  # wholly in brackets: "（王磊是站里资历最老的观测员。）"
    weak: int = 0  # bit n set: terms[n] is the key of a personal pronoun (English units)


class Glossary(Protocol):
    """Dictionary evidence: English keys of a sentence, Chinese words with theirs."""

    def prepare(self, chinese: Sequence[str], english: Sequence[str]) -> None:
        """Learn what the whole text offers (its names) before units are built."""

    def english_keys(self, text: str) -> Iterable[str]:
        """Keys of the content words of English ``text``, then its names ("@name")."""

    def chinese_terms(self, text: str) -> Iterable[str]:
        """Dictionary words in Chinese ``text``, then the names ("@name") it spells."""

    def keys_of(self, term: str) -> Iterable[str]:
        """The English keys a Chinese term translates to."""

    def same_speaker(self, chinese: str, english: str) -> bool:
        """True if a Chinese speaker label names the English one (林晓 ~ Lin, 妈妈 ~ Mother)."""


class BitextUnits:
    """Builds AlignUnits for one text pair, interning keys (English) and terms (Chinese).

    ``translations[term]`` is the set of English key ids a Chinese term may be
    rendered by; only keys that occur in the English text are kept.
    """

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary
        self.keys: dict[str, int] = {}
        self.terms: dict[str, int] = {}
        self.translations: list[frozenset[int]] = []
        self._speakers: dict[str, tuple[str, ...]] = {}

    def build(
        self, chinese: Sequence[str], english: Sequence[str],
        chinese_headings: Sequence[bool] = (), english_headings: Sequence[bool] = (),
    ) -> tuple[list[AlignUnit], list[AlignUnit]]:
        if self.glossary is not None:
            self.glossary.prepare(chinese, english)
        self._speakers = self._speaker_keys(chinese, english)
        en_units = [self._english(text, n < len(english_headings) and english_headings[n]) for n, text in enumerate(english)]
        zh_units = [self._chinese(text, n < len(chinese_headings) and chinese_headings[n]) for n, text in enumerate(chinese)]
        return zh_units, en_units

    def _speaker_keys(self, chinese: Sequence[str], english: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Chinese speaker label -> the keys of the English labels it names."""
        en_labels = {m.group(1) for text in english if (m := EN_LABEL_RE.match(text))}
        zh_labels = {m.group(1) for text in chinese if (m := ZH_LABEL_RE.match(text))}
        if not en_labels or not zh_labels:
            return {}
        same = self.glossary.same_speaker if self.glossary is not None else (lambda zh, en: False)
        return {zh: tuple("$" + en.lower() for en in sorted(en_labels) if same(zh, en)) for zh in zh_labels}

    def _english(self, text: str, heading: bool) -> AlignUnit:
        words = list(self.glossary.english_keys(text)) if self.glossary is not None else []
        numbers = numbers_in(text)
        if numbers:
            words += ["#" + n for n in sorted(numbers)]
        if self._speakers and (label := EN_LABEL_RE.match(text)):
            words.append("$" + label.group(1).lower())
        keys = self.keys
        ids = tuple([keys.setdefault(w, len(keys)) for w in words])
        heavy, fixed = _marked(words)
        weak = 0 if PRONOUN_KEYS.isdisjoint(words) else sum(1 << n for n, w in enumerate(words) if w in PRONOUN_KEYS)
        return AlignUnit(float(len(text)), ids, heavy, fixed, text.count("?"), text.count("!"), heading, is_aside(text), weak)

    def _chinese(self, text: str, heading: bool) -> AlignUnit:
        words = list(self.glossary.chinese_terms(text)) if self.glossary is not None else []
        numbers = numbers_in(text)
        if numbers:
            words += ["#" + n for n in sorted(numbers)]
        if self._speakers and (label := ZH_LABEL_RE.match(text)):
            words.append("$" + label.group(1))
        terms, new = self.terms, self._new_term
        ids = tuple([t if (t := terms.get(w)) is not None else new(w) for w in words])
        heavy, fixed = _marked(words)
        length = count_han(text) + ZH_PER_LATIN * len(_LATIN_OR_DIGIT_RE.findall(text))
        questions = text.count("？") + text.count("?")
        exclamations = text.count("！") + text.count("!")
        return AlignUnit(length, ids, heavy, fixed, questions, exclamations, heading, is_aside(text))

    def _new_term(self, word: str) -> int:
        """A new term id for ``word``; its translations are its keys that occur in the English."""
        if word[0] == "#":
            keys: Iterable[str] = (word,)
        elif word[0] == "$":
            keys = self._speakers.get(word[1:], ())
        else:
            keys = self.glossary.keys_of(word) if self.glossary is not None else ()
        term = self.terms[word] = len(self.translations)
        self.translations.append(frozenset(self.keys[k] for k in keys if k in self.keys))
        return term


def is_aside(text: str) -> bool:
    """True if ``text`` is wholly in round brackets (a full stop after them allowed): "(He is the oldest.)"."""
    inner = text.strip().rstrip("。.")
    return inner[:1] in ("（", "(") and inner[-1:] in ("）", ")")


def _marked(words: list[str]) -> tuple[int, int]:
    """Bit masks of the heavy terms (numbers, names, labels) and of the fixed ones
    (numbers, names). They come after the words, so the scan stops at the first word."""
    heavy = fixed = 0
    for n in range(len(words) - 1, -1, -1):
        first = words[n][0]
        if first not in HEAVY_FIRST:
            break
        heavy |= 1 << n
        if first != "$":
            fixed |= 1 << n
    return heavy, fixed
