"""Simplified <-> traditional Chinese, through CC-CEDICT's headwords.

Traditional -> simplified is character by character (it is nearly
unambiguous) and keeps the length, so a traditional text can be segmented
and read through its simplified shadow. Simplified -> traditional is decided
per *word*, because one simplified character can stand for several
traditional ones: 头发 -> 頭髮 but 发现 -> 發現, 以后 -> 以後 but 皇后 -> 皇后.
Example::

    >>> c = ScriptConverter(Dictionary.open())                      # doctest: +SKIP
    >>> c.to_simplified("頭髮還沒乾"), c.word_to_traditional("头发")   # doctest: +SKIP
    ('头发还没干', '頭髮')
"""

from __future__ import annotations

import functools
from typing import Sequence

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.text.document import Token


class ScriptConverter:
    """Conversions between the two scripts, built from the dictionary."""

    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self.word_to_traditional = functools.lru_cache(maxsize=50_000)(self._word_to_traditional)

    @functools.cached_property
    def _simplified_of(self) -> dict[str, str]:
        """Traditional character -> simplified character (first-ranked entry wins)."""
        mapping: dict[str, str] = {}
        for traditional, simplified in self.dictionary.character_pairs():
            mapping.setdefault(traditional, simplified)
        return mapping

    def to_simplified(self, text: str) -> str:
        """Character by character; the result has the same length as ``text``."""
        mapping = self._simplified_of
        return "".join(mapping.get(ch, ch) for ch in text)

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
