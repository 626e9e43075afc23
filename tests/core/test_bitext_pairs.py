"""Long texts' bead costs worked out in bulk with numpy are those ``BeadCosts``
finds one pair and one bead at a time, and a long text aligns the same."""

from __future__ import annotations

import math
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.core.text import bitext
from studyapp.core.text.bitext_costs import BeadCosts, BitextParams
from studyapp.core.text.bitext_pairs import BulkMatches, UnitArrays
from studyapp.core.text.bitext_tables import BeadTables
from studyapp.core.text.bitext_units import AlignUnit

Text = tuple[list[AlignUnit], list[AlignUnit], list[frozenset[int]], list[int], list[int]]


@st.composite
def _texts(draw: st.DrawFn) -> Text:
    """Units with up to 70 terms (some over a machine word), heavy terms, shared
    keys, question marks, headings and asides, and a monotone band."""
    nkeys, nterms = draw(st.integers(1, 40)), draw(st.integers(1, 30))
    translations = [frozenset(draw(st.lists(st.integers(0, nkeys - 1), max_size=6))) for _ in range(nterms)]

    def unit(ids: st.SearchStrategy[int]) -> AlignUnit:
        terms = tuple(draw(st.lists(ids, max_size=draw(st.sampled_from([8, 8, 8, 70])))))
        heavy = draw(st.integers(0, (1 << len(terms)) - 1)) if terms else 0
        return AlignUnit(float(draw(st.integers(1, 200))), terms, heavy, 0, draw(st.integers(0, 1)), draw(st.integers(0, 1)),
                         draw(st.sampled_from([False] * 5 + [True])), draw(st.sampled_from([False] * 5 + [True])))

    chinese = [unit(st.integers(0, nterms - 1)) for _ in range(draw(st.integers(1, 12)))]
    english = [unit(st.integers(0, nkeys - 1)) for _ in range(draw(st.integers(1, 12)))]
    nz, ne = len(chinese), len(english)
    lo = sorted(draw(st.lists(st.integers(0, ne), min_size=nz + 1, max_size=nz + 1)))
    hi = [min(ne, x + draw(st.integers(0, 4))) for x in lo]
    lo[0], hi[-1] = 0, ne
    for k in range(1, nz + 1):
        hi[k] = max(hi[k], hi[k - 1], lo[k])
    return chinese, english, translations, lo, hi


@settings(max_examples=300, deadline=None)
@given(_texts(), st.sampled_from([1.0, 0.5]))
def test_bulk_matches_are_those_of_one_pair_at_a_time(text: Text, extra: float) -> None:
    chinese, english, translations, lo, hi = text
    fits = np.asarray([i for i, unit in enumerate(chinese) if len(unit.terms) <= 64], dtype=np.int64)
    v_lo = np.asarray([lo[i] for i in fits], dtype=np.int64)
    v_hi = np.asarray([min(hi[i + 1], len(english) - 1) for i in fits], dtype=np.int64)
    found = BulkMatches(UnitArrays(chinese, english), translations, extra).pairs(fits, v_lo, v_hi)
    one_at_a_time = BeadCosts(chinese, english, translations, BitextParams(heavy=1 + extra))
    expected = [(int(i), j) for i, a, b in zip(fits, v_lo, v_hi) for j in range(int(a), int(b) + 1) if len(english[j].terms) <= 64]
    cells = list(zip(found[0].tolist(), found[1].tolist()))
    assert cells == expected
    for n, (i, j) in enumerate(cells):
        assert (int(found[2][n]), int(found[3][n]), float(found[4][n]), float(found[5][n])) == one_at_a_time.pair(i, j)


@settings(max_examples=300, deadline=None)
@given(_texts(), st.integers(1, 13))
def test_tabled_bead_costs_are_those_of_one_bead_at_a_time(text: Text, split: int) -> None:
    """Every cell and bead type of a band, against ``BeadCosts.cost``: the same floats,
    also in a block of rows that begins after the first (its beads start in rows before it)."""
    chinese, english, translations, lo, hi = text
    params = BitextParams()
    costs = BeadCosts(chinese, english, translations, params, bulk=UnitArrays(chinese, english))
    table = BeadTables(costs, UnitArrays(chinese, english), lo, hi)
    split = min(split, len(lo))
    blocks = [table.rows(0, split), table.rows(split, len(lo))] if split < len(lo) else [table.rows(0, len(lo))]
    tables = [None if rows[0] is None else [r for block in blocks for r in block[t]] for t, rows in enumerate(zip(*blocks))]
    reference = BeadCosts(chinese, english, translations, params)
    for t, (a, b, prior) in enumerate(costs.types):
        if not a or not b:
            assert tables[t] is None
            continue
        rows = tables[t]
        assert rows is not None
        for i in range(len(lo)):
            for j in range(lo[i], hi[i] + 1):
                inside = i >= a and lo[i - a] <= j - b <= hi[i - a]
                expected = reference.cost(i - a, i, j - b, j, prior, math.inf) if inside else math.inf
                assert rows[i][j - lo[i]] == expected


def _long_text(seed: int) -> tuple[list[AlignUnit], list[AlignUnit], list[frozenset[int]]]:
    rng = random.Random(seed)
    chinese, english = [], []
    for n in range(1500):
        terms = tuple(rng.randrange(400) for _ in range(rng.randrange(1, 20))) + (400 + n % 500,)
        if n % 97 == 0:  # a long sentence: more terms than a machine word
            terms += tuple(rng.randrange(400) for _ in range(60))
        chinese.append(AlignUnit(float(rng.randrange(8, 40)), terms, 1 << (len(terms) - 1), 0, int(n % 13 == 0)))
        keys = tuple(rng.randrange(400) for _ in range(rng.randrange(1, 12))) + (400 + n % 500,)
        english.append(AlignUnit(float(rng.randrange(30, 150)), keys, 1 << (len(keys) - 1), 0, int(n % 13 == 0)))
        if n % 7 == 0:  # a Chinese sentence split in two English ones
            english.append(AlignUnit(40.0, tuple(rng.randrange(400) for _ in range(5))))
    translations = [frozenset({t, (t * 7) % 400}) if t < 400 else frozenset({t}) for t in range(900)]
    return chinese, english, translations


def test_a_long_text_is_searched_the_same_with_beads_costed_in_bulk() -> None:
    """The long-text search over a band, with costs tabled in bulk and with every
    bead costed one at a time as the search reaches it."""
    chinese, english, translations = _long_text(7)
    lo, hi = bitext._line_band([(0, 0), (len(chinese), len(english))], len(chinese), len(english), width=8)
    params = BitextParams()
    bulk = bitext._search(BeadCosts(chinese, english, translations, params, bulk=UnitArrays(chinese, english)), lo, hi, forget=True)
    one_at_a_time = bitext._search(BeadCosts(chinese, english, translations, params), lo, hi, forget=True)
    assert bulk == one_at_a_time
    assert sum(len(zs) == 1 and len(es) == 2 for zs, es in bulk) > 150



def test_a_row_the_beam_leaves_unreachable_is_searched_again_from_every_cell() -> None:
    """With a beam below zero no cell is continued, so every row is searched again
    from every cell of the rows before it: the search without a beam, both ways."""
    chinese, english, translations = _long_text(11)
    chinese, english = chinese[:300], english[:345]
    lo, hi = bitext._line_band([(0, 0), (len(chinese), len(english))], len(chinese), len(english), width=8)
    params = BitextParams()

    def search(bulk: bool, beam: float) -> list[bitext.Bead]:
        arrays = UnitArrays(chinese, english) if bulk else None
        return bitext._search(BeadCosts(chinese, english, translations, params, bulk=arrays), lo, hi, beam=beam, forget=True)

    unbeamed = search(False, math.inf)
    assert search(True, -1.0) == search(False, -1.0) == unbeamed
    assert search(True, math.inf) == unbeamed
