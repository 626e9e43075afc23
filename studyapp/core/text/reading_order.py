"""Reading order: the beads of an alignment as the reader shows them.

The aligner returns a chain of beads monotone in both languages. Shown in
that order, each language keeps its file order, always; beads of one
language each (an untranslated English paragraph, a Chinese note) that
stand next to each other are put in file order among themselves, and units
in neither language (code) at their places in the file.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    for k in sorted(alone, reverse=True):
        at = next((n for n, b in enumerate(ordered) if min(b.english + b.chinese) > k), len(ordered))
        ordered.insert(at, AlignedBead((k,), ()))
    return ordered


def _in_file_order(run: list[AlignedBead]) -> list[AlignedBead]:
    """One-language beads merged by position, each language's order kept."""
    english = [b for b in run if b.english]
    chinese = [b for b in run if b.chinese]
    out = []
    while english and chinese:
        out.append((english if english[0].english[0] < chinese[0].chinese[0] else chinese).pop(0))
    return out + english + chinese
