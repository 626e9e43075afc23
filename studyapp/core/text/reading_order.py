"""Reading order: the beads of an alignment as the reader shows them.

The aligner returns a chain of beads monotone in both languages. Shown in
that order, each language keeps its file order, always; beads of one
language each (an untranslated English paragraph, a Chinese note) that
stand next to each other are put in file order among themselves, and units
in neither language (code) at their places in the file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from heapq import merge
from itertools import accumulate


@dataclass(frozen=True, slots=True)
class AlignedBead:
    """A bead over a document's units: indices into the unit list."""

    english: tuple[int, ...]
    chinese: tuple[int, ...]


def document_order(chain: list[AlignedBead], alone: list[int]) -> list[AlignedBead]:
    """The beads of a monotone chain in reading order, with the units ``alone``
    (code, text in neither language) at their places.

    Each language keeps its file order, always: only neighbouring beads of one
    language each (an untranslated English paragraph, a Chinese note) are put
    in file order among themselves. Example: units 0 "a." (en), 1 "一一。"
    and 2 "一。" (zh), where "a." pairs with "一。", read 一一。 first::

        >>> document_order([AlignedBead((), (1,)), AlignedBead((0,), (2,))], [])
        [AlignedBead(english=(), chinese=(1,)), AlignedBead(english=(0,), chinese=(2,))]
    """
    ordered: list[AlignedBead] = []
    run: list[AlignedBead] = []
    for bead in chain:
        if bead.english and bead.chinese:
            ordered += _in_file_order(run)
            ordered.append(bead)
            run = []
        else:
            run.append(bead)
    ordered += _in_file_order(run)
    return _with_alone(ordered, alone) if alone else ordered


def with_untranslated(chain: list[AlignedBead], english: Sequence[int] = (), chinese: Sequence[int] = ()) -> list[AlignedBead]:
    """``chain`` (monotone) with each unit of ``english`` and ``chinese`` as a
    bead of one language, where its language's order puts it. Example::

        >>> with_untranslated([AlignedBead((0,), (1,)), AlignedBead((3,), (4,))], chinese=[2])
        [AlignedBead(english=(0,), chinese=(1,)), AlignedBead(english=(), chinese=(2,)), AlignedBead(english=(3,), chinese=(4,))]
    """
    lone_en, lone_zh = sorted(english), sorted(chinese)
    out: list[AlignedBead] = []
    a = b = 0
    for bead in chain:
        while bead.english and a < len(lone_en) and lone_en[a] < bead.english[0]:
            out.append(AlignedBead((lone_en[a],), ()))
            a += 1
        while bead.chinese and b < len(lone_zh) and lone_zh[b] < bead.chinese[0]:
            out.append(AlignedBead((), (lone_zh[b],)))
            b += 1
        out.append(bead)
    out += [AlignedBead((k,), ()) for k in lone_en[a:]] + [AlignedBead((), (k,)) for k in lone_zh[b:]]
    return out


def _with_alone(ordered: list[AlignedBead], alone: list[int]) -> list[AlignedBead]:
    """Each unit of ``alone`` as a bead of its own, just before the first bead that starts after it.

    One pass: the first bead starting after ``k`` is the first place where the
    running maximum of the beads' first units passes ``k``, found by bisection.
    """
    reach = list(accumulate((min(b.english + b.chinese) for b in ordered), max))
    before: dict[int, list[int]] = {}
    for k in sorted(alone):
        before.setdefault(bisect_right(reach, k), []).append(k)
    out: list[AlignedBead] = []
    for n, bead in enumerate([*ordered, None]):
        out += [AlignedBead((k,), ()) for k in before.get(n, ())]
        if bead is not None:
            out.append(bead)
    return out


def _in_file_order(run: list[AlignedBead]) -> list[AlignedBead]:
    """One-language beads merged by position, each language's order kept."""
    english = [b for b in run if b.english]
    chinese = [b for b in run if b.chinese]
    return list(merge(english, chinese, key=lambda b: (b.english or b.chinese)[0]))
