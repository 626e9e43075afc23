"""Readings in context: one numbered syllable per character of each token.

* A word in CC-CEDICT takes the word's reading (银行 yin2 hang2): the word
  decides most polyphonic characters. Where the dictionary lists several
  readings for one word, the first-ranked common-noun reading wins.
* A single character that has several readings is read by context rules
  over its neighbouring tokens (polyphone_rules.py): 还钱 huan2, 一行字
  hang2, 我得走了 dei3, 慢慢地 de5, 睡着了 zhao2 ...
* A word CC-CEDICT lacks (a name, a new compound) is read through its
  breakdown into dictionary words and characters.
* Traditional text is read through its simplified shadow (same length).

Tones are the citation tones; tone sandhi of 一 and 不 as spoken is an
option. Example::

    >>> reader = PinyinReader(Dictionary.open())            # doctest: +SKIP
    >>> reader.read_text("他还没有还钱。")                   # doctest: +SKIP
    [['ta1'], ['hai2'], ['mei2', 'you3'], ['huan2'], ['qian2'], None]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from studyapp.core.language.script_conversion import ScriptConverter
from studyapp.core.language.dictionary import Dictionary
from studyapp.core.text.document import Token
from studyapp.core.language.pinyin_spelling import normalise_numbered, tone_of
from studyapp.core.language.polyphone_rules import Context, reading_by_rule

Reading = list[str] | None


class PinyinReader:
    """Chooses readings for tokens in context."""

    def __init__(self, dictionary: Dictionary, converter: ScriptConverter | None = None) -> None:
        self.dictionary = dictionary
        self.converter = converter or ScriptConverter(dictionary)
        self._word_reading = lru_cache(maxsize=200_000)(self._word_reading_uncached)
        self._char_readings = lru_cache(maxsize=20_000)(self._char_readings_uncached)

    def read(self, tokens: Sequence[Token], sandhi: bool = False) -> list[Reading]:
        """Per token: numbered syllables, one per character (None for non-Chinese).

        Words the dictionary lacks are read through their breakdown, so that
        the single characters in it get the context rules too (调低 -> 调 低).
        """
        words: list[str] = []
        owner: list[int] = []
        for k, token in enumerate(tokens):
            pieces = [self.converter.to_simplified(token.text) if token.is_chinese else token.text]
            if token.is_chinese and len(token.text) > 1 and not self._word_reading_known(pieces[0]):
                pieces = list(self.dictionary.breakdown(pieces[0]))
            words.extend(pieces)
            owner.extend([k] * len(pieces))
        readings: list[Reading] = [None] * len(tokens)
        for n, (word, k) in enumerate(zip(words, owner)):
            if not tokens[k].is_chinese:
                continue
            if len(word) == 1 and len(self._char_readings(word)) > 1:
                syllables = [self._in_context(word, words, n)]
            else:
                syllables = list(self._word_reading(word))
            readings[k] = (readings[k] or []) + syllables
        if sandhi:
            apply_sandhi(tokens, readings)
        return readings

    def _word_reading_known(self, word: str) -> bool:
        return self.dictionary.contains(word)

    def _in_context(self, char: str, words: list[str], k: int) -> str:
        context = Context(words, k)
        chosen = reading_by_rule(char, context)
        return chosen or self._char_readings(char)[0]

    def _char_readings_uncached(self, char: str) -> tuple[str, ...]:
        """Distinct readings of a character, commonest first (names only if nothing else)."""
        entries = self.dictionary.lookup(char)
        common = [e for e in entries if not e.is_proper_noun and not e.reference_only] or entries
        seen: dict[str, None] = {}
        for entry in common:
            syllables = entry.pinyin.split()
            if len(syllables) == 1:
                seen.setdefault(normalise_numbered(syllables[0]).lower(), None)
        return tuple(seen) or ("",)

    def _word_reading_uncached(self, word: str) -> tuple[str, ...]:
        entries = [e for e in self.dictionary.lookup(word) if len(e.pinyin.split()) == len(word)]
        if entries:
            best = next((e for e in entries if not e.is_proper_noun and not e.reference_only), entries[0])
            return tuple(normalise_numbered(s).lower() for s in best.pinyin.split())
        if len(word) == 1:
            return (self._char_readings(word)[0],)
        out: list[str] = []
        for piece in self.dictionary.breakdown(word):
            out.extend(self._word_reading(piece) if len(piece) > 1 else (self._char_readings(piece)[0],))
        return tuple(out)


def apply_sandhi(tokens: Sequence[Token], readings: list[Reading]) -> None:
    """一 and 不 as spoken: 不 bu2 and 一 yi2 before a fourth tone, 一 yi4 before
    other tones (not when counting, as an ordinal or at the end of a phrase)."""
    flat: list[tuple[int, int]] = [(k, i) for k, r in enumerate(readings) if r for i in range(len(r))]
    for n, (k, i) in enumerate(flat):
        char = tokens[k].text[i]
        if char not in "一不" or n + 1 >= len(flat):
            continue
        nk, ni = flat[n + 1]
        if nk > k + 1 and not all(t.kind == "space" for t in tokens[k + 1 : nk]):
            continue  # punctuation or a number follows
        following = tone_of(readings[nk][ni])
        if char == "不" and following == 4:
            readings[k][i] = "bu2"
        elif char == "一" and not (i > 0 and tokens[k].text[i - 1] == "第"):
            readings[k][i] = "yi2" if following == 4 else "yi4" if following in (1, 2, 3) else "yi1"
