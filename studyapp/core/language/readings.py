"""Readings in context: one numbered syllable per character of each token.

* A character with one reading takes it; a word in CC-CEDICT gives the
  reading of its characters (银行 yin2 hang2), with the dictionary's
  neutral tones (东西 dong1 xi5).
* A polyphonic character — alone, in a name, in a word the dictionary
  lacks, or even inside a dictionary word — is read by the learned reading
  model (reading_model.py): g2pM's sentence-level network, the word the
  character stands in, a context table, running-text priors and grammar
  rules that see the neighbouring words (polyphone_rules.py), weighted as
  learned from labelled sentences. The network runs only on sentences where
  it could change a reading. Where the model's reading is the word's reading
  up to a neutral tone, the word's reading is kept.
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
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.language.lean_imports import forget_sources
from studyapp.core.language.pinyin_spelling import normalise_numbered, tone_of
from studyapp.core.language.polyphone_rules import Context, reading_by_rule
from studyapp.core.language.reading_model import Evidence, ReadingModel, same_reading
from studyapp.core.language.script_conversion import ScriptConverter
from studyapp.core.language.word_classes import WordClasses
from studyapp.core.text.document import Token

if TYPE_CHECKING:
    from studyapp.core.language.neural_readings import NeuralReadings

Reading = list[str] | None
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
#: Senses a reader of modern text meets less often (CC-CEDICT's own labels).
_DATED = re.compile(r"\b(old|archaic|literary|classical|ancient|imperial|dialect|obsolete)\b", re.IGNORECASE)


@dataclass
class Slot:
    """A character whose reading the model chooses."""

    candidates: list[str]
    word_reading: str | None
    word_ambiguous: bool
    rule: tuple[str, int] | None = None  # the reading a context rule names, and which rule
    status: str = "alone"  # see reading_model.STATUSES
    classes: tuple[str, str] | None = None  # of the words before and after

    def evidence(self, neural: dict[str, float]) -> Evidence:
        return Evidence(neural, self.word_reading, self.word_ambiguous, self.rule, self.status, self.classes)


@dataclass
class Plan:
    """A text's readings before the model: fixed syllables and open slots."""

    text: str  # the simplified shadow of the tokens, same length
    syllables: list[str | None]  # per character; None outside Chinese tokens
    slots: dict[int, Slot] = field(default_factory=dict)


class PinyinReader:
    """Chooses readings for tokens in context."""

    def __init__(self, dictionary: Dictionary, converter: ScriptConverter | None = None, model: ReadingModel | None = None, word_classes: Callable[[], WordClasses] | None = None) -> None:
        self.dictionary = dictionary
        self.converter = converter or ScriptConverter(dictionary)
        self._model = model
        self._neural: NeuralReadings | None = None
        self._loading = threading.Lock()  # two workers reading at once load the model and the network once
        self._word_classes = word_classes or (lambda: WordClasses.load(dictionary.info.path.parent))
        self._word_readings = lru_cache(maxsize=200_000)(self._word_readings_uncached)
        self._char_readings = lru_cache(maxsize=20_000)(self._char_readings_uncached)

    @property
    def model(self) -> ReadingModel:
        if self._model is None:
            with self._loading:
                if self._model is None:
                    self._model = ReadingModel.load()
        return self._model

    @cached_property
    def word_classes(self) -> WordClasses:
        return self._word_classes()

    @property
    def neural(self) -> NeuralReadings:
        if self._neural is None:
            with self._loading:
                if self._neural is None:
                    from studyapp.core.language.neural_readings import NeuralReadings

                    self._neural = NeuralReadings.load()
                    forget_sources()  # numpy's, kept after the import (see lean_imports)
        return self._neural

    def read(self, tokens: Sequence[Token], sandhi: bool = False) -> list[Reading]:
        """Per token: numbered syllables, one per character (None for non-Chinese)."""
        return self.read_batch([tokens], sandhi)[0]

    def read_batch(self, token_lists: Sequence[Sequence[Token]], sandhi: bool = False) -> list[list[Reading]]:
        """``read`` for many texts at once (the network runs on them in one batch)."""
        plans = [self.plan(tokens) for tokens in token_lists]
        settled = [{i: self.model.settled(plan.text, i, slot.candidates, slot.evidence({})) for i, slot in plan.slots.items()} for plan in plans]
        neural = self.neural_evidence(plans, [{i for i, s in found.items() if s is None} for found in settled])
        out = []
        for tokens, plan, probabilities, found in zip(token_lists, plans, neural, settled):
            syllables = list(plan.syllables)
            for i, slot in plan.slots.items():
                chosen = found[i] or self.model.choose(plan.text, i, slot.candidates, slot.evidence(probabilities.get(i, {})))
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
        words = [text[t.start - base : t.start - base + len(t.text)] for t in tokens]
        for n, (token, word) in enumerate(zip(tokens, words)):
            if not token.is_chinese:
                continue
            at = token.start - base
            if len(word) > 1 and not self.dictionary.contains(word):  # read through its breakdown
                pieces = list(self.dictionary.breakdown(word))
                spliced = words[:n] + pieces + words[n + 1 :]
                for k, piece in enumerate(pieces):
                    self._plan_piece(plan, piece, at, Context(spliced, n + k, self.word_classes.of))
                    at += len(piece)
            else:
                self._plan_piece(plan, word, at, Context(words, n, self.word_classes.of))
        return plan

    def _plan_piece(self, plan: Plan, piece: str, at: int, context: Context) -> None:
        options, common = self._word_readings(piece) if len(piece) > 1 else ((), 0)
        for k, char in enumerate(piece):
            word_reading = options[0][k] if options else None
            ambiguous = len({o[k] for o in options[:common]}) > 1
            candidates = self.candidates(char)
            candidates += dict.fromkeys(o[k] for o in options if not any(same_reading(c, o[k]) for c in candidates))
            plan.syllables[at + k] = word_reading or candidates[0]
            if len(candidates) > 1 and (word_reading is None or self.neural.is_polyphonic(char)):
                rule = reading_by_rule(char, context) if len(piece) == 1 else None
                classes = (context.prev_class(), context.next_class())
                plan.slots[at + k] = Slot(candidates, word_reading, ambiguous, rule, "word" if len(piece) > 1 else "alone", classes)

    def candidates(self, char: str) -> list[str]:
        """The readings the model may choose for ``char``: the network's, else the dictionary's."""
        known = self.neural.readings_of.get(char)
        if known and len(known) > 1:
            return list(known)
        return list(self._char_readings(char))

    def neural_evidence(self, plans: Sequence[Plan], only: Sequence[set[int]] | None = None) -> list[dict[int, dict[str, float]]]:
        """Network probabilities for each plan's slots (or ``only`` those), sentence by sentence, in one batch."""
        pieces: list[tuple[int, int, str, list[int]]] = []
        for n, plan in enumerate(plans):
            asked = plan.slots.keys() if only is None else only[n]
            if not asked:
                continue
            start = 0
            for match in [*_SENTENCE_END.finditer(plan.text), None]:
                end = match.end() if match else len(plan.text)
                inside = [i - start for i in asked if start <= i < end and self.neural.is_polyphonic(plan.text[i])]
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

    def _word_readings_uncached(self, word: str) -> tuple[tuple[tuple[str, ...], ...], int]:
        """The word's readings, one syllable per character, and how many are common.

        Common ones come first; then senses CC-CEDICT marks as old, literary or
        dialect (大夫 dàifu, then dàfū 'senior official (imperial China)'), which
        a reader of modern text rarely meets; then names.
        """
        entries = [e for e in self.dictionary.lookup(word) if len(e.pinyin.split()) == len(word)]
        ranked = sorted((e.is_proper_noun or e.reference_only, bool(_DATED.search(" ".join(e.definitions))), n) for n, e in enumerate(entries))
        out: dict[tuple[str, ...], bool] = {}
        for name, dated, n in ranked:
            out.setdefault(tuple(normalise_numbered(s).lower() for s in entries[n].pinyin.split()), not (name or dated))
        return tuple(out), sum(out.values()) or len(out)


def apply_sandhi(tokens: Sequence[Token], readings: list[Reading]) -> None:
    """一 and 不 as spoken: 不 bu2 and 一 yi2 before a fourth tone, 一 yi4 before
    other tones (not when counting, as an ordinal or at the end of a phrase)."""
    # (token, character, that token's syllables) for every character that has a reading
    flat: list[tuple[int, int, list[str]]] = [(k, i, r) for k, r in enumerate(readings) if r for i in range(len(r))]
    for n, (k, i, syllables) in enumerate(flat):
        char = tokens[k].text[i]
        if char not in "一不" or n + 1 >= len(flat):
            continue
        nk, ni, next_syllables = flat[n + 1]
        if nk > k + 1 and not all(t.kind == "space" for t in tokens[k + 1 : nk]):
            continue  # punctuation or a number follows
        following = tone_of(next_syllables[ni])
        if char == "不" and following == 4:
            syllables[i] = "bu2"
        elif char == "一" and not (i > 0 and tokens[k].text[i - 1] == "第"):
            syllables[i] = "yi2" if following == 4 else "yi4" if following in (1, 2, 3) else "yi1"
