"""Learning translations from a first alignment of a text (see :mod:`studyapp.core.text.bitext`).

A Chinese term and an English key that stand unexplained in the same beads
again and again (a name, a book's own vocabulary: 破鞋 ~ "damaged goods")
are learnt as translations of each other before the text is aligned again.
Counting is done with numpy: a long book pairs over a million term-key
candidates. Example: 破鞋 (term 0) and "shoes" (key 0) are unexplained
together in both beads that hold them::

    >>> from studyapp.core.text.bitext_units import AlignUnit
    >>> zh = [AlignUnit(5, (0, 1)), AlignUnit(5, (0, 2))]
    >>> en = [AlignUnit(20, (0, 1)), AlignUnit(20, (0, 2))]
    >>> learnt = learn_translations(zh, en, [frozenset(), frozenset({1}), frozenset({2})], [((0,), (0,)), ((1,), (1,))])
    >>> sorted(learnt[0])
    [0]
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from itertools import chain

import numpy as np

from studyapp.core.text.bitext_costs import DEFAULT_PARAMS, BitextParams
from studyapp.core.text.bitext_units import AlignUnit

Bead = tuple[tuple[int, ...], tuple[int, ...]]
#: A bead with both sides: its Chinese units, English units, learnable Chinese terms and English keys.
_LearnablePair = tuple[tuple[int, ...], tuple[int, ...], Collection[int], Collection[int]]


def learn_translations(
    chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], translations: list[frozenset[int]],
    beads: list[Bead], params: BitextParams = DEFAULT_PARAMS,
) -> list[frozenset[int]]:
    """Terms left unexplained in the same beads often enough become translations.

    A Chinese term and an English key are learnt when they are both
    unexplained in at least ``learn_count`` beads and in ``learn_dice`` of the
    beads they occur in (Dice coefficient). Returns ``translations`` itself
    when nothing was learnt.
    """
    pairs = _learnable_pairs(chinese, english, beads)
    seen_z = np.bincount(_flat(z_terms for *_, z_terms, _ in pairs), minlength=len(translations))
    seen_e = np.bincount(_flat(e_terms for *_, e_terms in pairs))  # (how often each key, by key)
    width = max(seen_e.size, 1)
    found, together = _unexplained_together(chinese, translations, pairs, seen_z.tolist(), seen_e.tolist(), params, width)
    term, key = np.divmod(found, width)
    learnable = (together >= params.learn_count) & (2 * together >= params.learn_dice * (seen_z[term] + seen_e[key]))
    learnt: dict[int, set[int]] = {}
    for t, k in zip(term[learnable].tolist(), key[learnable].tolist()):
        learnt.setdefault(t, set()).add(k)
    if not learnt:
        return translations
    out = list(translations)
    for t, keys in learnt.items():
        out[t] = out[t] | keys
    return out


def _unexplained_together(
    chinese: Sequence[AlignUnit], translations: list[frozenset[int]], pairs: list[_LearnablePair],
    seen_z: list[int], seen_e: list[int], params: BitextParams, width: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``term * width + key`` found both unexplained in a bead, and in
    how many beads, for the terms and keys seen at least ``learn_count`` times
    and not too differently often.

    Per bead, the keys none of the bead's terms translate and the terms that
    translate none of its keys are found with set operations, then paired in
    ranges of their counts."""
    minimum = params.learn_count
    # Dice >= d needs the commoner of the two at most (2 - d) / d times as common as the other.
    spread = (2 - params.learn_dice) / params.learn_dice
    frequent_z = frozenset(t for t, n in enumerate(seen_z) if n >= minimum)
    frequent_e = frozenset(k for k, n in enumerate(seen_e) if n >= minimum)
    union = frozenset().union
    code = np.int32 if len(translations) * width < 2**31 else np.int64
    batches = [np.zeros(0, dtype=code)]
    found: list[int] = []  # (kept in batches of machine numbers: a long book finds over a million)
    for zs, _es, z_terms, e_terms in pairs:
        if len(found) > 50_000:
            batches.append(np.array(found, dtype=code))
            found.clear()
        lone_e = frequent_e.intersection(e_terms)
        if not lone_e:
            continue
        all_terms = chinese[zs[0]].terms if len(zs) == 1 else [t for i in zs for t in chinese[i].terms]
        lone_e = lone_e.difference(union(*[translations[t] for t in all_terms]))
        if not lone_e:
            continue
        # (a learnable term's translations are never numbers or names: learnable keys suffice)
        ranked = sorted([(seen_z[t], t * width) for t in frequent_z.intersection(z_terms) if translations[t].isdisjoint(e_terms)])
        lows = [n / spread for n, _ in ranked]  # a key counted m times pairs with terms n/spread <= m <= n*spread
        highs = [n * spread for n, _ in ranked]
        for k in lone_e:
            m = seen_e[k]
            found += [tw + k for _, tw in ranked[bisect.bisect_left(highs, m):bisect.bisect_right(lows, m)]]
    batches.append(np.array(found, dtype=code))
    everything = np.concatenate(batches)
    del batches
    if not everything.size:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    everything.sort()  # (in place: np.unique would copy it)
    starts = np.flatnonzero(np.concatenate(([True], everything[1:] != everything[:-1])))
    counts = np.diff(np.append(starts, everything.size))
    return everything[starts].astype(np.int64), counts


def _learnable_pairs(chinese: Sequence[AlignUnit], english: Sequence[AlignUnit], beads: list[Bead]) -> list[_LearnablePair]:
    """``(Chinese units, English units, their learnable Chinese terms, English keys)`` per bead with both sides."""
    z_learnable = [_learnable(u) for u in chinese]
    e_learnable = [_learnable(u) for u in english]
    pairs = []
    for zs, es in beads:
        if zs and es:
            z_terms = z_learnable[zs[0]] if len(zs) == 1 else frozenset().union(*(z_learnable[i] for i in zs))
            e_terms = e_learnable[es[0]] if len(es) == 1 else frozenset().union(*(e_learnable[j] for j in es))
            pairs.append((zs, es, z_terms, e_terms))
    return pairs


def _flat(rows: Iterable[Collection[int]]) -> np.ndarray:
    return np.fromiter(chain.from_iterable(rows), dtype=np.int64)


def _learnable(unit: AlignUnit) -> Collection[int]:
    """The distinct terms of a unit that may be learnt (numbers and names are
    fixed). Tuples, and the unit's own when it can be: a long book has ~80,000
    units, and a frozenset each took three times the memory."""
    terms = unit.terms if not unit.fixed else [t for n, t in enumerate(unit.terms) if not unit.fixed >> n & 1]
    if len(set(terms)) == len(terms):
        return terms if isinstance(terms, tuple) else tuple(terms)
    return tuple(dict.fromkeys(terms))
