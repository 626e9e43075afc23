"""Bead costs for a block of rows of the search band at once, for long texts.

The search (:func:`studyapp.core.text.bitext._search`) asks
:meth:`~studyapp.core.text.bitext_costs.BeadCosts.cost` for every cell and
bead type it continues: about 1.6 million calls for a 50,000-sentence text,
each a Python function adding up lengths, marks and matched terms. Here the
same costs are worked out with numpy for every cell of a block of rows
(``BLOCK`` rows, fewer where the band is wide) and every bead type, from
the units' prefix sums and the matches of their unit pairs
(:mod:`studyapp.core.text.bitext_pairs`, as 64-bit masks), and the search
only adds and compares. Every operation is the one ``cost`` makes, on
the same floats (matched-term counts are whole numbers, so their sums are
exact in any order): the tables hold the very costs ``cost`` returns. Beads
whose units have more than 64 terms are costed by ``cost`` itself.

A bead that ``cost`` would not score because it cannot beat the best bead
found for its cell (its ``bound``) gets its true cost here, which cannot beat
that bead either: the search makes the same choices. Example (the lengths
of :mod:`studyapp.core.text.bitext_costs`' example; row 1's 1-1 beads)::

    >>> from studyapp.core.text.bitext_costs import BitextParams
    >>> from studyapp.core.text.bitext_units import AlignUnit
    >>> zh, en = [AlignUnit(26, ()), AlignUnit(78, ())], [AlignUnit(100, ()), AlignUnit(300, ())]
    >>> costs = BeadCosts(zh, en, [], BitextParams(), bulk=UnitArrays(zh, en))
    >>> rows = BeadTables(costs, UnitArrays(zh, en), [0, 0, 0], [2, 2, 2]).rows(0, 3)
    >>> [round(c, 2) for c in rows[costs.types.index((1, 1, 0.0))][1]]
    [inf, 0.0, 5.98]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from studyapp.core.text.bitext_costs import MERGE_FIT, BeadCosts
from studyapp.core.text.bitext_pairs import BulkMatches, UnitArrays, ranges

#: Rows of the band costed together: at most this many ...
BLOCK = 256
#: ... and no more than this many cells (where the band is wide, between anchors far apart).
BLOCK_CELLS = 4096


class BeadTables:
    """``rows(first, stop)``: per bead type, per row, the cost of each cell's bead."""

    def __init__(self, costs: BeadCosts, units: UnitArrays, lo: Sequence[int], hi: Sequence[int]) -> None:
        assert not costs.params.literal  # (close translations are short texts: their orphans are not tabled)
        self.costs, self.units = costs, units
        self.matches = BulkMatches(units, costs.translations, costs.extra)
        self.lo, self.hi = np.asarray(lo), np.asarray(hi)
        as_array = np.asarray
        self.lz, self.le = as_array(costs.lz), as_array(costs.le)
        self.qz, self.qe, self.xz, self.xe = as_array(costs.qz), as_array(costs.qe), as_array(costs.xz), as_array(costs.xe)
        self.az, self.ae = as_array(costs.az, dtype=float), as_array(costs.ae, dtype=float)
        self.hz = np.cumsum([0] + [bool(u.heading) for u in costs.zh])
        self.he = np.cumsum([0] + [bool(u.heading) for u in costs.en])
        self.big_z, self.big_e = as_array(costs.big_z, dtype=bool), as_array(costs.big_e, dtype=bool)

    def block_end(self, first: int) -> int:
        """Where the block of rows that begins at ``first`` ends: ``BLOCK`` rows on,
        or sooner, at ``BLOCK_CELLS`` cells (the block's arrays stay small)."""
        widths = self.hi[first : first + BLOCK] - self.lo[first : first + BLOCK] + 1
        return first + max(int(np.searchsorted(np.cumsum(widths), BLOCK_CELLS, side="right")), 1)

    def rows(self, first: int, stop: int) -> list[list[list[float]] | None]:
        """Per bead type of ``costs.types`` (None for one without Chinese or without
        English: it costs its prior), per row ``first..stop-1``: the cost of the bead
        of that type ending at each cell of the row, infinite where there is none
        (its start outside the band, or merged units whose lengths do not fit)."""
        lo, hi = self.lo, self.hi
        row_i = np.arange(first, stop)
        widths = hi[row_i] - lo[row_i] + 1
        cell_i = np.repeat(row_i, widths)
        cell_j = ranges(lo[row_i], widths)
        ends = np.cumsum(widths).tolist()
        starts = [0, *ends[:-1]]
        pairs = _Pairs(self, first, stop)
        out: list[list[list[float]] | None] = []
        for a, b, prior in self.costs.types:
            if not a or not b:
                out.append(None)
                continue
            flat = self._costs(pairs, cell_i, cell_j, a, b, prior)
            out.append([flat[s:e] for s, e in zip(starts, ends)])
        return out

    def _costs(self, pairs: _Pairs, cell_i: np.ndarray, cell_j: np.ndarray, a: int, b: int, prior: float) -> list[float]:
        """The costs of the beads of type ``a``-``b`` ending at the cells, as a flat list."""
        costs, params = self.costs, self.costs.params
        out = np.full(cell_i.size, math.inf)
        i0_all = cell_i - a
        inside = i0_all >= 0
        row = np.where(inside, i0_all, 0)
        j0_all = cell_j - b
        inside &= (j0_all >= self.lo[row]) & (j0_all <= self.hi[row])
        cells = np.flatnonzero(inside)
        i1, j1 = cell_i[cells], cell_j[cells]
        i0, j0 = i1 - a, j1 - b
        single = a == 1 and b == 1
        # The length cost, as cost() reckons it.
        le = self.le[j1] - self.le[j0]
        le = np.where(le > 1.0, le, 1.0)
        x = np.abs(self.lz[i1] - self.lz[i0] - costs.ratio * le) / np.sqrt(le) * (1 / (costs.sd * math.sqrt(2)))
        if not single:  # units merged into a bead fit their translation's length
            fits = np.flatnonzero(~(x > MERGE_FIT))
            cells, i0, i1, j0, j1, x = cells[fits], i0[fits], i1[fits], j0[fits], j1[fits], x[fits]
        length = np.empty_like(x)
        near = x < 20
        length[near] = -np.fromiter(map(math.log, map(math.erfc, x[near].tolist())), float, int(near.sum()))
        far = x[~near]
        length[~near] = far * far + np.fromiter(map(math.log, (far * 1.7725).tolist()), float, far.size)
        base = prior + params.length_weight * length
        marks = np.abs(self.qz[i1] - self.qz[i0] - self.qe[j1] + self.qe[j0]) + np.abs(self.xz[i1] - self.xz[i0] - self.xe[j1] + self.xe[j0])
        base = np.where(marks != 0, base + params.punctuation * marks, base)
        if costs.any_heading:
            heads = self.hz[i1] - self.hz[i0] + self.he[j1] - self.he[j0]
            base = base + np.where(heads == 0, 0.0, 8.0 if a + b > 2 else np.where(heads == 2, -1.0, 3.0))
        # The matched terms and the orphans, from the unit pairs' matches.
        gain, orphans, known = pairs.bead(i0, j0, a, b)
        if single:
            value = base - params.reward * gain
        else:
            lone = self.az[i1] - self.az[i0] - self.ae[j1] + self.ae[j0]
            base = np.where(lone != 0, base + params.aside * np.abs(lone), base)
            value = base - params.reward * gain + params.orphan * orphans
        out[cells] = value
        flat: list[float] = out.tolist()
        # Beads with a unit of over 64 terms: cost() itself.
        cost, inf = costs.cost, math.inf
        for n, start_i, start_j in zip(cells[~known].tolist(), i0[~known].tolist(), j0[~known].tolist()):
            flat[n] = cost(start_i, start_i + a, start_j, start_j + b, prior, inf)
        return flat


class _Pairs:
    """The matches of the unit pairs that beads ending in rows ``first..stop-1`` hold,
    as dense arrays over Chinese units ``first - 3 .. stop - 1`` and the English
    units they may meet."""

    def __init__(self, tables: BeadTables, first: int, stop: int) -> None:
        units, lo, hi = tables.units, tables.lo, tables.hi
        reach = max(a for a, _, _ in tables.costs.types)
        self.u0 = u0 = max(first - reach, 0)
        u1 = min(stop, units.nz)
        u = np.arange(u0, u1)
        # Unit u is in beads ending in rows u + 1 .. u + reach, which start at or after lo[u - reach + 1].
        v_lo = np.maximum(lo[np.maximum(u - reach + 1, 0)], 0)
        v_hi = np.minimum(hi[np.minimum(u + reach, units.nz)] - 1, units.ne - 1)
        self.v0 = v0 = int(v_lo.min())
        self.width = width = max(int(v_hi.max()) - v0 + 1, 1)
        size = (u1 - u0) * width
        self.zh_mask = np.zeros(size, dtype=np.uint64)
        self.en_mask = np.zeros(size, dtype=np.uint64)
        self.zh_weight = np.zeros(size)
        self.en_weight = np.zeros(size)
        self.known = np.zeros(size, dtype=bool)
        fits = np.flatnonzero(np.asarray(units.zh_fits[u0:u1], dtype=bool))
        cell_u, cell_v, zh_mask, en_mask, zh_weight, en_weight = tables.matches.pairs(u[fits], v_lo[fits], v_hi[fits])
        at = (cell_u - u0) * width + (cell_v - v0)
        self.zh_mask[at], self.en_mask[at], self.zh_weight[at], self.en_weight[at] = zh_mask, en_mask, zh_weight, en_weight
        self.known[at] = True
        self.heavy_z, self.heavy_e = units.heavy_z, units.heavy_e
        self.big_z, self.big_e = tables.big_z, tables.big_e
        self.extra = tables.costs.extra

    def bead(self, i0: np.ndarray, j0: np.ndarray, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Matched-term weight, orphans, and whether every pair was known, for the
        beads of Chinese units ``i0..i0+a-1`` and English ``j0..j0+b-1``: as
        ``BeadCosts`` finds them (``_one_chinese``, ``_one_english``, ``_many``)."""
        extra = self.extra
        at = (i0 - self.u0) * self.width + (j0 - self.v0)
        known = np.ones(i0.size, dtype=bool)
        for da in range(a):
            for db in range(b):
                known &= self.known[at + da * self.width + db]
        if a == 1 and b == 1:
            return self.zh_weight[at] + self.en_weight[at], np.zeros(i0.size), known
        gain = np.zeros(i0.size)
        orphans = np.zeros(i0.size)
        if a == 1:  # one Chinese unit: its terms matched by any English unit, each English unit's own
            mask = np.zeros(i0.size, dtype=np.uint64)
            for db in range(b):
                mask |= self.zh_mask[at + db]
                weight = self.en_weight[at + db]
                gain += weight
                orphans += (weight == 0) & self.big_e[j0 + db]
            gain += np.bitwise_count(mask) + extra * np.bitwise_count(mask & self.heavy_z[i0])
            orphans += (mask == 0) & self.big_z[i0]
            return gain, orphans, known
        if b == 1:  # one English unit: the reverse
            mask = np.zeros(i0.size, dtype=np.uint64)
            for da in range(a):
                mask |= self.en_mask[at + da * self.width]
                weight = self.zh_weight[at + da * self.width]
                gain += weight
                orphans += (weight == 0) & self.big_z[i0 + da]
            gain += np.bitwise_count(mask) + extra * np.bitwise_count(mask & self.heavy_e[j0])
            orphans += (mask == 0) & self.big_e[j0]
            return gain, orphans, known
        for da in range(a):  # several on both sides: each unit's terms matched by any unit of the other side
            mask = np.zeros(i0.size, dtype=np.uint64)
            for db in range(b):
                mask |= self.zh_mask[at + da * self.width + db]
            gain += np.bitwise_count(mask) + extra * np.bitwise_count(mask & self.heavy_z[i0 + da])
            orphans += (mask == 0) & self.big_z[i0 + da]
        for db in range(b):
            mask = np.zeros(i0.size, dtype=np.uint64)
            for da in range(a):
                mask |= self.en_mask[at + da * self.width + db]
            gain += np.bitwise_count(mask) + extra * np.bitwise_count(mask & self.heavy_e[j0 + db])
            orphans += (mask == 0) & self.big_e[j0 + db]
        return gain, orphans, known
