"""Simplified <-> traditional Chinese, through CC-CEDICT's headwords.

Traditional -> simplified keeps the length, so a traditional text can be
segmented and read through its simplified shadow. It is character by
character, except that a character which is itself a valid simplified form
stays itself: CC-CEDICT lists 么 as the traditional form of 幺 and 乾 as
that of 干, but 什么 and 乾隆 are simplified text. Such a character is
converted only inside a traditional word that says so (乾淨 -> 干净) and that
is not itself a simplified word. Simplified -> traditional is decided
per *word*, because one simplified character can stand for several
traditional ones: 头发 -> 頭髮 but 发现 -> 發現, 以后 -> 以後 but 皇后 -> 皇后.
Example::

    >>> c = ScriptConverter(Dictionary.open())                      # doctest: +SKIP
    >>> c.to_simplified("頭髮還沒乾"), c.word_to_traditional("头发")   # doctest: +SKIP
    ('头发还没干', '頭髮')
    >>> c.to_simplified("什么乾隆"), c.to_simplified("乾淨")          # doctest: +SKIP
    ('什么乾隆', '干净')
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.text.document import Token


class ScriptConverter:
    """Conversions between the two scripts, built from the dictionary."""

    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self.word_to_traditional = functools.lru_cache(maxsize=50_000)(self._word_to_traditional)

    @functools.cached_property
    def _simplified_of(self) -> dict[str, str]:
        """Traditional character -> simplified character (first-ranked entry
        wins), for characters that are not valid simplified forms themselves."""
        valid = self.dictionary.simplified_characters()
        mapping: dict[str, str] = {}
        for traditional, simplified in self.dictionary.character_pairs():
            if traditional not in valid:
                mapping.setdefault(traditional, simplified)
        return mapping

    @functools.cached_property
    def _both_forms(self) -> frozenset[str]:
        """Characters that are simplified forms and also traditional forms of others (乾, 么, 著)."""
        valid = self.dictionary.simplified_characters()
        return frozenset(t for t, _ in self.dictionary.character_pairs() if t in valid)

    def to_simplified(self, text: str) -> str:
        """The simplified shadow of ``text``, of the same length."""
        mapping = self._simplified_of
        out = [mapping.get(ch, ch) for ch in text]
        both = self._both_forms
        traditional_text = any(ch in mapping for ch in text)
        for i, ch in enumerate(text):
            if ch in both:
                decided = self._in_traditional_word(text, i)
                if decided is None:  # no word either way: the text's script decides
                    decided = self._default_simplified[ch] if traditional_text else ch
                out[i] = decided or ch
        return "".join(out)

    @functools.cached_property
    def _default_simplified(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for traditional, simplified in self.dictionary.character_pairs():
            mapping.setdefault(traditional, simplified)
        return mapping

    def _in_traditional_word(self, text: str, i: int) -> str | None:
        reach = min(self.dictionary.max_length, 8) - 1
        start = max(0, i - reach)
        return self._converted_in_window(text[start : i + reach + 1], i - start)

    @functools.lru_cache(maxsize=20_000)  # noqa: B019 - one converter per dictionary, living as long as it
    def _converted_in_window(self, window: str, i: int) -> str | None:
        """The simplified form of ``window[i]`` given by the longest word around
        it: a traditional word that is not also a simplified word converts it
        (乾淨 -> 干), a simplified word keeps it ("" for 乾隆); None if no word."""
        spans = [(a, b) for a in range(0, i + 1) for b in range(max(i + 1, a + 2), len(window) + 1)]
        words = {window[a:b] for a, b in spans}
        known = self.dictionary.known(sorted(words))
        for a, b in sorted((s for s in spans if window[s[0] : s[1]] in known), key=lambda s: s[0] - s[1]):
            word = window[a:b]
            entries = self.dictionary.lookup(word)
            if any(e.simplified == word for e in entries):
                return ""
            converted = next((e.simplified for e in entries if e.traditional == word), None)
            if converted is not None and len(converted) == len(word):
                return converted[i - a]
        return None

    def has_traditional(self, text: str) -> bool:
        mapping = self._simplified_of
        return any(ch in mapping for ch in text)

    def _word_to_traditional(self, word: str) -> str:
        entries = [e for e in self.dictionary.lookup(word) if e.simplified == word]
        common = [e for e in entries if not e.reference_only and not e.is_proper_noun] or entries
        if len(word) == 1:  # 后 "queen" vs 後 "after": the form with more senses
            common.sort(key=lambda e: -len(e.definitions))
        if common:
            return common[0].traditional
        if len(word) == 1:
            return word
        return "".join(self.word_to_traditional(piece) for piece in self.dictionary.breakdown(word))

    def tokens_to_traditional(self, tokens: Sequence[Token]) -> list[str]:
        """The traditional form of each token (non-Chinese tokens unchanged)."""
        return [self.word_to_traditional(t.text) if t.is_chinese else t.text for t in tokens]

    def tokens_to_simplified(self, tokens: Sequence[Token]) -> list[str]:
        return [self.to_simplified(t.text) if t.is_chinese else t.text for t in tokens]
