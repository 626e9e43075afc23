"""The matches of many unit pairs worked out at once (long texts) are those
``BeadCosts.pair`` finds one pair at a time, and a long text aligns the same."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.core.text import bitext
from studyapp.core.text.bitext import align_bitext
from studyapp.core.text.bitext_costs import BeadCosts, BitextParams
from studyapp.core.text.bitext_pairs import BulkMatches, UnitArrays
from studyapp.core.text.bitext_units import AlignUnit


@st.composite
def _texts(draw: st.DrawFn) -> tuple[list[AlignUnit], list[AlignUnit], list[frozenset[int]], list[int], list[int]]:
    """Units with up to 70 terms (some over a machine word), heavy terms, shared
    keys, and a monotone band."""
    nkeys, nterms = draw(st.integers(1, 40)), draw(st.integers(1, 30))
    translations = [frozenset(draw(st.lists(st.integers(0, nkeys - 1), max_size=6))) for _ in range(nterms)]

    def unit(ids: st.SearchStrategy[int]) -> AlignUnit:
        terms = tuple(draw(st.lists(ids, max_size=draw(st.sampled_from([8, 70])))))
        heavy = draw(st.integers(0, (1 << len(terms)) - 1)) if terms else 0
        return AlignUnit(10.0, terms, heavy)

    chinese = [unit(st.integers(0, nterms - 1)) for _ in range(draw(st.integers(1, 12)))]
    english = [unit(st.integers(0, nkeys - 1)) for _ in range(draw(st.integers(1, 12)))]
    nz, ne = len(chinese), len(english)
    lo = sorted(draw(st.lists(st.integers(0, ne), min_size=nz + 1, max_size=nz + 1)))
    hi = [min(ne, x + draw(st.integers(0, 4))) for x in lo]
    lo[0], hi[-1] = 0, ne
    for k in range(1, nz + 1):
        hi[k] = max(hi[k], hi[k - 1])
    return chinese, english, translations, lo, hi


@settings(max_examples=300, deadline=None)
@given(_texts(), st.sampled_from([1.0, 0.5]))
def test_bulk_matches_are_those_of_one_pair_at_a_time(text, extra: float) -> None:
    chinese, english, translations, lo, hi = text
    found: dict[int, tuple[int, int, float, float]] = {}
    width = len(english) + 1
    BulkMatches(UnitArrays(chinese, english), translations, extra).fill(found, lo, hi, 0, len(chinese), width)
    one_at_a_time = BeadCosts(chinese, english, translations, BitextParams(heavy=1 + extra))
    for i, unit in enumerate(chinese):
        for j in range(max(lo[i] - 1, 0), min(hi[min(i + 1, len(chinese))] + 1, len(english) - 1) + 1):
            key = i * width + j
            if len(unit.terms) <= 64 and len(english[j].terms) <= 64:
                assert found.pop(key) == one_at_a_time.pair(i, j)
    assert not found  # nothing else was filled


def test_a_long_text_aligns_the_same_with_matches_filled_in_bulk(monkeypatch) -> None:
    """A text long enough for the long-text search, whose pairs are filled in bulk,
    against the same search with every pair found one at a time."""
    rng = random.Random(7)
    chinese, english = [], []
    for n in range(3000):
        terms = tuple(rng.randrange(400) for _ in range(rng.randrange(1, 20))) + (400 + n % 500,)
        chinese.append(AlignUnit(float(rng.randrange(8, 40)), terms, 1 << (len(terms) - 1)))
        keys = tuple(rng.randrange(400) for _ in range(rng.randrange(1, 12))) + (400 + n % 500,)
        english.append(AlignUnit(float(rng.randrange(30, 150)), keys, 1 << (len(keys) - 1)))
        if n % 7 == 0:  # a Chinese sentence split in two English ones
            english.append(AlignUnit(40.0, tuple(rng.randrange(400) for _ in range(5))))
    translations = [frozenset({t, (t * 7) % 400}) if t < 400 else frozenset({t}) for t in range(900)]
    assert bitext._diagonal_band(len(chinese), len(english)) is None  # (a long text)
    bulk = align_bitext(chinese, english, translations)
    monkeypatch.setattr(BeadCosts, "fill_pairs", lambda self, first, stop: None)
    assert align_bitext(chinese, english, translations) == bulk
    assert sum(len(zs) == 1 and len(es) == 2 for zs, es in bulk) > 300
