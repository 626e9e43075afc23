"""The cost of a bead in the bitext aligner (see :mod:`studyapp.core.text.bitext`).

``BeadCosts.cost(i0, i1, j0, j1, prior, bound)`` is the cost of joining
Chinese units ``i0..i1-1`` with English units ``j0..j1-1``: the prior of
its type, the length cost, the punctuation and heading costs, minus the
reward for matched terms, plus a penalty for units merged in that match
nothing and for asides merged with sentences that are not. In a close
translation (``params.literal``) a merged unit is also an orphan when little
of it is explained: under ``loose`` of its English keys other than pronouns
matched, or only terms its bead-mates match as well (a Chinese unit); and a
1-1 bead that matches nothing pays for its big units. A short text's search
calls it for every cell of its band (a long text's beads are costed in bulk,
:mod:`studyapp.core.text.bitext_tables`, which calls it only for units of
over 64 terms), so

* lengths and marks are prefix sums;
* which terms of a Chinese and an English unit match is worked out once per
  unit pair, as bit masks (``pair``), with their weighted counts;
* a bead of one Chinese unit needs no union of English masks (its English
  side is the sum of the pairs'), and the reverse;
* a bead that cannot beat ``bound`` even if every term matched is not scored.

Example: lengths that fit the text's ratio (here 0.26 Chinese characters an
English one, the usual ratio too) cost nothing::

    >>> from studyapp.core.text.bitext_units import AlignUnit
    >>> costs = BeadCosts([AlignUnit(26, ()), AlignUnit(78, ())], [AlignUnit(100, ()), AlignUnit(300, ())], [], BitextParams())
    >>> round(costs.cost(0, 1, 0, 1, 0.0, math.inf), 2), round(costs.cost(0, 1, 1, 2, 0.0, math.inf), 2)
    (0.0, 5.98)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from studyapp.core.text.bitext_pairs import UnitArrays
from studyapp.core.text.bitext_units import AlignUnit

_INV_SQRT2 = 1 / math.sqrt(2)
#: Chinese length per English character (ideographs; align.py's fit), worth this many English characters.
PRIOR_RATIO, PRIOR_WEIGHT = 0.26, 1000.0
#: Merged beads (1-2, 2-1, ...) whose lengths are further apart than this
#: (in standard deviations over the square root of two) are not considered: on
#: the development data no right one was.
MERGE_FIT = 2.6
#: A unit with more terms than this that match nothing in its bead was not translated there.
BIG = 3


@dataclass(frozen=True)
class BitextParams:
    """The costs, fitted on public development data (see benchmarks/bench_mac.py)."""

    priors: dict[tuple[int, int], float] = field(default_factory=lambda: {
        (1, 1): 0.0, (1, 2): 2.0, (2, 1): 2.5, (1, 3): 4.0, (2, 2): 7.0, (1, 4): 6.0, (2, 3): 9.0,
        (1, 0): 4.0, (0, 1): 4.0, (3, 1): 6.0, (1, 5): 9.0,
    })  # (no 3-2: 0.16% of the development chapters' beads, and ours were mostly wrong)
    length_weight: float = 0.7
    variance: float = 2.5  # times the ratio: variance per English character
    reward: float = 0.35  # per matched term
    heavy: float = 2.0  # a matched number, name or speaker label counts this many terms
    punctuation: float = 0.7  # per question/exclamation mark on one side only
    aside: float = 1.4  # per aside (a sentence wholly in brackets) merged into a bead, on one side only
    orphan: float = 2.0  # per unit merged into a bead although none of its terms matched
    learn_count: int = 2  # unexplained together at least this often ...
    learn_dice: float = 0.5  # ... and this exclusively, to be learnt
    literal: bool = False  # a close translation (see bitext.CLOSE): the stricter orphans below apply
    loose: float = 0.2  # ... a merged English unit with fewer of its keys but pronouns matched is an orphan
    stray: float = 1.5  # ... such an orphan, and a big unit of a 1-1 bead matching nothing, counts this many


DEFAULT_PARAMS = BitextParams()


class BeadCosts:
    """Bead costs over prefix sums and cached unit-pair matches."""

    def __init__(
        self, chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], translations: list[frozenset[int]], params: BitextParams,
        bulk: UnitArrays | None = None,
    ) -> None:
        self.zh, self.en, self.translations, self.params = chinese, english, translations, params
        self.nz, self.ne = len(chinese), len(english)
        self.types = sorted(((a, b, p) for (a, b), p in params.priors.items()), key=lambda t: t[2])
        extra = self.extra = params.heavy - 1
        self.lz = _prefix(u.length for u in chinese)
        self.le = _prefix(u.length for u in english)
        # The text's own ratio, drawn toward the usual one while the text is short.
        self.ratio = (self.lz[-1] + PRIOR_RATIO * PRIOR_WEIGHT) / (self.le[-1] + PRIOR_WEIGHT)
        self.sd = math.sqrt(params.variance * self.ratio)
        self.wz = _prefix(len(u.terms) + extra * u.heavy.bit_count() for u in chinese)
        self.we = _prefix(len(u.terms) + extra * u.heavy.bit_count() for u in english)
        self.qz = _prefix(u.questions for u in chinese)
        self.qe = _prefix(u.questions for u in english)
        self.xz = _prefix(u.exclamations for u in chinese)
        self.xe = _prefix(u.exclamations for u in english)
        self.heavy_z = [u.heavy for u in chinese]
        self._en_terms = [u.terms for u in english]
        self.heavy_e = [u.heavy for u in english]
        # A unit with this many terms that matches nothing is not part of the bead.
        self.big_z = [len(u.terms) > BIG for u in chinese]
        self.big_e = [len(u.terms) > BIG for u in english]
        self.any_heading = any(u.heading for u in chinese) or any(u.heading for u in english)
        self.az = list(accumulate((u.aside for u in chinese), initial=0))  # (small ints: shared objects)
        self.ae = list(accumulate((u.aside for u in english), initial=0))
        self._index: list[dict[int, int] | None] = [None] * self.nz
        self._reach: tuple[list[int], list[int]] | None = None  # English units each Chinese unit may meet
        self.bulk = bulk  # the units as arrays: the search costs its beads in blocks (see bitext_tables)
        self._pairs: dict[int, tuple[int, int, float, float]] = {}
        self._forgotten = 0  # units before this one have no matches kept
        self.cost = self._cost_function()

    def _cost_function(self) -> Callable[[int, int, int, int, float, float], float]:
        """``cost(i0, i1, j0, j1, prior, bound)``, a closure over local names: it
        runs for every cell and bead type of the search."""
        p = self.params
        lz, le_, qz, qe, xz, xe, wz, we = self.lz, self.le, self.qz, self.qe, self.xz, self.xe, self.wz, self.we
        ratio, scale = self.ratio, 1 / (self.sd * math.sqrt(2))
        length_weight, punctuation, reward, orphan = p.length_weight, p.punctuation, p.reward, p.orphan
        headings = self._headings if self.any_heading else None
        az, ae, aside = self.az, self.ae, p.aside
        asides = bool(az[-1] or ae[-1])
        literal, big_z, big_e, unmatched = p.literal, self.big_z, self.big_e, p.stray * p.orphan
        pair, cached, width = self.pair, self._pairs.get, self.ne + 1
        one_chinese, one_english, many = self._one_chinese, self._one_english, self._many
        if p.literal:
            one_chinese, one_english = self._one_chinese_close, self._one_english_close
        inf, sqrt, log, erfc = math.inf, math.sqrt, math.log, math.erfc

        def cost(i0: int, i1: int, j0: int, j1: int, prior: float, bound: float) -> float:
            if i0 == i1 or j0 == j1:
                return prior
            le = le_[j1] - le_[j0]
            le = le if le > 1.0 else 1.0
            x = abs(lz[i1] - lz[i0] - ratio * le) / sqrt(le) * scale
            single = i1 - i0 == 1 and j1 - j0 == 1
            if x > MERGE_FIT and not single:
                return inf  # units merged into a bead fit their translation's length
            base = prior + length_weight * (-log(erfc(x)) if x < 20 else x * x + log(x * 1.7725))
            marks = abs(qz[i1] - qz[i0] - qe[j1] + qe[j0]) + abs(xz[i1] - xz[i0] - xe[j1] + xe[j0])
            if marks:
                base += punctuation * marks
            if headings is not None:
                base += headings(i0, i1, j0, j1)
            if base - reward * (wz[i1] - wz[i0] + we[j1] - we[j0]) >= bound:
                return inf  # cannot beat the best bead found for this cell
            if single:
                found = cached(i0 * width + j0) or pair(i0, j0)
                if literal and not found[2]:
                    return base + unmatched * (big_z[i0] + big_e[j0])
                return base - reward * (found[2] + found[3])
            if i1 - i0 == 1:
                gain, orphans = one_chinese(i0, j0, j1)
            elif j1 - j0 == 1:
                gain, orphans = one_english(i0, i1, j0)
            else:
                gain, orphans = many(i0, i1, j0, j1)
            if asides and (lone := az[i1] - az[i0] - ae[j1] + ae[j0]):  # (rare: an aside merged into a bead)
                base += aside * abs(lone)
            return base - reward * gain + orphan * orphans

        return cost

    def _headings(self, i0: int, i1: int, j0: int, j1: int) -> float:
        heads = [u.heading for u in self.zh[i0:i1]] + [u.heading for u in self.en[j0:j1]]
        if not any(heads):
            return 0.0
        if len(heads) > 2:
            return 8.0  # headings are never merged
        return -1.0 if all(heads) else 3.0

    def _one_chinese(self, i: int, j0: int, j1: int) -> tuple[float, float]:
        """Gain and orphans of Chinese unit ``i`` with English units ``j0..j1-1``."""
        pair, cached, big_e = self.pair, self._pairs.get, self.big_e
        mask, gain, orphans = 0, 0.0, 0
        key = i * (self.ne + 1) + j0
        for j in range(j0, j1):
            z, _, _, g = cached(key) or pair(i, j)
            key += 1
            mask |= z
            gain += g
            if not g and big_e[j]:
                orphans += 1
        gain += mask.bit_count() + self.extra * (mask & self.heavy_z[i]).bit_count()
        return gain, orphans + (not mask and self.big_z[i])

    def _one_chinese_close(self, i: int, j0: int, j1: int) -> tuple[float, float]:
        """As :meth:`_one_chinese`, in a close translation."""
        gain, orphans = self._one_chinese(i, j0, j1)
        return gain, orphans + self.params.stray * self._loose_english(i, j0, j1)

    def _one_english_close(self, i0: int, i1: int, j: int) -> tuple[float, float]:
        """As :meth:`_one_english`, in a close translation: Chinese units that only echo their bead-mates are orphans."""
        gain, orphans = self._one_english(i0, i1, j)
        return gain, orphans + self.params.stray * _echoes([self.pair(i, j)[1] for i in range(i0, i1)])

    def _loose_english(self, i: int, j0: int, j1: int) -> int:
        """English units ``j0..j1-1`` (not already orphans) that have under ``loose``
        of their keys other than pronouns matched by Chinese unit ``i``."""
        loose = 0
        for j in range(j0, j1):
            unit, (_, e, _, g) = self.en[j], self.pair(i, j)
            if g or not self.big_e[j]:
                loose += (e & ~unit.weak).bit_count() < self.params.loose * (len(unit.terms) - unit.weak.bit_count())
        return loose

    def _one_english(self, i0: int, i1: int, j: int) -> tuple[float, float]:
        """Gain and orphans of Chinese units ``i0..i1-1`` with English unit ``j``."""
        pair, cached, big_z, width = self.pair, self._pairs.get, self.big_z, self.ne + 1
        mask, gain, orphans = 0, 0.0, 0
        for i in range(i0, i1):
            _, e, g, _ = cached(i * width + j) or pair(i, j)
            mask |= e
            gain += g
            if not g and big_z[i]:
                orphans += 1
        gain += mask.bit_count() + self.extra * (mask & self.heavy_e[j]).bit_count()
        return gain, orphans + (not mask and self.big_e[j])

    def _many(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """Gain and orphans of a bead with several units on both sides."""
        extra, pair, cached, width = self.extra, self.pair, self._pairs.get, self.ne + 1
        gain, orphans = 0.0, 0
        en_masks = [0] * (j1 - j0)
        for i in range(i0, i1):
            zh_mask = 0
            for j in range(j0, j1):
                z, e, _, _ = cached(i * width + j) or pair(i, j)
                zh_mask |= z
                en_masks[j - j0] |= e
            gain += zh_mask.bit_count() + extra * (zh_mask & self.heavy_z[i]).bit_count()
            orphans += not zh_mask and self.big_z[i]
        for j, mask in zip(range(j0, j1), en_masks):
            gain += mask.bit_count() + extra * (mask & self.heavy_e[j]).bit_count()
            orphans += not mask and self.big_e[j]
        return gain, orphans

    def pair(self, i: int, j: int) -> tuple[int, int, float, float]:
        """Bit masks of the terms of Chinese unit ``i`` and English unit ``j`` that
        match, and their weighted counts (the hot callers look in ``_pairs`` first)."""
        key = i * (self.ne + 1) + j
        found = self._pairs.get(key)
        if found is None:
            index = self._index[i]
            if index is None:
                index = self._index[i] = self._term_index(i)
            zh_mask = en_mask = 0
            if index:
                bit = 1
                for k in self.en[j].terms:
                    hit = index.get(k)
                    if hit:
                        zh_mask |= hit
                        en_mask |= bit
                    bit <<= 1
            extra = self.extra
            found = self._pairs[key] = (
                zh_mask, en_mask,
                zh_mask.bit_count() + extra * (zh_mask & self.heavy_z[i]).bit_count() if zh_mask else 0,
                en_mask.bit_count() + extra * (en_mask & self.heavy_e[j]).bit_count() if en_mask else 0,
            )
        return found

    def relearnt(self, translations: list[frozenset[int]], params: BitextParams) -> BeadCosts:
        """The costs with ``params`` and some terms' translations changed (learnt):
        unit pairs whose Chinese unit has none of those terms keep their matches."""
        changed = {t for t, (old, new) in enumerate(zip(self.translations, translations)) if old is not new}
        costs = BeadCosts(self.zh, self.en, translations, params)
        stale = {i for i, unit in enumerate(self.zh) if not changed.isdisjoint(unit.terms)}
        width = self.ne + 1
        costs._pairs.update((k, v) for k, v in self._pairs.items() if k // width not in stale)  # (its cost closure holds the dict)
        costs._reach = self._reach
        costs._index = list(self._index)
        for i in stale:
            if costs._index[i] is not None:  # add what was learnt to the unit's index
                costs._index[i] = self._learnt_index(i, translations, changed)
        return costs

    def _learnt_index(self, i: int, translations: list[frozenset[int]], changed: set[int]) -> dict[int, int]:
        index = dict(self._index[i] or {})
        for n, t in enumerate(self.zh[i].terms):
            if t in changed:
                for k in translations[t] - self.translations[t]:
                    index[k] = index.get(k, 0) | 1 << n
        return index

    def forget_before(self, i: int) -> None:
        """Drop the matches of Chinese units before ``i`` (a long text's search is past them)."""
        width = self.ne + 1
        for key in [k for k in self._pairs if k // width < i]:
            del self._pairs[key]
        for k in range(self._forgotten, min(i, self.nz)):
            self._index[k] = None
        self._forgotten = max(self._forgotten, i)

    def limit_to_band(self, lo: list[int], hi: list[int]) -> None:
        """Only English units within the search band (or near it: a later search
        around a path found in this band) will be compared with each Chinese unit
        (costs in bulk index a unit's terms whole: few units need an index)."""
        if self._reach is None:
            self._reach = (lo, hi)

    def _term_index(self, i: int) -> dict[int, int]:
        """English key -> bit mask of the terms of Chinese unit ``i`` it translates
        (only keys of the English units within reach, when the band is known)."""
        translations: Sequence[frozenset[int]] | dict[int, frozenset[int]] = self.translations
        if self._reach is not None and self.bulk is None:  # (in bulk, few units need an index of their own)
            translations = self._translations_near(i)
        index: dict[int, int] = {}
        bit = 1
        for t in self.zh[i].terms:
            for k in translations[t]:
                index[k] = index.get(k, 0) | bit
            bit <<= 1
        return index

    def _translations_near(self, i: int) -> dict[int, frozenset[int]]:
        """The translations of unit ``i``'s terms cut to the keys of the English units it may meet."""
        assert self._reach is not None
        lo, hi = self._reach
        first, last = max(0, lo[i] - 8), min(self.ne, hi[min(i + 1, self.nz)] + 8)
        wanted = set().union(*self._en_terms[first:last])
        return {t: self.translations[t].intersection(wanted) for t in self.zh[i].terms}


def _echoes(masks: list[int]) -> int:
    """How many of the masks match something, all of it matched by another mask too:
    units of a bead that explain nothing their bead-mates do not."""
    echoes = 0
    for k, mask in enumerate(masks):
        if mask:
            others = 0
            for n, other in enumerate(masks):
                if n != k:
                    others |= other
            echoes += not mask & ~others
    return echoes


def _prefix(values: Iterable[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out
