"""Aligning a text with its translation when each side is a sequence of its own.

Two files (a chapter and its translation, one sentence or paragraph per
unit) and the sentences of an aligned pair are aligned here. Chinese units
are the rows of a monotone dynamic programme and English units its columns;
a *bead* joins ``a`` Chinese and ``b`` English units, from 1-0 and 0-1 up to
1-5, 2-3 and 3-1 (a translator often cuts one long Chinese sentence into several).
A bead's cost is

* the prior of its type (1-1 cheapest);
* a Gale-Church length cost: ``lz`` Chinese length against ``c * le`` with
  variance ``k * c * le``, ``c`` measured on the text itself (a literary
  translation and a news report differ);
* minus a reward for every Chinese term whose translations occur in the
  bead's English, and for every English term some Chinese term of the bead
  translates (dictionary words, numbers, names — the last two count more);
* a penalty for question and exclamation marks on one side only, and for
  an aside (a sentence wholly in brackets, a translator's note) merged into a
  bead with no aside on the other side;
* for headings: paired with headings, never merged.

Terms are ints: an English unit holds key ids, a Chinese unit holds term ids
and ``translations[term]`` is the set of key ids the term may be rendered by
(see :mod:`studyapp.core.text.bitext_units`). After a first pass, terms that
stand unexplained in the same beads again and again (a name, a book's own
vocabulary: 破鞋 ~ "damaged goods") are learnt as translations of each other
(:mod:`studyapp.core.text.bitext_learning`) and the text is aligned again. Example::

    >>> units = BitextUnits()
    >>> zh, en = units.build(["我二十一岁。", "她二十六岁，是医生。"],
    ...                      ["I was twenty-one.", "She was twenty-six.", "She was a doctor."])
    >>> align_bitext(zh, en, units.translations)
    [((0,), (0,)), ((1,), (1, 2))]

The search is banded: around the diagonal for short texts; for long ones
around a chain of anchors (unit pairs sharing rare terms); the second pass
around the first pass's path. A long text's beads are costed a block of rows
at a time with numpy (:mod:`studyapp.core.text.bitext_tables`), a short
text's one at a time as the search reaches them. A short text whose first
pass shows a close translation (most terms of its 1-1 beads matched) is
searched again with stricter orphans first (``BitextParams.literal``): there
a sentence whose words go unexplained in its neighbour's bead was most
likely left untranslated.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from studyapp.core.text.bitext_anchors import anchor_chain
from studyapp.core.text.bitext_costs import DEFAULT_PARAMS, BeadCosts, BitextParams
from studyapp.core.text.bitext_learning import Bead, learn_translations
from studyapp.core.text.bitext_pairs import UnitArrays
from studyapp.core.text.bitext_tables import BeadTables
from studyapp.core.text.bitext_units import AlignUnit, BitextUnits

__all__ = ["AlignUnit", "Bead", "BitextUnits", "align_bitext", "learn_translations"]


#: Short texts are searched in a band this wide around the diagonal (plus 5%).
_DIAGONAL_WIDTH = 30
#: Above this many cells, the band follows anchors instead, a first pass
#: considers only the common bead types, and the second one stays close to it.
_MAX_DIAGONAL_CELLS = 120_000
LONG_TEXT_WIDTH = 3
LONG_PATH_WIDTH = 2
LONG_TEXT_FIRST_TYPES = frozenset({(1, 1), (1, 2), (2, 1), (1, 3), (1, 0), (0, 1)})
#: A text whose 1-1 beads match at least this share of their Chinese terms that have
#: translations is a close translation (the development novels: 0.27-0.44; the
#: shape documents: 0.52-0.75): there, what a merged sentence leaves unexplained counts.
CLOSE = 0.5


def align_bitext(
    chinese: Sequence[AlignUnit],
    english: Sequence[AlignUnit],
    translations: list[frozenset[int]],
    params: BitextParams = DEFAULT_PARAMS,
    learn: bool = True,
) -> list[Bead]:
    """The cheapest monotone chain of beads ``(chinese indices, english indices)``."""
    if not chinese or not english:
        return [((i,), ()) for i in range(len(chinese))] + [((), (j,)) for j in range(len(english))]
    with collection_paused():
        return _align(chinese, english, translations, params, learn)


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: aligning a long text makes millions of
    small tuples and no cycles, and each collection would walk them all (~10% of
    the time). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _align(
    chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], translations: list[frozenset[int]],
    params: BitextParams, learn: bool,
) -> list[Bead]:
    band = _diagonal_band(len(chinese), len(english))
    long_text = band is None
    arrays = UnitArrays(chinese, english) if long_text else None
    if band is None:  # a long text: a first pass with the common bead types, along the anchors
        first = replace(params, priors={k: v for k, v in params.priors.items() if k in LONG_TEXT_FIRST_TYPES})
        scorer = BeadCosts(chinese, english, translations, first, bulk=arrays)
        lo, hi = _line_band(anchor_chain(chinese, english, translations), len(chinese), len(english), width=LONG_TEXT_WIDTH)
    else:
        lo, hi = band
        scorer = BeadCosts(chinese, english, translations, params)
    beads = _search(scorer, lo, hi, forget=long_text)
    if not long_text and not params.literal and closeness(scorer, beads) >= CLOSE:
        params = replace(params, literal=True)  # a close translation: the first pass again, stricter
        scorer = scorer.relearnt(translations, params)
        beads = _search(scorer, lo, hi)
    learnt = learn_translations(chinese, english, translations, beads, params) if learn else translations
    if learnt is not translations or long_text:
        lo, hi = _path_band(beads, len(chinese), len(english), width=LONG_PATH_WIDTH if long_text else 4)
        scorer = BeadCosts(chinese, english, learnt, params, bulk=arrays) if long_text else scorer.relearnt(learnt, params)
        beads = _search(scorer, lo, hi, forget=long_text)
    return beads


def closeness(scorer: BeadCosts, beads: list[Bead]) -> float:
    """The share of the Chinese terms with translations that 1-1 beads match."""
    matched = total = 0
    translations = scorer.translations
    for zs, es in beads:
        if len(zs) == 1 and len(es) == 1:
            matched += scorer.pair(zs[0], es[0])[0].bit_count()
            total += sum(1 for t in scorer.zh[zs[0]].terms if translations[t])
    return matched / total if total else 0.0


# --- the search ---------------------------------------------------------------------------


def _search(scorer: BeadCosts, lo: list[int], hi: list[int], beam: float = 8.0, forget: bool = False) -> list[Bead]:
    """The banded dynamic programme; row ``i`` covers columns ``lo[i]..hi[i]``.

    Only cells within ``beam`` of the best of their row are continued; a row
    the beam leaves unreachable is worked out again from every cell. With
    ``forget``, costs and matches of rows left behind are dropped (long texts).
    Costs with the units as arrays (``scorer.bulk``, long texts) have their beads
    costed a block of rows at a time (:mod:`studyapp.core.text.bitext_tables`);
    others one bead at a time, as the search reaches them."""
    inf = math.inf
    scorer.limit_to_band(lo, hi)
    reach = max(a for a, _, _ in scorer.types)
    tables = BeadTables(scorer, scorer.bulk, lo, hi) if scorer.bulk is not None and not scorer.params.literal else None
    block: list[list[list[float]] | None] = []
    block_start = block_end = 0
    cost: list[list[float]] = []
    limit: list[float] = []  # per row, the worst cost still continued
    back: list[list[int]] = []
    for i in range(len(lo)):
        tabled = None
        if tables is not None:
            if i == block_end:
                block_start, block_end = i, tables.block_end(i)
                block = tables.rows(block_start, block_end)
            tabled = [rows[i - block_start] if rows is not None else None for rows in block]
        row, moves = _row(scorer, lo, hi, cost, limit, i, tabled)
        lowest = min(row)
        if lowest == inf:
            row, moves = _row(scorer, lo, hi, cost, [inf] * i, i, tabled)
            lowest = min(row)
        cost.append(row)
        back.append(moves)
        limit.append(lowest + beam)
        if forget and i % 256 == 255:
            for k in range(max(0, i - 256 - reach), i - reach):
                cost[k] = []
            scorer.forget_before(i - reach)
    return _trace(back, lo, scorer.types, len(lo) - 1, hi[-1])


def _row(
    scorer: BeadCosts, lo: list[int], hi: list[int], cost: list[list[float]], limit: list[float], i: int,
    tabled: Sequence[list[float] | None] | None = None,
) -> tuple[list[float], list[int]]:
    """Costs and moves of row ``i`` from the rows before it (cells over their row's
    limit ignored). A bead type's costs for this row's cells are taken from
    ``tabled`` where it has them, else asked of ``scorer`` bead by bead."""
    inf = math.inf
    bead = scorer.cost
    lo_i, hi_i = lo[i], hi[i]
    row = [inf] * (hi_i - lo_i + 1)
    moves = [-1] * len(row)
    if i == 0:
        row[0] = 0.0
    if tabled is None:
        tabled = [None] * len(scorer.types)
    # Per bead type: its move and size, the row it starts in, that row's costs, first column and limit, this row's costs if tabled.
    starts = [(t, a, b, prior, cost[i - a], lo[i - a], hi[i - a], limit[i - a], tabled[t])
              for t, (a, b, prior) in enumerate(scorer.types) if 0 < a <= i]
    same_row = [(t, b, prior) for t, (a, b, prior) in enumerate(scorer.types) if a == 0]
    for j in range(lo_i, hi_i + 1):
        k = j - lo_i
        best, move = row[k], -1
        for t, b, prior in same_row:
            if j - b >= lo_i and row[k - b] + prior < best:
                best, move = row[k - b] + prior, t
        for t, a, b, prior, previous_row, lo_p, hi_p, cut, costs in starts:
            pj = j - b
            if pj < lo_p or pj > hi_p:
                continue
            previous = previous_row[pj - lo_p]
            if previous > cut:  # also when it is infinite
                continue
            if costs is not None:
                total = previous + costs[k]
            elif b:
                total = previous + bead(i - a, i, pj, j, prior, best - previous)
            else:  # (a bead without English costs its prior: no call for it)
                total = previous + prior
            if total < best:
                best, move = total, t
        row[k] = best
        moves[k] = move
    return row, moves


def _trace(back: list[list[int]], lo: list[int], types: list[tuple[int, int, float]], i: int, j: int) -> list[Bead]:
    beads: list[Bead] = []
    while i or j:
        a, b, _ = types[back[i][j - lo[i]]]
        beads.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return beads


# --- bands ----------------------------------------------------------------------------------


def _diagonal_band(nz: int, ne: int) -> tuple[list[int], list[int]] | None:
    """The band around the diagonal for a short text; None for a long one."""
    width = _DIAGONAL_WIDTH + max(nz, ne) // 20
    if (nz + 1) * (2 * width + 1) > _MAX_DIAGONAL_CELLS:
        return None
    return _line_band([(0, 0), (nz, ne)], nz, ne, width)


def _line_band(points: list[tuple[int, int]], nz: int, ne: int, width: int) -> tuple[list[int], list[int]]:
    """Columns within ``width`` of the polyline through ``points`` (strictly
    increasing, from (0, 0) to (nz, ne)), wider where the points are far apart."""
    centre = [0.0] * (nz + 1)
    widths = [width] * (nz + 1)
    for (i0, j0), (i1, j1) in zip(points, points[1:]):
        slack = width + max(i1 - i0, j1 - j0) // 10
        for i in range(i0, i1 + 1):
            centre[i] = j0 + (j1 - j0) * (i - i0) / (i1 - i0)
            if i0 < i < i1:
                widths[i] = slack
    return _monotone([math.floor(c) - w for c, w in zip(centre, widths)], [math.ceil(c) + w for c, w in zip(centre, widths)], ne)


def _path_band(beads: list[Bead], nz: int, ne: int, width: int) -> tuple[list[int], list[int]]:
    """Columns within ``width`` of the cells a previous path went through."""
    lo, hi = [ne] * (nz + 1), [0] * (nz + 1)
    i = j = 0
    lo[0] = hi[0] = 0
    for zs, es in beads:
        for step in range(1, len(zs) + 1):
            lo[i + step] = min(lo[i + step], j)
        i, j = i + len(zs), j + len(es)
        lo[i], hi[i] = min(lo[i], j), max(hi[i], j)
    for k in range(1, nz + 1):
        hi[k] = max(hi[k], lo[k])
    return _monotone([x - width for x in lo], [x + width for x in hi], ne)


def _monotone(lo: list[int], hi: list[int], ne: int) -> tuple[list[int], list[int]]:
    """Clip to ``0..ne``, make both edges non-decreasing, and pin the corners."""
    n = len(lo) - 1
    lo = [min(max(x, 0), ne) for x in lo]
    hi = [min(max(x, 0), ne) for x in hi]
    for k in range(n - 1, -1, -1):
        lo[k] = min(lo[k], lo[k + 1])
    for k in range(1, n + 1):
        hi[k] = max(hi[k], hi[k - 1])
    lo[0], hi[n] = 0, ne
    for k in range(n):  # every row reaches the next: a path always exists
        hi[k] = max(hi[k], lo[k + 1])
    return lo, hi
