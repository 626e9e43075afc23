"""The matches of many unit pairs at once, for aligning a long text.

:meth:`studyapp.core.text.bitext_costs.BeadCosts.pair` finds, for one Chinese
and one English unit, which of their terms match: bit masks over the units'
terms and their weighted counts. A long text's search needs that for about
ten English units per Chinese unit, twice (once per pass); one pair at a
time it took a fifth of the whole import. Here the same masks are worked out
with numpy for a block of Chinese units and the English units around them
(for :mod:`studyapp.core.text.bitext_tables`), as flat arrays:

* the units' terms and keys as compressed rows (``ptr[n]..ptr[n + 1]`` are
  row ``n``'s), made once per text and shared by both passes;
* for the block, a table ``(Chinese unit, English key) -> bits of the unit's
  terms that key translates``, over only the keys of the English units near
  the block;
* each English key of each pair looked up in that table, and the bits ORed
  per pair.

Masks are machine words: units with more than 64 terms are left to
``BeadCosts.pair``. Example: the first Chinese unit's term 0 translates the
first English unit's key 6, and the second's term 2 the second's key 7::

    >>> from studyapp.core.text.bitext_units import AlignUnit
    >>> units = UnitArrays([AlignUnit(4, (0, 1)), AlignUnit(4, (2,))], [AlignUnit(9, (5, 6)), AlignUnit(9, (7,))])
    >>> matches = BulkMatches(units, [frozenset({6}), frozenset(), frozenset({7})], extra=1.0)
    >>> u, v, zh_mask, en_mask, zh_weight, en_weight = matches.pairs(np.array([0, 1]), np.array([0, 0]), np.array([1, 1]))
    >>> [(int(a), int(b), int(z), int(e)) for a, b, z, e in zip(u, v, zh_mask, en_mask)]
    [(0, 0, 1, 2), (0, 1, 0, 0), (1, 0, 0, 0), (1, 1, 1, 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np

from studyapp.core.text.bitext_units import AlignUnit

#: Masks are unsigned 64-bit words.
WORD = 64


class UnitArrays:
    """The terms of the Chinese units and the keys of the English units as flat arrays."""

    def __init__(self, chinese: Sequence[AlignUnit], english: Sequence[AlignUnit]) -> None:
        self.nz, self.ne = len(chinese), len(english)
        self.zt_ptr, self.zt_ids = _flat([u.terms for u in chinese])
        self.ek_ptr, self.ek_ids = _flat([u.terms for u in english])
        self.zh_fits = [len(u.terms) <= WORD for u in chinese]
        self.en_fits = np.asarray([len(u.terms) <= WORD for u in english] + [False], dtype=bool)
        self.heavy_z = np.asarray([u.heavy if len(u.terms) <= WORD else 0 for u in chinese], dtype=np.uint64)
        self.heavy_e = np.asarray([u.heavy if len(u.terms) <= WORD else 0 for u in english], dtype=np.uint64)


class BulkMatches:
    """:meth:`pairs`: the matches of many unit pairs, given the terms' translations."""

    def __init__(self, units: UnitArrays, translations: list[frozenset[int]], extra: float) -> None:
        self.units, self.extra = units, extra
        self.tr_ptr, self.tr_keys = _flat(translations)
        # English key -> its number among the keys near the pairs being matched, -1 for the others.
        self._local = np.full(max(int(units.ek_ids.max(initial=0)), int(self.tr_keys.max(initial=0))) + 1, -1, dtype=np.int64)

    def pairs(self, u: np.ndarray, v_lo: np.ndarray, v_hi: np.ndarray) -> tuple[np.ndarray, ...]:
        """``(cell_u, cell_v, zh_mask, en_mask, zh_weight, en_weight)`` for Chinese
        units ``u`` (increasing, each of up to 64 terms) with English units
        ``v_lo[n]..v_hi[n]`` of up to 64 keys: what ``BeadCosts.pair`` finds."""
        units = self.units
        counts = np.maximum(v_hi - v_lo + 1, 0)
        cell_row = np.repeat(np.arange(u.size), counts)
        cell_v = ranges(v_lo, counts)
        keep = units.en_fits[cell_v]
        cell_row, cell_v = cell_row[keep], cell_v[keep]
        cell_u = u[cell_row]
        if not cell_v.size:
            empty = np.zeros(0, dtype=np.uint64)
            return cell_u, cell_v, empty, empty, np.zeros(0), np.zeros(0)
        # The keys of those English units, numbered 0..n-1.
        near_keys = np.unique(units.ek_ids[units.ek_ptr[int(cell_v.min())]:units.ek_ptr[int(cell_v.max()) + 1]])
        nkeys = max(near_keys.size, 1)
        local = self._local
        local[near_keys] = np.arange(near_keys.size)
        try:
            index = self._index(u, local, nkeys)
            # Each key of each pair's English unit, looked up; its bit set where it matched.
            key_counts = units.ek_ptr[cell_v + 1] - units.ek_ptr[cell_v]
            position = ranges(units.ek_ptr[cell_v], key_counts)
            zh_bits = index[np.repeat(cell_row * nkeys, key_counts) + local[units.ek_ids[position]]]
        finally:
            local[near_keys] = -1
        key_bit = np.left_shift(np.uint64(1), (position - np.repeat(units.ek_ptr[cell_v], key_counts)).astype(np.uint64))
        en_bits = np.where(zh_bits != 0, key_bit, np.uint64(0))
        zh_mask = np.zeros(cell_v.size, dtype=np.uint64)
        en_mask = np.zeros(cell_v.size, dtype=np.uint64)
        has_keys = np.flatnonzero(key_counts)
        if has_keys.size:  # (the pairs' keys follow each other: one segment per pair with keys)
            starts = (np.cumsum(key_counts) - key_counts)[has_keys]
            zh_mask[has_keys] = np.bitwise_or.reduceat(zh_bits, starts)
            en_mask[has_keys] = np.bitwise_or.reduceat(en_bits, starts)
        # As BeadCosts.pair counts them: each matched term, heavy ones ``1 + extra`` times.
        zh_weight = np.bitwise_count(zh_mask) + self.extra * np.bitwise_count(zh_mask & units.heavy_z[cell_u])
        en_weight = np.bitwise_count(en_mask) + self.extra * np.bitwise_count(en_mask & units.heavy_e[cell_v])
        return cell_u, cell_v, zh_mask, en_mask, zh_weight, en_weight

    def _index(self, u: np.ndarray, local: np.ndarray, nkeys: int) -> np.ndarray:
        """``index[row * nkeys + key]``: the bits of the terms of Chinese unit
        ``u[row]`` that translate the near English key numbered ``key``."""
        units = self.units
        term_counts = units.zt_ptr[u + 1] - units.zt_ptr[u]
        occurrence = ranges(units.zt_ptr[u], term_counts)
        bit = np.left_shift(np.uint64(1), (occurrence - np.repeat(units.zt_ptr[u], term_counts)).astype(np.uint64))
        row = np.repeat(np.arange(u.size), term_counts)
        terms = units.zt_ids[occurrence]
        key_counts = self.tr_ptr[terms + 1] - self.tr_ptr[terms]
        keys = local[self.tr_keys[ranges(self.tr_ptr[terms], key_counts)]]
        near = np.flatnonzero(keys >= 0)  # (a key of no English unit near matches nothing here)
        index = np.zeros(u.size * nkeys, dtype=np.uint64)
        np.bitwise_or.at(index, np.repeat(row * nkeys, key_counts)[near] + keys[near], np.repeat(bit, key_counts)[near])
        return index


def _flat(rows: Sequence[Iterable[int]]) -> tuple[np.ndarray, np.ndarray]:
    """``rows`` as compressed rows: pointers and the ids one row after another."""
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))  # type: ignore[arg-type]
    ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    return ptr, np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=int(ptr[-1]))


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``starts[n] .. starts[n] + counts[n] - 1`` for every ``n``, one after the other."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    out: np.ndarray = np.arange(total, dtype=np.int64) + np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return out
