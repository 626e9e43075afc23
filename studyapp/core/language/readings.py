"""Readings in context: one numbered syllable per character of each token.

* A character with one reading takes it; a word in CC-CEDICT gives the
  reading of its characters (银行 yin2 hang2), with the dictionary's
  neutral tones (东西 dong1 xi5).
* A polyphonic character — alone, in a name, in a word the dictionary
  lacks, or even inside a dictionary word — is read by the learned reading
  model (reading_model.py): g2pM's sentence-level network, the word the
  character stands in, a context table and running-text priors, weighted as
  learned from labelled sentences. Where the model's reading is the word's
  reading up to a neutral tone, the word's reading is kept.
* A word CC-CEDICT lacks is read through its breakdown into dictionary words.
* Traditional text is read through its simplified shadow (same length).

Tones are the citation tones; tone sandhi of 一 and 不 as spoken is an
option. Example::

    >>> reader = PinyinReader(Dictionary.open())            # doctest: +SKIP
    >>> reader.read_text("他还没有还钱。")                   # doctest: +SKIP
    [['ta1'], ['hai2'], ['mei2', 'you3'], ['huan2'], ['qian2'], None]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Sequence

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.language.pinyin_spelling import normalise_numbered, tone_of
from studyapp.core.language.polyphone_rules import Context, reading_by_override, reading_by_rule
from studyapp.core.language.reading_model import Evidence, ReadingModel, same_reading
from studyapp.core.language.script_conversion import ScriptConverter
from studyapp.core.text.document import Token

if TYPE_CHECKING:
    from studyapp.core.language.neural_readings import NeuralReadings

Reading = list[str] | None
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


@dataclass
class Slot:
    """A character whose reading the model chooses."""

    candidates: list[str]
    word_reading: str | None
    word_ambiguous: bool
    rule_reading: str | None = None


@dataclass
class Plan:
    """A text's readings before the model: fixed syllables and open slots."""

    text: str  # the simplified shadow of the tokens, same length
    syllables: list[str | None]  # per character; None outside Chinese tokens
    slots: dict[int, Slot] = field(default_factory=dict)


class PinyinReader:
    """Chooses readings for tokens in context."""

    def __init__(self, dictionary: Dictionary, converter: ScriptConverter | None = None, model: ReadingModel | None = None) -> None:
        self.dictionary = dictionary
        self.converter = converter or ScriptConverter(dictionary)
        self._model = model
        self._word_readings = lru_cache(maxsize=200_000)(self._word_readings_uncached)
        self._char_readings = lru_cache(maxsize=20_000)(self._char_readings_uncached)

    @property
    def model(self) -> ReadingModel:
        if self._model is None:
            self._model = ReadingModel.load()
        return self._model

    @cached_property
    def neural(self) -> NeuralReadings:
        from studyapp.core.language.neural_readings import NeuralReadings

        return NeuralReadings.load()

    def read(self, tokens: Sequence[Token], sandhi: bool = False) -> list[Reading]:
        """Per token: numbered syllables, one per character (None for non-Chinese)."""
        return self.read_batch([tokens], sandhi)[0]

    def read_batch(self, token_lists: Sequence[Sequence[Token]], sandhi: bool = False) -> list[list[Reading]]:
        """``read`` for many texts at once (the network runs on them in one batch)."""
        plans = [self.plan(tokens) for tokens in token_lists]
        neural = self.neural_evidence(plans)
        out = []
        for tokens, plan, probabilities in zip(token_lists, plans, neural):
            syllables = list(plan.syllables)
            for i, slot in plan.slots.items():
                chosen = self.model.choose(plan.text, i, slot.candidates, Evidence(probabilities.get(i, {}), slot.word_reading, slot.word_ambiguous, slot.rule_reading))
                keep_word = slot.word_reading is not None and same_reading(chosen, slot.word_reading)
                syllables[i] = slot.word_reading if keep_word else chosen
            readings: list[Reading] = [
                [s or "" for s in syllables[t.start : t.start + len(t.text)]] if t.is_chinese else None for t in tokens
            ]
            if sandhi:
                apply_sandhi(tokens, readings)
            out.append(readings)
        return out

    def plan(self, tokens: Sequence[Token]) -> Plan:
        """Word readings for every character, and the slots the model must fill."""
        text = "".join(self.converter.to_simplified(t.text) if t.is_chinese else t.text for t in tokens)
        base = tokens[0].start if tokens else 0
        plan = Plan(text, [None] * len(text))
        words: list[str] = []
        starts: list[int] = []
        for token in tokens:
            word = text[token.start - base : token.start - base + len(token.text)]
            chinese = token.is_chinese and len(word) > 1 and not self.dictionary.contains(word)
            at = token.start - base
            for piece in self.dictionary.breakdown(word) if chinese else (word,):
                words.append(piece)
                starts.append(at if token.is_chinese else -1)
                at += len(piece)
        for n, (piece, at) in enumerate(zip(words, starts)):
            if at >= 0:
                self._plan_piece(plan, piece, at, Context(words, n))
        return plan

    def _plan_piece(self, plan: Plan, piece: str, at: int, context: Context) -> None:
        options = self._word_readings(piece) if len(piece) > 1 else ()
        for k, char in enumerate(piece):
            word_reading = options[0][k] if options else None
            ambiguous = len({o[k] for o in options}) > 1
            candidates = self.candidates(char)
            plan.syllables[at + k] = word_reading or candidates[0]
            fixed = reading_by_override(char, context) if len(piece) == 1 else None
            if fixed:
                plan.syllables[at + k] = fixed
            elif len(candidates) > 1 and (word_reading is None or self.neural.is_polyphonic(char)):
                rule = reading_by_rule(char, context) if len(piece) == 1 else None
                plan.slots[at + k] = Slot(candidates, word_reading, ambiguous, rule)

    def candidates(self, char: str) -> list[str]:
        """The readings the model may choose for ``char``: the network's, else the dictionary's."""
        known = self.neural.readings_of.get(char)
        if known and len(known) > 1:
            return list(known)
        return list(self._char_readings(char))

    def neural_evidence(self, plans: Sequence[Plan]) -> list[dict[int, dict[str, float]]]:
        """Network probabilities for each plan's slots, sentence by sentence, in one batch."""
        pieces: list[tuple[int, int, str, list[int]]] = []
        for n, plan in enumerate(plans):
            if not plan.slots:
                continue
            start = 0
            for match in [*_SENTENCE_END.finditer(plan.text), None]:
                end = match.end() if match else len(plan.text)
                inside = [i - start for i in plan.slots if start <= i < end and self.neural.is_polyphonic(plan.text[i])]
                if inside:
                    pieces.append((n, start, plan.text[start:end], inside))
                start = end
        out: list[dict[int, dict[str, float]]] = [{} for _ in plans]
        if pieces:
            found = self.neural.probabilities([p[2] for p in pieces], [p[3] for p in pieces])
            for (n, start, _, _), probabilities in zip(pieces, found):
                out[n].update({start + i: p for i, p in probabilities.items()})
        return out

    def commonest_reading(self, char: str) -> str:
        """The reading of a character on its own: commonest in running text."""
        candidates = self.candidates(char)
        counted = self.model.commonest(char)
        return counted if counted in candidates else candidates[0]

    def _char_readings_uncached(self, char: str) -> tuple[str, ...]:
        """Distinct readings of a character, commonest first (names last)."""
        entries = self.dictionary.lookup(char)
        common = [e for e in entries if not e.reference_only] or entries
        seen: dict[str, None] = {}
        for entry in sorted(common, key=lambda e: e.is_proper_noun):
            syllables = entry.pinyin.split()
            if len(syllables) == 1:
                seen.setdefault(normalise_numbered(syllables[0]).lower(), None)
        return tuple(seen) or ("",)

    def _word_readings_uncached(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The word's readings, one syllable per character, first-ranked common one first."""
        entries = [e for e in self.dictionary.lookup(word) if len(e.pinyin.split()) == len(word)]
        ordered = sorted(entries, key=lambda e: e.is_proper_noun or e.reference_only)
        out: dict[tuple[str, ...], None] = {}
        for entry in ordered:
            out.setdefault(tuple(normalise_numbered(s).lower() for s in entry.pinyin.split()), None)
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
