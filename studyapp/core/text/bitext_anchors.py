"""Anchors for aligning long texts: unit pairs that share rare terms.

A long book cannot be searched cell by cell around the diagonal (the path
may drift far from it). Pairs of a Chinese and an English unit that share
terms rare on both sides (a name, a number, an unusual word) are found
through an index of the English; the heaviest chain of such pairs that is
increasing on both sides is the skeleton the search band follows. Where two
anchors are far apart, the stretch between them is searched again with
rarity counted inside it (a text that repeats itself has few terms rare in
the whole). An anchor far off the line of its neighbours is dropped.
Example::

    >>> from studyapp.core.text.bitext_units import AlignUnit
    >>> zh = [AlignUnit(5, (0, 1)), AlignUnit(5, ()), AlignUnit(5, (2, 3))]
    >>> en = [AlignUnit(20, (0, 1)), AlignUnit(20, ()), AlignUnit(20, (2, 3))]
    >>> anchor_chain(zh, en, [frozenset({k}) for k in range(4)])
    [(0, 0), (1, 1), (3, 3)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain

from studyapp.core.text.bitext_units import AlignUnit

#: A term is rare when it occurs in at most this many units of its side.
RARE = 3
#: Rare terms a pair must share (a name or a number counts two).
MIN_SHARED = 2
#: Stretches without anchors longer than this are searched again on their own ...
GAP = 40
#: ... and very long ones in windows of this many Chinese units.
WINDOW = 400

Point = tuple[int, int]


def anchor_chain(chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], translations: list[frozenset[int]]) -> list[Point]:
    """Points ``(i, j)`` from ``(0, 0)`` to ``(len(chinese), len(english))``, increasing on
    both sides: the path passes the cell after Chinese unit ``i - 1`` and English unit ``j - 1``."""
    points = _chain_within(chinese, english, translations, (0, 0), (len(chinese), len(english)), depth=2)
    return _without_outliers(points)


def _chain_within(
    chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], translations: list[frozenset[int]], start: Point, end: Point, depth: int,
) -> list[Point]:
    """The anchor points from ``start`` to ``end`` (both included)."""
    (i0, j0), (i1, j1) = start, end
    found = [(i0 + i, j0 + j, w) for i, j, w in _candidates(chinese[i0:i1], english[j0:j1], translations)]
    if not found and i1 - i0 > 2 * WINDOW:
        found = _windowed_candidates(chinese, english, translations, start, end)
    inner = [(i + 1, j + 1) for i, j in _heaviest_chain(found) if i + 1 < i1 and j + 1 < j1]
    points = [start, *inner, end]
    if depth == 0:
        return points
    out = [start]
    for a, b in zip(points, points[1:]):
        if b[0] - a[0] > GAP and b[1] - a[1] > GAP:
            out += _chain_within(chinese, english, translations, a, b, depth - 1)[1:]
        else:
            out.append(b)
    return out


def _windowed_candidates(
    chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], translations: list[frozenset[int]], start: Point, end: Point,
) -> list[tuple[int, int, int]]:
    """Candidates with rarity counted in windows along where the lengths put the
    English (for a long stretch in which nothing is rare overall)."""
    (i0, j0), (i1, j1) = start, end
    expected = _expected_columns(chinese[i0:i1], english[j0:j1])
    found = []
    for a in range(i0, i1, WINDOW):
        b = min(a + WINDOW, i1)
        low = j0 + max(0, expected[a - i0] - WINDOW // 2)
        high = j0 + min(j1 - j0, expected[b - i0 - 1] + WINDOW // 2)
        found += [(a + i, low + j, w) for i, j, w in _candidates(chinese[a:b], english[low:high], translations)]
    return found


def _expected_columns(chinese: Sequence[AlignUnit], english: Sequence[AlignUnit]) -> list[int]:
    """Per Chinese unit, the English unit at the same share of the total length."""
    total_zh = sum(u.length for u in chinese) or 1.0
    total_en = sum(u.length for u in english) or 1.0
    out, j, done_en, done_zh = [], 0, 0.0, 0.0
    for unit in chinese:
        while j < len(english) and (done_en + english[j].length) / total_en <= done_zh / total_zh:
            done_en += english[j].length
            j += 1
        out.append(j)
        done_zh += unit.length
    return out


def _candidates(chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], translations: list[frozenset[int]]) -> list[tuple[int, int, int]]:
    """``(i, j, weight)`` for unit pairs that share enough rare terms (only the rare
    keys' postings are kept, and units without a rare term are passed over)."""
    df_e = Counter(chain.from_iterable(set(unit.terms) for unit in english))
    rare_e = {k for k, n in df_e.items() if n <= RARE}
    postings: dict[int, list[int]] = {}
    for j, unit in enumerate(english):
        for k in rare_e.intersection(unit.terms):
            postings.setdefault(k, []).append(j)
    df_zh = Counter(chain.from_iterable(set(unit.terms) for unit in chinese))
    rare_z = {t for t, n in df_zh.items() if n <= RARE}
    rare_keys: dict[int, list[int]] = {}
    found: list[tuple[int, int, int]] = []
    for i, unit in enumerate(chinese):
        if rare_z.isdisjoint(unit.terms):
            continue
        # Each rare English key once (絮絮叨叨 and 絮叨 both say "getting": one word of evidence).
        weights: dict[int, int] = {}
        for n, t in enumerate(unit.terms):
            if t not in rare_z:
                continue
            keys = rare_keys.get(t)
            if keys is None:
                keys = rare_keys[t] = [k for k in translations[t] if df_e.get(k, 0) <= RARE]
            weight = 2 if unit.heavy >> n & 1 else 1
            for k in keys:
                if weights.get(k, 0) < weight:
                    weights[k] = weight
        shared: dict[int, int] = {}  # (a plain dict: a Counter's missing keys cost a call each)
        for k, weight in weights.items():
            for j in postings.get(k, ()):
                shared[j] = shared.get(j, 0) + weight
        found += [(i, j, w) for j, w in shared.items() if w >= MIN_SHARED]
    return found


def _without_outliers(points: list[Point]) -> list[Point]:
    """Drop anchors that stand far off the line through their neighbours."""
    if len(points) < 4:
        return points
    kept = [points[0]]
    for (i0, j0), (i, j), (i1, j1) in zip(points, points[1:], points[2:]):
        expected = j0 + (j1 - j0) * (i - i0) / (i1 - i0)
        if abs(j - expected) <= 3 + 0.25 * (i1 - i0):
            kept.append((i, j))
    kept.append(points[-1])
    return kept


def _heaviest_chain(candidates: list[tuple[int, int, int]]) -> list[Point]:
    """The chain of candidates strictly increasing in ``i`` and ``j`` with the largest
    total weight (a weighted longest increasing subsequence, with a Fenwick tree)."""
    if not candidates:
        return []
    size = max(j for _, j, _ in candidates) + 2
    tree = [(0, -1)] * (size + 1)  # (best total, candidate index) over prefixes of j

    def best_before(j: int) -> tuple[int, int]:
        out, k = (0, -1), j  # positions 1..j hold columns 0..j-1
        while k > 0:
            out = max(out, tree[k])
            k -= k & -k
        return out

    def offer(j: int, value: tuple[int, int]) -> None:
        k = j + 1
        while k <= size:
            tree[k] = max(tree[k], value)
            k += k & -k

    candidates = sorted(candidates)
    total, previous = [0] * len(candidates), [-1] * len(candidates)
    start = 0
    while start < len(candidates):  # one row at a time: i strictly increasing
        end = start
        while end < len(candidates) and candidates[end][0] == candidates[start][0]:
            end += 1
        for n in range(start, end):
            before, previous[n] = best_before(candidates[n][1])
            total[n] = before + candidates[n][2]
        for n in range(start, end):
            offer(candidates[n][1], (total[n], n))
        start = end
    n = max(range(len(candidates)), key=total.__getitem__)
    chain = []
    while n >= 0:
        chain.append(candidates[n][:2])
        n = previous[n]
    return chain[::-1]
