"""Aligning English and Chinese paragraphs (and, later, sentences).

A monotone dynamic programme over the English and the Chinese sequences finds
the cheapest chain of *beads*: 1-1, 1-0, 0-1, 2-1 and 1-2 (2-2 on request).
A bead's cost adds

* the prior of its type (1-1 is most common);
* a Gale-Church length cost fitted to English-Chinese: a translation of ``e``
  English characters has about ``N(0.26 e, 0.27 e)`` ideographs (Latin
  letters and digits inside Chinese count 0.26 each);
* shared numbers and Latin-script names (a bonus), numbers on both sides with
  none shared (a penalty);
* headings against headings (bonus), against paragraphs (penalty), and never
  merged with another unit;
* in *interleaved* documents (translation next to original), the distance
  between the two sides in the file, and a bonus for sharing one source block;
* an optional lexical score ``lexical(english, chinese) -> 0..1``
  (dictionary overlap), plugged in by the caller.

Example: a paragraph broken across a blank line, answered by one Chinese
paragraph, is a 2-1 bead::

    >>> en = [Item("During the long winter, the old fisherman", position=0),
    ...       Item("mended his nets by the fire every evening.", position=1)]
    >>> zh = [Item("漫长的冬天里，老渔夫每天晚上都在炉火旁补渔网。", lang="zh", position=2)]
    >>> align(en, zh, interleaved=True)
    [((0, 1), (0,))]

The search is banded: in an interleaved document around the Chinese units
that stand near each English unit, otherwise around the diagonal.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from studyapp.core.script import count_han, count_latin

#: Ideographs per English character, and the variance per English character.
ZH_PER_EN_CHAR = 0.26
VARIANCE_PER_EN_CHAR = 0.27

_PRIORS = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.0445, (1, 2): 0.0445, (2, 2): 0.011}
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_EN_NAME_RE = re.compile(r"\b[A-Z][A-Za-z'’\-]+")
_ZH_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]+")
_COMMON_CAPITALS = frozenset(
    "The A An In On At Of For And But Or If It He She We They I You This That These Those "
    "Mr Mrs Ms Dr St His Her Its Our Their As By To From With When While After Before".split()
)

_INV_SQRT2 = 1 / math.sqrt(2)

Lexical = Callable[[str, str], float]


@dataclass(frozen=True, slots=True)
class Item:
    """One unit to align, with the features the costs use."""

    text: str
    lang: str = "en"
    heading: bool = False
    position: int = 0
    block: int = -1
    length: float = field(init=False)
    numbers: frozenset[str] = field(init=False)
    names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        text = self.text
        if self.lang == "zh":
            han = count_han(text)
            other = count_latin(text) + sum(ch.isdigit() for ch in text)
            length = han + ZH_PER_EN_CHAR * other
            names = {w.lower() for w in _ZH_LATIN_WORD_RE.findall(text)}
        else:
            length = len(text)
            names = {w.lower() for w in _EN_NAME_RE.findall(text) if w not in _COMMON_CAPITALS}
        numbers = {n.replace(",", "") for n in _NUMBER_RE.findall(text)}
        object.__setattr__(self, "length", float(length))
        object.__setattr__(self, "numbers", frozenset(numbers))
        object.__setattr__(self, "names", frozenset(names))


Bead = tuple[tuple[int, ...], tuple[int, ...]]


def align(
    english: Sequence[Item],
    chinese: Sequence[Item],
    *,
    interleaved: bool = False,
    lexical: Lexical | None = None,
    allow_2_2: bool = False,
    band: int | None = None,
) -> list[Bead]:
    """The cheapest monotone chain of beads covering both sequences."""
    scorer = _BeadScorer(english, chinese, interleaved, lexical)
    moves = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)] + ([(2, 2)] if allow_2_2 else [])
    lo, hi = _band(english, chinese, interleaved, band)
    n_en, inf = len(english), math.inf
    cost: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n_en + 1):
        row_cost = [inf] * (hi[i] - lo[i] + 1)
        row_back = [-1] * len(row_cost)
        for j in range(lo[i], hi[i] + 1):
            if i == 0 and j == 0:
                row_cost[0] = 0.0
                continue
            best, best_move = inf, -1
            for m, (di, dj) in enumerate(moves):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                before = row_cost[pj - lo[i]] if pi == i else cost[pi][pj - lo[pi]]
                if before == inf:
                    continue
                total = before + scorer.cost(pi, i, pj, j)
                if total < best:
                    best, best_move = total, m
            row_cost[j - lo[i]] = best
            row_back[j - lo[i]] = best_move
        cost.append(row_cost)
        back.append(row_back)
    return _trace(back, lo, moves, n_en, len(chinese))


def _trace(back: list[list[int]], lo: list[int], moves: list[tuple[int, int]], i: int, j: int) -> list[Bead]:
    beads: list[Bead] = []
    while i > 0 or j > 0:
        di, dj = moves[back[i][j - lo[i]]]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _band(english: Sequence[Item], chinese: Sequence[Item], interleaved: bool, width: int | None) -> tuple[list[int], list[int]]:
    """Per English prefix length ``i``, the range of Chinese prefix lengths searched."""
    n_en, n_zh = len(english), len(chinese)
    if interleaved:
        positions = [c.position for c in chinese]
        centre, k = [], 0
        for e in english:
            while k < n_zh and positions[k] < e.position:
                k += 1
            centre.append(k)
        width = 4 if width is None else width
    else:
        centre = [round(i * n_zh / max(n_en, 1)) for i in range(n_en)]
        width = (30 + max(n_en, n_zh) // 20) if width is None else width
    centre.append(n_zh)
    lo = [max(0, centre[i] - width) for i in range(n_en + 1)]
    hi = [min(n_zh, max(centre[i], centre[min(i + 1, n_en)]) + width) for i in range(n_en + 1)]
    lo[0], hi[n_en] = 0, n_zh
    return lo, hi


class _BeadScorer:
    """Cost of the bead english[i0:i1] <-> chinese[j0:j1]; see the module docstring."""

    def __init__(self, english: Sequence[Item], chinese: Sequence[Item], interleaved: bool, lexical: Lexical | None):
        self.en, self.zh = english, chinese
        self.interleaved = interleaved
        self.lexical = lexical
        self.priors = {k: -math.log(v) for k, v in _PRIORS.items()}

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        prior = self.priors[(i1 - i0, j1 - j0)]
        if i0 == i1 or j0 == j1:
            return prior
        es, zs = self.en[i0:i1], self.zh[j0:j1]
        return prior + self._length(es, zs) + self._structure(es, zs) + self._evidence(es, zs)

    @staticmethod
    def _length(es: Sequence[Item], zs: Sequence[Item]) -> float:
        le = max(sum(e.length for e in es), 1.0)
        lz = sum(z.length for z in zs)
        delta = abs(lz - ZH_PER_EN_CHAR * le) / math.sqrt(VARIANCE_PER_EN_CHAR * le)
        return -math.log(max(math.erfc(delta * _INV_SQRT2), 1e-30))

    def _structure(self, es: Sequence[Item], zs: Sequence[Item]) -> float:
        cost = 0.0
        headings = [u.heading for u in (*es, *zs)]
        if len(headings) > 2 and any(headings):
            cost += 8.0
        elif all(headings):
            cost -= 1.0
        elif any(headings):
            cost += 3.0
        if self.interleaved:
            cost += self._distance(es, zs)
        return cost

    @staticmethod
    def _distance(es: Sequence[Item], zs: Sequence[Item]) -> float:
        if len({u.block for u in (*es, *zs)}) == 1:
            return -1.5
        e_lo, e_hi = es[0].position, es[-1].position
        z_lo, z_hi = zs[0].position, zs[-1].position
        gap = max(z_lo - e_hi, e_lo - z_hi) - 1
        return min(1.5 * max(gap, 0), 9.0)

    def _evidence(self, es: Sequence[Item], zs: Sequence[Item]) -> float:
        cost = 0.0
        e_num = frozenset().union(*(e.numbers for e in es))
        z_num = frozenset().union(*(z.numbers for z in zs))
        if e_num and z_num:
            shared = len(e_num & z_num)
            cost += -0.8 * min(shared, 4) if shared else 1.0
        z_names = frozenset().union(*(z.names for z in zs))
        if z_names:
            e_names = frozenset().union(*(e.names for e in es))
            cost -= 1.0 * min(len(z_names & e_names), 3)
        if self.lexical is not None:
            en_text = " ".join(e.text for e in es)
            zh_text = "".join(z.text for z in zs)
            cost -= 3.0 * (self.lexical(en_text, zh_text) - 0.15)
        return cost


@dataclass(frozen=True, slots=True)
class AlignedBead:
    """A bead over a document's units: indices into the unit list."""

    english: tuple[int, ...]
    chinese: tuple[int, ...]


def is_interleaved(langs: Sequence[str]) -> bool:
    """True when translations stand next to their originals.

    Counts changes of language along the document: an interleaved document
    changes language at almost every unit, two concatenated halves once.
    """
    switches = sum(1 for a, b in zip(langs, langs[1:]) if a != b)
    return switches >= 0.4 * min(langs.count("en"), langs.count("zh"))


def align_units(units: Sequence, lexical: Lexical | None = None) -> list[AlignedBead]:
    """Align a document's units (objects with ``lang``, ``text``, ``block`` and
    ``heading_like``); units in neither language stand alone. Beads come back
    in document order."""
    en_idx = [k for k, u in enumerate(units) if u.lang == "en"]
    zh_idx = [k for k, u in enumerate(units) if u.lang == "zh"]
    interleaved = is_interleaved([u.lang for u in units if u.lang])

    def item(k: int) -> Item:
        u = units[k]
        return Item(u.text, u.lang, u.heading_like, position=k, block=u.block)

    beads = align([item(k) for k in en_idx], [item(k) for k in zh_idx], interleaved=interleaved, lexical=lexical)
    out = [AlignedBead(tuple(en_idx[i] for i in e), tuple(zh_idx[j] for j in z)) for e, z in beads]
    out += [AlignedBead((k,), ()) for k, u in enumerate(units) if not u.lang]
    out.sort(key=lambda b: min(b.english + b.chinese))
    return out
