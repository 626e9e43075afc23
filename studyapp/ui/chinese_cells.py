"""Cells of Chinese text: their classes (ideograph, opening or closing mark,
dash, Latin run, space), what is measured of each (``CellSpec``), where a
line may break between two, and how a line places them one after another
(``CellLine``), each as close to the last as the ruby and punctuation rules of
``cell_layout`` allow. Example::

    >>> text = "他说：“OK。”"
    >>> [(text[start:end], kind) for start, end, kind in cell_spans(text)]
    [('他', 'han'), ('说', 'han'), ('：', 'close'), ('“', 'open'), ('OK', 'other'), ('。', 'close'), ('”', 'close')]
    >>> cells = [CellSpec(0, 1, HAN, 10.0), CellSpec(1, 2, CLOSE, 10.0, 5.0)]
    >>> can_break(*cells), can_break(cells[1], CellSpec(2, 3, HAN, 10.0))
    (False, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.core.text.char_classes import is_han

HAN, OPEN, CLOSE, JOIN, DASH, OTHER, SPACE = "han", "open", "close", "join", "dash", "other", "space"

#: Closing marks may not begin a line; opening marks may not end one (kinsoku).
CLOSING = set("，。、；：？！）」』”’》〉】〕,.;:?!)]}%\u00bb\u203a\uff5e")
OPENING = set("（「『“‘《〈【〔([{\u00ab\u2039")
#: Marks that join two names (马可·波罗): not at the start of a line, never squeezed.
JOINING = set("·・")
#: Dashes and ellipses: a pair (——, ……) is never split, but may begin a line.
DASHES = set("—…")
_LATIN = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'’.-_/&+#@$")


def kind_of(char: str) -> str:
    """The cell class of one character: han, open, close, join, dash, space or other."""
    if is_han(char):
        return HAN
    if char in OPENING:
        return OPEN
    if char in CLOSING:
        return CLOSE
    if char in JOINING:
        return JOIN
    if char in DASHES:
        return DASH
    return SPACE if char.isspace() else OTHER


def cell_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each cell: one per character, one per run of Latin
    letters or digits; newlines are not cells (the cell after one starts a line)."""
    spans: list[tuple[int, int, str]] = []
    k, n = 0, len(text)
    while k < n:
        char = text[k]
        kind = kind_of(char)
        end = k + 1
        if kind == OTHER and (char in _LATIN or char.isalnum()):
            while end < n and (text[end] in _LATIN or (text[end].isalnum() and not is_han(text[end]))):
                end += 1
        if char != "\n":
            spans.append((k, end, kind))
        k = end
    return spans


@dataclass(frozen=True, slots=True)
class CellSpec:
    """A cell to place: ``text[start:end]``, its class and measured widths.

    ``blank`` is the squeezable blank of a full-width mark (the right half of a
    closing mark, the left half of an opening one); ``ruby`` the width of the
    syllable over it (0: none); ``word`` the token it belongs to; ``hard`` that
    a newline comes before it.
    """

    start: int
    end: int
    kind: str
    advance: float
    blank: float = 0.0
    ruby: float = 0.0
    word: int = -1
    hard: bool = False


@dataclass(frozen=True, slots=True)
class Spacing:
    """Room rules, in pixels (``keep_words`` in em)."""

    em: float
    syllable_gap: float = 0.0
    word_gap: float = 0.0
    keep_words: float = 0.12
    push_in: float = 0.15
    max_gap: float = 0.28


@dataclass(frozen=True, slots=True)
class PlacedCell:
    """Where a cell went on its line: its character's (squeezed) advance box,
    the pen position to draw the character at, and its syllable's left edge."""

    glyph_x: float
    glyph_w: float
    draw_x: float
    ruby_x: float


class CellLine:
    """Cells placed left to right from x = 0, each as close as the rules allow."""

    __slots__ = (
        "advances",
        "box_end",
        "boxes",
        "cells",
        "extents",
        "frontier",
        "frontier_word",
        "glyph_end",
        "indices",
        "placed",
        "shifts",
        "spacing",
        "squeezed",
    )

    def __init__(self, cells: Sequence[CellSpec], advances: list[float], shifts: list[float], spacing: Spacing,
                 squeezed: frozenset[int] = frozenset()) -> None:
        self.cells, self.advances, self.shifts, self.spacing = cells, advances, shifts, spacing
        self.squeezed = squeezed  # marks pushed in on this line
        self.indices: list[int] = []
        self.boxes: list[tuple[float, float]] = []  # (x, width) of each cell
        self.placed: list[PlacedCell] = []
        self.extents: list[float] = []  # the line's right edge after each cell
        self.glyph_end = 0.0  # right edge of the last character
        self.box_end = float("-inf")  # right edge of the last cell that is not punctuation
        self.frontier = float("-inf")  # right edge of the last syllable
        self.frontier_word = -2

    @property
    def extent(self) -> float:
        """The right edge of the line's characters (a syllable may overhang it, as at its left edge)."""
        return self.extents[-1] if self.extents else 0.0

    def mark(self) -> tuple[int, float, float, float, int]:
        return (len(self.indices), self.glyph_end, self.box_end, self.frontier, self.frontier_word)

    def rewind(self, mark: tuple[int, float, float, float, int]) -> None:
        size, self.glyph_end, self.box_end, self.frontier, self.frontier_word = mark
        for items in (self.indices, self.boxes, self.placed, self.extents):
            del items[size:]

    def extend(self, indices: Sequence[int]) -> None:
        for k in indices:
            self.place(k)

    def place(self, k: int) -> None:
        cell = self.cells[k]
        advance, shift = self.advances[k], self.shifts[k]
        if k in self.squeezed:
            advance -= cell.blank
            shift -= cell.blank if cell.kind == OPEN else 0.0
        width = max(advance, cell.ruby)
        inset, ruby_inset = (width - advance) / 2, (width - cell.ruby) / 2
        x = self.glyph_end - inset
        solid = cell.kind in (HAN, OTHER)
        if solid:
            x = max(x, self.box_end)
        if cell.ruby > 0:
            gap = self.spacing.syllable_gap if cell.word == self.frontier_word else self.spacing.word_gap
            x = max(x, self.frontier + gap - ruby_inset)
            self.frontier, self.frontier_word = x + ruby_inset + cell.ruby, cell.word
        self.glyph_end = x + inset + advance
        if solid:
            self.box_end = x + width
        self.indices.append(k)
        self.boxes.append((x, width))
        self.placed.append(PlacedCell(x + inset, advance, x + inset + shift, x + ruby_inset))
        self.extents.append(self.glyph_end)


def can_break(before: CellSpec, after: CellSpec) -> bool:
    """May a line end between these two cells?"""
    if after.hard:
        return True
    if before.kind == DASH and after.kind == DASH:
        return False
    return after.kind not in (CLOSE, JOIN) and before.kind != OPEN


def _chinese(cell: CellSpec) -> bool:
    """An ideograph or a full-width mark (between two, a space is an accident of the
    source: markup removed, a line joined)."""
    return cell.kind == HAN or (cell.kind in (OPEN, CLOSE) and cell.blank > 0)



def squeezes(cells: Sequence[CellSpec]) -> tuple[list[float], list[float]]:
    """Advances and pen shifts once two marks in a row lose the blank between them
    and a space between two Chinese characters takes no room."""
    advances = [c.advance for c in cells]
    shifts = [0.0] * len(cells)
    for k, cell in enumerate(cells):
        following = cells[k + 1] if k + 1 < len(cells) else None
        if cell.kind == SPACE and k > 0 and following is not None and not following.hard \
                and _chinese(cells[k - 1]) and _chinese(following):
            advances[k] = 0.0
        if cell.kind == CLOSE and following is not None and following.kind in (CLOSE, OPEN) and not following.hard:
            advances[k] -= cell.blank
        if cell.kind == OPEN and k > 0 and cells[k - 1].kind == OPEN and not cell.hard:
            advances[k] -= cell.blank
            shifts[k] = -cell.blank
    return advances, shifts
